/** Plain-text hygiene for titles, summaries and every other stored string. */
import { load } from 'cheerio';
import { looseSiteName, namesSite } from '../utils/site-name.ts';

// Entities are decoded one distinct token at a time by the HTML parser (full named table,
// numeric rules), but only when written strictly with a semicolon: in text that was already
// decoded once, "&copy" or "&not=" are far more likely literal than legacy entities.
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
const entityCache = new Map<string, string>();

function decodeEntity(entity: string): string {
  let decoded = entityCache.get(entity);
  if (decoded === undefined) {
    decoded = load(`<title>${entity}</title>`)('title').text();
    if (entityCache.size < 2048) entityCache.set(entity, decoded);
  }
  return decoded;
}

/** Decode entities left in already-decoded text, e.g. a double-escaped "Tom &amp; Jerry". */
function decodeEntities(s: string): string {
  return s.replace(ENTITY, decodeEntity);
}

/** Decode leftover entities, drop zero-width noise, collapse whitespace, trim. */
export function cleanText(s: string): string {
  return decodeEntities(s)
    .replace(/[\u200B\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Remove what XML 1.0 cannot carry: C0 controls except tab/LF/CR, lone surrogates, U+FFFE, U+FFFF.
 * Valid surrogate pairs (emoji, rare CJK) are kept.
 */
export function stripXmlInvalid(s: string): string {
  return s.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

/** Separators sites put between an article title and their own name, longest first. */
const SEPARATORS = [' :: ', ' || ', ' | ', ' — ', ' – ', ' - ', ' » ', ' « ', ' · ', ' • ', ' ~ ', ' / ', ': '];
/** Separators that almost never occur inside a headline (unlike dashes and colons). */
const STRONG_SEPARATORS = [' :: ', ' || ', ' | ', ' » ', ' · ', ' • '];
const DASHES = [' — ', ' – ', ' - '];
const DOMAIN = /^(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}$/iu;

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/**
 * A trailing segment that looks like a site or brand name rather than part of the headline:
 * a domain ("example.org"), or a few capitalized words ("Daily Planet", "The New York Times").
 * After a dash, which headlines use too, at most three words (a leading "The" aside).
 */
function looksLikeSiteSegment(segment: string, head: string, dash: boolean): boolean {
  if (words(head).length < 2 || head.length <= segment.length) return false;
  if (DOMAIN.test(segment)) return true;
  const w = words(segment.replace(/^the\s+/i, ''));
  if (segment.length > 40 || w.length === 0 || w.length > (dash ? 3 : 4)) return false;
  if (/[?!.…:;,]$/.test(segment) || /\d/.test(segment)) return false; // "Part 2", questions
  return w.every((word) => !/^\p{Ll}/u.test(word) || (word.length <= 3 && w.length > 1)); // "Voice of America"
}

/** Drop one generic site-like trailing segment, if any. */
function dropGenericSuffix(t: string): string {
  for (const sep of [...STRONG_SEPARATORS, ...DASHES]) {
    const last = t.lastIndexOf(sep);
    if (last <= 0) continue;
    const head = t.slice(0, last).trim();
    const segment = t.slice(last + sep.length).trim();
    if (head !== '' && looksLikeSiteSegment(segment, head, DASHES.includes(sep))) return head;
  }
  return t;
}

/** Drop the site name when it is the title's first or last segment; null when it is not. */
function dropSiteName(t: string, site: string): string | null {
  for (const sep of SEPARATORS) {
    const last = t.lastIndexOf(sep);
    if (last > 0 && namesSite(t.slice(last + sep.length), site)) {
      const head = t.slice(0, last).trim();
      if (head !== '') return head;
    }
    const first = t.indexOf(sep);
    if (first > 0 && namesSite(t.slice(0, first), site)) {
      const rest = t.slice(first + sep.length).trim();
      if (rest !== '') return rest;
    }
  }
  return null;
}

/**
 * Drop a site-name prefix or suffix from a title ("Headline | The BRICS Post" → "Headline").
 * When the site name does not appear, drop at most one short, name-like trailing segment
 * ("Headline - The New York Times"). Never returns an empty title when the input had text.
 */
export function cleanTitle(title: string, siteName?: string | null): string {
  const t = cleanText(title);
  const site = siteName ? cleanText(siteName) : '';
  if (site !== '' && looseSiteName(t) === looseSiteName(site)) return t; // the title is the site name
  return (site !== '' ? dropSiteName(t, site) : null) ?? dropGenericSuffix(t);
}

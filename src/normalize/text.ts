/** Plain-text hygiene for titles, summaries and every other stored string. */
import { load } from 'cheerio';

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
export function decodeEntities(s: string): string {
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
const SEPARATORS = [' :: ', ' | ', ' || ', ' — ', ' – ', ' - ', ' » ', ' « ', ' · ', ' • ', ' ~ ', ' / ', ': '];
/** Separators that are almost never part of a real title; a short trailing segment after one goes. */
const STRONG_SEPARATORS = new Set([' :: ', ' | ', ' || ', ' — ', ' – ', ' » ', ' · ', ' • ']);

/** Loose form of a site name for comparison: "The BRICS Post" ≈ "bricspost" ≈ "www.bricspost.com". */
function looseName(s: string): string {
  return s
    .toLowerCase()
    .replace(/^(?:https?:\/\/)?(?:www\.)?/, '')
    .replace(/\.(?:com|org|net|info|news|co|io)(?:\.[a-z]{2})?\/?$/, '')
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function sameSite(segment: string, siteName: string): boolean {
  const a = looseName(segment);
  const b = looseName(siteName);
  if (a === '' || b === '') return false;
  return a === b || (a.length >= 4 && b.includes(a)) || (b.length >= 4 && a.includes(b));
}

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** A trailing segment that looks like a site or brand name rather than part of the headline. */
function looksLikeSiteSegment(segment: string, head: string): boolean {
  if (segment.length > 40 || words(segment) > 4) return false;
  if (/[?!.…:;,]$/.test(segment)) return false;
  // "Part 2", "Day 3", "2024": numbers belong to the headline, domains ("example.com") do not.
  if (/\d/.test(segment) && !/^[\w-]+(?:\.[\w-]+)+$/.test(segment)) return false;
  return words(head) >= 2 && head.length > segment.length;
}

/**
 * Drop a site-name prefix or suffix from a title ("Headline | The BRICS Post" → "Headline").
 * Without a matching site name, a short trailing segment after a strong separator (" | ", " — ")
 * is dropped too. Never returns an empty title when the input had text.
 */
export function cleanTitle(title: string, siteName?: string | null): string {
  const t = cleanText(title);
  const site = siteName ? cleanText(siteName) : '';
  if (site !== '') {
    if (looseName(t) === looseName(site)) return t; // the title is the site name
    for (const sep of SEPARATORS) {
      const last = t.lastIndexOf(sep);
      if (last > 0 && sameSite(t.slice(last + sep.length), site)) {
        const head = t.slice(0, last).trim();
        if (head !== '') return head;
      }
      const first = t.indexOf(sep);
      if (first > 0 && sameSite(t.slice(0, first), site)) {
        const rest = t.slice(first + sep.length).trim();
        if (rest !== '') return rest;
      }
    }
  }
  for (const sep of SEPARATORS) {
    if (!STRONG_SEPARATORS.has(sep)) continue;
    const last = t.lastIndexOf(sep);
    if (last <= 0) continue;
    const head = t.slice(0, last).trim();
    const segment = t.slice(last + sep.length).trim();
    if (head !== '' && looksLikeSiteSegment(segment, head)) return head;
  }
  return t;
}

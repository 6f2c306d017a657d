// Author byline from the page body, when neither JSON-LD nor meta tags name one.
//   1. Readability's rule (so bylines match Reader View): the first visible element, in document
//      order, with rel=author, an itemprop containing "author", or a class/id like
//      byline|author|dateline|writtenby|p-author, whose text is 1–99 characters; the text of an
//      itemprop=name inside it when there is one.
//   2. A short text that starts with "By"/"Von"/"Par"/… followed by a capitalized name.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { collapse } from './text.ts';

const BYLINE_HINT = /byline|author|dateline|writtenby|p-author/i;
const SKIPPED = new Set(['script', 'noscript', 'style', 'template', 'svg']);

export function extractByline($: CheerioAPI): string | null {
  const root = $.root()[0];
  let found: string | null = null;
  const walk = (node: AnyNode): boolean => {
    if (node.type !== 'tag' && node.type !== 'root') return false;
    if (node.type === 'tag') {
      const el = node as Element;
      if (SKIPPED.has(el.name) || !isProbablyVisible(el)) return false;
      if (isBylineCandidate(el)) {
        const text = visibleText(el).trim();
        if (text.length > 0 && text.length < 100) {
          const nameEl = findDescendant(el, (d) => (d.attribs.itemprop ?? '').includes('name'));
          found = nameEl ? visibleText(nameEl).trim() : text;
          return true;
        }
      }
    }
    for (const child of (node as Element).children) if (walk(child)) return true;
    return false;
  };
  walk(root);
  return found ? collapse(found) || null : bylineFromText($);
}

function isBylineCandidate(el: Element): boolean {
  const a = el.attribs;
  return a.rel === 'author' || (a.itemprop ?? '').includes('author') || BYLINE_HINT.test(`${a.class ?? ''} ${a.id ?? ''}`);
}

function isProbablyVisible(el: Element): boolean {
  const a = el.attribs;
  const style = a.style;
  if (style && (/display\s*:\s*none/i.test(style) || /visibility\s*:\s*hidden/i.test(style))) return false;
  if ('hidden' in a) return false;
  if (a['aria-hidden'] === 'true' && !(a.class ?? '').includes('fallback-image')) return false;
  if (a['aria-modal'] === 'true' && a.role === 'dialog') return false;
  return true;
}

function visibleText(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (node.type !== 'tag') return '';
  const el = node as Element;
  if (SKIPPED.has(el.name)) return '';
  let s = '';
  for (const child of el.children) s += visibleText(child);
  return s;
}

function findDescendant(el: Element, test: (d: Element) => boolean): Element | null {
  for (const child of el.children) {
    if (child.type !== 'tag') continue;
    const c = child as Element;
    if (test(c)) return c;
    const deeper = findDescendant(c, test);
    if (deeper) return deeper;
  }
  return null;
}

const BY_PREFIX =
  /^(?:by|von|par|por|di|door|av|af|autor(?:in)?:?|author:?|written by|posted by|publié par|escrito por)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:(?:de|van|von|der|da|di|del|la|le)\s+)?\p{Lu}[\p{L}.'’-]*){0,3})\s*$/iu;

/** "By Jane Doe" written as plain text in a short element near the top of the article. */
function bylineFromText($: CheerioAPI): string | null {
  const scope = $('article, main, header, [role="main"]').first();
  const elements = (scope.length ? scope : $('body')).find('p, span, div, address, li, em, strong, small, h4, h5, h6');
  let checked = 0;
  for (const el of elements.toArray()) {
    if (++checked > 400) break;
    // Only elements holding text or inline markup: cheap, and the byline is the whole text.
    if (el.children.some((c) => c.type === 'tag' && !INLINE.has((c as Element).name))) continue;
    const text = collapse(visibleText(el));
    if (text.length < 5 || text.length > 60) continue;
    const m = BY_PREFIX.exec(text);
    if (m) return m[1];
  }
  return null;
}

const INLINE = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'time', 'abbr', 'small', 'br']);

/** Separate author names from a byline: drops "By", splits "A, B and C"; keeps "Jane Doe, MD" intact. */
export function splitAuthors(byline: string | null): string[] {
  if (!byline) return [];
  const cleaned = collapse(byline).replace(/^(?:by|von|par|por|di|door|av|af)\s*:?\s+/i, '');
  const parts = cleaned.split(/\s*(?:;|\s&\s|\band\b|\bund\b|\bet\b|\by\b)\s*/i).flatMap((part) => {
    const pieces = part.split(/\s*,\s*/);
    // Commas separate names only when every piece looks like a full name (2+ words).
    return pieces.every((p) => p.split(' ').length >= 2) ? pieces : [part];
  });
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length > 1))];
}

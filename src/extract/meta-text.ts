// Small string helpers shared by the metadata readers.
import { decodeHTML, DecodingMode } from 'entities';
import { repairMojibake } from '../html/mojibake.ts';
import { htmlToText } from '../html/to-text.ts';
import { collapse } from '../utils/text.ts';

/**
 * Decode entities that pages double-escape inside attributes (`&amp;bdquo;` → `„`,
 * `&amp;#8217;` → `’`): every HTML named entity written with its semicolon (the `entities`
 * library's table), then numeric references, so one escaped twice over reads too.
 */
export function unescapeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s
    .replace(/&[a-z][a-z0-9]*;/gi, (entity) => decodeHTML(entity, DecodingMode.Strict))
    .replace(/&#(?:x([0-9a-f]+)|([0-9]+));/gi, (_, hex: string | undefined, dec: string | undefined) => {
      const n = parseInt(hex ?? dec ?? '', hex ? 16 : 10);
      return String.fromCodePoint(n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? 0xfffd : n);
    });
}

// Markup a CMS wrote into a text field (a description cut from the body's first `<p>`, an author
// rendered as the link to their profile): a closing tag, or a tag with a quoted attribute. A tag
// named in prose stays text ("30 Years of <br> Tags", "<table>: The Table element").
const MARKUP = /<\/[a-z][a-z0-9]*\s*>|<[a-z][a-z0-9]*\s+[a-z][\w-]*\s*=\s*["']/i;

/** The text of a metadata value written as HTML; any other value as it is. */
export function withoutMarkup(s: string): string {
  return s.includes('<') && MARKUP.test(s) ? htmlToText(s) : s;
}

export function looksLikeUrl(s: string): boolean {
  // (A site's own path too: Medium's article:author is "/@timoreilly".)
  return /^(?:https?:)?\/\/\S+$/i.test(s.trim()) || /^www\.\S+\.\S+$/i.test(s.trim()) || /^\/[^\s/]\S*$/.test(s.trim());
}

/**
 * A metadata text as readers should see it: entities a page escaped twice decoded once more (JSON-LD
 * and metas alike, as Reader View does), markup written into it read as text, text its CMS encoded
 * to UTF-8 twice read back (html/mojibake.ts), whitespace collapsed.
 */
export function cleanMetaText(v: string | null | undefined): string | null {
  return v ? collapse(repairMojibake(withoutMarkup(unescapeEntities(v)))) || null : null;
}

/** Category names read as written, each once (case aside), without URLs or texts over 80 characters. */
export function uniqueCategories(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = cleanMetaText(raw);
    if (!v || v.length > 80 || looksLikeUrl(v) || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

/**
 * Passes over sanitize-html's output (sanitize.ts), whose shape is known: tags are real tags (a "<"
 * in text is always "&lt;"), attribute values are double-quoted with &, <, > and " escaped.
 */
import { embedTarget } from './embed.ts';

const DROPPED_TAG = /<img \/>|<a(?: [^>]*)?>|<\/a>/g;

/**
 * The <img> and <a> tags sanitize.ts marked to drop by writing them without attributes (kept ones
 * always have a src or href): the image goes, the link leaves its text. One pass over the output.
 */
export function dropMarked(html: string): string {
  if (!html.includes('<img />') && !html.includes('<a>')) return html;
  // Whether each open <a> is dropped, innermost last.
  const open: boolean[] = [];
  return html.replace(DROPPED_TAG, (tag) => {
    if (tag === '<img />') return '';
    if (tag === '</a>') return open.pop() ? '' : tag;
    open.push(tag === '<a>');
    return tag === '<a>' ? '' : tag;
  });
}

const IFRAME_TAG = /<(\/?)iframe\b([^>]*)>/gi;
const ATTRIBUTE = /\s([\w:-]+)="([^"]*)"/g;

/**
 * Player iframes (the only ones left after sanitizing) → a link to the video page. What an iframe
 * encloses is fallback for browsers without frames, never shown by others: it goes too.
 */
export function replaceEmbeds(html: string): string {
  if (!html.includes('<iframe')) return html;
  let out = '';
  let depth = 0;
  let from = 0;
  for (const m of html.matchAll(IFRAME_TAG)) {
    if (m[1]) {
      if (depth === 0) continue; // a stray close tag: dropped with the text around it
      if (--depth === 0) from = m.index + m[0].length;
      continue;
    }
    if (depth++ > 0) continue;
    out += html.slice(from, m.index) + embedLink(m[2]);
    from = m.index + m[0].length;
  }
  // Without its close tag an iframe encloses the rest of the fragment.
  return depth > 0 ? out : out + html.slice(from).replace(/<\/iframe>/gi, '');
}

function embedLink(attrText: string): string {
  const attrs: Record<string, string> = {};
  for (const [, name, value] of attrText.matchAll(ATTRIBUTE)) attrs[name.toLowerCase()] = decodeAttribute(value);
  if (!attrs.src) return '';
  const target = embedTarget(attrs.src);
  const href = escapeAttribute(target.url);
  const label = escapeText(attrs.title?.trim() || target.url);
  if (!target.thumbnail) return `<a href="${href}">${label}</a>`;
  return `<a href="${href}"><img src="${escapeAttribute(target.thumbnail)}" alt="" /><br />${label}</a>`;
}

function decodeAttribute(v: string): string {
  return v.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

const TABLE_TAG = /<(\/?)(table|caption|colgroup|col|thead|tbody|tfoot|tr|td|th)\b[^>]*>/gi;
/** Table parts that hold content: outside a table they become plain blocks. */
const CELL_LIKE = new Set(['td', 'th', 'caption']);

/**
 * Table parts outside any table (content whose root was a table cell, on table-layout sites) are
 * not HTML a reader can place: cells and captions become <div>s, rows, row groups and columns go.
 */
export function unwrapLostTableParts(html: string): string {
  if (!/<(?:t[dhr]|tbody|thead|tfoot|caption|col)\b/i.test(html)) return html;
  let depth = 0;
  return html.replace(TABLE_TAG, (tag, close: string, rawName: string) => {
    const name = rawName.toLowerCase();
    if (name === 'table') {
      depth = close ? Math.max(0, depth - 1) : depth + 1;
      return tag;
    }
    if (depth > 0) return tag;
    if (CELL_LIKE.has(name)) return close ? '</div>' : '<div>';
    return '';
  });
}

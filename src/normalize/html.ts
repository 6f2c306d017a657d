/**
 * Article HTML hygiene: an allowlist sanitizer (sanitize-html) that also makes every URL absolute,
 * turns lazy images into real ones, drops tracking pixels and non-video iframes, turns video players
 * into links (embed.ts), unwraps table parts that lost their table, and removes empty elements;
 * plus `htmlToText` for the plain-text view of the same content.
 */
import sanitizeHtml from 'sanitize-html';
import type { IOptions } from 'sanitize-html';
import { load } from 'cheerio/slim';
import { tokenizer } from '../html/parse.ts';
import { embedTarget } from './embed.ts';
import type { AnyNode } from 'domhandler';

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'section', 'br', 'hr',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'q', 'cite',
  'figure', 'figcaption', 'img', 'a', 'iframe', 'video', 'audio',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup',
  'time', 'abbr', 'span', 'details', 'summary',
];

/** Hosts whose iframes are video/audio players worth keeping. */
const EMBED_HOSTS = [
  'www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com',
  'player.vimeo.com', 'www.dailymotion.com', 'geo.dailymotion.com', 'player.twitch.tv',
  'embed.ted.com', 'w.soundcloud.com', 'open.spotify.com', 'www.loom.com', 'fast.wistia.net',
];

/** Attributes lazy-loading scripts use for the real image URL, best first. */
const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-hi-res-src', 'data-full-src'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset', 'srcset'];

/** Placeholder `src` values lazy loaders put in before swapping in the real image. */
const PLACEHOLDER_SRC = /^data:|^about:|(?:^|[/_.-])(?:blank|spacer|pixel|placeholder|transparent|lazy|loading|grey|gray|empty)[\w-]*\.(?:gif|png|svg|jpe?g)(?:$|\?)/i;

/** Resolve `value` against `base`; null for unparsable or non-http(s)/mailto URLs. */
export function absoluteUrl(value: string | undefined, base: string): string | null {
  if (!value) return null;
  const v = value.trim();
  if (!v) return null;
  try {
    const u = new URL(v, base);
    if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:') return u.href;
  } catch {
    /* unparsable */
  }
  return null;
}

interface SrcsetCandidate {
  url: string;
  /** Width in px (w descriptor) or density × 1000 (x descriptor); 0 when absent. */
  size: number;
}

/** Parse a srcset attribute per the HTML spec's shape (URLs may contain commas). */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  const n = srcset.length;
  while (i < n) {
    while (i < n && (srcset[i] === ',' || /\s/.test(srcset[i]))) i++;
    if (i >= n) break;
    let start = i;
    while (i < n && !/\s/.test(srcset[i])) i++;
    let url = srcset.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      start = i;
      let depth = 0;
      while (i < n && (srcset[i] !== ',' || depth > 0)) {
        if (srcset[i] === '(') depth++;
        else if (srcset[i] === ')') depth--;
        i++;
      }
      descriptor = srcset.slice(start, i).trim();
      i++;
    }
    if (!url) continue;
    const m = /^(\d+(?:\.\d+)?)([wx])$/i.exec(descriptor);
    const size = m ? (m[2].toLowerCase() === 'w' ? Number(m[1]) : Number(m[1]) * 1000) : 0;
    out.push({ url, size });
  }
  return out;
}

/** The largest candidate of a srcset, or null. */
export function largestFromSrcset(srcset: string | undefined): string | null {
  if (!srcset) return null;
  let best: SrcsetCandidate | null = null;
  for (const c of parseSrcset(srcset)) if (!best || c.size > best.size) best = c;
  return best ? best.url : null;
}

/** The real URL of an image element's attributes (lazy-loading aware), relative as written. */
function realImageSrc(attribs: Record<string, string>): string | null {
  for (const a of LAZY_SRC) {
    const v = attribs[a]?.trim();
    if (v && !/^data:/i.test(v)) return v;
  }
  const src = attribs.src?.trim();
  if (src && !PLACEHOLDER_SRC.test(src)) return src;
  for (const a of LAZY_SRCSET) {
    const v = largestFromSrcset(attribs[a]);
    if (v) return v;
  }
  return null;
}

function isTinyDimension(v: string | undefined): boolean {
  if (v === undefined) return false;
  const n = parseFloat(v);
  return Number.isFinite(n) && n <= 2;
}

/** Empty container elements (after sanitizing); repeated so nested empties go too. */
const EMPTY_ELEMENT =
  /<(p|div|section|span|a|em|strong|b|i|u|s|li|ul|ol|dl|dt|dd|blockquote|q|figure|figcaption|h[1-6]|table|thead|tbody|tfoot|tr|caption|pre|code|small|sub|sup|mark|time|abbr|cite|del|ins|details|summary)(?:\s[^>]*)?>(?:\s|&nbsp;|<br\s*\/?>)*<\/\1>/gi;

// State of the transforms below during one sanitizeContent call (synchronous: one at a time).
/** The URL relative links and images resolve against. */
let baseUrl = '';
/** Inside <picture>: the best <source> seen so far, for an <img> lacking its own src. */
let pictureSource: string | null = null;

/** Class tokens kept on <code>/<pre>: a language hint for syntax highlighters. */
const LANGUAGE_CLASS = /^(?:language|lang)-[\w+#.-]+$/;

function languageClass(tagName: string, attribs: Record<string, string>): { tagName: string; attribs: Record<string, string> } {
  const kept = (attribs.class ?? '').split(/\s+/).filter((c) => LANGUAGE_CLASS.test(c));
  return { tagName, attribs: kept.length ? { class: kept.join(' ') } : {} };
}

/**
 * sanitize-html options, built once: the library re-reads options on every call, and building
 * them (closures, glob maps) cost more than sanitizing a short article.
 */
function buildOptions(): IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      iframe: ['src', 'title'],
      video: ['src', 'poster', 'controls', 'width', 'height'],
      audio: ['src', 'controls'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      col: ['span'],
      colgroup: ['span'],
      ol: ['start', 'reversed', 'type'],
      li: ['value'],
      time: ['datetime'],
      abbr: ['title'],
      q: ['cite'],
      blockquote: ['cite'],
      // Only language-* / lang-* tokens reach here (languageClass).
      code: ['class'],
      pre: ['class'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'], video: ['http', 'https'], audio: ['http', 'https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: EMBED_HOSTS,
    disallowedTagsMode: 'discard',
    // The same skipping tokenizer the pages are parsed with (src/html/parse.ts).
    parser: { decodeEntities: true, Tokenizer: tokenizer() } as unknown as IOptions['parser'],
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'svg', 'math', 'button', 'select', 'title', 'head'],
    transformTags: {
      picture: (tagName, attribs) => {
        pictureSource = null;
        return { tagName, attribs };
      },
      source: (tagName, attribs) => {
        const best = largestFromSrcset(attribs.srcset ?? attribs['data-srcset']) ?? attribs.src ?? null;
        if (best && !pictureSource) pictureSource = best;
        return { tagName, attribs };
      },
      img: (tagName, attribs) => {
        const raw = realImageSrc(attribs) ?? pictureSource;
        pictureSource = null;
        const out: Record<string, string> = {};
        const src = absoluteUrl(raw ?? undefined, baseUrl);
        if (src) out.src = src;
        for (const a of ['alt', 'title', 'width', 'height']) if (attribs[a] !== undefined) out[a] = attribs[a];
        return { tagName, attribs: out };
      },
      a: (tagName, attribs) => {
        const out: Record<string, string> = {};
        const href = absoluteUrl(attribs.href, baseUrl);
        if (href) out.href = href;
        if (attribs.title) out.title = attribs.title;
        return { tagName, attribs: out };
      },
      // A player iframe survives sanitizing only to be turned into a link (replaceEmbeds); what
      // it encloses is fallback text for browsers without frames.
      iframe: (tagName, attribs) => {
        const src = absoluteUrl(attribs.src ?? attribs['data-src'], baseUrl);
        const out: Record<string, string> = { src: src ?? '' };
        if (attribs.title) out.title = attribs.title;
        return { tagName, attribs: out, text: '' };
      },
      video: (tagName, attribs) => mediaTransform(tagName, attribs, baseUrl),
      audio: (tagName, attribs) => mediaTransform(tagName, attribs, baseUrl),
      blockquote: (tagName, attribs) => citeTransform(tagName, attribs, baseUrl),
      q: (tagName, attribs) => citeTransform(tagName, attribs, baseUrl),
      code: languageClass,
      pre: languageClass,
    },
    exclusiveFilter: (frame) => {
      const a = frame.attribs;
      if (frame.tag === 'img') return !a.src || isTinyDimension(a.width) || isTinyDimension(a.height);
      if (frame.tag === 'iframe') return !a.src;
      // A link that lost its (unsafe or unparsable) href keeps its text only.
      if (frame.tag === 'a' && !a.href) return 'excludeTag';
      return false;
    },
  };
}

let options: IOptions | undefined;

/**
 * Sanitize article HTML against an allowlist; every link and image becomes absolute against
 * `base`. Output is safe to embed in a feed and contains no empty elements.
 */
export function sanitizeContent(html: string, base: string): string {
  options ??= buildOptions();
  baseUrl = base;
  pictureSource = null;
  let out: string;
  try {
    out = sanitizeHtml(html, options);
  } finally {
    baseUrl = '';
    pictureSource = null;
  }
  out = unwrapLostTableParts(replaceEmbeds(out));
  for (let i = 0; i < 8; i++) {
    const next = out.replace(EMPTY_ELEMENT, '');
    if (next === out) break;
    out = next;
  }
  return out.trim();
}

// The two passes below read sanitize-html's output, whose shape is known: tags are real tags (a
// "<" in text is always "&lt;"), attribute values are double-quoted with &, <, > and " escaped.

const IFRAME_TAG = /<(\/?)iframe\b([^>]*)>/gi;
const ATTRIBUTE = /\s([\w:-]+)="([^"]*)"/g;

/**
 * Player iframes (the only ones left after sanitizing) → a link to the video page. What an iframe
 * encloses is fallback for browsers without frames, never shown by others: it goes too.
 */
function replaceEmbeds(html: string): string {
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
function unwrapLostTableParts(html: string): string {
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

function mediaTransform(tagName: string, attribs: Record<string, string>, base: string) {
  const out: Record<string, string> = { ...attribs };
  const src = absoluteUrl(attribs.src, base);
  if (src) out.src = src;
  else delete out.src;
  const poster = absoluteUrl(attribs.poster, base);
  if (poster) out.poster = poster;
  else delete out.poster;
  return { tagName, attribs: out };
}

function citeTransform(tagName: string, attribs: Record<string, string>, base: string) {
  const cite = absoluteUrl(attribs.cite, base);
  const out: Record<string, string> = {};
  if (cite) out.cite = cite;
  return { tagName, attribs: out };
}

// ---------------------------------------------------------------------------------------------
// Plain text

/** Elements after which text continues on a new line. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'address',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote',
  'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'pre', 'hr',
  'details', 'summary', 'form', 'fieldset', 'center',
]);
/** Blocks separated from their neighbours by a blank line (paragraph-like). */
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'table', 'pre', 'ul', 'ol', 'dl']);
/** Never text: matches what sanitizeContent drops with its content. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'textarea', 'option', 'select', 'button', 'img', 'iframe']);

/** Plain text as HTML: escaped, one `<p>` per paragraph (blank-line separated). */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '').map((p) => `<p>${esc(p)}</p>`).join('');
}

export interface HtmlToTextOptions {
  /** Include <figcaption> text (default true). Article `text` leaves captions out: not prose. */
  captions?: boolean;
}

/**
 * Plain text of an HTML fragment: block elements become line breaks (paragraphs a blank line),
 * table cells are space-separated, runs of whitespace collapse, `<pre>` keeps its line breaks.
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const $ = load(html, null, false);
  return nodesToText($.root()[0].children, options);
}

/** `htmlToText` over already-parsed nodes (saves a parse when the caller holds the tree). */
export function nodesToText(nodes: AnyNode[], options: HtmlToTextOptions = {}): string {
  const captions = options.captions ?? true;
  const parts: string[] = [];
  const walk = (list: AnyNode[], pre: boolean): void => {
    for (const node of list) {
      if (node.type === 'text') {
        parts.push(pre ? node.data : node.data.replace(/\s+/g, ' '));
      } else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
        const name = node.name.toLowerCase();
        if (SKIP.has(name) || (!captions && name === 'figcaption')) continue;
        if (name === 'br') {
          parts.push('\n');
          continue;
        }
        const block = BLOCK.has(name);
        // Markers, resolved at the end: a run of breaks is a blank line if any is a paragraph's.
        const sep = PARAGRAPH.has(name) ? '\u0002' : '\u0001';
        if (block) parts.push(sep);
        if (name === 'td' || name === 'th') parts.push(' ');
        walk(node.children, pre || name === 'pre');
        if (block) parts.push(sep);
      }
    }
  };
  walk(nodes, false);
  return parts
    .join('')
    .replace(/[\u0001\u0002][\u0001\u0002\s]*/g, (run) => (run.includes('\u0002') ? '\n\n' : run.includes('\n\n') ? '\n\n' : '\n'))
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

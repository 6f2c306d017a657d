/**
 * Article HTML hygiene: an allowlist sanitizer (sanitize-html) that also makes every URL absolute,
 * turns lazy images into real ones, drops tracking pixels and non-video iframes, turns video players
 * into links (embed.ts), unwraps table parts that lost their table, and removes empty elements.
 * The plain-text view of the same content is to-text.ts.
 */
import sanitizeHtml from 'sanitize-html';
import type { IOptions } from 'sanitize-html';
import { ZERO_WIDTH } from '../utils/text.ts';
import { absoluteHttpUrl, resolveUrl } from '../utils/url.ts';
import { imageSrc } from './images.ts';
import { dropMarked, replaceEmbeds, unwrapLostTableParts } from './sanitized-passes.ts';
import { tokenizer } from './parse.ts';
import { blockTags, isPhrasingTag } from './to-text.ts';

// Most frequent first: sanitize-html looks each tag up in this list with indexOf.
const ALLOWED_TAGS = [
  'p', 'a', 'span', 'div', 'li', 'br', 'em', 'strong', 'img', 'b', 'i', 'figure', 'figcaption',
  'ul', 'ol', 'h2', 'h3', 'h4', 'h1', 'h5', 'h6', 'blockquote', 'section', 'td', 'tr', 'table',
  'tbody', 'thead', 'th', 'hr', 'dl', 'dt', 'dd', 'q', 'cite', 'iframe', 'video', 'audio',
  'caption', 'colgroup', 'col', 'tfoot', 'pre', 'code', 'kbd', 'samp', 'var', 'u', 's', 'del',
  'ins', 'mark', 'small', 'sub', 'sup', 'time', 'abbr', 'details', 'summary', 'ruby', 'rt', 'rp',
];

/** Hosts whose iframes are video/audio players worth keeping. */
const EMBED_HOSTS = [
  'www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com',
  'player.vimeo.com', 'www.dailymotion.com', 'geo.dailymotion.com', 'player.twitch.tv',
  'embed.ted.com', 'w.soundcloud.com', 'open.spotify.com', 'www.loom.com', 'fast.wistia.net',
];

/** Attributes kept per tag (every other attribute is dropped). */
export const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
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
};

/** Protocols a link in article content may have (images and media: http(s) only, by the allowlist). */
const LINK_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];

/** Resolve `value` against `base`; null for unparsable or non-http(s)/mailto URLs. */
export function absoluteUrl(value: string | undefined, base: string): string | null {
  return resolveUrl(value, base, LINK_PROTOCOLS);
}

function isTinyDimension(v: string | undefined): boolean {
  if (v === undefined) return false;
  const n = parseFloat(v);
  return Number.isFinite(n) && n <= 2;
}

/**
 * Empty container elements (after sanitizing): nothing but whitespace, line breaks and zero-width
 * characters inside. Repeated so nested empties go too.
 */
const EMPTY_ELEMENT = new RegExp(
  '<(p|div|section|span|a|em|strong|b|i|u|s|li|ul|ol|dl|dt|dd|blockquote|q|figure|figcaption|h[1-6]|table|thead|tbody|tfoot|tr|caption|pre|code|small|sub|sup|mark|time|abbr|cite|del|ins|details|summary)' +
    `(?:\\s[^>]*)?>(?:\\s|&nbsp;|<br\\s*\\/?>|[${ZERO_WIDTH}])*<\\/\\1>`,
  'gi',
);

/**
 * What an empty element leaves: nothing for a block; for an inline one, the line break it held
 * (`The result?<span><br></span><b>Less paperwork.</b>`: without it the two runs join), else its
 * whitespace: a space between words, a code line's indent or end (`<span class="w">  </span>`).
 */
function emptyElement(match: string, name: string): string {
  if (!isPhrasingTag(name.toLowerCase())) return '';
  return /<br/i.test(match) ? '<br />' : match.slice(match.indexOf('>') + 1, match.lastIndexOf('<'));
}

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
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'], video: ['http', 'https'], audio: ['http', 'https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: EMBED_HOSTS,
    disallowedTagsMode: 'discard',
    // The same skipping tokenizer the pages are parsed with (src/html/parse.ts).
    parser: { decodeEntities: true, Tokenizer: tokenizer() } as unknown as IOptions['parser'],
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'svg', 'math', 'button', 'select', 'title', 'head'],
    transformTags: { ...attributeTransforms(), ...blocksAsDivs() },
    // DROP: an <img> or <a> to drop is written without attributes and taken out after
    // (dropMarked). This filter cut each out of the output written so far, a copy of the whole
    // output per tag: quadratic, seconds on a page of a thousand anchors.
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  };
}

/**
 * A block the allowlist leaves out (`<article>`, `<header>`, `<aside>`, `<address>`…) becomes a
 * `<div>`: discarding the tag would join its first and last words to the text beside it ("12
 * hours ago</a><article>Nothing new" read "agoNothing").
 */
function blocksAsDivs(): NonNullable<IOptions['transformTags']> {
  return Object.fromEntries(blockTags().filter((t) => !ALLOWED_TAGS.includes(t)).map((t) => [t, () => ({ tagName: 'div', attribs: {} })]));
}

/** Transforms that read their tags' attributes. */
function attributeTransforms(): NonNullable<IOptions['transformTags']> {
  return {
    picture: (tagName, attribs) => {
      pictureSource = null;
      return { tagName, attribs };
    },
    source: (tagName, attribs) => {
      const best = imageSrc(attribs);
      if (best && !pictureSource) pictureSource = best;
      return { tagName, attribs };
    },
    img: (tagName, attribs) => {
      const raw = imageSrc(attribs) ?? pictureSource;
      pictureSource = null;
      const out: Record<string, string> = {};
      const src = absoluteHttpUrl(raw, baseUrl);
      // No image to show, or a tracking pixel: marked to drop (see DROP).
      if (!src || isTinyDimension(attribs.width) || isTinyDimension(attribs.height)) return { tagName, attribs: {} };
      out.src = src;
      for (const a of ['alt', 'title', 'width', 'height']) if (attribs[a] !== undefined) out[a] = attribs[a];
      return { tagName, attribs: out };
    },
    a: (tagName, attribs) => {
      const href = absoluteUrl(attribs.href, baseUrl);
      // A link that lost its (unsafe or unparsable) href keeps its text only: marked (see DROP).
      if (!href) return { tagName, attribs: {} };
      const out: Record<string, string> = { href };
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
  };
}

let options: IOptions | undefined;

/** Tags whose transform (buildOptions) reads their attributes, beyond the allowed ones. */
export function transformedTags(): string[] {
  return Object.keys(attributeTransforms());
}

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
  out = unwrapLostTableParts(replaceEmbeds(dropMarked(out)));
  for (let i = 0; i < 8; i++) {
    const next = out.replace(EMPTY_ELEMENT, emptyElement);
    if (next === out) break;
    out = next;
  }
  return out.trim();
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

/**
 * Reading a listing entry's fields (title, date, summary, image) out of its markup.
 * Shared by configured selectors and automatic detection.
 */
import { imageSrc } from '../html/images.ts';
import { collapse, trimEndWhere } from '../utils/text.ts';
import { readsAsDate } from '../utils/dates/parse.ts';
import { absoluteImageUrl } from './url.ts';
import { isElement, isHeading, textOf, walk, type Element } from './dom.ts';

// ---------- dates ----------

const MONTHS =
  'jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|aug(?:ust|\\.)?|sep(?:t(?:ember)?|\\.)?\\.?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?';
const TIME = '(?:,?\\s+(?:at\\s+)?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4}\\b)?)?';

/** Date-like text as it is commonly written on listings (machine formats, English, numeric, relative). */
const DATE_PATTERNS: RegExp[] = [
  /\b(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/,
  new RegExp(`\\b(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}${TIME}`, 'i'),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+(?:19|20)\\d{2}${TIME}`, 'i'),
  /\b(?:19|20)\d{2}[/.]\d{1,2}[/.]\d{1,2}\b/,
  /\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d{2}\b(?:,?\s+\d{1,2}:\d{2})?/,
  /\b(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?|years?)\s+ago\b/i,
];

/** The first date-like substring of a text, or undefined. */
export function findDateText(text: string): string | undefined {
  let best: { index: number; text: string } | undefined;
  for (const re of DATE_PATTERNS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { index: m.index, text: m[0].trim() };
  }
  return best?.text;
}

const DATE_CLASS = /(?:^|[-_\s])(?:date|dated|time|timestamp|published|pubdate|posted|post-?date|entry-?date|datetime|meta|byline|dateline)(?:$|[-_\s])/i;

/**
 * A date for an entry: `<time datetime>` (or its text), `itemprop=datePublished`, then date-like
 * text in date/meta-classed elements, then anywhere in the entry's own text.
 */
export function dateIn(root: Element, exclude?: string): string | undefined {
  let found: string | undefined;
  let classed: string | undefined;
  walk(root, (el) => {
    if (found) return false;
    if (el.name === 'time') {
      const v = el.attribs.datetime?.trim() || textOf(el);
      if (v) found = v;
      return false;
    }
    const prop = el.attribs.itemprop;
    if (prop && /\bdate(?:Published|Created)\b/.test(prop)) {
      const v = (el.attribs.content ?? el.attribs.datetime)?.trim() || textOf(el);
      if (v) found = v;
      return false;
    }
    if (classed === undefined && DATE_CLASS.test(el.attribs.class ?? '')) {
      const t = textOf(el);
      // English and numeric forms are found inside longer text; other languages' month names and
      // relative dates ("12. März 2024", "vor 3 Stunden") when the element holds little else.
      const d = findDateText(t) ?? (t.length <= 60 && /\d/.test(t) && readsAsDate(t) ? collapse(t) : undefined);
      if (d) classed = d;
    }
  });
  if (found) return found;
  if (classed) return classed;
  let text = textOf(root);
  // Titles such as "The 10/10 review" must not be mistaken for dates.
  if (exclude) text = text.split(exclude).join(' ');
  return findDateText(text);
}

// ---------- images ----------

const SKIP_IMG = /(?:^|[-_\s])(?:avatar|gravatar|icon|logo|emoji|spinner|loader|pixel|spacer|badge|flag)s?(?:$|[-_\s])/i;

/** The real source of an `<img>` (or `<source>`), honouring lazy-loading attributes; absolute. */
export function imageSource(img: Element, base: string): string | undefined {
  const src = imageSrc(img.attribs);
  return (src && absoluteImageUrl(src, base)) ?? undefined;
}

function isDecorative(img: Element): boolean {
  const a = img.attribs;
  if (SKIP_IMG.test(`${a.class ?? ''} ${a.id ?? ''} ${a.alt ?? ''}`)) return true;
  const w = Number(a.width);
  const h = Number(a.height);
  return (a.width !== undefined && w > 0 && w < 40) || (a.height !== undefined && h > 0 && h < 40);
}

function firstSource(kids: Element[], base: string): string | undefined {
  for (const k of kids) {
    if (k.name !== 'source') continue;
    const src = imageSource(k, base);
    if (src) return src;
  }
  return undefined;
}

/** First content image inside an element (or the element itself), skipping avatars, icons and pixels. */
export function imageIn(root: Element, base: string): string | undefined {
  let found: string | undefined;
  walk(root, (el) => {
    if (found) return false;
    if (el.name === 'picture') {
      // The <img> fallback is the most widely supported format; <source> sets only if it has none.
      const kids = el.children.filter(isElement);
      const img = kids.find((k) => k.name === 'img');
      found = (img && !isDecorative(img) && imageSource(img, base)) || firstSource(kids, base);
      return false;
    }
    if (el.name === 'img') {
      if (isDecorative(el)) return false;
      const src = imageSource(el, base);
      if (src) found = src;
      return false;
    }
    if (el.name === 'svg' || el.name === 'noscript') return false;
  });
  return found;
}

// ---------- titles ----------

// "Read more" in the languages of the web: a link's text that is no title, and the end of a summary.
const READ_MORE =
  'weiterlesen|lire la suite|lire plus|leer más|leia mais|leggi tutto|lees meer|czytaj więcej|czytaj dalej|подробнее|читать далее|' +
  'читати далі|devamını oku|läs mer|læs mere|les mer|lue lisää|citește mai mult|číst dále|čítať ďalej|baca selengkapnya|' +
  'selengkapnya|đọc thêm|xem thêm|διαβάστε περισσότερα|اقرأ المزيد|ادامه مطلب|קרא עוד|और पढ़ें|続きを読む|阅读全文|閱讀全文|더보기|llegir més';
// Of them, words that also end sentences ("nicht mehr", "и так далее"): a summary's end only after an ellipsis or before an arrow.
const ENDS_SENTENCES = 'more|mehr|далее|devamı|tovább';
const GENERIC = new RegExp(
  `^(?:read|read more|more|more info|continue|continue reading.*|read more.*|keep reading|read the (?:full )?(?:story|article|post)|read full (?:story|article|post)|full (?:story|article)|view(?: more| post| article| details)?|see more|learn more|details|more details|permalink|link|here|click here|comments?|\\d+ comments?|leave a (?:comment|reply)|no comments(?: yet)?|${ENDS_SENTENCES}|${READ_MORE})$`,
  'iu',
);

/** "Read more", "Continue reading →", "3 comments": anchor texts that are not titles. */
export function isGenericText(text: string): boolean {
  const t = trimEndWhere(text.replace(/^[^\p{L}\p{N}]+/u, ''), /[^\p{L}\p{N}]/u);
  return t.length < 2 || GENERIC.test(t);
}

/** Plain title text: whitespace collapsed, decorative leading/trailing arrows and bullets dropped. */
export function trimDecorations(text: string): string {
  return trimEndWhere(collapse(text).replace(/^[\s»›→•·|:–—-]+/, ''), /[\s»›→•·|–—-]/).trim();
}

/** First heading inside an element (or the element itself), h1–h6. */
export function headingIn(root: Element): Element | undefined {
  let found: Element | undefined;
  walk(root, (el) => {
    if (found) return false;
    if (isHeading(el)) {
      found = el;
      return false;
    }
  });
  return found;
}

/** Image alt text inside an anchor (for image-only links). */
export function imageAltIn(root: Element): string | undefined {
  let alt: string | undefined;
  walk(root, (el) => {
    if (alt) return false;
    if (el.name === 'img') {
      const a = collapse(el.attribs.alt ?? '');
      if (a) alt = a;
    }
  });
  return alt;
}

// ---------- summaries ----------

const SUMMARY_CLASS = /(?:^|[-_\s])(?:summary|excerpt|dek|standfirst|description|desc|lede|abstract|blurb|snippet|synopsis)(?:$|[-_\s])/i;
const BLOCKY = new Set(['div', 'p', 'ul', 'ol', 'li', 'article', 'section', 'header', 'footer', 'figure', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// A summary's closing "Read more" (ENDS_SENTENCES only after an ellipsis or before an arrow).
const ELLIPSIS = '\\[?(?:…|\\.\\.\\.|&hellip;)\\]?';
const TRAILING_MORE = new RegExp(
  `\\s*(?:(?:${ELLIPSIS}\\s*)?(?:read more|continue reading|read the full (?:story|article)|${READ_MORE})\\s*[»›→….]*|${ELLIPSIS}\\s*(?:${ENDS_SENTENCES})\\s*[»›→….]*|(?:${ENDS_SENTENCES})\\s*[»›→]+)\\s*$`,
  'iu',
);

function summaryText(el: Element, title?: string): string | undefined {
  let t = textOf(el).replace(TRAILING_MORE, '').trim();
  if (title && t.startsWith(title)) t = t.slice(title.length).trim();
  if (t.length < 25) return undefined;
  // Meta lines ("Posted on May 3, 2024 by Jane") are not summaries.
  if (t.length < 80 && findDateText(t)) return undefined;
  return t;
}

/** A text element without block children: a summary, not a whole card that happens to be named so. */
function isLeafBlock(root: Element): boolean {
  let leaf = true;
  walk(root, (el) => {
    if (!leaf) return false;
    if (el !== root && BLOCKY.has(el.name)) leaf = false;
  });
  return leaf;
}

/**
 * The entry's teaser: an element classed as summary/excerpt/dek, else the first paragraph of
 * some length that is not the title or a meta line.
 */
export function summaryIn(root: Element, title?: string): string | undefined {
  let classed: string | undefined;
  let para: string | undefined;
  walk(root, (el) => {
    if (classed) return false;
    if (el.name === 'a' && title && collapse(textOf(el)) === title) return false;
    if (isHeading(el) || el.name === 'time' || el.name === 'figure' || el.name === 'figcaption') return false;
    if ((SUMMARY_CLASS.test(el.attribs.class ?? '') || /\bdescription\b/.test(el.attribs.itemprop ?? '')) && isLeafBlock(el)) {
      const t = summaryText(el, title);
      if (t) classed = t;
      return false;
    }
    if (el.name === 'p') {
      if (para === undefined) para = summaryText(el, title);
      return false;
    }
  });
  return classed ?? para;
}

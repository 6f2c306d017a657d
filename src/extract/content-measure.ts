/**
 * One post-order pass that measures every element (text, link text, commas, paragraph/image/list
 * counts), and the class/id weight. Scoring and cleanup read these instead of rescanning subtrees.
 */
import type { Element, ParentNode } from 'domhandler';
import { isElement, isSpace } from './content-dom.ts';
import { NEGATIVE, POSITIVE } from './content-patterns.ts';
import { collapsedLength } from '../utils/text.ts';

const BLOCK_CHILD = new Set([
  'blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul', 'section', 'article',
  'figure', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'main', 'form', 'hr',
]);

/** The least text a link around blocks needs to be a card (a title and its summary), not a linked title. */
const CARD_TEXT = 100;

/** Per-element measurements from one pass. */
export interface Stats {
  /** Collapsed text length. */
  text: number;
  /** Text length inside links. */
  link: number;
  /** Of `link`, the text of links that wrap blocks (a card: title, summary, "Learn more" in one link). */
  card: number;
  commas: number;
  p: number;
  img: number;
  li: number;
  input: number;
  embed: number;
  /** True when the element has block-level element children. */
  hasBlock: boolean;
  /** True when the element is or contains <article>, <main> or a schema.org articleBody. */
  hasArticle: boolean;
  /** Position in post-order: for two elements neither of which contains the other, document order. */
  order: number;
}

/** Elements whose text is not page text (scripts, styles, templates). */
const NO_TEXT = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'textarea', 'select', 'option']);

/**
 * Length with whitespace runs counted once (leading whitespace not at all), and the comma count.
 * Whitespace is `\s`'s, as `cleanText` reads it. Most of a page's text nodes are indentation
 * between tags: `trim` (native) disposes of those, and `collapsedLength`'s pattern finds the few
 * runs left inside the text, faster than a loop over every character.
 */
function scanText(s: string, into: { text: number; commas: number }): void {
  const t = s.trim();
  if (t.length === 0) return;
  // A trailing run counts once: the space before the next node's text.
  into.text += collapsedLength(t) + (t.length !== s.length && isSpace(s.charCodeAt(s.length - 1)) ? 1 : 0);
  into.commas += count(t, ',');
  // ，(U+FF0C) 、(U+3001) ،(U+060C): `indexOf` of a two-byte unit in a one-byte string returns at once.
  into.commas += count(t, '\uff0c') + count(t, '\u3001') + count(t, '\u060c');
}

function count(s: string, unit: string): number {
  let n = 0;
  for (let i = s.indexOf(unit); i >= 0; i = s.indexOf(unit, i + 1)) n++;
  return n;
}

/** The least text of an article's lead (content-lead.ts): a sentence. */
export const LEAD_MIN_TEXT = 30;

/** Class/id of an article's lead (standfirst, dek, intro, chapô, Vorspann, subheadline). */
const LEAD = /(?:^|[\s_-])(?:lead|lede|standfirst|dek|abstract|intro(?:-?text)?|sub-?(?:headline|title|heading)|chapo|chapeau|vorspann|excerpt|teaser(?:-?text)?|tease)(?:$|[\s_-])/i;

/** Whether the schema.org item `el` describes (its nearest itemscope) is an article or a post. */
function describesArticle(el: Element): boolean {
  for (let p = el.parent; p && p.type !== 'root'; p = p.parent) {
    const a = (p as Element).attribs;
    if (a && 'itemscope' in a) return /Article|Posting/.test(a.itemtype ?? '');
  }
  return false;
}

/** What a measuring pass collects besides the stats (see `measure`). */
export interface MeasureExtras {
  /** Receives the elements named like an article's lead that hold enough text for one (see content-lead.ts). */
  leads?: Element[];
  /** Receives the <noscript> elements (not measured; see content-noscript.ts). */
  noscripts?: Element[];
}

/** Measure every element under `root` (post-order). Link text counts once, at each ancestor. */
export function measure(root: ParentNode, stats: Map<Element, Stats>, extras: MeasureExtras = {}): Stats {
  const { leads, noscripts } = extras;
  const total = noCounts();
  for (const c of root.children) {
    if (c.type === 'text') {
      scanText(c.data, total);
      continue;
    }
    if (!isElement(c)) continue;
    if (NO_TEXT.has(c.name)) {
      if (noscripts && c.name === 'noscript') noscripts.push(c);
      continue;
    }
    const s = measure(c, stats, extras);
    s.order = stats.size;
    const name = c.name;
    // Only text enough for a lead is tested (pruning only takes text away): most elements have
    // less, and the name pattern was half of this pass's time.
    if (leads && s.text >= LEAD_MIN_TEXT) {
      if ((c.attribs.class && LEAD.test(c.attribs.class)) || (c.attribs.id && LEAD.test(c.attribs.id))) leads.push(c);
      else if (name === 'h2' && (c.parent as Element | null)?.name === 'hgroup') leads.push(c);
      // schema.org's description of the article (not of a picture in it) on the page's own lead.
      else if (c.attribs.itemprop === 'description' && name !== 'meta' && describesArticle(c)) leads.push(c);
    }
    if (name === 'a') {
      s.link = s.text;
      if (s.hasBlock && s.text >= CARD_TEXT) s.card = s.text;
    }
    if (name === 'p') s.p++;
    else if (name === 'img') s.img++;
    else if (name === 'li') s.li++;
    else if (name === 'input') s.input++;
    else if (name === 'iframe' || name === 'video' || name === 'object' || name === 'embed') s.embed++;
    else if (name === 'article' || name === 'main' || c.attribs.itemprop === 'articleBody') s.hasArticle = true;
    stats.set(c, s);
    addCounts(total, s);
    if (BLOCK_CHILD.has(name)) total.hasBlock = true;
    if (s.hasArticle) total.hasArticle = true;
  }
  return total;
}

/** Stats of nothing: counts at zero. */
export function noCounts(): Stats {
  return { text: 0, link: 0, card: 0, commas: 0, p: 0, img: 0, li: 0, input: 0, embed: 0, hasBlock: false, hasArticle: false, order: 0 };
}

/**
 * Take `s`'s counts (a removed block's) out of `from`'s, in place; `link` and `card` as they
 * counted in `from` (inside a link, all of the block's text was link text). Returns `from`.
 */
export function subtractCounts(from: Stats, s: Stats, link = s.link, card = s.card): Stats {
  from.text -= s.text;
  from.link -= link;
  from.card -= card;
  from.commas -= s.commas;
  from.p -= s.p;
  from.img -= s.img;
  from.li -= s.li;
  from.input -= s.input;
  from.embed -= s.embed;
  return from;
}

/** Add `s`'s counts (text, links, paragraphs…) to `into`'s; the flags are the caller's to set. Returns `into`. */
export function addCounts(into: Stats, s: Stats): Stats {
  into.text += s.text;
  into.link += s.link;
  into.card += s.card;
  into.commas += s.commas;
  into.p += s.p;
  into.img += s.img;
  into.li += s.li;
  into.input += s.input;
  into.embed += s.embed;
  return into;
}

export function linkDensity(s: Stats | undefined): number {
  return s && s.text > 0 ? s.link / s.text : 0;
}

/** Text outside links: the prose a block holds. */
export function proseLength(s: Stats | undefined): number {
  return s ? s.text - s.link : 0;
}

/**
 * CSS utility classes that clip a box's overflow: layout, not a hidden or chrome block. In any
 * atomic-CSS dialect: Tailwind's `overflow-hidden` and `md:overflow-x-hidden`, Panda's
 * `overflow_hidden`, a design system's prefixed `ds-overflow_hidden`.
 */
const CLIP_CLASS = /(?:^|\s)\S*overflow[-_](?:[xy][-_])?hidden(?=\s|$)/g;

/**
 * Readability's class/id weight: +25 for article-ish names, −25 for chrome-ish ones. `layout`:
 * clipping utility classes ("overflow-hidden") are not read as "hidden" (the cleanup's view).
 */
export function classWeight(el: Element, layout = false): number {
  let w = 0;
  const c = layout ? el.attribs.class?.replace(CLIP_CLASS, ' ') : el.attribs.class;
  const id = el.attribs.id;
  if (c) {
    if (NEGATIVE.test(c)) w -= 25;
    if (POSITIVE.test(c)) w += 25;
  }
  if (id) {
    if (NEGATIVE.test(id)) w -= 25;
    if (POSITIVE.test(id)) w += 25;
  }
  return w;
}

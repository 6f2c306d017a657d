/**
 * The shape of a block (step 5 of content.ts, with content-clean.ts): Readability's conditional
 * cleaning, which removes blocks whose measurements say they are not prose.
 */
import type { Element, ParentNode } from 'domhandler';
import { siteOf } from '../list/url.ts';
import { cleanLength, cleanText, HEADING_TAGS as HEADING, hasAncestor, inRunningText, isElement, removeBlock, soleElement } from './content-dom.ts';
import type { Stats } from './content-measure.ts';
import { beginRemovals, endRemovals } from './content-remove.ts';
import { addCounts, classWeight, linkDensity, noCounts, proseLength, subtractCounts } from './content-measure.ts';
import { boilerplateLine } from './content-patterns.ts';
import { isDataTable, wrapsDataTable } from './content-tables.ts';
import { isTrailingMarker } from './content-trailing.ts';

const CONDITIONAL = new Set(['div', 'section', 'table', 'ul', 'ol', 'dl', 'form', 'aside', 'header', 'footer']);
const LIST = new Set(['ul', 'ol', 'dl']);
export const FIGURE = new Set(['figure', 'picture']);
const LINE_TAGS = new Set(['p', 'div', 'span', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'a', 'em', 'section', 'ul', 'small']);

/** Link density past which a block that is not a list goes: on an article, on other pages. */
const [ARTICLE_LINKS, NOT_ARTICLE_LINKS] = [0.2, 0.5];

/**
 * Readability's conditional cleaning (bottom-up): a block goes when its shape says it is not
 * prose — more list items than paragraphs, many images and little text, heavy links, forms.
 * Plus short boilerplate lines ("Follow us on:", "Advertisement"). Never judged by shape: the
 * chosen blocks themselves (`top`), any block holding `bulk` text or more, and a thread's post
 * texts (`posts`: a one-line reply is a post). Returns what went under `parent`.
 */
export function cleanConditionally(parent: ParentNode, stats: Map<Element, Stats>, bulk: number, notArticle: boolean, site: string, top = true, posts: ReadonlySet<Element> | null = null): Stats | null {
  // (No closures here: this runs once per element, and a closure per call cost a measurable share.)
  let gone: Stats | null = null;
  const batch = beginRemovals(parent);
  for (const c of [...parent.children]) {
    if (!isElement(c)) continue;
    if (FIGURE.has(c.name) || c.name === 'pre' || c.name === 'code' || c.name === 'blockquote') continue;
    // A heading's inner blocks (`<h3><div>It's flexible</div></h3>`) are its text, not blocks to judge.
    const inner = HEADING.has(c.name) ? null : cleanConditionally(c, stats, bulk, notArticle, site, false, posts);
    // Inside a link, all of a block's text was link text (as pruning counts it: content.ts dropFrom).
    if (inner && c.name === 'a') inner.link = inner.text;
    const s = stats.get(c);
    if (!c.parent || !s) {
      if (inner) gone = addCounts(gone ?? noCounts(), inner);
      continue;
    }
    // Where lists stay (notArticle), a "Related" heading stays for the trailing cut to find.
    if (LINE_TAGS.has(c.name) && s.text <= 60 && s.img === 0 && !(notArticle && isTrailingMarker(c))) {
      const t = cleanText(c);
      if (t === '' ? s.embed === 0 && !HEADING.has(c.name) : boilerplateLine(t) && !inRunningText(c)) {
        removeBlock(c);
        gone = addCounts(gone ?? noCounts(), s);
        continue;
      }
    }
    if (
      !top && s.text < bulk && CONDITIONAL.has(c.name) && !posts?.has(c) && !wrapsDataTable(c, stats) && shouldRemove(c, s, notArticle, site, stats) &&
      !(inner && savedByWhatIsLeft(c, s, inner, notArticle, site, stats)) && !wrapsUnjudged(c, stats)
    ) {
      removeBlock(c);
      gone = addCounts(gone ?? noCounts(), s);
    } else if (inner) gone = addCounts(gone ?? noCounts(), inner);
  }
  endRemovals(parent, batch);
  return gone;
}

/**
 * Whether what is left of a block, once `gone` went from inside it, is prose its shape keeps (as
 * Readability judges the tree it is cleaning, and as pruning keeps the measurements true): a
 * section whose list of links went, judged by its paragraphs. It only ever saves a block: a
 * comment that lost its signature line is judged as measured, whole.
 */
function savedByWhatIsLeft(el: Element, measured: Stats, gone: Stats, notArticle: boolean, site: string, stats: Map<Element, Stats>): boolean {
  const left = subtractCounts({ ...measured }, gone);
  return left.p > 0 && proseLength(left) >= KEPT_PROSE && !shouldRemove(el, left, notArticle, site, stats);
}
/** The prose a block needs left to be judged on it: a sentence or two. */
const KEPT_PROSE = 80;
/** Text outside links of one sentence ("The discovery was announced in an article published in"). */
const SENTENCE = 40;

/**
 * A wrapper whose only text is one block that shape never judges, directly or through more such
 * wrappers, beside a copy button at most: a code block (`<div class="highlight"><pre>npm i
 * x</pre><button>…</button></div>`: "pip install yapapi"), or a quotation that is not a link
 * card (an embedded post in `<div class="social-media-embed">`, whose class and links would
 * condemn it; WordPress's embed of another story is one link).
 */
export function wrapsUnjudged(el: Element, stats: Map<Element, Stats>): boolean {
  let only: Element | null = null;
  for (const n of el.children) {
    if (n.type === 'text' && n.data.trim() !== '') return false;
    if (!isElement(n) || !stats.get(n)?.text) continue;
    if (only) return false;
    only = n;
  }
  if (!only) return false;
  if (only.name === 'pre') return true;
  if (only.name === 'blockquote') return linkDensity(stats.get(only)) < 0.5;
  return (only.name === 'div' || only.name === 'section') && wrapsUnjudged(only, stats);
}

function shouldRemove(el: Element, s: Stats, notArticle: boolean, site: string, stats: Map<Element, Stats>): boolean {
  if (el.name === 'table' && isDataTable(el, s)) return false;
  const weight = classWeight(el, true);
  if (weight < 0 && s.p < 3 && s.img === 0) return true;
  if (s.commas >= 10) return false;
  const isList = LIST.has(el.name) || (s.li > 0 && s.text > 0 && s.p === 0 && s.li >= 3 && linkDensity(s) < 0.5);
  const ld = notArticle && s.text > 0 ? (s.link - s.card) / s.text : linkDensity(s);
  const inFigure = hasAncestor(el, FIGURE, 4);
  if (s.img > 1 && s.p / s.img < 0.5 && !inFigure) return s.text < 200;
  if (!isList && s.li - 100 > s.p) return true;
  if (s.input > Math.floor(s.p / 3)) return true;
  // A wrapper of one paragraph is that paragraph (Readability puts the <p> in its place), never judged short.
  if (!isList && s.text < 25 && (s.img === 0 || s.img > 2) && !inFigure && s.embed === 0 && !mostlyHeading(el) && soleElement(el, true)?.name !== 'p') return true;
  if (!isList && weight < 25 && ld > (notArticle ? NOT_ARTICLE_LINKS : ARTICLE_LINKS) && !(ld < 0.5 && proseLength(s) >= SENTENCE && (wrapsParagraph(el) || proseWithLinkLines(el, s, stats)))) return true;
  if (weight >= 25 && ld > 0.5) return true;
  if (isList && ld > 0.5 && !notArticle && !offSiteList(el, s.li, site) && !statementList(el, stats)) return true;
  if ((s.embed === 1 && s.text < 75) || s.embed > 1) return s.text < 75 && s.embed > 1;
  return false;
}

/**
 * A block that is one paragraph in wrappers (a page builder's card per paragraph): a sentence
 * with a link in it is prose there, as it is in a bare paragraph.
 */
function wrapsParagraph(el: Element): boolean {
  const only = soleElement(el, true);
  return !!only && (only.name === 'p' || ((only.name === 'div' || only.name === 'section') && wrapsParagraph(only)));
}

/**
 * A block whose links are all lines of their own, beside prose paragraphs: a list entry's review
 * next to its picture, then "Read the full review" and "Compare deals". The link lines are judged
 * as lines (the boilerplate pass), and the block by its paragraphs, as a bare paragraph would be.
 * A teaser's link is its title (a heading), not a line of its own, and the teaser still goes.
 */
function proseWithLinkLines(el: Element, s: Stats, stats: Map<Element, Stats>): boolean {
  let prose = 0;
  let linkLines = 0;
  const walk = (p: Element): void => {
    for (const c of p.children) {
      if (!isElement(c)) continue;
      const cs = stats.get(c);
      if (!cs) continue;
      if (c.name === 'p') {
        const ld = linkDensity(cs);
        if (ld < ARTICLE_LINKS) prose += proseLength(cs);
        else if (ld >= 0.9) linkLines += cs.link;
      } else if (c.name === 'div' || c.name === 'section') walk(c);
    }
  };
  walk(el);
  return prose >= KEPT_PROSE && linkLines >= s.link * 0.9;
}

/** A short block that is mostly a heading (a section's header), by Readability's heading density. */
export function mostlyHeading(el: Element): boolean {
  const all = cleanLength(el);
  let headings = 0;
  const walk = (p: Element): void => {
    for (const c of p.children) if (isElement(c)) HEADING.has(c.name) ? (headings += cleanLength(c)) : walk(c);
  };
  walk(el);
  return all > 0 && headings >= all * 0.9;
}

/** Text of its own (outside links) an item needs to say something about its links. */
const STATEMENT = 15;

/**
 * A list whose items say something about their links ("Official website: …", "Read my review
 * here."), not a list of links (titles, with a date or a count at most): two thirds of its items
 * hold STATEMENT characters outside links, a fifth of their text ("This resort is on my lists of
 * the [best …], the [most …] and [the …].").
 */
function statementList(list: Element, stats: Map<Element, Stats>): boolean {
  let items = 0;
  let statements = 0;
  for (const li of list.children) {
    if (!isElement(li) || li.name !== 'li') continue;
    items++;
    const s = stats.get(li);
    const own = proseLength(s);
    if (s && own >= STATEMENT && own * 5 >= s.text) statements++;
  }
  return items >= 2 && statements * 3 >= items * 2;
}

/** Text per item from which a list of links reads as entries of the article (names, titles), not a menu. */
const ENTRY_TEXT = 30;

/**
 * Whether a list (`items` items) links mostly to other sites, with entries of some length: the
 * article's sources, products or recommendations. A site's related posts and menus link to itself.
 */
function offSiteList(list: Element, items: number, site: string): boolean {
  if (!site || items < 2 || cleanLength(list) / items < ENTRY_TEXT) return false;
  let all = 0;
  let off = 0;
  const walk = (p: ParentNode): void => {
    for (const c of p.children) {
      if (!isElement(c)) continue;
      if (c.name !== 'a') {
        walk(c);
        continue;
      }
      const n = cleanLength(c);
      all += n;
      const host = /^(?:https?:)?\/\/([^/:?#\s]+)/i.exec(c.attribs.href ?? '')?.[1];
      if (host && siteOf(host.toLowerCase()) !== site) off += n;
    }
  };
  walk(list);
  return all > 0 && off >= all * 0.8;
}

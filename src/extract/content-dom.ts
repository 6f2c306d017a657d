/**
 * Small, allocation-light helpers over the domhandler tree cheerio builds. The content extractor
 * walks nodes directly instead of going through cheerio selections: one pass computes what it
 * needs for every element, so scoring never rescans subtrees.
 */
import { Element, Text, type AnyNode, type ParentNode } from 'domhandler';
import { isBlockTag, isPhrasingTag } from '../html/to-text.ts';
import { pushAll } from '../utils/arrays.ts';
import { collapseSpace } from '../utils/text.ts';
import { detach, relink, replaceNode } from './content-remove.ts';

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/**
 * Remove a block the cleaner dropped. Between two runs of text it leaves a `<br>`: the line break
 * the block made on the page (sites put `<div class="spacer"></div>` or a dropped widget between
 * paragraphs of bare text), so the runs are not glued into one. So does inline markup holding
 * only a `<br>` (`The result?<span><br></span><b>Less paperwork.</b>`, as editors paste it), and
 * inline markup holding only a space leaves the space (`intellect<strong> </strong>ensorcells`).
 */
export function removeBlock(el: Element): void {
  const parent = el.parent;
  if (!parent) return;
  const block = isBlockTag(el.name);
  let stand: AnyNode | null = null;
  if (block || findDescendant(el, (d) => d.name === 'br')) {
    if (runsOn(el, 'prev') && runsOn(el, 'next')) stand = new Element('br', {});
    if (stand && block) blockBreaks.add(stand);
  } else {
    // Nested markup goes inside out, so the space is kept whether or not text is beside it yet.
    const text = textOf(el);
    if (!/\S/.test(text) && /\s/.test(text)) stand = new Text(' ');
  }
  if (!stand) return detach(el);
  replaceNode(el, stand);
}

/**
 * The `<br>`s that stand for a removed block: a paragraph ends there (excerpt.ts), where a `<br>`
 * of the page's own only breaks a line.
 */
const blockBreaks = new WeakSet<AnyNode>();
export const standsForBlock = (n: AnyNode): boolean => blockBreaks.has(n);

/**
 * How many blank text nodes `siblingPastBlank` looks past. The parser joins adjacent text, so
 * blank nodes line up only where the cleaner removed the elements between them, and what lies
 * past dozens of removed elements is not beside this one. Unbounded, a walk removing 20,000
 * inline elements in a row looked back past every one it had removed, for each: seconds.
 */
const MAX_BLANKS = 64;

/** The sibling before/after `el`, past blank text; null when markup comes first or the blanks run on. */
function siblingPastBlank(el: Element, side: 'prev' | 'next'): AnyNode | null {
  let n = el[side];
  for (let blanks = 0; n && n.type === 'text' && !/\S/.test(n.data); blanks++) {
    if (blanks === MAX_BLANKS) return null;
    n = n[side];
  }
  return n;
}

/** Whether the sibling before/after `el` (past blank text) is text or inline markup. */
function runsOn(el: Element, side: 'prev' | 'next'): boolean {
  const n = siblingPastBlank(el, side);
  return !!n && (n.type === 'text' || (n.type === 'tag' && n.name !== 'br' && isPhrasingTag(n.name)));
}

/**
 * Whether inline markup sits inside a sentence: words run on after it, or run up to it without a
 * sentence's end ("or <a>email</a> us", "follow us on <a>Twitter</a>"). A word there is the
 * sentence's, not a "Share" or "Email" line of chrome; a "Read more" after a full stop or an
 * ellipsis is the teaser's link.
 */
export function inRunningText(el: Element): boolean {
  return isPhrasingTag(el.name) && (wordsAfter(el) || wordsBefore(el));
}

/** Whether words run up to `el` without a sentence's end and on after it: it is inside a sentence. */
export function withinSentence(el: Element): boolean {
  return wordsBefore(el) && wordsAfter(el);
}

function wordsBefore(el: Element): boolean {
  const t = textBeside(el, 'prev') ?? '';
  return WORD.test(t) && !SENTENCE_END.test(t);
}

const wordsAfter = (el: Element): boolean => WORD.test(textBeside(el, 'next') ?? '');

const WORD = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[.!?…]["'”’»)]*\s*$/;

/** The nearest non-blank text node's text on one side of `el`, or null when markup comes first. */
function textBeside(el: Element, side: 'prev' | 'next'): string | null {
  const n = siblingPastBlank(el, side);
  return n && n.type === 'text' ? n.data : null;
}

/** Concatenated text of a subtree (raw, uncollapsed). */
function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node) && node.type !== 'root') return '';
  // A line break parts the words on either side ("Don't miss<br>Plague…" is not "missPlague").
  if ((node as Element).name === 'br') return ' ';
  let out = '';
  for (const c of (node as ParentNode).children) out += textOf(c);
  return out;
}

/** The first element under `el` (depth first, in document order) that passes `test`; scripts and styles are not entered. */
export function findDescendant(el: Element, test: (d: Element) => boolean): Element | null {
  for (const child of el.children) {
    if (child.type !== 'tag') continue;
    const c = child as Element;
    if (test(c)) return c;
    const deeper = findDescendant(c, test);
    if (deeper) return deeper;
  }
  return null;
}

/**
 * The nodes under `el` a screen reader reads: without subtrees marked `aria-hidden="true"` that
 * hold words. An animated heading splits its words into hidden spans (a copy per screen size)
 * beside one copy for readers; read whole, it gives every copy run together. A hidden dash or
 * icon between words is what sighted readers see, and stays. Without such subtrees: `[el]`.
 */
export function readNodes(el: Element): AnyNode[] {
  const hiddenWords = (d: Element): boolean => d.attribs['aria-hidden'] === 'true' && WORD.test(textOf(d));
  if (!findDescendant(el, hiddenWords)) return [el];
  const out: AnyNode[] = [];
  const walk = (nodes: AnyNode[]): void => {
    for (const n of nodes) {
      if (!isElement(n)) out.push(n);
      else if (hiddenWords(n)) continue;
      else if (findDescendant(n, hiddenWords)) walk(n.children);
      else out.push(n);
    }
  };
  walk(el.children);
  return out;
}

/** Whitespace-collapsed, trimmed text. */
export function cleanText(node: AnyNode): string {
  return collapseSpace(textOf(node)).trim();
}

/** Whether a UTF-16 unit is whitespace as regular expressions' `\s` (and `trim`) read it. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `cleanText(node).length`, counted without building the text. */
export function cleanLength(node: AnyNode): number {
  const count = { n: 0, gap: false };
  countClean(node, count);
  return count.n;
}

/** cleanLength's walk (a function of its own, not a closure made per call: it is called per block). */
function countClean(x: AnyNode, count: { n: number; gap: boolean }): void {
  if (x.type === 'text') {
    const d = x.data;
    for (let i = 0; i < d.length; i++) {
      if (isSpace(d.charCodeAt(i))) {
        count.gap = count.n > 0;
      } else {
        if (count.gap) count.n++;
        count.gap = false;
        count.n++;
      }
    }
  } else if (isElement(x) && x.name === 'br') {
    count.gap = count.n > 0;
  } else if (isElement(x) || x.type === 'root') {
    for (const c of (x as ParentNode).children) countClean(c, count);
  }
}

export function hasAncestor(node: AnyNode, names: Set<string>, maxDepth = 50): boolean {
  let p = node.parent;
  for (let d = 0; p && d < maxDepth; d++, p = p.parent) {
    if (isElement(p) && names.has(p.name)) return true;
  }
  return false;
}

/** Class and id of an element as one lowercase string ("" when neither). */
export function classAndId(el: Element): string {
  const c = el.attribs.class;
  const id = el.attribs.id;
  if (!c && !id) return '';
  return `${c ?? ''} ${id ?? ''}`.toLowerCase();
}

/** Whether `node` lies inside `ancestor` (not the same node). */
export function contains(ancestor: Element, node: AnyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** The element children of `p`. */
export function elementChildren(p: ParentNode): Element[] {
  return p.children.filter(isElement);
}

/**
 * The only element child of `p` (text beside it aside), or null when it has none or several; with
 * `bare`, null also when text other than whitespace stands beside it.
 */
export function soleElement(p: ParentNode, bare = false): Element | null {
  let only: Element | null = null;
  for (const n of p.children) {
    if (isElement(n)) {
      if (only) return null;
      only = n;
    } else if (bare && n.type === 'text' && n.data.trim() !== '') return null;
  }
  return only;
}

/** h1–h6 by their rank (1–6); anything else ranks below every heading. */
const headingRank = (n: AnyNode): number => (isElement(n) && /^h[1-6]$/.test(n.name) ? Number(n.name[1]) : 7);

/**
 * Whether the section a trailing heading (`marker`, "Recommended courses:") opens ends before its
 * container does: a later sibling heading outranks it and has the rank of one before it, so the
 * article's own outline goes on (an h2 after an h5, where the sections before were h2s too).
 * `isMarker` tells a heading that itself ends the article ("Comments").
 */
export function outranked(marker: Element, before: AnyNode[], after: AnyNode[], isMarker: (el: Element) => boolean): boolean {
  const outline = new Set(before.map(headingRank).filter((r) => r < headingRank(marker)));
  return after.some((n) => outline.has(headingRank(n)) && !isMarker(n as Element));
}

/** Loose text a run needs to become a paragraph (what scoring counts as one). */
const LOOSE_RUN = 25;

/**
 * Runs of text and inline markup written straight into `parent` between its blocks (old
 * hand-written pages: `<h2>…</h2> text <ol>…</ol> text <P> text`), each wrapped in a `<p>` of its
 * own, as Readability does for a div's loose text. The content search keeps whole elements
 * around the winner; loose text beside them would be lost. Runs whose own text is shorter than
 * LOOSE_RUN (a nav's links with separators, stray whitespace) stay as they are.
 */
export function paragraphsOfLooseText(parent: Element): void {
  const kids = parent.children;
  const out: AnyNode[] = [];
  let run: AnyNode[] = [];
  let loose = 0;
  let changed = false;
  const flush = (): void => {
    if (loose >= LOOSE_RUN) {
      const p = new Element('p', {}, run);
      for (const n of run) n.parent = p;
      relink(p);
      p.parent = parent;
      out.push(p);
      changed = true;
    } else pushAll(out, run);
    run = [];
    loose = 0;
  };
  for (const n of kids) {
    if (n.type === 'text' || (n.type === 'tag' && isPhrasingTag(n.name))) {
      run.push(n);
      if (n.type === 'text') loose += n.data.trim().length;
    } else {
      flush();
      out.push(n);
    }
  }
  flush();
  if (!changed) return;
  parent.children = out;
  relink(parent);
}

/**
 * A section named by its own heading, as documentation generators write one: the heading links to
 * the section's id (`<section id="respond-to-review-comments"><h2>Respond to review comments<a
 * href="#respond-to-review-comments">¶</a>`). Its name is its topic, not the role of a block.
 */
export function namedByItsHeading(el: Element): boolean {
  const id = el.attribs.id;
  const first = id ? el.children.find(isElement) : undefined;
  const heading = first && (HEADING_TAGS.has(first.name) ? first : first.children.find(isElement));
  return !!heading && HEADING_TAGS.has(heading.name) && findDescendant(heading, (d) => d.name === 'a' && d.attribs.href === `#${id}`) !== null;
}

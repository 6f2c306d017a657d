/**
 * Cleanup of the chosen content node (step 5 of content.ts): precision over recall for the
 * blocks that are clearly not article text.
 */
import type { Element, ParentNode } from 'domhandler';
import { cleanText, detach, hasAncestor, isElement } from './content-dom.ts';
import type { Stats } from './content-measure.ts';
import { classWeight, linkDensity } from './content-measure.ts';
import { boilerplateLine, TRAILING_HEADING } from './content-patterns.ts';

const CONDITIONAL = new Set(['div', 'section', 'table', 'ul', 'ol', 'dl', 'form', 'aside', 'header', 'footer', 'span']);
const LIST = new Set(['ul', 'ol', 'dl']);
const FIGURE = new Set(['figure', 'picture']);
const LINE_TAGS = new Set(['p', 'div', 'span', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'a', 'em', 'section', 'ul', 'small']);
const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Clean `root` in place, using measurements taken before cleaning. */
export function clean(root: Element, stats: Map<Element, Stats>): void {
  removeTitles(root);
  cleanConditionally(root, stats);
  removeTrailing(root);
  removeDuplicates(root);
}

const DEDUPE = new Set(['p', 'figcaption', 'li', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'span', 'figure']);

/** A block repeating an earlier one word for word (slideshow captions, pull quotes) goes. */
function removeDuplicates(root: ParentNode): void {
  const seen = new Set<string>();
  const walk = (parent: ParentNode): void => {
    for (const c of [...parent.children]) {
      if (!isElement(c)) continue;
      if (DEDUPE.has(c.name) && !c.children.some((k) => isElement(k) && BLOCKISH.has(k.name))) {
        const t = cleanText(c);
        if (t.length >= 20) {
          if (seen.has(t)) {
            detach(c);
            continue;
          }
          seen.add(t);
        }
        continue;
      }
      walk(c);
    }
  };
  walk(root);
}

const BLOCKISH = new Set(['p', 'div', 'ul', 'ol', 'table', 'figure', 'blockquote', 'section', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

/** h1 inside the content repeats the page title. */
function removeTitles(root: ParentNode): void {
  for (const c of [...root.children]) {
    if (!isElement(c)) continue;
    if (c.name === 'h1') detach(c);
    else removeTitles(c);
  }
}

/** Whether an element is a data table (kept) rather than a layout one. */
function isDataTable(el: Element, s: Stats | undefined): boolean {
  if (el.attribs.role === 'presentation' || el.attribs.datatable === '0') return false;
  if (el.attribs.summary) return true;
  for (const c of el.children) if (isElement(c) && (c.name === 'caption' || c.name === 'thead' || c.name === 'colgroup')) return true;
  return !!s && s.text > 0 && s.p === 0 && linkDensity(s) < 0.5;
}

/**
 * Readability's conditional cleaning (bottom-up): a block goes when its shape says it is not
 * prose — more list items than paragraphs, many images and little text, heavy links, forms.
 * Plus short boilerplate lines ("Follow us on:", "Advertisement").
 */
function cleanConditionally(parent: ParentNode, stats: Map<Element, Stats>): void {
  for (const c of [...parent.children]) {
    if (!isElement(c)) continue;
    if (FIGURE.has(c.name) || c.name === 'pre' || c.name === 'code' || c.name === 'blockquote') continue;
    cleanConditionally(c, stats);
    if (!c.parent) continue;
    const s = stats.get(c);
    if (!s) continue;
    if (LINE_TAGS.has(c.name) && s.text <= 60 && s.img === 0) {
      const t = cleanText(c);
      if (t === '' ? s.embed === 0 && !HEADING.has(c.name) : boilerplateLine(t)) {
        detach(c);
        continue;
      }
    }
    if (CONDITIONAL.has(c.name) && shouldRemove(c, s)) detach(c);
  }
}

function shouldRemove(el: Element, s: Stats): boolean {
  if (el.name === 'table' && isDataTable(el, s)) return false;
  const weight = classWeight(el);
  if (weight < 0 && s.p < 3 && s.img === 0) return true;
  if (s.commas >= 10) return false;
  const isList = LIST.has(el.name) || (s.li > 0 && s.text > 0 && s.p === 0 && s.li >= 3 && linkDensity(s) < 0.5);
  const ld = linkDensity(s);
  const inFigure = hasAncestor(el, FIGURE, 4);
  if (s.img > 1 && s.p / s.img < 0.5 && !inFigure) return s.text < 200;
  if (!isList && s.li - 100 > s.p) return true;
  if (s.input > Math.floor(s.p / 3)) return true;
  if (!isList && s.text < 25 && (s.img === 0 || s.img > 2) && !inFigure && s.embed === 0) return true;
  if (!isList && weight < 25 && ld > 0.2) return true;
  if (weight >= 25 && ld > 0.5) return true;
  if (isList && ld > 0.5) return true;
  if ((s.embed === 1 && s.text < 75) || s.embed > 1) return s.text < 75 && s.embed > 1;
  return false;
}

/**
 * Cut end-of-article blocks: a heading (or heading-like short line) such as "Related",
 * "Read more", "Tags" takes everything after it in its container with it.
 */
function removeTrailing(root: Element): void {
  const total = cleanText(root).length;
  const walk = (parent: ParentNode): boolean => {
    const kids = parent.children;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      if (!isElement(c)) continue;
      // Only in the last part of the content: a mid-article "Read more" heading is kept.
      if (isTrailingMarker(c) && followingText(c, root) < total * 0.35) {
        for (const sib of kids.slice(i)) detach(sib);
        return true;
      }
      if (!HEADING.has(c.name) && c.name !== 'p' && walk(c)) {
        // Everything after a cut inside a child is also trailing.
        for (const sib of kids.slice(i + 1)) detach(sib);
        return true;
      }
    }
    return false;
  };
  walk(root);
}

/** Text length from `el` (inclusive) to the end of `root`. */
function followingText(el: Element, root: Element): number {
  let n = 0;
  let node: Element | null = el;
  let first = true;
  while (node && node !== root) {
    const parent: ParentNode | null = node.parent;
    if (!parent) break;
    const kids = parent.children;
    for (let i = kids.indexOf(node) + (first ? 0 : 1); i < kids.length; i++) n += cleanText(kids[i]).length;
    first = false;
    node = parent === root || !isElement(parent as Element) ? null : (parent as Element);
  }
  return n;
}

export function isTrailingMarker(el: Element): boolean {
  if (HEADING.has(el.name) || (el.name === 'p' && el.children.length === 1 && isElement(el.children[0]) && /^(strong|b)$/.test(el.children[0].name))) {
    const t = cleanText(el);
    return t.length > 0 && t.length <= 60 && TRAILING_HEADING.test(t);
  }
  return false;
}

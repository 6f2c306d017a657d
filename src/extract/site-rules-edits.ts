/**
 * The page edits a site rule file asks for before its body is read (site-rules.ts applies them):
 * wrapping elements (`wrap_in`), dissolving them into their children (`dissolve`), removing
 * attributes (`strip` / `strip_attr` expressions that select attributes), the lazy-image source
 * attribute (`src_lazy_load_attr`) and `<br><br>` runs as paragraph breaks
 * (`convert_double_br_tags`). Plain edits of the domhandler tree, in place.
 */
import { Element, type AnyNode, type ParentNode } from 'domhandler';
import { isElement } from './content-dom.ts';
import { batchedEdits, detach, relink, replaceNode, unwrap } from './content-remove.ts';

// Each edit that moves nodes is one pass over elements selected beforehand, batched
// (content-remove.ts): a rule selecting tens of thousands of siblings (`//span` on a long page)
// is one rebuild of their parent's array, not one splice each, which took seconds growing with
// the square of their number.

/** Move `nodes` (in order) to the end of `into`. */
function appendAll(into: ParentNode, nodes: AnyNode[]): void {
  for (const n of nodes) {
    detach(n);
    n.parent = into;
    into.children.push(n);
  }
  relink(into);
}

/** `wrap_in(tag)`: each element gets a new `tag` element around it. */
export function wrapIn(elements: AnyNode[], tag: string): void {
  batchedEdits(() => {
    for (const el of elements) {
      if (!isElement(el) || !el.parent) continue;
      const wrapper = new Element(tag, {});
      replaceNode(el, wrapper);
      appendAll(wrapper, [el]);
    }
  });
}

/** `dissolve`: each element is replaced by its children (its text stays, the element goes). */
export function dissolve(elements: AnyNode[]): void {
  batchedEdits(() => {
    for (const el of elements) if (isElement(el) && el.parent) unwrap(el);
  });
}

/** `strip`: the selected nodes leave the tree. */
export function removeNodes(nodes: AnyNode[]): void {
  batchedEdits(() => nodes.forEach(detach));
}

/** Remove the selected attributes from their elements. */
export function removeAttributes(attributes: { element: Element; name: string }[]): void {
  for (const { element, name } of attributes) delete element.attribs[name];
}

/** `src_lazy_load_attr`: images holding their real source in `attribute` get it as `src`. */
export function lazySources(root: ParentNode, attribute: string): void {
  forEachElement(root, (el) => {
    const real = el.attribs[attribute]?.trim();
    if ((el.name === 'img' || el.name === 'source') && real) el.attribs.src = real;
  });
}

/** Elements that end a paragraph gathered after a `<br>` run (anything but phrasing content). */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'ul',
]);

const isBr = (n: AnyNode | null): boolean => !!n && isElement(n) && n.name === 'br';
const isBlank = (n: AnyNode): boolean => n.type === 'text' && !n.data.trim();

/** The next sibling that is not blank text. */
function nextSolid(n: AnyNode): AnyNode | null {
  let m = n.next;
  while (m && isBlank(m)) m = m.next;
  return m;
}

/**
 * `convert_double_br_tags`: a run of two or more `<br>`s is a paragraph break. The run becomes a
 * `<p>` holding what follows it up to the next run or block (as Readability reads `<br><br>`); a
 * `<p>` that would end up inside a `<p>` turns its parent into a `<div>`.
 */
export function paragraphsFromBrRuns(root: ParentNode): void {
  const brs: Element[] = [];
  forEachElement(root, (el) => {
    if (el.name === 'br') brs.push(el);
  });
  batchedEdits(() => brRunsToParagraphs(brs));
}

function brRunsToParagraphs(brs: Element[]): void {
  for (const br of brs) {
    if (!br.parent) continue; // removed as part of an earlier run
    let next = nextSolid(br);
    if (!isBr(next)) continue;
    while (isBr(next)) {
      const after = nextSolid(next!);
      detach(next!);
      next = after;
    }
    const p = new Element('p', {});
    replaceNode(br, p);
    const gathered: AnyNode[] = [];
    let start = p.next;
    while (start && isBlank(start)) start = start.next;
    for (let n = start; n; n = n.next) {
      if (isBr(n) && isBr(nextSolid(n))) break;
      if (isElement(n) && BLOCK.has(n.name)) break;
      gathered.push(n);
    }
    // Trailing blank text and <br>s stay outside the paragraph.
    while (gathered.length && (isBlank(gathered.at(-1)!) || isBr(gathered.at(-1)!))) gathered.pop();
    appendAll(p, gathered);
    const parent = p.parent;
    if (parent && isElement(parent) && parent.name === 'p') parent.name = 'div';
  }
}

function forEachElement(root: ParentNode, visit: (el: Element) => void): void {
  for (const n of root.children) {
    if (!isElement(n)) continue;
    visit(n);
    forEachElement(n, visit);
  }
}

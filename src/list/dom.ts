/**
 * Small, allocation-light helpers over the parsed tree (domhandler nodes, as cheerio holds them).
 * Walks are iterative so that absurdly deep markup cannot overflow the stack.
 */
import type { AnyNode, Element } from 'domhandler';
import { collapse } from '../utils/text.ts';

export type { AnyNode, Element };

export function isElement(node: AnyNode | null | undefined): node is Element {
  return !!node && (node.type === 'tag' || node.type === 'script' || node.type === 'style');
}

/** Elements whose text is never visible content. */
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'select', 'button']);

/**
 * Visit the element and its descendants in document order. Return `false` from `visit` to skip
 * an element's children.
 */
export function walk(root: Element, visit: (el: Element) => boolean | void): void {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (visit(node) === false) continue;
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'th', 'thead', 'tfoot', 'tr', 'ul', 'br', 'time', 'img',
]);

/** Visible text of a subtree with whitespace collapsed; block boundaries separate words. */
export function textOf(root: AnyNode): string {
  if (root.type === 'text') return collapse(root.data);
  if (!isElement(root)) return '';
  const parts: string[] = [];
  // `null` on the stack marks the end of a block element.
  const stack: (AnyNode | null)[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null) {
      parts.push(' ');
      continue;
    }
    if (node === undefined) break;
    if (node.type === 'text') {
      parts.push(node.data);
      continue;
    }
    if (!isElement(node) || INVISIBLE.has(node.name)) continue;
    if (BLOCK.has(node.name)) {
      parts.push(' ');
      stack.push(null);
    }
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return collapse(parts.join(''));
}

export function classList(el: Element): string[] {
  const c = el.attribs.class;
  return c ? c.split(/\s+/).filter(Boolean) : [];
}

export function isHeading(el: Element, max = 6): boolean {
  return /^h[1-6]$/.test(el.name) && Number(el.name[1]) <= max;
}

/** Closest ancestor-or-self element matching the predicate, not above `stop`. */
export function closest(el: Element, pred: (e: Element) => boolean, stop?: Element | null): Element | null {
  let n: AnyNode | null = el;
  while (isElement(n)) {
    if (pred(n)) return n;
    if (n === stop) return null;
    n = n.parent;
  }
  return null;
}


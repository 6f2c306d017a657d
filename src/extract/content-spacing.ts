/**
 * Words that only the page's stylesheet keeps apart. Two spans of different classes written
 * side by side, the first ending in a lowercase letter and the next opening with a capital or a
 * digit (`<span class="author">Taryn</span><span class="time">12 hours ago</span>`), are two
 * items the page lays out as blocks or with a margin; without the stylesheet their words glue
 * ("Taryn12 hours ago"). A space goes between them. Spans of one class (a word split for an
 * effect) and code are left as written.
 */
import { Text, type AnyNode, type ParentNode } from 'domhandler';
import { cleanText, isElement } from './content-dom.ts';
import { relink } from './content-remove.ts';

const ENDS_LOWER = /\p{Ll}$/u;
const OPENS_UPPER_OR_DIGIT = /^[\p{Lu}\d]/u;

/** Within content nodes; side by side too when they are one parent's children (a wrapper's, the body's). */
export function spaceApartSpans(nodes: AnyNode[]): void {
  const parent = nodes[0]?.parent;
  if (parent && parent.children === nodes) spaceWithin(parent);
  else for (const n of nodes) if (isElement(n)) spaceWithin(n);
}

function spaceWithin(parent: ParentNode): void {
  const kids = parent.children;
  let changed = false;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    if (!isElement(c) || c.name === 'pre' || c.name === 'code') continue;
    const next = kids[i + 1];
    if (c.name === 'span' && next && isElement(next) && next.name === 'span' && c.attribs.class && next.attribs.class && c.attribs.class !== next.attribs.class) {
      if (ENDS_LOWER.test(cleanText(c)) && OPENS_UPPER_OR_DIGIT.test(cleanText(next))) {
        const space = new Text(' ');
        space.parent = parent;
        kids.splice(i + 1, 0, space);
        changed = true;
      }
    }
    spaceWithin(c);
  }
  if (changed) relink(parent);
}

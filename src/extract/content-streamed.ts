/**
 * Pages that React renders on the server in streaming mode (Next.js App Router and others) send
 * what finished after the page's shell later in the document, in `<div hidden id="S:n">`, each
 * with an inline script that a browser runs to move it into place:
 * - `$RC("B:m","S:n")`: a Suspense boundary completes: the nodes from its `<template id="B:m">`
 *   to the boundary's closing `<!--/$-->` comment (the loading fallback) give way to the
 *   segment's children;
 * - `$RS("S:n","P:m")`: a segment takes the place of its `<template id="P:m">`.
 * Without those moves the page's product description, docs or article body stays hidden, and
 * hidden blocks are pruned. This performs them, in the scripts' order, before extraction.
 * A page saved without its scripts (an archive's copy, a cache that strips them) still has its
 * segments: React names a segment and its boundary or placeholder with the same number ("S:4"
 * completes "B:4" or "P:4"), so a segment no call names moves by that number.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { contains, isElement } from './content-dom.ts';
import { detach, relink } from './content-remove.ts';
import { spliceAll } from '../utils/arrays.ts';

/** A completion call of React's streaming runtime: the function's letter and its two ids. */
const CALL = /\$R([CS])\("([^"]{1,40})","([^"]{1,40})"/g;

/** Whether an element is a streamed segment waiting to move (`<div hidden id="S:n">`): page-index.ts. */
export const isStreamedSegment = (el: Element): boolean => el.attribs.id?.startsWith('S:') === true && 'hidden' in el.attribs;

/** Move every streamed segment of `root` into place. Returns how many moved. */
export function revealStreamedSegments(root: ParentNode): number {
  const byId = new Map<string, Element>();
  const calls: [string, string, string][] = [];
  collect(root, byId, calls);
  const called = new Set(calls.map(([kind, a, b]) => (kind === 'C' ? b : a)));
  for (const id of byId.keys()) {
    if (!id.startsWith('S:') || called.has(id)) continue;
    const n = id.slice(2);
    if (byId.has(`B:${n}`)) calls.push(['C', `B:${n}`, id]);
    else if (byId.has(`P:${n}`)) calls.push(['S', id, `P:${n}`]);
  }
  let moved = 0;
  for (const [kind, a, b] of calls) {
    const [segmentId, targetId] = kind === 'C' ? [b, a] : [a, b];
    const segment = byId.get(segmentId);
    const target = byId.get(targetId);
    if (!segment?.parent || !target?.parent || !('hidden' in segment.attribs) || contains(segment, target)) continue;
    const ok = kind === 'C' ? completeBoundary(target, segment) : completeSegment(target, segment);
    if (ok) moved++;
  }
  return moved;
}

function collect(parent: ParentNode, byId: Map<string, Element>, calls: [string, string, string][]): void {
  for (const c of parent.children) {
    if (!isElement(c)) continue;
    const id = c.attribs.id;
    if (id && id.length > 2 && id[1] === ':' && (id[0] === 'S' || id[0] === 'B' || id[0] === 'P')) byId.set(id, c);
    if (c.name === 'script') {
      const text = c.children.length === 1 && c.children[0].type === 'text' ? c.children[0].data : '';
      if (text.includes('$R')) for (const m of text.matchAll(CALL)) calls.push([m[1], m[2], m[3]]);
      continue;
    }
    collect(c, byId, calls);
  }
}

/** `<!--$?--><template id="B:m"></template>fallback<!--/$-->`: the fallback gives way to the segment. */
function completeBoundary(template: Element, segment: Element): boolean {
  const parent = template.parent;
  if (!parent) return false;
  const kids = parent.children;
  let start = kids.indexOf(template);
  // The boundary's end: the `/$` comment matching its opening, nested boundaries counted.
  let depth = 0;
  let end = -1;
  for (let i = start + 1; i < kids.length; i++) {
    const k = kids[i];
    if (k.type !== 'comment') continue;
    if (k.data === '/$') {
      if (depth === 0) {
        end = i;
        break;
      }
      depth--;
    } else if (k.data === '$' || k.data === '$?' || k.data === '$!') depth++;
  }
  // No end (a copy saved without its comments): the segment takes the template's place, beside a
  // fallback that is most often a skeleton with no text.
  const fallback = kids.slice(start, end < 0 ? start + 1 : end);
  const nodes = adopt(segment, parent);
  // Taking the segment out may have shifted the boundary (a segment before its template).
  start = kids.indexOf(template);
  for (const n of fallback) n.parent = null;
  spliceAll(kids, start, fallback.length, nodes);
  relink(parent);
  return true;
}

/** `<template id="P:m">`: the segment stands in its place. */
function completeSegment(placeholder: Element, segment: Element): boolean {
  const parent = placeholder.parent;
  if (!parent) return false;
  const nodes = adopt(segment, parent);
  const kids = parent.children;
  kids.splice(kids.indexOf(placeholder), 1, ...nodes);
  placeholder.parent = null;
  relink(parent);
  return true;
}

/** Take the segment's children for `parent`, and drop the emptied segment. */
function adopt(segment: Element, parent: ParentNode): AnyNode[] {
  const nodes = segment.children;
  segment.children = [];
  for (const n of nodes) n.parent = parent;
  detach(segment);
  return nodes;
}

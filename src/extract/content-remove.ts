/**
 * Taking nodes out of the tree, and putting one in another's place.
 *
 * A node leaves its parent's `children` array by a splice, which moves every sibling after it. A
 * walk through a parent of tens of thousands of children (a broken page's unclosed tags all end up
 * beside each other at the nesting bound, parse.ts) that removed most of them one by one took
 * seconds, growing with the square of their number. Such a walk batches its removals
 * (`beginRemovals` … `endRemovals` for one parent's children, `batchedEdits` for a pass over
 * nodes anywhere: the cleaner's leaf lines, a site rule's edits): a node leaves its sibling links
 * at once, which is what the cleaner's questions read (the text beside a block), and its parent's
 * array once, at the end.
 */
import type { AnyNode, ParentNode } from 'domhandler';
import { pushAll, spliceAll } from '../utils/arrays.ts';

// Weak, so that a walk cut short by an exception leaves nothing of its page behind.
/** Parents whose removals are batched, one by one (`beginRemovals`). */
const batching = new WeakSet<ParentNode>();
/** Parents whose `children` lag behind their sibling links, with the nodes put in place of others meanwhile. */
const lagging = new WeakMap<ParentNode, AnyNode[]>();
/** Passes batching every parent's removals (`beginAllRemovals`), nested. */
let batchingAll = 0;
/** The lagging parents a pass over all parents catches up when it ends. */
let lagsOfPass: ParentNode[] = [];

/** Up to this many children, one splice per removal costs less than the rebuild. */
const BATCH_FROM = 64;

/** The stand-ins of a parent whose array is left to the end of a batch, or null: change it now. */
function lagFor(parent: ParentNode): AnyNode[] | null {
  const lag = lagging.get(parent);
  if (lag) return lag;
  if ((batchingAll === 0 && !batching.has(parent)) || parent.children.length <= BATCH_FROM) return null;
  const fresh: AnyNode[] = [];
  lagging.set(parent, fresh);
  if (batchingAll > 0) lagsOfPass.push(parent);
  return fresh;
}

/** Remove a node from its parent, keeping sibling links consistent. */
export function detach(node: AnyNode): void {
  const parent = node.parent;
  if (parent && !lagFor(parent)) {
    const i = parent.children.indexOf(node);
    if (i >= 0) parent.children.splice(i, 1);
  }
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/** Put `stand` where `node` is among its siblings; `node` leaves the tree. */
export function replaceNode(node: AnyNode, stand: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  stand.parent = parent;
  const lag = lagFor(parent);
  if (lag) {
    stand.prev = node.prev;
    stand.next = node.next;
    if (node.prev) node.prev.next = stand;
    if (node.next) node.next.prev = stand;
    lag.push(stand);
  } else {
    parent.children[parent.children.indexOf(node)] = stand;
    relink(parent);
  }
  node.parent = node.prev = node.next = null;
}

/** Put `node`'s children where `node` is, in order; `node` leaves the tree, empty. */
export function unwrap(node: ParentNode & AnyNode): void {
  const parent = node.parent;
  const kids = node.children;
  if (!parent || kids.length === 0) return detach(node);
  for (const k of kids) k.parent = parent;
  const lag = lagFor(parent);
  if (lag) {
    // The children are linked to each other already; their ends take the node's place.
    kids[0].prev = node.prev;
    kids[kids.length - 1].next = node.next;
    if (node.prev) node.prev.next = kids[0];
    if (node.next) node.next.prev = kids[kids.length - 1];
    pushAll(lag, kids);
  } else {
    spliceAll(parent.children, parent.children.indexOf(node), 1, kids);
    relink(parent);
  }
  node.children = [];
  node.parent = node.prev = node.next = null;
}

/**
 * Run `edit` with every parent's removals and replacements batched (`beginAllRemovals`): for a
 * pass that edits nodes found beforehand and reads only their sibling links, not arrays.
 */
export function batchedEdits(edit: () => void): void {
  beginAllRemovals();
  try {
    edit();
  } finally {
    endAllRemovals();
  }
}

/** Recompute prev/next links of a parent's children after a splice. */
export function relink(parent: ParentNode): void {
  const c = parent.children;
  for (let i = 0; i < c.length; i++) {
    c[i].prev = i > 0 ? c[i - 1] : null;
    c[i].next = i < c.length - 1 ? c[i + 1] : null;
  }
}

/**
 * Batch the removals from `parent` while a copy of its children is walked; whether this call
 * began the batch, to pass to `endRemovals`. Until then its `children` array may still list what
 * was removed: nothing may read it but the walk's own copy.
 */
export function beginRemovals(parent: ParentNode): boolean {
  // A short array is spliced at once anyway (lagFor); most parents are short.
  if (parent.children.length <= BATCH_FROM || batching.has(parent)) return false;
  batching.add(parent);
  return true;
}

/** The end of a batch: `parent`'s `children` become what its sibling links hold, in place. */
export function endRemovals(parent: ParentNode, began: boolean): void {
  if (!began) return;
  batching.delete(parent);
  if (batchingAll === 0) catchUp(parent);
  else if (lagging.has(parent)) lagsOfPass.push(parent);
}

/**
 * Batch the removals from every parent during a pass that removes leaves found beforehand (a
 * list of them); the pass may read the leaves and their sibling links, not their parents' arrays.
 */
function beginAllRemovals(): void {
  batchingAll++;
}

function endAllRemovals(): void {
  if (--batchingAll > 0) return;
  const lags = lagsOfPass;
  lagsOfPass = [];
  for (const parent of lags) if (!batching.has(parent)) catchUp(parent);
}

/** A lagging parent's array rebuilt from its sibling links. */
function catchUp(parent: ParentNode): void {
  const standIns = lagging.get(parent);
  if (!standIns) return;
  lagging.delete(parent);
  const kids = parent.children;
  let head: AnyNode | null | undefined = kids.find((n) => n.parent === parent) ?? standIns.find((n) => n.parent === parent);
  while (head?.prev) head = head.prev;
  let n = 0;
  for (let x = head ?? null; x; x = x.next) kids[n++] = x;
  kids.length = n;
}

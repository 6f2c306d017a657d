/**
 * Taking nodes out of the tree, and putting one in another's place.
 *
 * A node leaves its parent's `children` array by a splice, which moves every sibling after it. A
 * walk through a parent of tens of thousands of children (a broken page's unclosed tags all end up
 * beside each other at the nesting bound, parse.ts) that removed most of them one by one took
 * seconds, growing with the square of their number. Such a walk batches its removals
 * (`beginRemovals` … `endRemovals`): a node leaves its sibling links at once, which is what the
 * cleaner's questions read (the text beside a block), and the array once, at the end.
 */
import type { AnyNode, ParentNode } from 'domhandler';

/** Parents whose removals are batched, with the nodes put in place of others meanwhile. */
const batched = new Map<ParentNode, AnyNode[]>();

/** Up to this many children, one splice per removal costs less than the rebuild. */
const BATCH_FROM = 64;

/** Remove a node from its parent, keeping sibling links consistent. */
export function detach(node: AnyNode): void {
  const parent = node.parent;
  if (parent && !batched.has(parent)) {
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
  const standIns = batched.get(parent);
  if (standIns) {
    stand.prev = node.prev;
    stand.next = node.next;
    if (node.prev) node.prev.next = stand;
    if (node.next) node.next.prev = stand;
    standIns.push(stand);
  } else {
    parent.children[parent.children.indexOf(node)] = stand;
    relink(parent);
  }
  node.parent = node.prev = node.next = null;
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
 * Batch the removals from `parent` while its children are walked, if it has many; whether it
 * did, to pass to `endRemovals`. Meanwhile its `children` array still lists what was removed (as
 * a copy made before the walk does): nothing may read it but the walk's own copy.
 */
export function beginRemovals(parent: ParentNode): boolean {
  if (parent.children.length <= BATCH_FROM || batched.has(parent)) return false;
  batched.set(parent, []);
  return true;
}

/** The end of a batch: `parent`'s `children` become what its sibling links hold, in place. */
export function endRemovals(parent: ParentNode, began: boolean): void {
  if (!began) return;
  const standIns = batched.get(parent) ?? [];
  batched.delete(parent);
  const kids = parent.children;
  let head: AnyNode | null | undefined = kids.find((n) => n.parent === parent) ?? standIns.find((n) => n.parent === parent);
  while (head?.prev) head = head.prev;
  let n = 0;
  for (let x = head ?? null; x; x = x.next) kids[n++] = x;
  kids.length = n;
}

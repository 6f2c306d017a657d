/**
 * Removals batched over a walk of a wide parent must leave the tree exactly as removing one node
 * at a time does: the same children, in the same order, with the same sibling links.
 */
import { Element, Text, type AnyNode, type ParentNode } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beginAllRemovals, beginRemovals, detach, endAllRemovals, endRemovals, replaceNode } from '../../src/extract/content-remove.ts';

/** A parent of `n` children: elements and text nodes, linked as the parser links them. */
function parentOf(n: number): Element {
  const parent = new Element('div', {});
  for (let i = 0; i < n; i++) {
    const child: AnyNode = i % 3 === 2 ? new Text(`t${i}`) : new Element('p', { id: `p${i}` });
    child.parent = parent;
    const last = parent.children[parent.children.length - 1];
    if (last) {
      last.next = child;
      child.prev = last;
    }
    parent.children.push(child);
  }
  return parent;
}

const label = (n: AnyNode): string => (n instanceof Element ? n.attribs.id ?? n.name : (n as Text).data);

/** Children in array order and in link order, and whether every link agrees with the array. */
function shape(parent: ParentNode): { array: string[]; linked: string[]; consistent: boolean } {
  const kids = parent.children;
  const linked: string[] = [];
  for (let x: AnyNode | null = kids[0] ?? null; x; x = x.next) linked.push(label(x));
  const consistent = kids.every((k, i) => k.parent === parent && k.prev === (kids[i - 1] ?? null) && k.next === (kids[i + 1] ?? null));
  return { array: kids.map(label), linked, consistent };
}

type Op = 'keep' | 'remove' | 'replace';

/** Walk a copy of the children in order, removing or replacing each as `ops` says. */
function walk(parent: Element, ops: Op[], batched: boolean): ReturnType<typeof shape> {
  const began = batched && beginRemovals(parent);
  [...parent.children].forEach((c, i) => {
    if (ops[i] === 'remove') detach(c);
    else if (ops[i] === 'replace') replaceNode(c, i % 2 ? new Element('br', {}) : new Text(' '));
  });
  endRemovals(parent, began);
  return shape(parent);
}

describe('batched removals', () => {
  it('leave a narrow parent\'s array to change at once, a wide one\'s to the end of the batch', () => {
    const narrow = parentOf(10);
    const began = beginRemovals(narrow);
    detach(narrow.children[0]);
    expect(narrow.children).toHaveLength(9);
    endRemovals(narrow, began);
    const wide = parentOf(500);
    const batch = beginRemovals(wide);
    expect(beginRemovals(wide)).toBe(false); // already batched: the outer walk ends it
    detach(wide.children[0]);
    expect(wide.children).toHaveLength(500);
    endRemovals(wide, batch);
    expect(shape(wide)).toMatchObject({ consistent: true });
    expect(wide.children).toHaveLength(499);
  });

  it('batch a pass over leaves of many parents, rebuilding each once it ends', () => {
    const parents = [parentOf(100), parentOf(200), parentOf(30)];
    const leaves = parents.flatMap((p) => p.children.filter((_, i) => i % 4 !== 0));
    beginAllRemovals();
    for (const leaf of leaves) detach(leaf);
    expect(parents[1].children).toHaveLength(200);
    endAllRemovals();
    expect(parents.map((p) => p.children.length)).toEqual([25, 50, 8]);
    for (const p of parents) expect(shape(p)).toMatchObject({ consistent: true });
  });

  it('catch up a parent whose own batch ends inside a pass over all parents, when the pass ends', () => {
    const parent = parentOf(100);
    const began = beginRemovals(parent);
    detach(parent.children[0]);
    beginAllRemovals();
    detach(parent.children[1]);
    endRemovals(parent, began);
    expect(parent.children).toHaveLength(100);
    endAllRemovals();
    expect(parent.children).toHaveLength(98);
    expect(shape(parent)).toMatchObject({ consistent: true });
  });

  it('leave the same children, in order and linked, as one removal at a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 400 }), fc.array(fc.constantFrom<Op>('keep', 'remove', 'replace'), { minLength: 400, maxLength: 400 }), (n, ops) => {
        const one = walk(parentOf(n), ops, false);
        const batch = walk(parentOf(n), ops, true);
        expect(batch).toEqual(one);
        expect(batch.consistent).toBe(true);
        expect(batch.linked).toEqual(batch.array);
      }),
      { numRuns: 200 },
    );
  });

  it('empty a parent whose children all go, and find the first child when it was replaced', () => {
    expect(walk(parentOf(100), Array(100).fill('remove'), true)).toEqual({ array: [], linked: [], consistent: true });
    const replaced = walk(parentOf(100), ['replace', ...Array(99).fill('remove')], true);
    expect(replaced.array).toEqual([' ']);
    expect(replaced.consistent).toBe(true);
  });
});

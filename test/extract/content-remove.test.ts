/**
 * Removals batched over a walk of a wide parent must leave the tree exactly as removing one node
 * at a time does: the same children, in the same order, with the same sibling links.
 */
import { Element, Text, type AnyNode, type ParentNode } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchedEdits, beginRemovals, detach, endRemovals, replaceNode, unwrap } from '../../src/extract/content-remove.ts';

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

/** `parentOf(n)` whose elements hold 0–2 children of their own (`p4.0`, `p4.1`), for `unwrap`. */
function nestedParentOf(n: number): Element {
  const parent = parentOf(n);
  parent.children.forEach((c, i) => {
    if (!(c instanceof Element)) return;
    for (let k = 0; k < i % 4; k++) {
      const g = new Text(`${label(c)}.${k}`);
      g.parent = c;
      g.prev = c.children[k - 1] ?? null;
      if (g.prev) g.prev.next = g;
      c.children.push(g);
    }
  });
  return parent;
}

type Edit = Op | 'unwrap';

/** Sibling links of `parent`'s children and of theirs, as the parser sets them. */
function relinkAll(parent: ParentNode): void {
  parent.children.forEach((c, i, all) => {
    c.prev = all[i - 1] ?? null;
    c.next = all[i + 1] ?? null;
    if (c instanceof Element) relinkAll(c);
  });
}

/**
 * Edit a copy of the children as `ops` says (an element unwrapped leaves its children in its
 * place), then remove every node `second` marks among those in link order (children moved up
 * included), reading only links: as a site rule's edits do.
 */
function edit(parent: Element, ops: Edit[], second: boolean[], batched: boolean): ReturnType<typeof shape> {
  const run = (): void => {
    [...parent.children].forEach((c, i) => {
      if (ops[i] === 'remove') detach(c);
      else if (ops[i] === 'replace') replaceNode(c, new Element('br', {}));
      else if (ops[i] === 'unwrap' && c instanceof Element) unwrap(c);
    });
  };
  if (batched) batchedEdits(run);
  else run();
  const now: AnyNode[] = [];
  for (let x: AnyNode | null = parent.children[0] ?? null; x; x = x.next) now.push(x);
  const drop = (): void => now.forEach((n, i) => second[i] && detach(n));
  if (batched) batchedEdits(drop);
  else drop();
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
    batchedEdits(() => {
      for (const leaf of leaves) detach(leaf);
      expect(parents[1].children).toHaveLength(200);
    });
    expect(parents.map((p) => p.children.length)).toEqual([25, 50, 8]);
    for (const p of parents) expect(shape(p)).toMatchObject({ consistent: true });
  });

  it('catch up a parent whose own batch ends inside a pass over all parents, when the pass ends', () => {
    const parent = parentOf(100);
    const began = beginRemovals(parent);
    detach(parent.children[0]);
    batchedEdits(() => {
      detach(parent.children[1]);
      endRemovals(parent, began);
      expect(parent.children).toHaveLength(100);
    });
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

  it('unwrap: children take an element\'s place, batched or not, and stay findable once their parent lags', () => {
    const kids = (p: Element) => p.children.map(label);
    const narrow = nestedParentOf(6);
    unwrap(narrow.children[1] as Element);
    expect(kids(narrow)).toEqual(['p0', 'p1.0', 't2', 'p3', 'p4', 't5']);
    expect(shape(narrow)).toMatchObject({ consistent: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 65, max: 300 }),
        fc.array(fc.constantFrom<Edit>('keep', 'remove', 'replace', 'unwrap'), { minLength: 300, maxLength: 300 }),
        fc.array(fc.boolean(), { minLength: 700, maxLength: 700 }),
        (n, ops, second) => {
          const one = edit(nestedParentOf(n), ops, second, false);
          const batch = edit(nestedParentOf(n), ops, second, true);
          expect(batch).toEqual(one);
          expect(batch.consistent).toBe(true);
          expect(batch.linked).toEqual(batch.array);
        },
      ),
      { numRuns: 200 },
    );
    // Every child (an element of two) unwrapped, then each one's first child removed: what is
    // left of the parent is only children moved up, and none of them first of its group.
    const cut = new Element('div', {});
    for (let i = 0; i < 100; i++) {
      const el = new Element('p', { id: `p${i}` }, [new Text(`p${i}.0`), new Text(`p${i}.1`)]);
      el.children.forEach((g) => (g.parent = el));
      cut.children.push(el);
      el.parent = cut;
    }
    relinkAll(cut);
    const firsts = cut.children.map((c) => (c as Element).children[0]);
    batchedEdits(() => {
      for (const c of [...cut.children]) unwrap(c as Element);
      firsts.forEach(detach);
    });
    expect(shape(cut)).toMatchObject({ consistent: true });
    expect(cut.children.map(label)).toEqual(Array.from({ length: 100 }, (_, i) => `p${i}.1`));
  });
});

import { describe, expect, it } from 'vitest';
import { orderedBatches } from '../../src/pipeline/batches.ts';

describe('orderedBatches', () => {
  it('writes finished items in queue order, a full batch at a time, the rest at finish', async () => {
    const writes: number[][] = [];
    const b = orderedBatches<number>(7, 2, async (items) => void writes.push(items));
    b.complete(1, 11);
    expect(writes).toEqual([]); // slot 0 is not done: nothing may be written ahead of it
    b.complete(0, 10);
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toEqual([[10, 11]]);
    b.complete(3, 13);
    b.complete(2, undefined); // a failed read leaves a gap, not a hole in the order
    b.complete(4, 14);
    b.complete(6, 16);
    expect(await b.finish()).toBe(5);
    expect(writes).toEqual([[10, 11], [13, 14], [16]]);
  });

  it('writes one batch at a time, never two at once', async () => {
    let active = 0;
    let maxActive = 0;
    const b = orderedBatches<number>(6, 1, async () => {
      maxActive = Math.max(maxActive, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    });
    for (let i = 0; i < 6; i++) b.complete(i, i);
    expect(await b.finish()).toBe(6);
    expect(maxActive).toBe(1);
  });

  it('reports a failed write from finish, and stops writing after it', async () => {
    const writes: number[][] = [];
    const b = orderedBatches<number>(3, 1, async (items) => {
      if (items[0] === 1) throw new Error('disk full');
      writes.push(items);
    });
    b.complete(0, 0);
    b.complete(1, 1);
    b.complete(2, 2);
    await expect(b.finish()).rejects.toThrow('disk full');
    expect(writes).toEqual([[0]]);
  });

  it('writes nothing when nothing succeeded', async () => {
    const writes: number[][] = [];
    const b = orderedBatches<number>(2, 5, async (items) => void writes.push(items));
    b.complete(0, undefined);
    b.complete(1, undefined);
    expect(await b.finish()).toBe(0);
    expect(writes).toEqual([]);
  });
});

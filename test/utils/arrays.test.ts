import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pushAll, spliceAll } from '../../src/utils/arrays.ts';

describe('pushAll and spliceAll', () => {
  it('do what push and splice with a spread do', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.array(fc.integer()), fc.nat(), fc.nat(), (base, items, at, remove) => {
        const i = at % (base.length + 1);
        const n = remove % (base.length - i + 1);
        const [a, b] = [[...base], [...base]];
        spliceAll(a, i, n, items);
        b.splice(i, n, ...items);
        expect(a).toEqual(b);
        const [c, d] = [[...base], [...base]];
        pushAll(c, items);
        d.push(...items);
        expect(c).toEqual(d);
      }),
    );
  });

  it('take more items than fit on the stack as arguments', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(many as never[]))).toThrow(RangeError);
    const a = [1, 2, 3];
    spliceAll(a, 1, 1, many);
    expect(a.length).toBe(500_002);
    expect([a[0], a[1], a[500_000], a[500_001]]).toEqual([1, 0, 499_999, 3]);
    const b: number[] = [];
    pushAll(b, many);
    expect(b.length).toBe(500_000);
  });
});

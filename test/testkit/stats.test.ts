import { describe, expect, it } from 'vitest';
import { median, percentile, quantile } from '../../testkit/stats.ts';

describe('testkit stats', () => {
  it('median is the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBe(0);
  });

  it('quantile and percentile are nearest-rank', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1, unsorted on purpose
    expect(quantile(xs, 0.95)).toBe(19);
    expect(quantile(xs, 1)).toBe(20);
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 0.5)).toBe(10); // nearest rank; `median` gives 10.5
    expect(percentile(xs, 99)).toBe(20);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(quantile([], 0.5)).toBe(0);
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    quantile(xs, 0.9);
    expect(xs).toEqual([3, 1, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { collapse } from '../../src/utils/text.ts';

describe('utils/text', () => {
  it('collapse joins whitespace runs (no-break and zero-width spaces too) and trims', () => {
    expect(['  a \n b ', 'a\u00a0\u00a0b', 'a\u200bb', '', '\t'].map(collapse)).toEqual(['a b', 'a b', 'a b', '', '']);
    expect(collapse(' a\u00a0\u200b b ')).toBe('a b');
  });
});

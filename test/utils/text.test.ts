import { describe, expect, it } from 'vitest';
import { collapse as listCollapse } from '../../src/list/dom.ts';
import { collapse } from '../../src/utils/text.ts';

describe('utils/text', () => {
  it('collapse agrees with the list copy (no-break and zero-width spaces too)', () => {
    for (const s of ['  a \n b ', 'a\u00a0\u00a0b', 'a\u200bb', '', '\t']) expect(collapse(s)).toBe(listCollapse(s));
    expect(collapse(' a\u00a0\u200b b ')).toBe('a b');
  });
});

import { describe, expect, it } from 'vitest';
import { describe as sharedDescribe } from '../../src/pipeline/collect/articles.ts';
import { errorMessage } from '../../src/utils/errors.ts';

describe('utils/errors', () => {
  it('is the message for plain errors and non-errors, like the pipeline copy', () => {
    for (const e of [new Error('boom'), 'text', 42, null]) expect(errorMessage(e)).toBe(sharedDescribe(e));
  });

  it('adds the cause with its code', () => {
    const cause = Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
    expect(errorMessage(new Error('fetch failed', { cause }))).toBe('fetch failed (ECONNREFUSED: connect refused)');
    expect(errorMessage(new Error('fetch failed', { cause: new Error('reset') }))).toBe('fetch failed (reset)');
  });

  it('does not repeat a cause the message already tells', () => {
    const inner = new TypeError('fetch failed', { cause: new Error('reset') });
    expect(errorMessage(new Error(`network error fetching x: ${errorMessage(inner)}`, { cause: inner }))).toBe('network error fetching x: fetch failed (reset)');
  });
});

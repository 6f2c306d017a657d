import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/utils/errors.ts';

describe('utils/errors', () => {
  it('is the message for plain errors, the text of non-errors', () => {
    expect([new Error('boom'), 'text', 42, null].map(errorMessage)).toEqual(['boom', 'text', '42', 'null']);
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

import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/fetch/retry-after.ts';
import { DEFAULTS } from '../../src/defaults.ts';

const now = Date.UTC(1994, 10, 6, 8, 49, 0); // Sun, 06 Nov 1994 08:49:00 GMT

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads all three HTTP-date forms as GMT', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(37);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(37);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).toBe(37);
  });

  it('rounds partial seconds up and clamps past dates to 0', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:02 GMT', now + 500)).toBe(2);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:00:00 GMT', now)).toBe(0);
  });

  it('ignores missing and malformed values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('Sun, 06 Nov 1994', now)).toBeUndefined();
  });

  it('caps any wait at DEFAULTS.maxRetryAfterS (24 h), however large the number or far the date', () => {
    expect(DEFAULTS.maxRetryAfterS).toBe(86_400);
    expect(parseRetryAfter('99999999999999', now)).toBe(DEFAULTS.maxRetryAfterS);
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(DEFAULTS.maxRetryAfterS); // past Number.MAX_VALUE
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now)).toBe(DEFAULTS.maxRetryAfterS);
    expect(parseRetryAfter('86399', now)).toBe(86_399);
  });
});

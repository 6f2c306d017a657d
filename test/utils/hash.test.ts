import { describe, expect, it } from 'vitest';
import { itemId } from '../../src/normalize/url.ts';
import { hmacSha256Hex, sha256, sha256Hex, timingSafeEqual, toHex } from '../../src/utils/hash.ts';

describe('utils/hash', () => {
  it('sha256Hex matches the known digest and the item id prefix', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const url of ['https://a.example/p', 'https://b.example/ü']) expect((await sha256Hex(url)).slice(0, 32)).toBe(await itemId(url));
  });

  it('sha256 and sha256Hex give WebCrypto\'s digest for text (UTF-8, surrogate pairs) and bytes', async () => {
    const inputs: (string | Uint8Array)[] = ['', 'ü €', '😀 and a lone \uD800', JSON.stringify(['t', '<p>x</p>', null, []]), new Uint8Array([0, 1, 255])];
    for (const input of inputs) {
      const data = typeof input === 'string' ? new TextEncoder().encode(input) : new Uint8Array(input);
      const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      expect(await sha256(input)).toEqual(expected);
      expect(await sha256Hex(input)).toBe(toHex(expected));
    }
  });

  it('hmacSha256Hex matches RFC 4231 case 2', async () => {
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('toHex pads and timingSafeEqual compares', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    const cases: [number[], number[]][] = [[[1, 2], [1, 2]], [[1, 2], [1, 3]], [[1], [1, 2]]];
    expect(cases.map(([a, b]) => timingSafeEqual(new Uint8Array(a), new Uint8Array(b)))).toEqual([true, false, false]);
  });
});

import { describe, expect, it } from 'vitest';
import type { CachedFeed } from '../../src/server/cache.ts';
import { feedBytes, negotiateCoding } from '../../src/server/encoding.ts';

describe('negotiateCoding', () => {
  it('picks gzip when acceptable, identity otherwise', () => {
    expect(negotiateCoding('gzip, deflate, br')).toBe('gzip');
    expect(negotiateCoding('br;q=1.0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateCoding('*')).toBe('gzip');
    expect(negotiateCoding('gzip;q=0')).toBe('identity');
    expect(negotiateCoding('*;q=0')).toBe('identity');
    expect(negotiateCoding('gzip;q=0, *')).toBe('identity');
    expect(negotiateCoding('br')).toBe('identity'); // no brotli compressor offered
    expect(negotiateCoding('')).toBe('identity');
    expect(negotiateCoding(null)).toBe('identity');
  });
});

describe('negotiateCoding with brotli available', () => {
  const both = ['br', 'gzip'] as const;
  it('prefers the client\'s highest q, brotli on a tie', () => {
    expect(negotiateCoding('gzip, deflate, br', both)).toBe('br');
    expect(negotiateCoding('br;q=0.5, gzip', both)).toBe('gzip');
    expect(negotiateCoding('br;q=0, gzip;q=0.1', both)).toBe('gzip');
    expect(negotiateCoding('*', both)).toBe('br');
    expect(negotiateCoding('deflate', both)).toBe('identity');
  });
});

describe('feedBytes', () => {
  it('encodes UTF-8 and gzips once per cached object', async () => {
    const feed: CachedFeed = { body: 'héllo '.repeat(500), etag: '"x"', lastModified: '', contentType: 'text/plain' };
    const identity = await feedBytes(feed, 'identity');
    expect(new TextDecoder().decode(identity)).toBe(feed.body);
    const gz = await feedBytes(feed, 'gzip');
    expect(gz.byteLength).toBeLessThan(identity.byteLength);
    const back = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
    expect(back).toBe(feed.body);
    expect(await feedBytes(feed, 'gzip')).toBe(gz); // memoized: same bytes object
  });
});

describe('brotli on Node', () => {
  it('compresses with node:zlib and round-trips', async () => {
    const { brotliDecompressSync } = await import('node:zlib');
    const { NODE_COMPRESSORS } = await import('../../src/runtime/node/compress.ts');
    const body = '<rss>' + 'feedwright '.repeat(2000) + '</rss>';
    const feed = { body, etag: '"x"', lastModified: 'Thu, 01 Jan 2026 00:00:00 GMT', contentType: 'application/rss+xml' };
    const br = await feedBytes(feed, 'br', NODE_COMPRESSORS);
    expect(br.byteLength).toBeLessThan(body.length / 10);
    expect(brotliDecompressSync(br).toString()).toBe(body);
    await expect(feedBytes({ ...feed }, 'br')).rejects.toThrow(/no compressor/);
  });
});

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
    expect(negotiateCoding('br')).toBe('identity');
    expect(negotiateCoding('')).toBe('identity');
    expect(negotiateCoding(null)).toBe('identity');
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

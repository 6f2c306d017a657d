import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { feedCost, MemoryFeedCache, type CachedFeed } from '../../src/server/cache.ts';
import { makeItem } from '../helpers/items.ts';
import { makeSource } from '../../testkit/sources.ts';

const feed = (chars: number, tag = 'x'): CachedFeed => ({
  body: tag.repeat(chars), etag: '"e"', lastModified: 'Wed, 06 Mar 2024 08:00:00 GMT', contentType: 'application/rss+xml',
});

describe('MemoryFeedCache', () => {
  it('is bounded by bytes: the least recently used entries go first', async () => {
    const cache = new MemoryFeedCache({ maxBytes: 3 * feedCost(feed(10_000)) });
    for (const k of ['a', 'b', 'c']) await cache.put(k, feed(10_000, k));
    expect(cache.size).toBe(3);
    await cache.get('a'); // a is now the most recently used
    await cache.put('d', feed(10_000, 'd'));
    expect(cache.size).toBe(3);
    expect(await cache.get('b')).toBeNull();
    expect((await cache.get('a'))?.body[0]).toBe('a');
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    // One big entry pushes out as many small ones as it needs.
    await cache.put('big', feed(25_000));
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    expect(await cache.get('big')).not.toBeNull();
  });

  it('does not keep an entry larger than the whole bound, and replaces a key in place', async () => {
    const cache = new MemoryFeedCache({ maxBytes: feedCost(feed(1000)) * 2 });
    await cache.put('small', feed(1000));
    await cache.put('huge', feed(1_000_000));
    expect(await cache.get('huge')).toBeNull();
    expect(await cache.get('small')).not.toBeNull();
    await cache.put('small', feed(500));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(feedCost(feed(500)));
  });

  it('still caps the number of entries', async () => {
    const cache = new MemoryFeedCache({ maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) await cache.put(k, feed(10));
    expect(cache.size).toBe(2);
    expect(await cache.get('a')).toBeNull();
  });
});

describe('the feed cache under readers varying ?limit=', () => {
  it('stays within its byte bound, and limits above the source limit share one entry', async () => {
    const store = await openSqliteStore(':memory:');
    const body = `<p>${'Long article text. '.repeat(500)}</p>`; // ~10 KB per item
    await store.upsertItems('news', Array.from({ length: 40 }, (_, i) => makeItem(i + 1, { contentHtml: body })), new Date('2024-03-06T08:00:00Z'));
    const source = makeSource({ id: 'news', title: 'News', url: 'https://news.example/', schedule: '0 * * * *', limit: 20 });
    const cache = new MemoryFeedCache({ maxBytes: 4 * 1024 * 1024 });
    const app = createApp({ sources: [source], store, cache, baseUrl: 'https://feeds.example' });
    let peak = 0;
    for (let limit = 1; limit <= 250; limit++) {
      const res = await app.request(`/feeds/news.json?limit=${limit}`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { items: unknown[] };
      expect(doc.items).toHaveLength(Math.min(limit, 20));
      peak = Math.max(peak, cache.bytes);
    }
    expect(peak).toBeLessThanOrEqual(cache.maxBytes);
    // ?limit=20 … 250 are all the source's own limit: the same entry, not 231 of them.
    const size = cache.size;
    await app.request('/feeds/news.json?limit=999');
    await app.request('/feeds/news.json');
    expect(cache.size).toBe(size);
    await store.close();
  });
});

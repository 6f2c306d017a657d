import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { singleFlight } from '../../src/server/single-flight.ts';
import { countingStore } from '../helpers/counting-store.ts';
import { makeItem } from '../helpers/items.ts';
import { makeSource } from '../../testkit/sources.ts';

describe('singleFlight', () => {
  it('shares one in-flight call per key, and starts afresh once it settled (even after a failure)', async () => {
    const once = singleFlight<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = async () => {
      runs++;
      await gate;
      return runs;
    };
    const all = Promise.all([once('a', slow), once('a', slow), once('a', slow), once('b', slow)]);
    release();
    expect(await all).toEqual([2, 2, 2, 2]);
    expect(runs).toBe(2); // one for "a", one for "b"
    await expect(once('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await once('a', async () => 7)).toBe(7);
  });
});

describe('feed route under a burst of readers', () => {
  it('renders a just-changed feed once for many concurrent readers', async () => {
    const base = await openSqliteStore(':memory:');
    const { store, calls } = countingStore(base);
    await base.upsertItems('news', [1, 2, 3].map((n) => makeItem(n)), new Date('2024-03-06T08:00:00Z'));
    const source = makeSource({ id: 'news', title: 'News', url: 'https://news.example/', schedule: '0 * * * *', limit: 3 });
    const app = createApp({ sources: [source], store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example' });
    const responses = await Promise.all(Array.from({ length: 20 }, () => app.request('/feeds/news.rss')));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(calls.listItems).toBe(1);
    await base.close();
  });
});

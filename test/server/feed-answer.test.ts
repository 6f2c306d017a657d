import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODE_COMPRESSORS } from '../../src/runtime/node/compress.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { feedAnswerer, type FeedRequest } from '../../src/server/feed-answer.ts';
import type { Store } from '../../src/store/store.ts';
import { makeSource } from '../../testkit/sources.ts';
import { countingStore } from '../helpers/counting-store.ts';
import { makeItem } from '../helpers/items.ts';

// The feed answer from plain request data (what both the Hono route and the Node listener call).

let now: Date;
let base: Store;
let answer: ReturnType<typeof feedAnswerer>;
let calls: Record<string, number>;

beforeEach(async () => {
  now = new Date('2024-03-10T10:20:00.000Z');
  base = await openSqliteStore(':memory:');
  await base.upsertItems('news', [1, 2].map((n) => makeItem(n, { sourceId: 'news' })), new Date('2024-03-06T08:00:00.000Z'));
  const counted = countingStore(base);
  calls = counted.calls;
  const sources = [makeSource({ id: 'news', title: 'News', schedule: '0 * * * *' })];
  answer = feedAnswerer({
    byId: { get: (id) => sources.find((s) => s.id === id) }, sources: () => sources, store: counted.store,
    cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example', hub: null, startedAt: now, now: () => now,
    compressors: NODE_COMPRESSORS, maxLimit: 100, revision: 'test',
  });
});
afterEach(() => base.close());

function req(target: string, headers: Record<string, string> = {}): FeedRequest {
  const url = new URL(target, 'https://feeds.example');
  return {
    file: url.pathname.slice('/feeds/'.length),
    search: url.search,
    query: (name) => url.searchParams.get(name) ?? undefined,
    header: (name) => headers[name],
  };
}

describe('feedAnswerer', () => {
  it('answers 200 with bytes and headers, then 304 with the same validators', async () => {
    const ok = await answer(req('/feeds/news.rss'));
    if (ok.status !== 200) throw new Error(`expected 200, got ${ok.status}`);
    expect(new TextDecoder().decode(ok.body!)).toContain('<rss');
    expect(ok.headers['Content-Length']).toBe(String(ok.body!.byteLength));
    expect(ok.headers['Cache-Control']).toBe('public, max-age=2400');
    const poll = await answer(req('/feeds/news.rss', { 'if-none-match': ok.headers.ETag }));
    expect(poll.status).toBe(304);
    if (poll.status !== 304) return;
    expect(poll.body).toBeNull();
    expect(poll.headers.ETag).toBe(ok.headers.ETag);
    expect(poll.headers['Content-Length']).toBeUndefined();
  });

  it('hands every poll of a variant the same header objects until max-age changes, and renders once', async () => {
    const first = await answer(req('/feeds/news.rss', { 'accept-encoding': 'gzip' }));
    const second = await answer(req('/feeds/news.rss', { 'accept-encoding': 'gzip' }));
    expect(first.status === 200 && second.status === 200 && second.headers === first.headers).toBe(true);
    expect(calls.listItems).toBe(1);
    now = new Date(now.getTime() + 30_000);
    const later = await answer(req('/feeds/news.rss', { 'accept-encoding': 'gzip' }));
    if (later.status !== 200 || first.status !== 200) throw new Error('expected 200s');
    expect(later.headers).not.toBe(first.headers);
    expect(later.headers['Cache-Control']).toBe('public, max-age=2370');
    expect(later.headers.ETag).toBe(first.headers.ETag);
  });

  it('says 404 for unknown feeds and formats, 400 with a message for a bad query', async () => {
    expect(await answer(req('/feeds/nope.rss'))).toEqual({ status: 404 });
    expect(await answer(req('/feeds/news.xml'))).toEqual({ status: 404 });
    const bad = await answer(req('/feeds/news.rss?limit=zero'));
    expect(bad.status).toBe(400);
    expect('message' in bad && bad.message).toMatch(/limit must be a positive integer/);
  });
});

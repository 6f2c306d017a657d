/**
 * RFC 5005 archives: a client starts at the current feed, follows prev-archive (JSON Feed:
 * next_url) to the oldest page and counts every stored item exactly once; old pages keep their
 * bytes and ETag when new items arrive.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import type { Store } from '../../src/store/store.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { makeItem } from '../helpers/items.ts';
import { makeSource } from '../../testkit/sources.ts';

const BASE = 'https://feeds.example';
const AT = new Date('2024-06-01T00:00:00.000Z');
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString();
const items = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) =>
  makeItem(from + i, { sourceId: 'news', id: `n${from + i}`, url: `https://news.example/a/${from + i}`, published: day(from + i) }));

let store: Store;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  app = createApp({ sources: [makeSource({ id: 'news', limit: 10 })], store, cache: new MemoryFeedCache(), baseUrl: BASE, now: () => AT });
});
afterEach(() => store.close());

const path = (url: string) => url.slice(BASE.length);
const links = (xml: string, prefix: string) => Object.fromEntries(
  [...xml.matchAll(new RegExp(`<${prefix}link rel="(prev-archive|next-archive|current)" href="([^"]+)"/>`, 'g'))].map((m) => [m[1], m[2]]));
const itemLinks = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>(https://news\\.example/a/\\d+)</${tag}>`, 'g'))].map((m) => m[1]);

/** Walks current → prev-archive → … and returns every item link seen, per document. */
async function walkAtom(): Promise<{ pages: string[][]; archives: string[] }> {
  const pages: string[][] = [];
  const archives: string[] = [];
  let url: string | undefined = `${BASE}/feeds/news.atom`;
  while (url) {
    const res = await app.request(path(url));
    expect(res.status, url).toBe(200);
    const xml = await res.text();
    pages.push([...xml.matchAll(/<id>(https:\/\/news\.example\/a\/\d+)<\/id>/g)].map((m) => m[1]));
    const l = links(xml, '');
    if (archives.length > 0) {
      expect(xml).toContain('<fh:archive/>');
      expect(xml).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
      expect(l.current).toBe(`${BASE}/feeds/news.atom`);
      expect(res.headers.get('cache-control')).toBe(`public, max-age=${DEFAULTS.archiveMaxAgeS}`);
    } else {
      expect(xml).not.toContain('fh:archive');
    }
    url = l['prev-archive'];
    if (url) archives.push(url);
  }
  return { pages, archives };
}

describe('archives (RFC 5005)', () => {
  it('a client walking prev-archive from the current feed sees every stored item exactly once', async () => {
    await store.upsertItems('news', items(1, 37), AT);
    const { pages, archives } = await walkAtom();
    // limit 10 → pages of 10 from the oldest: 1–10, 11–20, 21–30 archived; 31–37 only in the current feed.
    expect(archives.map(path)).toEqual(['/feeds/news/archive/3.atom', '/feeds/news/archive/2.atom', '/feeds/news/archive/1.atom']);
    const archived = pages.slice(1).flat();
    expect(new Set(archived).size).toBe(archived.length); // pages are disjoint
    const seen = new Set(pages.flat());
    expect(seen.size).toBe(37);
    expect([...seen].sort()).toEqual(items(1, 37).map((i) => i.url).sort());
  });

  it('archive pages link both ways, and JSON Feed pages back with next_url, RSS with atom:link', async () => {
    await store.upsertItems('news', items(1, 25), AT);
    const middle = await (await app.request('/feeds/news/archive/1.rss')).text();
    expect(links(middle, 'atom:')).toEqual({ current: `${BASE}/feeds/news.rss`, 'next-archive': `${BASE}/feeds/news/archive/2.rss` });
    expect(middle).toContain('<fh:archive/>');
    expect(itemLinks(middle, 'link')).toHaveLength(10);
    const two = await (await app.request('/feeds/news/archive/2.rss')).text();
    expect(links(two, 'atom:')).toEqual({ current: `${BASE}/feeds/news.rss`, 'prev-archive': `${BASE}/feeds/news/archive/1.rss` });
    const current = await (await app.request('/feeds/news.json')).json() as { next_url?: string };
    expect(current.next_url).toBe(`${BASE}/feeds/news/archive/2.json`);
    const page = await (await app.request('/feeds/news/archive/2.json')).json() as { next_url?: string; items: unknown[] };
    expect(page.next_url).toBe(`${BASE}/feeds/news/archive/1.json`);
    expect(page.items).toHaveLength(10);
    expect((await app.request('/feeds/news/archive/3.json')).status).toBe(404); // 21–25 is no complete page
    expect((await app.request('/feeds/news/archive/0.json')).status).toBe(404);
    expect((await app.request('/feeds/nope/archive/1.json')).status).toBe(404);
  });

  it('an old page keeps its bytes and ETag when new items arrive, and answers 304', async () => {
    await store.upsertItems('news', items(1, 20), AT);
    const before = await app.request('/feeds/news/archive/1.atom');
    const etag = before.headers.get('etag')!;
    const body = await before.text();
    await store.upsertItems('news', items(21, 45), new Date('2024-06-02T00:00:00.000Z'));
    const after = await app.request('/feeds/news/archive/1.atom');
    expect(after.headers.get('etag')).toBe(etag);
    expect(await after.text()).toBe(body);
    expect((await app.request('/feeds/news/archive/1.atom', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await walkAtom()).archives).toHaveLength(4);
  });
});

/** Query filters on the feed route: 400s, variants with their own ETags, 304s and cache entries. */
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import type { Store } from '../../src/store/store.ts';
import { countingStore } from '../helpers/counting-store.ts';
import { makeItem } from '../helpers/items.ts';
import { findAll, parseStrictXml } from '../helpers/strict-xml.ts';
import { makeSource } from '../../testkit/sources.ts';

const NOW = new Date('2024-03-10T10:20:00.000Z');

let base: Store;
let store: Store;
let calls: Record<string, number>;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  base = await openSqliteStore(':memory:');
  ({ store, calls } = countingStore(base));
  // 30 items, every third sponsored; the source shows 20
  const items = Array.from({ length: 30 }, (_, i) => makeItem(i + 1, {
    sourceId: 'news',
    title: (i + 1) % 3 === 0 ? `Sponsored: offer ${i + 1}` : `Article ${i + 1} — naïve café`,
    categories: (i + 1) % 2 === 0 ? ['Even'] : ['Odd', 'Zahl'],
    published: new Date(Date.UTC(2024, 2, 10, 10) - (30 - i) * 3_600_000).toISOString(),
  }));
  await base.upsertItems('news', items, new Date('2024-03-10T09:00:00.000Z'));
  app = createApp({
    sources: [
      makeSource({ id: 'news', title: 'News', limit: 20 }),
      makeSource({ id: 'clean', title: 'Clean', limit: 5, filters: { exclude: { title: '^Sponsored' }, include: { category: 'Odd' } } }),
    ],
    store,
    cache: new MemoryFeedCache(),
    baseUrl: 'https://feeds.example/',
    now: () => NOW,
    startedAt: NOW,
  });
  // `clean` reads the same items under its own id
  await base.upsertItems('clean', items.map((item) => ({ ...item, sourceId: 'clean' })), new Date('2024-03-10T09:00:00.000Z'));
});

afterEach(async () => {
  await base.close();
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const titles = async (res: Response) => (parseRssFeed(await res.text()).items ?? []).map((i) => i.title ?? '');

describe('feed query filters', () => {
  it('?filterout_title=sponsored&limit=10 gives exactly ten unsponsored items (filter, then limit)', async () => {
    const res = await get('/feeds/news.rss?filterout_title=Sponsored&limit=10');
    expect(res.status).toBe(200);
    const got = await titles(res);
    expect(got).toHaveLength(10);
    expect(got.every((t) => !t.startsWith('Sponsored'))).toBe(true);
    expect(got[0]).toBe('Article 29 — naïve café');
  });

  it('reads past the source limit for matches: 20 items, not 20 minus the filtered ones', async () => {
    const got = await titles(await get('/feeds/news.rss?filterout_title=Sponsored'));
    expect(got).toHaveLength(20);
    expect(got.filter((t) => t.startsWith('Sponsored'))).toEqual([]);
  });

  it('answers 400 with a message for an invalid or too long pattern, and bad values', async () => {
    for (const [query, message] of [
      ['filter_title=(oops', /filter_title: pattern is not a valid regular expression/],
      [`filter=${'a'.repeat(1001)}`, /filter: pattern is 1001 characters long; patterns may have at most 1000/],
      ['brief=10', /brief must be/],
      ['filter_time=soon', /filter_time must be/],
    ] as const) {
      const res = await get(`/feeds/news.atom?${query}`);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(message);
    }
  });

  it('keeps the unfiltered feed byte for byte, ETag included, and gives each variant its own ETag and 304s', async () => {
    const plain = await get('/feeds/news.rss');
    const plainAgain = await get('/feeds/news.rss?');
    expect(await plainAgain.text()).toBe(await plain.text());
    expect(plainAgain.headers.get('etag')).toBe(plain.headers.get('etag'));

    const a = await get('/feeds/news.rss?filter=caf%C3%A9&filter_case_sensitive=false');
    const b = await get('/feeds/news.rss?filter_case_sensitive=false&filter=caf%C3%A9'); // same variant, other order
    const c = await get('/feeds/news.rss?filter=caf%C3%A9');
    const etags = [plain, a, c].map((r) => r.headers.get('etag'));
    expect(new Set(etags).size).toBe(3);
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));

    const notModified = await get('/feeds/news.rss?filter=caf%C3%A9&filter_case_sensitive=false', { 'if-none-match': etags[1]! });
    expect(notModified.status).toBe(304);
    const otherVariant = await get('/feeds/news.rss?filter=caf%C3%A9', { 'if-none-match': etags[1]! });
    expect(otherVariant.status).toBe(200);
  });

  it('renders a variant once per version (its own cache entry)', async () => {
    await get('/feeds/news.atom?filter_category=Even');
    const listed = calls.listItems;
    const again = await get('/feeds/news.atom?filter_category=Even');
    expect(again.status).toBe(200);
    expect(calls.listItems).toBe(listed);
    await get('/feeds/news.atom?filter_category=Odd');
    expect(calls.listItems).toBe(listed + 1);
  });

  it('self links name the variant (parameters in one order)', async () => {
    const atom = parseAtomFeed(await (await get('/feeds/news.atom?limit=3&filterout=Sponsored&brief=100')).text());
    expect(atom.links?.find((l) => l.rel === 'self')?.href).toBe('https://feeds.example/feeds/news.atom?limit=3&filterout=Sponsored&brief=100');
    const json = parseJsonFeed(await (await get('/feeds/news.json?sorted=false')).text());
    expect(json.feed_url).toBe('https://feeds.example/feeds/news.json?sorted=false');
  });

  it('filter_time counts back from now', async () => {
    const got = await titles(await get('/feeds/news.rss?filter_time=10800'));
    // now 10:20; items at 09:00 and 08:00 are within 3 hours, 07:00 is not
    expect(got).toEqual(['Sponsored: offer 30', 'Article 29 — naïve café']);
  });

  it('applies a source\'s configured filters when rendering', async () => {
    const got = await titles(await get('/feeds/clean.rss'));
    expect(got).toHaveLength(5);
    expect(got.every((t) => !t.startsWith('Sponsored'))).toBe(true);
    expect(got[0]).toBe('Article 29 — naïve café'); // odd, not sponsored
  });
});

describe('filtered feeds against the W3C validator rules', () => {
  it('a change of a source\'s configured filters changes its ETag (no stale 304 after a config edit)', async () => {
    const first = await get('/feeds/clean.rss');
    const edited = createApp({
      sources: [makeSource({ id: 'clean', title: 'Clean', limit: 5, filters: { exclude: { title: '^Article' } } })],
      store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example/', now: () => NOW, startedAt: NOW,
    });
    const etag = first.headers.get('etag')!;
    const after = await edited.request('/feeds/clean.rss', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await titles(after)).every((t) => t.startsWith('Sponsored'))).toBe(true);
  });

  it('brief variants are well-formed; Atom entries keep a summary, no duplicate updated', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const xml = await (await get(`/feeds/news.${format}?brief=100&filterout_title=Sponsored`)).text();
      const doc = parseStrictXml(xml);
      if (format === 'atom') {
        const entries = findAll(doc, 'entry');
        expect(entries.length).toBe(20);
        for (const entry of entries) expect(findAll(entry, 'content').length + findAll(entry, 'summary').length).toBeGreaterThan(0);
        const updated = entries.map((e) => findAll(e, 'updated')[0].text);
        expect(new Set(updated).size).toBe(updated.length);
      } else {
        expect(xml).not.toContain('content:encoded');
        expect(findAll(doc, 'item').length).toBe(20);
      }
    }
  });
});

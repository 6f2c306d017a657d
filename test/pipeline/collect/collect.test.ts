import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import type { ExtractedArticle } from '../../../src/model.ts';
import { mergeArticle } from '../../../src/pipeline/collect/collect.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import type { ScrapeDeps } from '../../../src/pipeline/types.ts';
import { feedArticle, parseFeedDocument } from '../../../src/pipeline/collect/feed-parse.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource, type SourceInput } from '../../../testkit/sources.ts';

let root: string;
let origin: Origin;
let store: Store;
let deps: ScrapeDeps;
let clock: Date;

const source = (overrides: SourceInput = {}) => makeSource({ id: 'site', title: 'Site', url: `${origin.url}index.html`, ...overrides });

const paragraph = 'The harbour committee met on Tuesday to discuss the spring timetable and the new ferry berths. ';

async function writeSite(articles: number): Promise<void> {
  const cards = Array.from({ length: articles }, (_, i) =>
    `<li class="card"><h2><a href="/news/story-${i + 1}.html">Harbour story number ${i + 1}</a></h2><p>Short teaser ${i + 1}.</p></li>`);
  await writeFile(join(root, 'index.html'),
    `<!doctype html><html><head><title>News</title></head><body><main><ul class="stories">${cards.join('')}</ul></main></body></html>`);
  for (let i = 1; i <= articles; i++) {
    await writeFile(join(root, 'news', `story-${i}.html`),
      `<!doctype html><html><head><title>Harbour story number ${i}</title></head><body><article><h1>Harbour story number ${i}</h1>` +
      `<p>${paragraph.repeat(4)}</p><p>${paragraph.repeat(3)}</p></article></body></html>`);
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'feedwright-collect-'));
  await mkdir(join(root, 'news'));
  origin = await startOrigin({ root: root });
  store = await openSqliteStore(':memory:');
  clock = new Date('2026-11-28T06:00:00Z');
  deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => clock, refreshKnownPerRun: 0 };
});
afterEach(async () => {
  await origin.close();
  await store.close();
  await rm(root, { recursive: true, force: true });
});

describe('collect: the backlog of a listing', () => {
  it('html: links beyond the per-run cap are read on the next run although the listing did not change', async () => {
    await writeSite(35);
    const first = await scrapeSource(source(), deps);
    expect(first.error).toBeNull();
    expect(first.found).toBe(35);
    expect(first.fetched).toBe(30);
    expect(await store.listItems('site', 50)).toHaveLength(30);

    // The origin would answer 304 to the saved validators; the 5 links left must not wait for a change.
    clock = new Date(clock.getTime() + 3600_000);
    const second = await scrapeSource(source(), deps);
    expect(second.error).toBeNull();
    expect(second.notModified).toBe(false);
    expect(second.fetched).toBe(5);
    expect(second.created).toBe(5);
    expect(await store.listItems('site', 50)).toHaveLength(35);

    // Nothing is left: now the validators are kept and the unchanged listing answers 304.
    clock = new Date(clock.getTime() + 3600_000);
    const third = await scrapeSource(source(), deps);
    expect(third.notModified).toBe(true);
    expect(third.fetched).toBe(0);
  });

  it('html: without a backlog the validators are kept (an unchanged listing is not read again)', async () => {
    await writeSite(5);
    expect((await scrapeSource(source(), deps)).fetched).toBe(5);
    const again = await scrapeSource(source(), deps);
    expect(again.notModified).toBe(true);
    expect(origin.hits.filter((h) => h === 'GET /index.html')).toHaveLength(2);
  });
});

describe('collect: errors', () => {
  it('says a network error once, not again as its cause', async () => {
    // What undici throws when the connection is refused.
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const fetch = (async () => { throw new TypeError('fetch failed', { cause: refused }); }) as typeof globalThis.fetch;
    const report = await scrapeSource(source(), { ...deps, fetch: createFetcher({ allowPrivateNetworks: true, fetch }) });
    expect(report.ok).toBe(false);
    expect(report.error).toBe(`network error fetching ${origin.url}index.html: fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9)`);
  });
});

describe('collect: feed authors', () => {
  const feed = (creator: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Health</title><link>https://health.example/</link>
<item><title>Sleep and the heart</title><link>https://health.example/sleep</link><dc:creator>${creator}</dc:creator>
<pubDate>Tue, 04 Mar 2025 06:00:00 GMT</pubDate><description>Short.</description></item></channel></rss>`;

  it('a feed author written "Goodman, Brenda" is one author of the feed article', () => {
    const parsed = parseFeedDocument(feed('Goodman, Brenda'), 'https://health.example/feed.xml');
    const article = feedArticle(parsed.entries[0], parsed);
    expect(article.authors).toEqual(['Goodman, Brenda']);
    expect(article.author).toBe('Goodman, Brenda');
  });

  it('the feed\'s authors win over the page\'s, the page\'s fill in when the feed names none', () => {
    const base: ExtractedArticle = {
      title: null, author: null, date: null, modified: null, text: '', html: '', excerpt: null,
      siteName: null, lang: null, image: null, canonicalUrl: null, categories: [],
    };
    const page = { ...base, author: 'Brenda Goodman, MA', authors: ['Brenda Goodman, MA'] };
    const own = { ...base, author: 'Goodman, Brenda', authors: ['Goodman, Brenda'] };
    expect(mergeArticle(own, page, 'UTC').authors).toEqual(['Goodman, Brenda']);
    expect(mergeArticle({ ...base, authors: [] }, page, 'UTC').authors).toEqual(['Brenda Goodman, MA']);
  });

  it('a feed source stores "Goodman, Brenda" as one author', async () => {
    origin.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(feed('Goodman, Brenda')));
    const report = await scrapeSource(source({ type: 'feed', url: `${origin.url}feed.xml`, article: { fetch: false } }), deps);
    expect(report.error).toBeNull();
    const [item] = await store.listItems('site', 50);
    expect(item.authors).toEqual(['Goodman, Brenda']);
  });
});

import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/defaults.ts';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import type { ScrapeDeps } from '../../../src/pipeline/types.ts';
import { parseSitemap } from '../../../src/pipeline/collect/sitemap-parse.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { INGEST_SITE } from './ingest-site.ts';
import { makeSource, type SourceInput } from '../../../testkit/sources.ts';

let origin: Origin;
let store: Store;
let deps: ScrapeDeps;
let clock: Date;

const sitemapSource = (file: string, overrides: SourceInput = {}) =>
  makeSource({ id: 'harbor', title: 'Harbor', type: 'sitemap', url: origin.url + file, ...overrides });

beforeEach(async () => {
  origin = await startOrigin(INGEST_SITE);
  store = await openSqliteStore(':memory:');
  clock = new Date('2025-03-05T06:00:00Z');
  deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => clock };
});
afterEach(async () => {
  await origin.close();
  await store.close();
});

describe('type: sitemap', () => {
  it('follows an index to a news sitemap and a raw .xml.gz sitemap, newest first, capped per run', async () => {
    const report = await scrapeSource(sitemapSource('sitemap-index.xml'), { ...deps, maxArticlesPerRun: 3 });
    expect(report.error).toBeNull();
    expect(report.warnings).toEqual([]);
    expect(report.found).toBe(5);
    expect(report.fetched).toBe(3);
    // The newest child sitemap is read first; the three newest articles are read this run.
    expect(origin.hits.slice(0, 3)).toEqual(['GET /sitemap-index.xml', 'GET /news-sitemap.xml', 'GET /sitemap-old.xml.gz']);
    const items = await store.listItems('harbor', 50);
    expect(items.map((i) => i.title)).toEqual([
      'Ferry timetable changes', 'Dredging starts in April', 'Breakwater budget approved',
    ]);
    const dredging = items[1];
    // The page has no date: news:publication_date (+01:00) is used.
    expect(dredging.published).toBe('2025-03-04T06:45:00.000Z');
    expect(dredging.contentHtml).toContain('Dredging paragraph 5');
    expect(dredging.image).toBe(`${origin.url}images/dredger.jpg`);
    expect(items[0].published).toBe('2025-03-04T09:30:00.000Z');

    // The next run reads the rest (the market page once, whichever sitemap listed it).
    clock = new Date('2025-03-05T07:00:00Z');
    const next = await scrapeSource(sitemapSource('sitemap-index.xml'), { ...deps, maxArticlesPerRun: 3, refreshKnownPerRun: 0 });
    expect(next.error).toBeNull();
    expect(next.created).toBe(2);
    const all = await store.listItems('harbor', 50);
    expect(all.map((i) => i.title)).toEqual([
      'Ferry timetable changes', 'Dredging starts in April', 'Breakwater budget approved',
      'Market square reopens', 'Old pier history',
    ]);
    expect(all.find((i) => i.title === 'Market square reopens')!.url).toBe(`${origin.url}articles/market-square-reopens.html`);
    expect(new Set(all.map((i) => i.id)).size).toBe(5);
  });

  it('without article.fetch, items come from the news sitemap alone', async () => {
    const report = await scrapeSource(sitemapSource('news-sitemap.xml', { article: { fetch: false } }), deps);
    expect(report.error).toBeNull();
    expect(report.fetched).toBe(0);
    const items = await store.listItems('harbor', 50);
    expect(items.map((i) => i.title)).toEqual([
      'Ferry timetable changes', 'Dredging starts in April & ends in June', 'Breakwater budget approved',
    ]);
  });

  it('reads a sitemap of more URLs than fit on the stack as arguments (300,000, gzipped)', async () => {
    const urls = Array.from({ length: 300_000 }, (_, i) => `<url><loc>https://a.example/${i}</loc></url>`).join('');
    const gz = gzipSync(`<urlset>${urls}</urlset>`);
    const big = await startOrigin({
      routes: {
        '/big.xml.gz': (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/gzip' }).end(gz);
        },
      },
    });
    try {
      const report = await scrapeSource(makeSource({ id: 'big', title: 'Big', type: 'sitemap', url: `${big.url}big.xml.gz`, article: { fetch: false } }), deps);
      expect(report.error).toBeNull();
      expect(report.found).toBe(DEFAULTS.maxSitemapEntries);
    } finally {
      await big.close();
    }
  });

  it('a document that is not a sitemap fails the run', async () => {
    const report = await scrapeSource(sitemapSource('rss2.xml'), deps);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/not a sitemap \(root element <rss>/);
  });
});

describe('parseSitemap', () => {
  it('reads any namespace prefix, entities and CDATA', () => {
    const xml = `<?xml version="1.0"?><s:urlset xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
      <s:url><s:loc>https://a.example/x?a=1&amp;b=2</s:loc><s:lastmod>2025-01-02</s:lastmod>
      <n:news><n:publication_date>2025-01-01T10:00:00Z</n:publication_date><n:title><![CDATA[A <b> & B]]></n:title></n:news></s:url>
      <s:url><s:loc>javascript:alert(1)</s:loc></s:url></s:urlset>`;
    expect(parseSitemap(xml, 'https://a.example/sitemap.xml')).toEqual({
      kind: 'urlset',
      entries: [{ url: 'https://a.example/x?a=1&b=2', lastmod: '2025-01-02', published: '2025-01-01T10:00:00Z', title: 'A <b> & B', image: null }],
    });
  });
});

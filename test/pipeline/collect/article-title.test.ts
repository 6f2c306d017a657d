import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { ARTICLE_PROSE } from '../../helpers/prose.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';

let origin: Origin;
let store: Store;

beforeEach(async () => {
  origin = await startOrigin({
    routes: {
      '/news/': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end('<!doctype html><html><head><title>News</title></head><body><main><ul><li><a href="/news/trams">Read more</a></li></ul></main></body></html>');
      },
      // The page title is written for search; the article's own heading is the headline readers see.
      '/news/trams': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(
          '<!doctype html><html lang="en"><head><title>Tram expansion plan approved by council | City Paper</title>' +
            '<meta property="og:title" content="Tram expansion plan approved by council"><meta property="og:site_name" content="City Paper"></head>' +
            `<body><header><a href="/">City Paper</a></header><article><h1>Council approves the tram expansion</h1>${ARTICLE_PROSE}</article></body></html>`,
        );
      },
    },
  });
  store = await openSqliteStore(':memory:');
});
afterEach(async () => {
  await origin.close();
  await store.close();
});

describe('the title of a scraped article', () => {
  it('is the headline the article shows, not the title written for search', async () => {
    const source = makeSource({ id: 'trams', title: 'Trams', url: `${origin.url}news/`, list: { item: 'main li', link: 'a@href' } });
    const deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => new Date('2026-12-01T10:00:00Z') };
    const report = await scrapeSource(source, deps);
    expect(report.error).toBeNull();
    const [item] = await store.listItems('trams', 10);
    expect(item.title).toBe('Council approves the tram expansion');
  });
});

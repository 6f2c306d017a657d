import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';

const SUMMARY = 'The council voted to expand the tram network with three new lines and twelve stations, a plan first proposed in 2019.';
const html = (body: string) => `<!doctype html><html lang="en"><head><title>Trams</title></head><body>${body}</body></html>`;

let origin: Origin;
let store: Store;

beforeEach(async () => {
  origin = await startOrigin({
    routes: {
      '/news/': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(html(`<main><article class="post"><h2><a href="/news/trams">Council expands trams</a></h2><p class="teaser">${SUMMARY}</p></article></main>`));
      },
      // An app shell: its body arrives by script, which a scraper does not run.
      '/news/trams': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(html('<div id="app"></div><script>render()</script>'));
      },
    },
  });
  store = await openSqliteStore(':memory:');
});
afterEach(async () => {
  await origin.close();
  await store.close();
});

describe('reading an article whose page yields no body', () => {
  it('stores the listing summary as the content rather than an empty body', async () => {
    const source = makeSource({
      id: 'trams', title: 'Trams', url: `${origin.url}news/`,
      list: { item: 'article.post', link: 'h2 a@href', title: 'h2', summary: '.teaser' },
    });
    const deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => new Date('2026-12-01T10:00:00Z') };
    const report = await scrapeSource(source, deps);
    expect(report.error).toBeNull();
    const [item] = await store.listItems('trams', 10);
    expect(item.contentHtml).toBe(`<p>${SUMMARY}</p>`);
  });
});

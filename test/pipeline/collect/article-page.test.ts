import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';
import { ARTICLE_PROSE } from '../../helpers/prose.ts';

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
      '/headlines/': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(html('<main><ul><li><a href="/headlines/trams">Read more</a></li></ul></main>'));
      },
      // The page title is written for search; the article's own heading is the headline readers see.
      '/headlines/trams': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(
          '<!doctype html><html lang="en"><head><title>Tram expansion plan approved by council | City Paper</title>' +
            '<meta property="og:title" content="Tram expansion plan approved by council"><meta property="og:site_name" content="City Paper"></head>' +
            `<body><header><a href="/">City Paper</a></header><article><h1>Council approves the tram expansion</h1>${ARTICLE_PROSE}</article></body></html>`,
        );
      },
      // A British paper whose pages say only lang="en": its "06/09/2026" is 6 September.
      '/uk/': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(html('<main><ul><li><a href="/uk/budget">Budget</a></li></ul></main>'));
      },
      '/uk/budget': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(html(`<article><h1>Budget</h1><p class="dateline">06/09/2026</p>${ARTICLE_PROSE}</article>`));
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

describe('the title of a scraped article', () => {
  it('is the headline the article shows, not the title written for search', async () => {
    const source = makeSource({ id: 'trams', title: 'Trams', url: `${origin.url}headlines/`, list: { item: 'main li', link: 'a@href' } });
    const deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => new Date('2026-12-01T10:00:00Z') };
    const report = await scrapeSource(source, deps);
    expect(report.error).toBeNull();
    const [item] = await store.listItems('trams', 10);
    expect(item.title).toBe('Council approves the tram expansion');
  });
});

describe('the date of a scraped article', () => {
  it('is read in the source\'s configured language where the page says only "en"', async () => {
    const deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => new Date('2026-12-01T10:00:00Z') };
    const scrape = async (id: string, language?: string) => {
      const source = makeSource({ id, title: 'UK', url: `${origin.url}uk/`, list: { item: 'li', link: 'a@href' }, ...(language ? { language } : {}) });
      expect((await scrapeSource(source, deps)).error).toBeNull();
      const [item] = await store.listItems(id, 10);
      return item.published;
    };
    expect(await scrape('british', 'en-GB')).toBe('2026-09-06T00:00:00.000Z');
    // Left to the page alone (a loopback host has no country code), "en" reads month first.
    expect(await scrape('unset')).toBe('2026-06-09T00:00:00.000Z');
  });
});

/**
 * Every collector parses its listing document (html listing page, feed, sitemap) through
 * `ScrapeDeps.parseListing` when the runtime gives one (Node: the extract pool's threads), and
 * in-process otherwise, with the same result.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/types.ts';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import { parseListingHere, type ListingKind, type ParseListingFn } from '../../src/pipeline/listing.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import type { NormalizeFn, ScrapeDeps } from '../../src/pipeline/types.ts';
import { normalizeItems } from '../../src/normalize/item.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { startOrigin, type Origin } from '../../testkit/origin.ts';
import { INGEST_SITE } from './collect/ingest-site.ts';
import { makeSource, type SourceInput } from '../../testkit/sources.ts';

const DEMO = fileURLToPath(new URL('../../data/demo/', import.meta.url));

let demo: Origin;
let ingest: Origin;
let store: Store;
let deps: ScrapeDeps;
/** Listings parsed through deps.parseListing: kind and document URL. */
let parsed: { kind: ListingKind; url: unknown }[];

const parseListing: ParseListingFn = async (kind, ...args) => {
  parsed.push({ kind, url: args[1] });
  // Structured clone both ways, as a worker thread does: only plain data gets through.
  return structuredClone(parseListingHere(kind, ...structuredClone(args)));
};

const source = (overrides: SourceInput) => makeSource({ id: 's', title: 'S', article: { fetch: false }, ...overrides });

beforeEach(async () => {
  [demo, ingest] = await Promise.all([startOrigin({ root: DEMO }), startOrigin(INGEST_SITE)]);
  store = await openSqliteStore(':memory:');
  parsed = [];
  deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => new Date('2025-03-05T06:00:00Z') };
});
afterEach(async () => {
  await Promise.all([demo.close(), ingest.close()]);
  await store.close();
});

describe('listing parsing', () => {
  const cases: [ListingKind, () => SourceConfig][] = [
    ['html', () => source({ id: 'page', url: `${demo.url}index.html` })],
    ['feed', () => source({ id: 'feed', type: 'feed', url: `${ingest.url}rss2.xml` })],
    ['sitemap', () => source({ id: 'map', type: 'sitemap', url: `${ingest.url}news-sitemap.xml` })],
  ];

  for (const [kind, make] of cases) {
    it(`type ${kind}: the collector parses its listing with deps.parseListing, same items as in-process`, async () => {
      const s = make();
      const inProcess = await scrapeSource(s, deps);
      expect(inProcess.error).toBeNull();
      expect(inProcess.found).toBeGreaterThan(0);
      const expected = await store.listItems(s.id, 50);
      expect(parsed).toEqual([]);

      const other = { ...s, id: `${s.id}-threaded` };
      const report = await scrapeSource(other, { ...deps, parseListing });
      expect(report.error).toBeNull();
      expect(parsed).toEqual([{ kind, url: s.url }]);
      expect(report.found).toBe(inProcess.found);
      const items = await store.listItems(other.id, 50);
      expect(items.map((i) => [i.url, i.title, i.published])).toEqual(expected.map((i) => [i.url, i.title, i.published]));
    });
  }

  it('a listing parser error reaches the report as it would in-process', async () => {
    // Config refuses this selector, so it is set after makeSource: the collector must cope anyway.
    const s: SourceConfig = { ...source({ id: 'bad', url: `${demo.url}index.html` }), list: { item: 'li[' } };
    const inProcess = await scrapeSource(s, deps);
    const report = await scrapeSource(s, { ...deps, parseListing });
    expect(inProcess.error).toMatch(/list\.item/);
    expect(report.error).toBe(inProcess.error);
    expect(parsed).toHaveLength(1);
  });
});

describe('normalizing', () => {
  for (const fetch of [false, true]) {
    it(`${fetch ? 'article pages' : 'listing entries only'}: items are normalized with deps.normalize, the same as in-process`, async () => {
      const s = source({ id: 'page', url: `${demo.url}index.html`, article: { fetch } });
      const inProcess = await scrapeSource(s, deps);
      expect(inProcess.error).toBeNull();
      const expected = await store.listItems(s.id, 50);
      expect(expected.length).toBeGreaterThan(1);

      const calls: number[] = [];
      // Structured clone both ways, as a worker thread does.
      const normalize: NormalizeFn = async (inputs, ctx) => {
        calls.push(inputs.length);
        return structuredClone(await normalizeItems(...structuredClone([inputs, ctx] as const)));
      };
      const other = { ...s, id: `${s.id}-threaded` };
      const report = await scrapeSource(other, { ...deps, normalize });
      expect(report.error).toBeNull();
      // One call for the whole listing, or one per article page read.
      expect(calls).toEqual(fetch ? expected.map(() => 1) : [expected.length]);
      const items = await store.listItems(other.id, 50);
      const seen = (list: typeof items) => list.map(({ sourceId: _, ...rest }) => rest);
      expect(seen(items)).toEqual(seen(expected));
    });
  }
});

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { DEMO_DIR } from '../helpers/demo-config.ts';
import { startOrigin, type Origin } from '../../testkit/origin.ts';

// The bundled config is what new users copy: its selector example must read the same article
// data as the automatic source beside it.
const CONFIG = new URL('../../data/sources.yaml', import.meta.url);

let origin: Origin;
let store: Store;

beforeEach(async () => {
  origin = await startOrigin({ root: DEMO_DIR });
  store = await openSqliteStore(':memory:');
});
afterEach(async () => {
  await origin.close();
  await store.close();
});

describe('the bundled data/sources.yaml', () => {
  it('gives every demo article the same title, date and link with selectors as without', async () => {
    const config = parseConfig(readFileSync(CONFIG, 'utf8'), 'data/sources.yaml');
    expect(config.sources.length).toBeGreaterThanOrEqual(2);
    const deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => new Date('2026-11-28T06:00:00Z') };
    const bySource = new Map<string, Map<string, { title: string | null; published: string | null }>>();
    for (const s of config.sources) {
      const report = await scrapeSource({ ...s, url: `${origin.url}index.html` }, deps);
      expect(report.error, s.id).toBeNull();
      // A newcomer's first run is clean: every configured selector matches on every page.
      expect(report.unmatchedSelectors, s.id).toEqual([]);
      const items = await store.listItems(s.id, 50);
      bySource.set(s.id, new Map(items.map((i) => [new URL(i.url).pathname, { title: i.title, published: i.published }])));
    }
    const [auto, ...others] = [...bySource.values()];
    expect(auto.size).toBe(5);
    for (const other of others) expect(Object.fromEntries(other)).toEqual(Object.fromEntries(auto));
  });
});

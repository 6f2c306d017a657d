/**
 * Site rules in the Worker (workerd): rule files bundled under data/ are read from the assets
 * binding; the same rules give the same items as the Node pipeline.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import type { Item } from '../../../src/model.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { siteRuleResolver } from '../../../src/pipeline/site-rules.ts';
import type { D1Database } from '../../../src/runtime/cloudflare/bindings.ts';
import { d1Driver } from '../../../src/runtime/cloudflare/d1.ts';
import { readSiteConfigFile } from '../../../src/runtime/node/site-config-files.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import { SqlStore } from '../../../src/store/sql-store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';
import { buildWorker, events, removeBundle, startWorker, type Bundle, type WorkerHarness } from './workerd.ts';

const DATA = new URL('../../../data/', import.meta.url);
const DEMO = fileURLToPath(new URL('demo/', DATA));
const SEED = 'putin-trump-issue-joint-syria-statement.html';
const CAPTION = 'APEC Leader’s Meeting in Da Nang';

let bundle: Bundle;
let worker: WorkerHarness;
let site: Origin;
let store: SqlStore;

const source = (id: string, rules: boolean) =>
  `  - id: ${id}\n    url: ${site.url}index.html\n    timezone: Asia/Kolkata\n    language: en\n${rules ? '    siteConfig: site-config/demo.txt\n' : ''}`;

beforeAll(async () => {
  [bundle, site] = await Promise.all([buildWorker(), startOrigin({ root: DEMO })]);
  const config = ['allowPrivateNetworks: true', 'hostDelayMs: 0', 'siteConfig: site-config', 'sources:', source('plain', false), source('ruled', true)].join('\n');
  worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: config });
  store = new SqlStore(d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database));
  const w = await events(worker);
  for (const id of ['plain', 'ruled']) {
    await w.queue('feedwright-refresh', [{ id, timestamp: new Date(), attempts: 1, body: { sourceId: id, enqueuedAt: new Date().toISOString() } }]);
  }
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
  if (bundle) await removeBundle(bundle);
  await site?.close();
});

describe('site rules on Workers', () => {
  it("read the source's bundled rule file: captions stripped, the rule body kept", async () => {
    const seed = (await store.listItems('ruled', 50)).find((i) => i.url.endsWith(SEED))!;
    expect(seed.title).toBe('Putin, Trump issue joint Syria statement');
    expect(seed.contentHtml).not.toContain(CAPTION);
    expect(seed.contentHtml).toContain('The BRICS Post with inputs from Agencies');
    const plain = (await store.listItems('plain', 50)).find((i) => i.url.endsWith(SEED))!;
    expect(plain.contentHtml).toContain(CAPTION);
  });

  it('give the same items as the Node pipeline with the same rule files', async () => {
    const node = await openSqliteStore(':memory:');
    try {
      const ruled = makeSource({ id: 'ruled', url: `${site.url}index.html`, timezone: 'Asia/Kolkata', language: 'en', siteConfig: 'site-config/demo.txt' }, { fileBase: DATA.href });
      const report = await scrapeSource(ruled, {
        fetch: createFetcher({ allowPrivateNetworks: true }), store: node,
        siteRules: siteRuleResolver(readSiteConfigFile, new URL('site-config/', DATA).href),
      });
      expect(report.ok).toBe(true);
      const comparable = (items: Item[]) => items.map(({ firstSeen: _f, updated: _u, ...rest }) => rest);
      expect(comparable(await store.listItems('ruled', 50))).toEqual(comparable(await node.listItems('ruled', 50)));
    } finally {
      await node.close();
    }
  });
});

/**
 * One feed document for every consumer: what a WebSub subscriber receives, what GET /feeds/…
 * serves and what `feedwright build` writes are the same bytes, for a push source without a site
 * URL (siteUrl falls back to the service), more items than the served cap, and a base URL with a
 * path. A feed without items never says 1970.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/cli/commands/build.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import type { FeedFormat } from '../../src/render/types.ts';
import { openSqliteStore, sqliteDriver } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { createWebSub } from '../../src/websub/create.ts';
import { makeItem } from '../helpers/items.ts';
import { makeSource } from '../../testkit/sources.ts';

const BASE = 'http://feeds.test/svc';
const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];
const EXT = { rss: 'rss', atom: 'atom', json: 'json' } as const;
const STARTED = new Date('2024-05-01T12:00:00.000Z');
const ITEM_COUNT = 520;

const wire = makeSource({ id: 'wire', title: 'Wire', type: 'push', limit: 600 });
const quiet = makeSource({ id: 'quiet', title: 'Quiet', type: 'push', limit: 600 });
const SOURCES = [wire, quiet];

const items = (sourceId: string) => Array.from({ length: ITEM_COUNT }, (_, i) => makeItem(i + 1, {
  sourceId, id: `${sourceId}-${i + 1}`, url: `https://wire.example/a/${i + 1}`, published: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
}));

/** Counts a document's items, whatever its format. */
function itemCount(format: FeedFormat, body: string): number {
  if (format === 'json') return (JSON.parse(body) as { items: unknown[] }).items.length;
  return body.split(format === 'rss' ? '<item>' : '<entry>').length - 1;
}

describe('one feed document', () => {
  let db: Database.Database;
  let store: SqlStore;

  beforeEach(async () => {
    db = new Database(':memory:');
    store = new SqlStore(sqliteDriver(db));
    await store.migrate();
    await store.upsertItems('wire', items('wire'), new Date('2024-04-01T00:00:00.000Z'));
  });
  afterEach(() => db.close());

  /**
   * Subscribes every format of `id`'s feed to a recording subscriber (no network: an injected
   * fetch that echoes the challenge), announces a change, and returns what each topic received.
   */
  async function deliveriesOf(id: string): Promise<{ app: ReturnType<typeof createApp>; received: Map<string, string> }> {
    const received = new Map<string, string>();
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      if ((init?.method ?? 'GET') === 'GET') return new Response(url.searchParams.get('hub.challenge'), { status: 200 });
      received.set(url.searchParams.get('topic')!, String(init?.body));
      return new Response(null, { status: 204 });
    }) as typeof globalThis.fetch;
    const websub = createWebSub({
      config: { allowPrivateNetworks: true }, baseUrl: BASE, sources: () => SOURCES, driver: sqliteDriver(db), store, fetch, startedAt: STARTED,
    });
    const app = createApp({ sources: SOURCES, store, cache: new MemoryFeedCache(), baseUrl: BASE, websub, startedAt: STARTED });
    for (const format of FORMATS) {
      const topic = `${BASE}/feeds/${id}.${EXT[format]}`;
      const res = await app.request('/websub', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': `http://127.0.0.1:9/cb?topic=${encodeURIComponent(topic)}` }).toString(),
      });
      expect(res.status).toBe(202);
    }
    await websub.idle();
    await websub.feedChanged(id);
    await websub.idle();
    websub.close();
    return { app, received };
  }

  it('the WebSub delivery is byte-equal to GET /feeds/<id>.<ext> in every format, capped at the served limit', async () => {
    const { app, received } = await deliveriesOf('wire');
    for (const format of FORMATS) {
      const served = await (await app.request(`/feeds/wire.${EXT[format]}`)).text();
      expect(received.get(`${BASE}/feeds/wire.${EXT[format]}`), format).toBe(served);
      expect(itemCount(format, served), format).toBe(DEFAULTS.maxFeedItems);
      expect(served).toContain(`${BASE}/`); // siteUrl of a push source without url
      expect(served).toContain(`${BASE}/websub`);
    }
  });

  it('a topic without items is delivered with the app\'s start as `updated`, byte-equal to GET', async () => {
    const { app, received } = await deliveriesOf('quiet');
    for (const format of FORMATS) {
      const served = await (await app.request(`/feeds/quiet.${EXT[format]}`)).text();
      expect(received.get(`${BASE}/feeds/quiet.${EXT[format]}`), format).toBe(served);
    }
    expect(received.get(`${BASE}/feeds/quiet.atom`)).toContain(`<updated>${STARTED.toISOString()}</updated>`);
  });

  it('build writes the bytes GET serves (no hub), and an empty feed says when the service started, not 1970', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedwright-doc-'));
    try {
      const dbPath = join(dir, 'feedwright.db');
      const disk = await openSqliteStore(dbPath);
      await disk.upsertItems('wire', items('wire'), new Date('2024-04-01T00:00:00.000Z'));
      await disk.close();
      const config = join(dir, 'sources.yaml');
      writeFileSync(config, [
        `baseUrl: ${BASE}`,
        'sources:',
        ...SOURCES.map((s) => `  - { id: ${s.id}, title: ${s.title}, type: push, limit: ${s.limit} }`),
        '',
      ].join('\n'));
      const out = join(dir, 'out');
      const log = console.log;
      console.log = () => {};
      let code: number;
      try {
        code = await buildCommand.run({ out, config, db: dbPath, 'no-scrape': true }, []);
      } finally {
        console.log = log;
      }
      expect(code).toBe(0);

      const served = await openSqliteStore(dbPath);
      try {
        const app = createApp({ sources: SOURCES, store: served, cache: new MemoryFeedCache(), baseUrl: BASE, startedAt: STARTED });
        for (const format of FORMATS) {
          const built = readFileSync(join(out, 'feeds', `wire.${EXT[format]}`), 'utf8');
          expect(built, format).toBe(await (await app.request(`/feeds/wire.${EXT[format]}`)).text());
          expect(itemCount(format, built), format).toBe(DEFAULTS.maxFeedItems);

          const empty = readFileSync(join(out, 'feeds', `quiet.${EXT[format]}`), 'utf8');
          const emptyServed = await (await app.request(`/feeds/quiet.${EXT[format]}`)).text();
          for (const body of [empty, emptyServed]) {
            expect(body).not.toMatch(/1970|Thu, 01 Jan 1970/);
            expect(body).toContain(`${BASE}/`);
          }
        }
        expect(readFileSync(join(out, 'feeds', 'quiet.atom'), 'utf8')).toMatch(/<updated>20\d\d-/);
        expect(await (await app.request('/feeds/quiet.atom')).text()).toContain(`<updated>${STARTED.toISOString()}</updated>`);
      } finally {
        await served.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Miniflare } from 'miniflare';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Item, SourceState } from '../../src/model.ts';
import { openSqlite, openSqliteStore, sqliteDriver } from '../../src/runtime/node/sqlite.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import type { SqlDriver, SqlStatement, SqlValue } from '../../src/store/sql-store.ts';

const tmp = mkdtempSync(join(tmpdir(), 'feedwright-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/*
 * The same SQL must run on D1. Miniflare (shipped with wrangler) runs a local workerd with a real
 * D1 binding; a tiny worker executes the SqlDriver calls it receives over dispatchFetch (plain
 * async requests: sturdier on a loaded machine than the synchronous binding proxy).
 */
let miniflare: Miniflare | undefined;
afterAll(() => miniflare?.dispose());

const D1_WORKER = `export default {
  async fetch(request, env) {
    const { op, sql, params = [], statements = [] } = await request.json();
    const prep = (q, p) => env.DB.prepare(q).bind(...p);
    try {
      if (op === 'all') return Response.json((await prep(sql, params).all()).results ?? []);
      if (op === 'run') return Response.json({ changes: (await prep(sql, params).run()).meta.changes ?? 0 });
      await env.DB.batch(statements.map((s) => prep(s.sql, s.params)));
      return Response.json({});
    } catch (err) {
      return new Response(String(err && err.message || err), { status: 500 });
    }
  },
};`;

async function openD1Store(): Promise<SqlStore> {
  miniflare ??= new Miniflare({ modules: true, script: D1_WORKER, d1Databases: ['DB'], compatibilityDate: '2025-09-01' });
  const mf = miniflare;
  const call = async <T>(body: object): Promise<T> => {
    const res = await mf.dispatchFetch('http://d1.test/', { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`D1: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const driver: SqlDriver = {
    all: <T>(sql: string, params: readonly SqlValue[] = []) => call<T[]>({ op: 'all', sql, params }),
    run: (sql: string, params: readonly SqlValue[] = []) => call<{ changes: number }>({ op: 'run', sql, params }),
    async batch(statements: readonly SqlStatement[]) {
      await call({ op: 'batch', statements });
    },
  };
  // One database shared by the tests: start each from an empty schema.
  const tables = await driver.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '_cf%'",
  );
  for (const { name } of tables) await driver.run(`DROP TABLE IF EXISTS "${name}"`);
  const store = new SqlStore(driver);
  await store.migrate();
  return store;
}

function item(n: number, over: Partial<Item> = {}): Item {
  const seen = new Date(Date.UTC(2024, 0, 1, 12, n)).toISOString();
  return {
    id: `id-${n}`,
    sourceId: 'src',
    url: `https://example.com/a/${n}`,
    title: `Title ${n}`,
    authors: ['Ann Author', 'Bob Writer'],
    published: new Date(Date.UTC(2024, 0, n + 1)).toISOString(),
    updated: seen,
    firstSeen: seen,
    summary: `Summary ${n}`,
    contentHtml: `<p>Body ${n}</p>`,
    image: null,
    categories: ['news'],
    language: 'en',
    contentHash: `hash-${n}`,
    ...over,
  };
}

const backends: [string, () => Promise<SqlStore>][] = [
  ['sqlite :memory:', () => openSqliteStore(':memory:')],
  ['sqlite file', () => openSqliteStore(join(tmp, `nested/dir/${Math.random().toString(36).slice(2)}.db`))],
  ['D1 (miniflare)', openD1Store],
];

describe.each(backends)('SqlStore on %s', (_name, open) => {
  let store: SqlStore;
  beforeEach(async () => {
    store = await open();
    return () => store.close();
  });

  it('inserts items and round-trips every field', async () => {
    const now = new Date('2024-02-01T00:00:00Z');
    const items = [item(1), item(2, { image: 'https://example.com/i.png', summary: null, contentHtml: null, language: null })];
    expect(await store.upsertItems('src', items, now)).toEqual({ created: 2, updated: 0, unchanged: 0, createdIds: ['id-1', 'id-2'], updatedIds: [] });
    expect(await store.getItem('src', 'id-1')).toEqual(items[0]);
    expect(await store.getItem('src', 'id-2')).toEqual(items[1]);
    expect(await store.getItem('other', 'id-1')).toBeNull();
    expect(await store.feedVersion('src')).toEqual({ version: 1, lastModified: now.toISOString(), itemCount: 2 });
  });

  it('re-inserting unchanged items changes nothing and does not bump the version', async () => {
    await store.upsertItems('src', [item(1), item(2)], new Date('2024-02-01T00:00:00Z'));
    const before = await store.feedVersion('src');
    const r = await store.upsertItems('src', [item(1), item(2)], new Date('2024-03-01T00:00:00Z'));
    expect(r).toEqual({ created: 0, updated: 0, unchanged: 2, createdIds: [], updatedIds: [] });
    expect(await store.feedVersion('src')).toEqual(before);
  });

  it('updates changed content in place, keeping firstSeen and published', async () => {
    const first = new Date('2024-02-01T00:00:00Z');
    await store.upsertItems('src', [item(1), item(2)], first);
    const later = new Date('2024-02-05T08:30:00Z');
    const edited = item(1, {
      title: 'Edited title',
      contentHash: 'hash-1b',
      published: '2030-01-01T00:00:00.000Z',
      firstSeen: later.toISOString(),
      updated: later.toISOString(),
    });
    expect(await store.upsertItems('src', [edited, item(2)], later)).toEqual({ created: 0, updated: 1, unchanged: 1, createdIds: [], updatedIds: ['id-1'] });
    const got = await store.getItem('src', 'id-1');
    expect(got?.title).toBe('Edited title');
    expect(got?.contentHash).toBe('hash-1b');
    expect(got?.updated).toBe(later.toISOString());
    expect(got?.firstSeen).toBe(item(1).firstSeen);
    expect(got?.published).toBe(item(1).published);
    expect(await store.feedVersion('src')).toEqual({ version: 2, lastModified: later.toISOString(), itemCount: 2 });
  });

  it('dates an edit by the item\'s own new modification time when it has one, else now', async () => {
    const first = new Date('2024-02-01T00:00:00Z');
    const own = '2024-01-20T00:00:00.000Z'; // the page's dateModified when first read
    await store.upsertItems('src', [item(1, { updated: own })], first);
    expect((await store.getItem('src', 'id-1'))?.updated).toBe(own);
    // Edited, and the page says when: that date.
    const later = new Date('2024-02-05T08:30:00Z');
    await store.upsertItems('src', [item(1, { contentHash: 'b', updated: '2024-02-04T00:00:00.000Z' })], later);
    expect((await store.getItem('src', 'id-1'))?.updated).toBe('2024-02-04T00:00:00.000Z');
    // Edited, the page's date unchanged (or older): the edit was seen now.
    const again = new Date('2024-02-06T00:00:00Z');
    await store.upsertItems('src', [item(1, { contentHash: 'c', updated: '2024-02-04T00:00:00.000Z' })], again);
    expect((await store.getItem('src', 'id-1'))?.updated).toBe(again.toISOString());
    // A claimed date past `now` is not believed.
    const last = new Date('2024-02-07T00:00:00Z');
    await store.upsertItems('src', [item(1, { contentHash: 'd', updated: '2030-01-01T00:00:00.000Z' })], last);
    expect((await store.getItem('src', 'id-1'))?.updated).toBe(last.toISOString());
    // Unchanged content never moves it.
    await store.upsertItems('src', [item(1, { contentHash: 'd', updated: '2024-02-08T00:00:00.000Z' })], new Date('2024-02-09T00:00:00Z'));
    expect((await store.getItem('src', 'id-1'))?.updated).toBe(last.toISOString());
  });

  it('lists newest first by published then firstSeen, with a limit', async () => {
    const samePublished = '2024-05-05T00:00:00.000Z';
    await store.upsertItems(
      'src',
      [
        item(3),
        item(1),
        item(7),
        item(10, { published: samePublished, firstSeen: '2024-05-05T01:00:00.000Z' }),
        item(11, { published: samePublished, firstSeen: '2024-05-05T02:00:00.000Z' }),
      ],
      new Date('2024-06-01T00:00:00Z'),
    );
    await store.upsertItems('other', [item(99)], new Date('2024-06-01T00:00:00Z'));
    expect((await store.listItems('src', 10)).map((i) => i.id)).toEqual(['id-11', 'id-10', 'id-7', 'id-3', 'id-1']);
    expect((await store.listItems('src', 2)).map((i) => i.id)).toEqual(['id-11', 'id-10']);
    expect((await store.listItems('other', 10)).map((i) => i.id)).toEqual(['id-99']);
  });

  it('orders by instant even when published strings use offsets', async () => {
    // 10:00+05:00 is 05:00Z, earlier than 06:00Z although it sorts later as raw text.
    await store.upsertItems(
      'src',
      [item(1, { published: '2024-01-01T10:00:00+05:00' }), item(2, { published: '2024-01-01T06:00:00Z' })],
      new Date('2024-02-01T00:00:00Z'),
    );
    expect((await store.listItems('src', 10)).map((i) => i.id)).toEqual(['id-2', 'id-1']);
  });

  it('reports known ids, per source, across many ids', async () => {
    const many = Array.from({ length: 120 }, (_, n) => item(n)); // more than one IN chunk
    await store.upsertItems('src', many, new Date('2024-02-01T00:00:00Z'));
    const asked = [...many.map((i) => i.id), 'nope', 'id-5'];
    const known = await store.knownIds('src', asked);
    expect(known.size).toBe(120);
    expect(known.has('id-119')).toBe(true);
    expect(known.has('nope')).toBe(false);
    expect((await store.knownIds('other', asked)).size).toBe(0);
    expect((await store.feedVersion('src')).itemCount).toBe(120);
  });

  it('finds the item each URL belongs to, per source, across many URLs', async () => {
    const many = Array.from({ length: 120 }, (_, n) => item(n)); // more than one IN chunk
    await store.upsertItems('src', many, new Date('2024-02-01T00:00:00Z'));
    const ids = await store.idsForUrls('src', [...many.map((i) => i.url), 'https://example.com/none']);
    expect(ids.size).toBe(120);
    expect(ids.get('https://example.com/a/119')).toBe('id-119');
    expect(ids.has('https://example.com/none')).toBe(false);
    expect((await store.idsForUrls('other', [many[0].url])).size).toBe(0);
  });

  it('keeps each item\'s date offsets, across listings, without bumping unchanged items', async () => {
    const at = new Date('2024-02-01T00:00:00Z');
    const withOffsets = item(1, { publishedOffset: 330, updatedOffset: -300 });
    await store.upsertItems('src', [withOffsets, item(2)], at);
    expect(await store.getItem('src', 'id-1')).toEqual(withOffsets);
    expect(await store.getItem('src', 'id-2')).toEqual(item(2)); // no offsets: none invented
    expect((await store.listItems('src', 10)).map((i) => [i.id, i.publishedOffset, i.updatedOffset]))
      .toEqual([['id-2', undefined, undefined], ['id-1', 330, -300]]);
    expect((await store.listItemsFromOldest('src', 0, 1))[0]).toMatchObject({ publishedOffset: 330 });
    expect((await store.listItemsAcross(['src'], 10)).map((i) => i.publishedOffset)).toEqual([undefined, 330]);
    // An offset alone (same content) is no edit: the version, hence the ETag, stays.
    const version = await store.feedVersion('src');
    expect((await store.upsertItems('src', [item(2, { publishedOffset: 60 })], new Date('2024-02-02T00:00:00Z'))).unchanged).toBe(1);
    expect(await store.feedVersion('src')).toEqual(version);
    // An edit keeps the stored published date and its offset; updated takes the new one.
    await store.upsertItems('src', [item(1, { contentHash: 'b', publishedOffset: 60, updatedOffset: 120 })], new Date('2024-02-03T00:00:00Z'));
    expect(await store.getItem('src', 'id-1')).toMatchObject({ publishedOffset: 330, updatedOffset: 120 });
    // Deleted items take their offsets along: a later item with the same id starts afresh.
    await store.deleteItem('src', 'id-1');
    await store.upsertItems('src', [item(1)], new Date('2024-02-04T00:00:00Z'));
    expect(await store.getItem('src', 'id-1')).toEqual(item(1));
  });

  it('deletes an item and bumps the version', async () => {
    await store.upsertItems('src', [item(1), item(2)], new Date('2024-02-01T00:00:00Z'));
    expect(await store.deleteItem('src', 'id-1')).toBe(true);
    expect(await store.deleteItem('src', 'id-1')).toBe(false);
    expect(await store.getItem('src', 'id-1')).toBeNull();
    const v = await store.feedVersion('src');
    expect(v.version).toBe(2);
    expect(v.itemCount).toBe(1);
    await store.deleteItem('src', 'id-2');
    expect(await store.feedVersion('src')).toMatchObject({ itemCount: 0, lastModified: null });
  });

  it('round-trips source state', async () => {
    expect(await store.getState('src')).toBeNull();
    const state: SourceState = {
      sourceId: 'src',
      lastAttempt: '2024-02-01T00:00:00.000Z',
      lastSuccess: null,
      lastError: 'HTTP 503',
      consecutiveFailures: 3,
      nextAttempt: '2024-02-01T01:00:00.000Z',
      originEtag: '"abc"',
      originLastModified: 'Thu, 01 Feb 2024 00:00:00 GMT',
      failedArticles: [{
        listed: { url: 'https://example.com/a', title: 'A' }, failures: 2, nextAttempt: '2024-02-01T00:02:00.000Z', error: 'HTTP 502',
      }],
      unmatchedSelectors: ['article.date "span.when" matched nothing on 2 of 2 pages'],
    };
    await store.saveState(state);
    expect(await store.getState('src')).toEqual(state);
    const next = { ...state, lastSuccess: '2024-02-02T00:00:00.000Z', lastError: null, consecutiveFailures: 0, failedArticles: [], unmatchedSelectors: [] };
    await store.saveState(next);
    await store.saveState({ ...state, sourceId: 'another' });
    expect(await store.getState('src')).toEqual(next);
    expect((await store.listStates()).map((s) => s.sourceId)).toEqual(['another', 'src']);
  });

  it('migrating again is harmless and keeps data', async () => {
    await store.upsertItems('src', [item(1)], new Date('2024-02-01T00:00:00Z'));
    await store.migrate();
    await store.migrate();
    expect(await store.getItem('src', 'id-1')).toEqual(item(1));
  });

  it('a failing batch leaves nothing half-written', async () => {
    await store.upsertItems('src', [item(1)], new Date('2024-02-01T00:00:00Z'));
    const before = await store.feedVersion('src');
    // The middle item violates NOT NULL on title: the whole write must roll back.
    const bad = item(3, { title: null as unknown as string });
    await expect(
      store.upsertItems('src', [item(2), bad, item(4), item(1, { contentHash: 'changed' })], new Date('2024-03-01T00:00:00Z')),
    ).rejects.toThrow();
    expect(await store.getItem('src', 'id-2')).toBeNull();
    expect(await store.getItem('src', 'id-4')).toBeNull();
    expect((await store.getItem('src', 'id-1'))?.contentHash).toBe('hash-1');
    expect(await store.feedVersion('src')).toEqual(before);
  });
  it('keeps database sources, pauses apart from run states, and forgets a removed source entirely', async () => {
    const now = new Date('2024-02-01T00:00:00Z');
    const rev0 = await store.storedSourcesRevision();
    await store.putStoredSource('b', '{"url":"https://b.example/"}', now);
    await store.putStoredSource('a', '{"url":"https://a.example/"}', now);
    const rev1 = await store.storedSourcesRevision();
    expect(rev1).not.toBe(rev0);
    expect(await store.listStoredSources()).toEqual([
      { id: 'a', config: '{"url":"https://a.example/"}', enabled: true, updatedAt: now.toISOString() },
      { id: 'b', config: '{"url":"https://b.example/"}', enabled: true, updatedAt: now.toISOString() },
    ]);
    await store.putStoredSource('a', '{"url":"https://a2.example/"}', new Date('2024-02-01T00:00:01Z'));
    expect(await store.storedSourcesRevision()).not.toBe(rev1);

    // Paused before any run: listed with its pause; a run saving its state keeps the pause.
    await store.setPaused('a', '2024-02-01T10:00:00Z');
    expect((await store.listStates()).map((s) => [s.sourceId, s.pausedAt])).toEqual([['a', '2024-02-01T10:00:00.000Z']]);
    await store.saveState({ sourceId: 'a', lastAttempt: now.toISOString(), lastSuccess: now.toISOString(), lastError: null, consecutiveFailures: 0, nextAttempt: null, originEtag: null, originLastModified: null });
    expect((await store.getState('a'))?.pausedAt).toBe('2024-02-01T10:00:00.000Z');
    await store.setPaused('a', null);
    expect((await store.getState('a'))?.pausedAt).toBeUndefined();

    await store.upsertItems('a', [item(1, { sourceId: 'a' })], now);
    const version = (await store.feedVersion('a')).version;
    await store.setPaused('a', '2024-02-01T11:00:00Z');
    const beforeRemove = await store.storedSourcesRevision();
    await store.removeSource('a');
    expect(await store.listItems('a', 10)).toEqual([]);
    expect(await store.getState('a')).toBeNull();
    expect((await store.listStoredSources()).map((r) => r.id)).toEqual(['b']);
    expect(await store.storedSourcesRevision()).not.toBe(beforeRemove);
    // The version moves on, so nothing keeps the old feed as current.
    expect(await store.feedVersion('a')).toEqual({ version: version + 1, lastModified: null, itemCount: 0 });
  });
});

describe('SQLite file persistence', () => {
  it('keeps items across reopen and applies migrations once', async () => {
    const path = join(tmp, 'persist', 'feedwright.db');
    const a = await openSqliteStore(path);
    await a.upsertItems('src', [item(1)], new Date('2024-02-01T00:00:00Z'));
    await a.close();
    const b = await openSqliteStore(path);
    expect(await b.getItem('src', 'id-1')).toEqual(item(1));
    await b.close();
    const db = new Database(path);
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('a file database commits without waiting for the disk on every write (WAL, synchronous NORMAL)', async () => {
    const { store, driver } = await openSqlite(join(tmp, 'sync.db'));
    expect(await driver.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await driver.all('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]); // 1 = NORMAL, 2 = FULL
    await store.close();
  });

  it('two stores migrating the same fresh database both succeed', async () => {
    const path = join(tmp, 'race.db');
    const dbs = [new Database(path), new Database(path)];
    const stores = dbs.map((d) => new SqlStore(sqliteDriver(d)));
    await Promise.all(stores.map((s) => s.migrate()));
    await stores[0].upsertItems('src', [item(1)], new Date('2024-02-01T00:00:00Z'));
    expect((await stores[1].listItems('src', 5)).length).toBe(1);
    for (const s of stores) await s.close();
  });

  it('a write waits for the I/O already pending, then lands whole: a reader in between sees all of it or none', async () => {
    const store = await openSqliteStore(':memory:');
    const run = Array.from({ length: 50 }, (_, i) => item(i));
    const seen: number[] = [];
    // A request that arrived before the write (its callback already queued) is answered first.
    const reader = new Promise<void>((resolve) => setImmediate(async () => {
      seen.push((await store.listItems('src', 100)).length);
      resolve();
    }));
    const written = store.upsertItems('src', run, new Date('2024-02-01T00:00:00Z'));
    await reader;
    await written;
    seen.push((await store.listItems('src', 100)).length);
    expect(seen).toEqual([0, 50]);
    expect((await store.feedVersion('src')).itemCount).toBe(50);
    await store.close();
  });

  it('finds a URL\'s item through an index, not by reading every row of the source', async () => {
    const db = new Database(':memory:');
    const store = new SqlStore(sqliteDriver(db));
    await store.migrate();
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT url, id FROM items WHERE source_id = ? AND url IN (?, ?)')
      .all('src', 'https://a.example/1', 'https://a.example/2') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX items_source_url/);
    await store.close();
  });
});

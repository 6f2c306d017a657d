import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/defaults.ts';
import { sqliteDriver } from '../../src/runtime/node/sqlite.ts';
import { SqlStore, type SqlDriver } from '../../src/store/sql-store.ts';
import { FeedVersionCache } from '../../src/store/version-cache.ts';
import { makeItem } from '../helpers/items.ts';

const tmp = mkdtempSync(join(tmpdir(), 'feedwright-versions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A store on its own better-sqlite3 connection, counting the feed_versions reads it sends. */
async function connect(path: string): Promise<{ store: SqlStore; reads: () => number; db: Database.Database }> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const driver = sqliteDriver(db);
  let reads = 0;
  const counting: SqlDriver = {
    ...driver,
    all: (sql, params) => {
      if (sql.includes('FROM feed_versions')) reads++;
      return driver.all(sql, params);
    },
  };
  const store = new SqlStore(counting);
  await store.migrate();
  return { store, reads: () => reads, db };
}

const at = new Date('2024-04-01T00:00:00Z');
/** Lets DEFAULTS.feedVersionRecheckMs pass: another connection's writes are seen after it. */
const pastRecheck = () => new Promise((r) => setTimeout(r, DEFAULTS.feedVersionRecheckMs + 5));

describe('feed versions kept in memory (SQLite)', () => {
  it('answers repeated polls without reading the database', async () => {
    const { store, reads } = await connect(join(tmp, 'repeat.db'));
    await store.upsertItems('news', [makeItem(1)], at);
    const first = await store.feedVersion('news');
    for (let i = 0; i < 5; i++) expect(await store.feedVersion('news')).toEqual(first);
    expect(reads()).toBe(1);
    await store.close();
  });

  it("sees this process's own writes and deletions at once", async () => {
    const { store } = await connect(join(tmp, 'own.db'));
    await store.upsertItems('news', [makeItem(1)], at);
    const v1 = await store.feedVersion('news');
    await store.upsertItems('news', [makeItem(2)], at);
    const v2 = await store.feedVersion('news');
    expect(v2.version).toBe(v1.version + 1);
    expect(v2.itemCount).toBe(2);
    await store.deleteItem('news', 'item-2');
    expect(await store.feedVersion('news')).toMatchObject({ version: v2.version + 1, itemCount: 1 });
    await store.close();
  });

  it('sees a write made by another connection to the same file (PRAGMA data_version)', async () => {
    const path = join(tmp, 'shared.db');
    const server = await connect(path);
    const scraper = await connect(path);
    await server.store.upsertItems('news', [makeItem(1)], at);
    const before = await server.store.feedVersion('news');
    expect(await server.store.feedVersion('news')).toEqual(before);
    const readsBefore = server.reads();

    await scraper.store.upsertItems('news', [makeItem(2)], at);
    await pastRecheck();
    const after = await server.store.feedVersion('news');
    expect(after).toMatchObject({ version: before.version + 1, itemCount: 2 });
    expect(server.reads()).toBe(readsBefore + 1);

    // Another source written elsewhere drops the whole memory: the change token cannot say which.
    await scraper.store.deleteItem('news', 'item-1');
    await pastRecheck();
    expect(await server.store.feedVersion('news')).toMatchObject({ version: before.version + 2, itemCount: 1 });

    // A raw write that bypasses the store is seen too.
    scraper.db.prepare('UPDATE feed_versions SET version = version + 10 WHERE source_id = ?').run('news');
    await pastRecheck();
    expect((await server.store.feedVersion('news')).version).toBe(before.version + 12);
    await server.store.close();
    await scraper.store.close();
  });

  it('keeps nothing in memory without a change token (D1)', async () => {
    const db = new Database(':memory:');
    const { dataVersion: _unused, ...driver } = sqliteDriver(db);
    let reads = 0;
    const store = new SqlStore({ ...driver, all: (sql, params) => (sql.includes('FROM feed_versions') && reads++, driver.all(sql, params)) });
    await store.migrate();
    await store.feedVersion('news');
    await store.feedVersion('news');
    expect(reads).toBe(2);
    await store.close();
  });
});

describe('FeedVersionCache', () => {
  const v = (version: number) => ({ version, lastModified: null, itemCount: 0 });

  it('drops a read that raced a write of this process', () => {
    const cache = new FeedVersionCache(() => 0, { recheckMs: 0 });
    const epoch = cache.epoch; // a read starts…
    cache.forget('news'); // …a write lands before it finishes
    cache.set('news', v(1), epoch);
    expect(cache.get('news')).toBeUndefined();
    cache.set('news', v(2), cache.epoch);
    expect(cache.get('news')).toEqual(v(2));
  });

  it('drops everything when the change token moves, and stays bounded', () => {
    let token = 1;
    const cache = new FeedVersionCache(() => token, { maxEntries: 2, recheckMs: 0 });
    cache.set('a', v(1), cache.epoch);
    cache.set('b', v(1), cache.epoch);
    cache.set('c', v(1), cache.epoch);
    expect([cache.get('a'), cache.get('b'), cache.get('c')].filter(Boolean)).toHaveLength(1);
    token = 2;
    expect(cache.get('c')).toBeUndefined();
  });

  it('reads the change token at most once per recheck interval', () => {
    let token = 1;
    let reads = 0;
    let clock = 1000;
    const cache = new FeedVersionCache(() => (reads++, token), { recheckMs: 5, clock: () => clock });
    cache.set('a', v(1), cache.epoch);
    token = 2; // another process writes…
    clock += 4;
    expect(cache.get('a')).toEqual(v(1)); // …within the interval: still trusted
    expect(reads).toBe(1);
    clock += 1;
    expect(cache.get('a')).toBeUndefined(); // past it: the token is read again and the entry dropped
    expect(reads).toBe(2);
  });
});

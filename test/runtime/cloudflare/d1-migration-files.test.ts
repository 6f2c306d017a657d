/**
 * migrations/ (for `wrangler d1 migrations apply`) is generated from src/store/migrations.ts: these
 * tests fail when the two drift apart, and check that both paths build the same schema.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../../src/runtime/node/sqlite.ts';
import { migrationFiles } from '../../../src/runtime/cloudflare/d1-migration-files.ts';
import { MIGRATIONS } from '../../../src/store/migrations.ts';
import { SqlStore } from '../../../src/store/sql-store.ts';
import { ROOT, wrangler } from './workerd.ts';

const DIR = join(ROOT, 'migrations');

function schemaOf(db: Database.Database): string[] {
  return (db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'd1_migrations' ORDER BY name`).all() as { type: string; name: string; sql: string }[])
    .map((r) => `${r.type} ${r.name}: ${r.sql.replace(/\s+/g, ' ')}`);
}

describe('migrations/', () => {
  it('holds exactly the files generated from src/store/migrations.ts (run `npm run migrations`)', async () => {
    const onDisk = (await readdir(DIR)).filter((f) => f.endsWith('.sql')).sort();
    const expected = migrationFiles();
    expect(onDisk).toEqual(expected.map((f) => f.name));
    for (const f of expected) expect(await readFile(join(DIR, f.name), 'utf8')).toBe(f.sql);
    expect(expected).toHaveLength(MIGRATIONS.length);
  });

  it('builds the same schema as SqlStore.migrate(), which then finds nothing left to do', async () => {
    const byStore = new Database(':memory:');
    await new SqlStore(sqliteDriver(byStore)).migrate();

    const byFiles = new Database(':memory:');
    for (const f of migrationFiles()) byFiles.exec(f.sql);
    expect(schemaOf(byFiles)).toEqual(schemaOf(byStore));
    const recorded = byFiles.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(recorded.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));

    // Applying the files twice (wrangler after a Worker self-migrated) is harmless.
    for (const f of migrationFiles()) byFiles.exec(f.sql);
    const before = schemaOf(byFiles);
    await new SqlStore(sqliteDriver(byFiles)).migrate();
    expect(schemaOf(byFiles)).toEqual(before);
    byStore.close();
    byFiles.close();
  });

  it('applies with `wrangler d1 migrations apply --local`, as the README says', async () => {
    const persist = await mkdtemp(join(tmpdir(), 'feedwright-d1-'));
    try {
      const out = await wrangler(['d1', 'migrations', 'apply', 'feedwright', '--local', '--persist-to', persist]);
      for (const f of migrationFiles()) expect(out).toContain(f.name);
      const listed = await wrangler(['d1', 'migrations', 'list', 'feedwright', '--local', '--persist-to', persist]);
      expect(listed).toMatch(/No migrations to apply/i);
    } finally {
      await rm(persist, { recursive: true, force: true });
    }
  }, 180_000);
});

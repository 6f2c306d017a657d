/** Node storage: the shared SqlStore over better-sqlite3 (synchronous, wrapped in promises). */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SqlStore } from '../../store/sql-store.ts';
import type { SqlDriver, SqlStatement, SqlValue } from '../../store/sql-store.ts';

/**
 * A SqlDriver over an open better-sqlite3 database; `batch` runs inside one transaction, after the
 * event loop's pending I/O: a write (a run's items, its state) is a task of its own instead of the
 * tail of a run's chain of awaits, so feed requests waiting meanwhile are answered first.
 */
export function sqliteDriver(db: Database.Database): SqlDriver {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const args = (params: readonly SqlValue[] | undefined): SqlValue[] => (params ?? []).map((p) => p ?? null);
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const runAll = db.transaction((statements: readonly SqlStatement[]) => {
    for (const s of statements) prepare(s.sql).run(...args(s.params));
  });
  return {
    async all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      return prepare(sql).all(...args(params)) as T[];
    },
    async run(sql: string, params?: readonly SqlValue[]) {
      const info = prepare(sql).run(...args(params));
      return { changes: info.changes };
    },
    async batch(statements: readonly SqlStatement[]): Promise<void> {
      await new Promise((resolve) => setImmediate(resolve));
      // DDL may invalidate cached statements; better-sqlite3 re-prepares transparently.
      runAll(statements);
    },
    dataVersion: () => dataVersion.get() as number,
    async close(): Promise<void> {
      cache.clear();
      if (db.open) db.close();
    },
  };
}

/** Open (creating if needed) a SQLite database file, or `:memory:`, migrated and ready. */
export async function openSqliteStore(path: string): Promise<SqlStore> {
  return (await openSqlite(path)).store;
}

/** Like openSqliteStore, also handing out the driver (for stores of other tables, e.g. WebSub). */
export async function openSqlite(path: string): Promise<{ store: SqlStore; driver: SqlDriver }> {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(inMemory ? ':memory:' : path);
  if (!inMemory) {
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL syncs at checkpoints instead of on every commit: a commit no longer waits
    // for the disk on the thread that answers requests (FULL: 0.5–2 ms median, tens of ms at the
    // tail on a busy disk). A crash of the process loses nothing; a power cut may lose the last
    // commits (runs that the next scrape repeats), never the database.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const driver = sqliteDriver(db);
  const store = new SqlStore(driver);
  try {
    await store.migrate();
  } catch (err) {
    db.close();
    throw err;
  }
  return { store, driver };
}

/** SqlDriver over a Cloudflare D1 binding: the Worker's side of the shared SqlStore. */
import type { SqlDriver, SqlStatement, SqlValue } from '../../store/sql-store.ts';
import type { D1Database } from './bindings.ts';

/**
 * D1 runs the same SQL as better-sqlite3. `batch` maps to `D1Database.batch`, which D1 runs as
 * one implicit transaction (all statements or none).
 */
export function d1Driver(db: D1Database): SqlDriver {
  const bind = (sql: string, params: readonly SqlValue[] | undefined) => {
    const stmt = db.prepare(sql);
    return params && params.length > 0 ? stmt.bind(...params.map((p) => p ?? null)) : stmt;
  };
  return {
    async all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      const res = await bind(sql, params).all<T>();
      return res.results ?? [];
    },
    async run(sql: string, params?: readonly SqlValue[]) {
      const res = await bind(sql, params).run();
      return { changes: Number(res.meta?.changes ?? 0) };
    },
    async batch(statements: readonly SqlStatement[]): Promise<void> {
      if (statements.length === 0) return;
      await db.batch(statements.map((s) => bind(s.sql, s.params)));
    },
  };
}

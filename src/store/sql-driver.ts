/** What a runtime provides for SqlStore: a minimal SQLite-compatible driver (better-sqlite3, D1). */

/** A bound parameter. Adapters must pass `null` through as SQL NULL. */
export type SqlValue = string | number | null;

export interface SqlStatement {
  sql: string;
  params: readonly SqlValue[];
}

/** The minimal database surface a runtime must provide. */
export interface SqlDriver {
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Run all statements atomically: either every one takes effect or none does. */
  batch(statements: readonly SqlStatement[]): Promise<void>;
  close?(): Promise<void>;
  /** A number that changes when another connection commits (SQLite `PRAGMA data_version`); lets feed versions be kept in memory. */
  dataVersion?(): number;
}

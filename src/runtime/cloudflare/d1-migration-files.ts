/**
 * The schema as files for `wrangler d1 migrations apply`, generated from store/migrations.ts so that
 * Node (SqlStore.migrate) and D1 share one set of migrations. Pure: the writer is
 * migrations/generate.ts. Each file also records itself in `schema_migrations`, so that a Worker
 * whose database was migrated by wrangler finds nothing left to do in `SqlStore.migrate()`.
 */
import { MIGRATIONS, MIGRATIONS_TABLE } from '../../store/migrations.ts';

export interface MigrationFile {
  /** e.g. `0001_create_items.sql` */
  name: string;
  sql: string;
}

export const GENERATED_HEADER = '-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.';

/** A short file-name slug from the statement: `CREATE TABLE IF NOT EXISTS items` → `create_items`. */
function slug(sql: string): string {
  const m = /^\s*CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|VIEW)\s+(IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/i.exec(sql);
  if (m) return `create_${m[2].toLowerCase() === 'table' ? '' : `${m[2].toLowerCase()}_`}${m[4].toLowerCase()}`;
  const words = sql.trim().toLowerCase().match(/[a-z_]+/g) ?? ['migration'];
  return words.slice(0, 4).join('_');
}

/** Re-indent for the .sql files (the source strings are indented to sit inside TypeScript). */
function tidy(sql: string): string {
  const [first, ...rest] = sql.trim().split('\n');
  const body = rest.filter((l) => l.trim() !== '' && !l.trim().startsWith(')'));
  const indent = body.length ? Math.min(...body.map((l) => l.length - l.trimStart().length)) : 0;
  return [first, ...rest.map((l) => (l.trim().startsWith(')') ? l.trim() : '  ' + l.slice(indent)))].join('\n');
}

export function migrationFiles(migrations: readonly string[] = MIGRATIONS): MigrationFile[] {
  return migrations.map((sql, i) => {
    const version = i + 1;
    const body = [
      GENERATED_HEADER,
      `-- Migration ${version}.`,
      `${tidy(MIGRATIONS_TABLE)};`,
      `${tidy(sql)};`,
      `INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (${version}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));`,
      '',
    ].join('\n');
    return { name: `${String(version).padStart(4, '0')}_${slug(sql)}.sql`, sql: body };
  });
}

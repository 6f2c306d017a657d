/**
 * Writes migrations/*.sql from src/store/migrations.ts (`npm run migrations`). Run after appending a
 * migration; test/runtime/cloudflare/d1-migration-files.test.ts fails while the files are out of date.
 */
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_HEADER, migrationFiles } from '../src/runtime/cloudflare/d1-migration-files.ts';

const dir = dirname(fileURLToPath(import.meta.url));
const files = migrationFiles();
const wanted = new Set(files.map((f) => f.name));
for (const name of readdirSync(dir)) {
  // Only ever remove files this script wrote (a renamed slug); hand-written files stay.
  if (name.endsWith('.sql') && !wanted.has(name)) {
    if (readFileSync(join(dir, name), 'utf8').startsWith(GENERATED_HEADER)) unlinkSync(join(dir, name));
  }
}
for (const f of files) writeFileSync(join(dir, f.name), f.sql);
console.log(`wrote ${files.length} migration files to ${dir}`);

/** The database's sources into the catalog: read the `sources` table, validate each row like a config entry. */
import type { CatalogEntry, SourceCatalog } from '../config/catalog.ts';
import { parseStoredSource, type ParsedStoredSource } from '../config/stored-source.ts';
import type { Store } from './store.ts';

/**
 * Rows already validated, by id and config text: a reader that re-reads every row often (the
 * Worker's cron, every few minutes, thousands of rows) validates only the rows that changed.
 * Holds the rows of the last read only.
 */
export type StoredSourceParses = Map<string, ParsedStoredSource>;

/** Enabled rows as catalog entries; a row that does not validate is left out and named in `problems`. */
export async function readStoredSources(
  store: Store, label?: string, known?: StoredSourceParses,
): Promise<{ entries: CatalogEntry[]; problems: string[] }> {
  const entries: CatalogEntry[] = [];
  const problems: string[] = [];
  const rows = await store.listStoredSources();
  const previous = known ? new Map(known) : null;
  known?.clear();
  for (const row of rows) {
    if (!row.enabled) continue;
    const key = `${row.id}\u0000${row.config}`;
    const parsed = previous?.get(key) ?? parseStoredSource(row, label);
    known?.set(key, parsed);
    if ('source' in parsed) entries.push({ source: parsed.source, origin: 'db', written: parsed.written });
    else problems.push(...parsed.problems);
  }
  return { entries, problems };
}

/**
 * Re-read the database's sources into `catalog` (listeners hear what changed; invalid rows are
 * among `catalog.problems`).
 */
export async function syncStoredSources(catalog: SourceCatalog, store: Store, label?: string): Promise<void> {
  const { entries, problems } = await readStoredSources(store, label);
  catalog.setDb(entries, problems);
}

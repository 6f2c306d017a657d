/** The database's sources into the catalog: read the `sources` table, validate each row like a config entry. */
import type { CatalogEntry, SourceCatalog } from '../config/catalog.ts';
import { parseStoredSource } from '../config/stored-source.ts';
import type { Store } from './store.ts';

/** Enabled rows as catalog entries; a row that does not validate is left out and named in `problems`. */
export async function readStoredSources(store: Store, label?: string): Promise<{ entries: CatalogEntry[]; problems: string[] }> {
  const entries: CatalogEntry[] = [];
  const problems: string[] = [];
  for (const row of await store.listStoredSources()) {
    if (!row.enabled) continue;
    const parsed = parseStoredSource(row, label);
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

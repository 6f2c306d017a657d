/**
 * Where the Worker's sources come from: the config bundled at deploy time (data/sources.yaml, or
 * a FEEDWRIGHT_CONFIG binding) plus enabled rows of the D1 `sources` table (written by the admin
 * API or by hand). A D1 row with the id of a bundled source is not served and is reported (it
 * never replaces the bundled one). D1 sources never get `file:` URLs (only config files may).
 */
import { SourceCatalog, type CatalogEntry } from '../../config/catalog.ts';
import { readConfigText } from '../../config/config-text.ts';
import { mountFileSources, type LocalMount } from '../../config/local-mounts.ts';
import { parseConfig } from '../../config/parse-config.ts';
import { parseStoredSource } from '../../config/stored-source.ts';
import { isScheduled } from '../../pipeline/due.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import type { Store } from '../../store/store.ts';
import { readStoredSources, type StoredSourceParses } from '../../store/stored-sources.ts';

/** Base that relative `file:` URLs in the bundled config resolve against (see assets.ts). */
export const BUNDLE_FILE_BASE = 'file:///data/sources.yaml';

export interface WorkerSources {
  config: FeedwrightConfig;
  /** Every source, bundled first, then D1-only ones by id. */
  sources: SourceConfig[];
  /** Ids of sources that came from the bundled config (the only ones allowed `file:` URLs). */
  bundledIds: Set<string>;
  /** Problems with D1 rows (a bad row or an id clash is skipped, never fatal). */
  problems: string[];
  /** The same sources with their origin and entries as written (file: ones not yet published). */
  catalog: SourceCatalog;
  /** The bundled config's entries and the valid D1 rows' (clashing ones too), to build other catalogs from. */
  fileEntries: CatalogEntry[];
  dbEntries: CatalogEntry[];
  /** D1 rows that do not validate, in words. */
  rowProblems: string[];
}

/** Label of D1 rows in messages. */
const ROW_LABEL = 'D1 sources row';

/** Parse the bundled config; relative `file:` URLs become absolute under BUNDLE_FILE_BASE. */
export function parseBundledConfig(text: string, fileName = 'data/sources.yaml'): FeedwrightConfig {
  return parseConfig(text, fileName, { fileBase: BUNDLE_FILE_BASE });
}

export interface SourceRow {
  id: string;
  config: string;
}

/** One D1 row's source, validated like a config file's (never with `file:` URLs), or its problems. */
export function parseDbSource(row: SourceRow): { source: SourceConfig } | { problems: string[] } {
  const parsed = parseStoredSource(row, ROW_LABEL);
  return 'source' in parsed ? { source: parsed.source } : { problems: parsed.problems };
}

/** The bundled config's sources as catalog entries, each with its entry as written. */
export function bundledEntries(config: FeedwrightConfig, text: string, fileName: string): CatalogEntry[] {
  const raw = readConfigText(text, fileName) as { sources?: Record<string, unknown>[] } | null;
  return config.sources.map((source, i) => ({ source, origin: 'file', written: raw?.sources?.[i] ?? {} }));
}

/**
 * The bundled sources, then the enabled D1 rows (validated like the config file's); clashes and bad
 * rows reported. `known`: the isolate's rows validated by earlier reads (only changed rows are validated again).
 */
export async function loadSources(
  config: FeedwrightConfig, store: Store, bundled: CatalogEntry[], fileName: string, resolveDb: SourceCatalog['resolveDb'] = null,
  known?: StoredSourceParses,
): Promise<WorkerSources> {
  const { entries, problems } = await readStoredSources(store, ROW_LABEL, known);
  return snapshot(config, bundled, fileName, entries, problems, resolveDb);
}

/** The bundled sources alone (no D1 read): what publishes `/local/<id>/` and mounts it for runs. */
export function bundledSources(config: FeedwrightConfig, bundled: CatalogEntry[], fileName: string): WorkerSources {
  return snapshot(config, bundled, fileName, [], [], null);
}

function snapshot(
  config: FeedwrightConfig, bundled: CatalogEntry[], fileName: string, entries: CatalogEntry[], problems: string[], resolveDb: SourceCatalog['resolveDb'],
): WorkerSources {
  const catalog = new SourceCatalog();
  catalog.resolveDb = resolveDb;
  catalog.setFile(bundled, fileName);
  catalog.setDb(entries, problems);
  const bundledIds = new Set(catalog.entries.filter((e) => e.origin === 'file').map((e) => e.source.id));
  return { config, sources: catalog.sources, bundledIds, problems: [...catalog.problems], catalog, fileEntries: bundled, dbEntries: entries, rowProblems: problems };
}

/**
 * One scheduled source by id, as the full catalog would give it, reading at most its own D1 row:
 * the queue consumer runs one source per message and need not read (and validate) thousands.
 * A bundled id wins over a D1 row; a disabled, invalid or unresolvable row is null. Sources that
 * depend on others (merge) or are not scraped (push) come from the full catalog.
 */
export async function loadSource(
  id: string, bundled: WorkerSources, store: Store, resolveDb: SourceCatalog['resolveDb'], all: () => Promise<WorkerSources>,
): Promise<{ source: SourceConfig; bundled: boolean } | null> {
  const own = bundled.sources.find((s) => s.id === id);
  if (own) return { source: own, bundled: true };
  const row = await store.getStoredSource(id);
  if (!row?.enabled) return null;
  const parsed = parseStoredSource(row, ROW_LABEL);
  if (!('source' in parsed)) return null;
  if (!isScheduled(parsed.source)) {
    const source = (await all()).sources.find((s) => s.id === id);
    return source ? { source, bundled: false } : null;
  }
  try {
    return { source: resolveDb ? resolveDb(parsed.source) : parsed.source, bundled: false };
  } catch {
    return null; // a ${NAME} that is not set: the full catalog reports it (and leaves the source out)
  }
}

export interface MountedSources {
  sources: SourceConfig[];
  mounts: LocalMount[];
}

const mounted = new WeakMap<WorkerSources, Map<string, MountedSources>>();

/**
 * The sources with bundled `file:` ones published at `${base}/local/<id>/` and scraped under that
 * address (as on Node), so their items link to pages a feed reader can open. The base is known only
 * once configured or first requested, hence memoized per sources snapshot and base. Reading goes
 * through the assets binding (assets.ts), fetch/mounted-files.ts and server/local-site-route.ts.
 */
export function mountBundled(ws: WorkerSources, base: string): MountedSources {
  let byBase = mounted.get(ws);
  if (!byBase) mounted.set(ws, (byBase = new Map()));
  let result = byBase.get(base);
  if (!result) {
    result = mountFileSources(ws.sources, base, (id) => ws.bundledIds.has(id));
    byBase.set(base, result);
  }
  return result;
}

/**
 * Where the Worker's sources come from: the config bundled at deploy time (data/sources.yaml, or
 * a FEEDWRIGHT_CONFIG binding) plus enabled rows of the D1 `sources` table. A D1 row with the id of
 * a bundled source replaces it. D1 sources never get `file:` URLs (only config files may).
 */
import { mountFileSources, type LocalMount } from '../../config/local-mounts.ts';
import { mergeProblems } from '../../config/merge.ts';
import { parseConfig } from '../../config/parse-config.ts';
import { parseSource } from '../../config/source.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import type { SqlDriver } from '../../store/sql-store.ts';
import { errorMessage } from '../../utils/errors.ts';

/** Base that relative `file:` URLs in the bundled config resolve against (see assets.ts). */
export const BUNDLE_FILE_BASE = 'file:///data/sources.yaml';

export interface WorkerSources {
  config: FeedwrightConfig;
  /** Every source, bundled first, then D1-only ones by id. */
  sources: SourceConfig[];
  /** Ids of sources that came from the bundled config (the only ones allowed `file:` URLs). */
  bundledIds: Set<string>;
  /** Problems with D1 rows (a bad row is skipped, never fatal). */
  problems: string[];
}

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
  const label = `D1 sources row ${JSON.stringify(row.id)}`;
  let raw: unknown;
  try {
    raw = JSON.parse(row.config);
  } catch (err) {
    return { problems: [`${label}: config: not JSON: ${errorMessage(err)}`] };
  }
  // The row's id column names the source; a mapping without an id takes it.
  const entry = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw, id: row.id } : raw;
  const parsed = parseSource(entry, { label, fileUrls: false });
  return parsed.source ? { source: parsed.source } : { problems: parsed.problems };
}

/** Read enabled D1 sources, validated with the same schema as the config file. */
async function loadDbSources(db: SqlDriver): Promise<{ sources: SourceConfig[]; problems: string[] }> {
  const rows = await db.all<SourceRow>('SELECT id, config FROM sources WHERE enabled = 1 ORDER BY id');
  const sources: SourceConfig[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const parsed = parseDbSource(row);
    if ('source' in parsed) sources.push(parsed.source);
    else problems.push(...parsed.problems);
  }
  return { sources, problems };
}

export async function loadSources(config: FeedwrightConfig, db: SqlDriver): Promise<WorkerSources> {
  const { sources: dbSources, problems } = await loadDbSources(db);
  const fromDb = new Map(dbSources.map((s) => [s.id, s]));
  const sources = config.sources.map((s) => fromDb.get(s.id) ?? s);
  const bundledIds = new Set(config.sources.filter((s) => !fromDb.has(s.id)).map((s) => s.id));
  for (const s of dbSources) if (!config.sources.some((b) => b.id === s.id)) sources.push(s);
  // A bundle whose members do not all exist (after D1's rows) is skipped like a bad row.
  const badBundles = new Set<number>();
  for (const { index, message } of mergeProblems(sources)) {
    badBundles.add(index);
    problems.push(`source ${JSON.stringify(sources[index].id)}: sources: ${message}`);
  }
  const usable = sources.filter((_, i) => !badBundles.has(i));
  return { config, sources: usable, bundledIds, problems };
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

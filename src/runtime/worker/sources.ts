/**
 * Where the Worker's sources come from: the config bundled at deploy time (data/sources.yaml, or
 * a FEEDWRIGHT_CONFIG binding) plus enabled rows of the D1 `sources` table. A D1 row with the id of
 * a bundled source replaces it. D1 sources never get `file:` URLs (only config files may).
 */
import { ConfigError, parseConfig } from '../../config/schema.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import type { SqlDriver } from '../../store/sql-store.ts';

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
  const config = parseConfig(text, fileName);
  for (const s of config.sources) {
    if (s.url && /^file:/i.test(s.url)) s.url = new URL(s.url, BUNDLE_FILE_BASE).href;
    if (s.urls) s.urls = s.urls.map((u) => (/^file:/i.test(u) ? new URL(u, BUNDLE_FILE_BASE).href : u));
  }
  return config;
}

interface SourceRow {
  id: string;
  config: string;
}

/** Read enabled D1 sources, validated with the same schema as the config file. */
export async function loadDbSources(db: SqlDriver): Promise<{ sources: SourceConfig[]; problems: string[] }> {
  const rows = await db.all<SourceRow>('SELECT id, config FROM sources WHERE enabled = 1 ORDER BY id');
  const sources: SourceConfig[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const label = `D1 sources row ${JSON.stringify(row.id)}`;
    try {
      const raw = JSON.parse(row.config) as Record<string, unknown>;
      const entry = { ...raw, id: row.id };
      const [source] = parseConfig(JSON.stringify({ sources: [entry] }), `${label}.json`).sources;
      if ([source.url ?? '', ...(source.urls ?? [])].some((u) => /^file:/i.test(u))) throw new Error('file: URLs are only allowed in the bundled config');
      sources.push(source);
    } catch (err) {
      problems.push(err instanceof ConfigError || err instanceof Error ? `${label}: ${err.message}` : `${label}: ${String(err)}`);
    }
  }
  return { sources, problems };
}

export async function loadSources(config: FeedwrightConfig, db: SqlDriver): Promise<WorkerSources> {
  const { sources: dbSources, problems } = await loadDbSources(db);
  const fromDb = new Map(dbSources.map((s) => [s.id, s]));
  const sources = config.sources.map((s) => fromDb.get(s.id) ?? s);
  const bundledIds = new Set(config.sources.filter((s) => !fromDb.has(s.id)).map((s) => s.id));
  for (const s of dbSources) if (!config.sources.some((b) => b.id === s.id)) sources.push(s);
  return { config, sources, bundledIds, problems };
}

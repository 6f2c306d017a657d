/**
 * Per-isolate wiring of the shared pipeline to the Worker's bindings. Built lazily on the first
 * event and reused while the isolate lives: parsing the config and checking migrations then cost
 * once per isolate, not once per request.
 */
import { resolveEnvRefs, resolveSourceRefs } from '../../config/env-refs.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import type { ReadLocalFile } from '../../fetch/mounted-files.ts';
import type { BrowserFetch } from '../../fetch/browser.ts';
import { createPoliteFetchers } from '../../fetch/polite.ts';
import type { Fetcher } from '../../fetch/types.ts';
import type { FeedCache } from '../../server/cache.ts';
import { countingFetcher, type Metrics } from '../../server/metrics.ts';
import { createTextMetrics } from '../../server/metrics-text.ts';
import { SqlStore, type SqlDriver } from '../../store/sql-store.ts';
import { siteRuleResolver, type SiteRuleResolver } from '../../pipeline/site-rules.ts';
import type { StoredSourceParses } from '../../store/stored-sources.ts';
import { assetsReader, assetsSiteConfigReader } from './assets.ts';
import { workerBrowser } from './browser.ts';
import type { WorkerEnv } from './bindings.ts';
import { d1Driver } from './d1.ts';
import { KvFeedCache } from './kv-cache.ts';
import { bundledEntries, bundledSources, loadSource, loadSources, parseBundledConfig, type WorkerSources } from './sources.ts';

export interface WorkerContext {
  config: FeedwrightConfig;
  baseUrl: string | null;
  db: SqlDriver;
  store: SqlStore;
  cache: FeedCache;
  /** The polite fetcher; local sites are mounted per run (mountedFileFetcher), their base may change. */
  fetch: Fetcher;
  /** Browser Rendering for `render` sources (the BROWSER binding), or why there is none. */
  browser?: BrowserFetch;
  noBrowser?: string;
  /** Reads bundled `file:` URLs from the assets binding (the fetcher's and the `/local/` route's). */
  readLocalFile: ReadLocalFile;
  /** Site rules (config `siteConfig`, bundled under data/), files read once per isolate. */
  siteRules: SiteRuleResolver;
  /** This isolate's counts (runs it scraped, requests it answered) for GET /metrics; state gauges come from D1. */
  metrics: Metrics;
  /** Bundled + D1 sources (cached for a few seconds per isolate; `fresh`: read D1 now). */
  sources(options?: { fresh?: boolean }): Promise<WorkerSources>;
  /** Forget the cached sources: the next `sources()` reads D1 (after the admin API changed them). */
  invalidateSources(): void;
  /** The bundled config's sources alone (no D1 read; they publish and mount `/local/<id>/`). */
  bundled: WorkerSources;
  /** One scheduled source by id, reading its D1 row only (see loadSource); null when none is served. */
  source(id: string): Promise<{ source: SourceConfig; bundled: boolean } | null>;
  /** Resolves once the schema is in place (once per isolate). */
  ready: Promise<void>;
  /**
   * The public URL that bundled `file:` sources are published and scraped under, and WebSub
   * topics use, outside a request (queue, cron): BASE_URL / config `baseUrl`, else the origin
   * the Worker was first reached at (kept in KV), else null (nobody has reached it yet).
   */
  publicBase(): Promise<string | null>;
  /** Record the origin a request reached the Worker at, when no base URL is configured. */
  rememberOrigin(origin: string): Promise<void>;
}

/** KV key of the first origin the Worker was reached at (see publicBase). */
const ORIGIN_KEY = 'meta:origin';

/** Bindings are fixed for an isolate's life, so the config text is the only thing to key on. */
let cached: { configText: string; ctx: WorkerContext } | null = null;

/**
 * The context for `env`. `bundledConfig` is data/sources.yaml as bundled by wrangler; a
 * FEEDWRIGHT_CONFIG binding replaces it.
 */
export function workerContext(env: WorkerEnv, bundledConfig: string): WorkerContext {
  const configText = env.FEEDWRIGHT_CONFIG ?? bundledConfig;
  if (cached && cached.configText === configText) return cached.ctx;
  const fileName = env.FEEDWRIGHT_CONFIG ? 'FEEDWRIGHT_CONFIG.yaml' : 'data/sources.yaml';
  // `${NAME}` references resolve from the Worker's string bindings (vars and secrets).
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const config = resolveEnvRefs(parseBundledConfig(configText, fileName), vars, fileName);
  const bundled = bundledEntries(config, configText, fileName);
  // D1 sources' `${NAME}` references resolve from the same bindings.
  const resolveDb = (source: SourceConfig) => resolveSourceRefs(source, vars, 'D1 sources');
  const db = d1Driver(env.DB);
  const store = new SqlStore(db);
  // As on Node; the robots.txt cache and host spacing live as long as the isolate.
  const readLocalFile = assetsReader(env.ASSETS);
  const metrics = createTextMetrics();
  const polite = createPoliteFetchers({
    allowPrivateNetworks: config.allowPrivateNetworks, readFile: readLocalFile, robots: config.robots, hostDelayMs: config.hostDelayMs,
  });
  const fetch = countingFetcher(polite.fetch, metrics);
  const browser = workerBrowser(env.BROWSER, { allowPrivateNetworks: config.allowPrivateNetworks, beforeRequest: polite.beforeRequest });
  const ready = store.migrate();
  // A failed migration must not stick to the isolate: the next event tries again.
  ready.catch(() => { if (cached?.ctx === ctx) cached = null; });
  let sources: { at: number; value: Promise<WorkerSources> } | null = null;
  const knownRows: StoredSourceParses = new Map();
  const baseUrl = (env.BASE_URL ?? config.baseUrl ?? '').replace(/\/+$/, '') || null;
  // The first origin wins and stays (no flapping between workers.dev and a custom domain); KV is
  // read at most once per isolate until an origin is known.
  let origin: Promise<string | null> | null = null;
  const knownOrigin = () => {
    if (!origin) {
      origin = env.FEEDS.get(ORIGIN_KEY, 'text');
      origin.then((o) => { if (o === null) origin = null; }, () => { origin = null; });
    }
    return origin;
  };
  const ctx: WorkerContext = {
    config,
    baseUrl,
    db,
    store,
    cache: new KvFeedCache(env.FEEDS),
    fetch,
    ...browser,
    readLocalFile,
    metrics,
    siteRules: siteRuleResolver(assetsSiteConfigReader(env.ASSETS, DEFAULTS.maxSiteConfigBytes), config.siteConfig),
    ready,
    sources(options = {}) {
      const now = Date.now();
      if (!sources || options.fresh || now - sources.at > DEFAULTS.workerSourcesTtlMs) {
        const value = ready.then(() => loadSources(config, store, bundled, fileName, resolveDb, knownRows));
        value.catch(() => { sources = null; });
        sources = { at: now, value };
      }
      return sources.value;
    },
    invalidateSources() {
      sources = null;
    },
    bundled: bundledSources(config, bundled, fileName),
    async source(id) {
      await ready;
      return loadSource(id, ctx.bundled, store, resolveDb, () => ctx.sources());
    },
    async publicBase() {
      return baseUrl ?? (await knownOrigin());
    },
    async rememberOrigin(o) {
      if (baseUrl || (await knownOrigin()) !== null) return;
      await env.FEEDS.put(ORIGIN_KEY, o);
      origin = Promise.resolve(o);
    },
  };
  cached = { configText, ctx };
  return ctx;
}

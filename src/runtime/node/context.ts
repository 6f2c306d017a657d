import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceCatalog, type CatalogEntry } from '../../config/catalog.ts';
import { readConfigText } from '../../config/config-text.ts';
import { resolveEnvRefs, resolveSourceRefs } from '../../config/env-refs.ts';
import { redact, secretValues } from '../../config/mask.ts';
import { parseConfig } from '../../config/parse-config.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import type { ReadLocalFile } from '../../fetch/mounted-files.ts';
import { createPoliteFetchers } from '../../fetch/polite.ts';
import type { Fetcher } from '../../fetch/types.ts';
import { announceRun } from '../../pipeline/announce.ts';
import { previewSource } from '../../pipeline/preview/preview.ts';
import { queueNotifications } from '../../pipeline/notify/delivery.ts';
import { runTransitions } from '../../pipeline/notify/events.ts';
import { SourceRunner, formatReport, runMetrics } from '../../pipeline/runner.ts';
import type { PreviewFn } from '../../server/preview-types.ts';
import { countingFetcher, type Metrics } from '../../server/metrics.ts';
import { siteRuleResolver } from '../../pipeline/site-rules.ts';
import type { ScrapeProgress, ScrapeReport } from '../../pipeline/types.ts';
import { SqlOutbox } from '../../store/outbox.ts';
import type { Store } from '../../store/store.ts';
import { errorMessage } from '../../utils/errors.ts';
import { createWebSub } from '../../websub/create.ts';
import type { WebSub } from '../../websub/types.ts';
import { nodeBrowser } from './browser.ts';
import { findChromium } from './chromium.ts';
import { createExtractPool } from './extract-threads.ts';
import { localSiteReader, withLocalSites, type LocalSite } from './local-sites.ts';
import { createNodeMetrics } from './metrics.ts';
import { publicOnlyFetch, resolveHost } from './net.ts';
import { startNotifier } from './notifier.ts';
import { outbound as proxies, proxyEnvFrom, type ProxyEnv } from './proxy.ts';
import { readSiteConfigFile } from './site-config-files.ts';
import { openSqlite } from './sqlite.ts';

/** Where the Node runtime takes its settings from: flags first, then env, then defaults. */
export interface NodeSettings {
  configPath: string;
  dbPath: string;
  port: number;
  /** --host / HOST: the address to listen on (default: every IPv4 interface, see http-server.ts). */
  host?: string;
  /** FEEDWRIGHT_ADMIN_TOKEN: admin + ingest API. Unset: the API is off. */
  adminToken?: string;
  /** FEEDWRIGHT_INGEST_TOKEN: ingest API only. */
  ingestToken?: string;
  /** FEEDWRIGHT_METRICS_TOKEN: GET /metrics (else the admin token). */
  metricsToken?: string;
  /** FEEDWRIGHT_EXTRACT_THREADS: worker threads parsing listings and articles (default 1; 0 = on the main thread). */
  extractThreads?: number;
  /** FEEDWRIGHT_CHROMIUM, else a Chrome/Chromium found on the machine; null: none (no `render: browser`). */
  chromium?: string | null;
  /** FEEDWRIGHT_BROWSER_PAGES: pages the browser renders at once (default 2). */
  browserPages?: number;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxyEnv?: ProxyEnv;
  /** The variables `${NAME}` references in the config resolve from. */
  env?: Record<string, string | undefined>;
}

/**
 * Reads the public env vars (PORT, HOST, FEEDWRIGHT_CONFIG, FEEDWRIGHT_DB, FEEDWRIGHT_ADMIN_TOKEN,
 * FEEDWRIGHT_INGEST_TOKEN, FEEDWRIGHT_METRICS_TOKEN); flags override them (tokens come from the environment only).
 */
export function settingsFrom(
  flags: { config?: string; db?: string; port?: string; host?: string },
  env: Record<string, string | undefined> = process.env,
): NodeSettings {
  const port = Number(flags.port ?? env.PORT ?? DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${flags.port ?? env.PORT}`);
  const settings: NodeSettings = {
    configPath: flags.config ?? env.FEEDWRIGHT_CONFIG ?? DEFAULTS.configPath,
    dbPath: flags.db ?? env.FEEDWRIGHT_DB ?? DEFAULTS.dbPath,
    port,
  };
  const host = (flags.host ?? env.HOST)?.trim();
  if (host) settings.host = host;
  if (env.FEEDWRIGHT_ADMIN_TOKEN) settings.adminToken = env.FEEDWRIGHT_ADMIN_TOKEN;
  if (env.FEEDWRIGHT_INGEST_TOKEN) settings.ingestToken = env.FEEDWRIGHT_INGEST_TOKEN;
  if (env.FEEDWRIGHT_METRICS_TOKEN) settings.metricsToken = env.FEEDWRIGHT_METRICS_TOKEN;
  if (env.FEEDWRIGHT_EXTRACT_THREADS) {
    const threads = Number(env.FEEDWRIGHT_EXTRACT_THREADS);
    if (!Number.isInteger(threads) || threads < 0) throw new Error(`invalid FEEDWRIGHT_EXTRACT_THREADS: ${env.FEEDWRIGHT_EXTRACT_THREADS}`);
    settings.extractThreads = threads;
  }
  settings.chromium = findChromium(env);
  if (env.FEEDWRIGHT_BROWSER_PAGES) {
    const pages = Number(env.FEEDWRIGHT_BROWSER_PAGES);
    if (!Number.isInteger(pages) || pages < 1 || pages > 32) throw new Error(`invalid FEEDWRIGHT_BROWSER_PAGES: ${env.FEEDWRIGHT_BROWSER_PAGES} (a whole number from 1 to 32)`);
    settings.browserPages = pages;
  }
  const proxyEnv = proxyEnvFrom(env);
  if (Object.keys(proxyEnv).length > 0) settings.proxyEnv = proxyEnv;
  settings.env = env;
  return settings;
}

/**
 * Reads and validates a config file; relative `file:` source URLs resolve against its folder and
 * `${NAME}` references against `env`. `written`: each source's entry as written (references
 * unresolved), in the order of `config.sources`.
 */
export async function loadConfigFile(
  path: string, env: Record<string, string | undefined>,
): Promise<{ config: FeedwrightConfig; written: Record<string, unknown>[]; text: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read config file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  // Without a source anywhere there is nothing to serve (the database's may come later, but a
  // fresh install starts from the file).
  const parsed = parseConfig(text, path, { fileBase: pathToFileURL(dirname(resolve(path)) + '/').href, requireSources: true });
  const raw = readConfigText(text, path) as { sources: Record<string, unknown>[] };
  return { config: resolveEnvRefs(parsed, env, path), written: raw.sources, text };
}

/** The file's sources as catalog entries (`sources` as served: `file:` ones moved to /local/). */
export function fileEntries(sources: readonly SourceConfig[], written: readonly Record<string, unknown>[]): CatalogEntry[] {
  return sources.map((source, i) => ({ source, origin: 'file', written: written[i] }));
}

/** Everything a Node command needs, assembled once. */
export interface NodeContext {
  settings: NodeSettings;
  /** The config as loaded at start, with `file:` sources moved to their published address. */
  config: FeedwrightConfig;
  /** The sources being served, live: the config file's (reloaded by `serve`) and the database's. */
  catalog: SourceCatalog;
  baseUrl: string;
  /** Folders of `file:` sources, published at `/local/<id>/`. */
  localSites: LocalSite[];
  /** Reads `file:` URLs for the fetcher and the `/local/` route (refusing what a site keeps private). */
  readLocalFile: ReadLocalFile;
  store: Store;
  fetch: Fetcher;
  runner: SourceRunner;
  /** The dry run of POST /api/preview, with the scraper's fetcher and extraction threads. */
  preview: PreviewFn;
  /** WebSub: the built-in hub, or pings to `config.websub.hub`; told when a run changed a feed. */
  websub: WebSub;
  /** Counts runs, fetched bytes, requests and notifications; served at GET /metrics. */
  metrics: Metrics;
  /** When the context opened: the `updated` of feeds without items, served and delivered alike. */
  startedAt: Date;
  close(): Promise<void>;
}

export async function openContext(
  settings: NodeSettings,
  log: (line: string) => void = (l) => console.log(l),
  options: { onProgress?: (progress: ScrapeProgress) => void } = {},
): Promise<NodeContext> {
  const { config: loaded, written } = await loadConfigFile(settings.configPath, settings.env ?? process.env);
  // Nothing secret of the config reaches a log line.
  const secrets = secretValues(loaded);
  const rawLog = log;
  log = (line) => rawLog(redact(line, secrets));
  const baseUrl = (loaded.baseUrl ?? `http://localhost:${settings.port}`).replace(/\/+$/, '');
  // The config and the database may sit in a local site's folder: they are never published.
  const { config, sites } = withLocalSites(loaded, baseUrl, [settings.configPath, settings.dbPath]);
  const catalog = new SourceCatalog();
  catalog.resolveDb = (source) => resolveSourceRefs(source, settings.env ?? process.env, 'database');
  catalog.setFile(fileEntries(config.sources, written), settings.configPath);
  const { store, driver } = await openSqlite(settings.dbPath);
  // Outbound requests connect only to public addresses unless the config allows private ones.
  const outbound = config.allowPrivateNetworks ? undefined : publicOnlyFetch();
  // Scrapes go through the configured proxies (config `proxy`, else HTTPS_PROXY/HTTP_PROXY, NO_PROXY honoured).
  const scrapeNet = proxies({ allowPrivateNetworks: config.allowPrivateNetworks, proxy: config.proxy, env: settings.proxyEnv });
  // Local sites are read straight from disk, by the same reader as their /local/ route.
  const readLocalFile = localSiteReader(sites);
  const metrics = createNodeMetrics();
  const polite = createPoliteFetchers({
    allowPrivateNetworks: config.allowPrivateNetworks, resolveHost, fetch: scrapeNet.fetch, proxied: scrapeNet.proxied,
    readFile: readLocalFile, robots: config.robots, hostDelayMs: config.hostDelayMs, mounts: sites,
  });
  const fetch = countingFetcher(polite.fetch, metrics);
  // Started on the first page a `render` source needs: static-only configs never start a browser.
  // Its pages' requests go out as the scraper's do (public addresses only, the configured proxies).
  const browser = nodeBrowser({
    executablePath: settings.chromium ?? null, pages: settings.browserPages, allowPrivateNetworks: config.allowPrivateNetworks,
    fetch: scrapeNet.fetch, proxied: scrapeNet.proxied, beforeRequest: polite.beforeRequest, log,
  });
  const startedAt = new Date();
  const websub = createWebSub({ config, baseUrl, sources: () => catalog.sources, driver, store, fetch: outbound, resolveHost, log, startedAt });
  // Listings and article pages are parsed in worker threads, off the loop that answers feed requests.
  const threads = settings.extractThreads ?? DEFAULTS.extractThreads;
  const extractPool = threads > 0 ? createExtractPool({ size: threads }) : null;
  const outbox = new SqlOutbox(driver);
  const notifier = startNotifier({ outbox, fetch: outbound, policy: { allowPrivateNetworks: config.allowPrivateNetworks, resolveHost }, log,
    onResult: (result) => metrics.notification(result),
  });
  const queuing = new Set<Promise<unknown>>();
  // Normalizing in the thread too pays only when it has room: with one thread on two cores it made
  // the first cycle a third longer (BENCHMARKS.md "Scale"), the thread being the bottleneck.
  const normalize = threads > 1 ? extractPool?.normalize : undefined;
  // One resolver (its parsed files cached) for runs and previews alike.
  const siteRules = siteRuleResolver(readSiteConfigFile, config.siteConfig);
  const runner = new SourceRunner(
    {
      fetch, browser: browser.browser, noBrowser: browser.noBrowser, store, allowFileUrls: true,
      extract: extractPool?.extract, parseListing: extractPool?.parseListing, applyRules: extractPool?.applyRules, normalize, onProgress: options.onProgress,
      siteRules,
    },
    (report: ScrapeReport) => {
      metrics.scrapeRun(runMetrics(report));
      log(`${new Date().toISOString()} ${formatReport(report)}`);
      announceRun(websub, report).catch((err) => log(`${new Date().toISOString()} [${report.sourceId}] WebSub notification failed: ${errorMessage(err)}`));
      const source = catalog.get(report.sourceId)?.source;
      if (source) {
        const queued = queueNotifications({ outbox }, config, source, report, runTransitions(report), baseUrl)
          .then((entries) => entries.length > 0 && notifier.kick())
          .catch((err) => log(`${new Date().toISOString()} [${report.sourceId}] cannot queue notifications: ${errorMessage(err)}`))
          .finally(() => queuing.delete(queued));
        queuing.add(queued);
      }
    },
  );
  const preview: PreviewFn = (body, signal) =>
    previewSource(body, {
      fetch, extract: extractPool?.extract, parseListing: extractPool?.parseListing, browser: browser.browser, noBrowser: browser.noBrowser,
      siteRules, applyRules: extractPool?.applyRules,
    }, signal);
  return {
    settings, config, catalog, baseUrl, localSites: sites, readLocalFile, store, fetch, runner, preview, websub, metrics, startedAt,
    async close() {
      await runner.idle();
      await Promise.allSettled([...queuing]);
      await notifier.close();
      await extractPool?.close();
      await browser.close();
      await scrapeNet.close();
      websub.close();
      await websub.idle();
      await store.close();
    },
  };
}

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../../config/parse-config.ts';
import type { FeedwrightConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import type { ReadLocalFile } from '../../fetch/mounted-files.ts';
import { createPoliteFetcher } from '../../fetch/polite.ts';
import type { Fetcher } from '../../fetch/types.ts';
import { announceRun } from '../../pipeline/announce.ts';
import { SourceRunner, formatReport } from '../../pipeline/runner.ts';
import { siteRuleResolver } from '../../pipeline/site-rules.ts';
import type { ScrapeProgress, ScrapeReport } from '../../pipeline/types.ts';
import type { Store } from '../../store/store.ts';
import { errorMessage } from '../../utils/errors.ts';
import { createWebSub } from '../../websub/create.ts';
import type { WebSub } from '../../websub/types.ts';
import { createExtractPool } from './extract-threads.ts';
import { localSiteReader, withLocalSites, type LocalSite } from './local-sites.ts';
import { publicOnlyFetch, resolveHost } from './net.ts';
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
  /** FEEDWRIGHT_EXTRACT_THREADS: worker threads parsing listings and articles (default 1; 0 = on the main thread). */
  extractThreads?: number;
}

/**
 * Reads the public env vars (PORT, HOST, FEEDWRIGHT_CONFIG, FEEDWRIGHT_DB, FEEDWRIGHT_ADMIN_TOKEN,
 * FEEDWRIGHT_INGEST_TOKEN); flags override them (tokens come from the environment only).
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
  if (env.FEEDWRIGHT_EXTRACT_THREADS) {
    const threads = Number(env.FEEDWRIGHT_EXTRACT_THREADS);
    if (!Number.isInteger(threads) || threads < 0) throw new Error(`invalid FEEDWRIGHT_EXTRACT_THREADS: ${env.FEEDWRIGHT_EXTRACT_THREADS}`);
    settings.extractThreads = threads;
  }
  return settings;
}

/** Reads and validates a config file; relative `file:` source URLs resolve against its folder. */
async function loadConfigFile(path: string): Promise<FeedwrightConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read config file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  // The file is the Node runtime's only list of sources: without one there is nothing to serve.
  return parseConfig(text, path, { fileBase: pathToFileURL(dirname(resolve(path)) + '/').href, requireSources: true });
}

/** Everything a Node command needs, assembled once. */
export interface NodeContext {
  settings: NodeSettings;
  /** The config as loaded, with `file:` sources moved to their published address. */
  config: FeedwrightConfig;
  baseUrl: string;
  /** Folders of `file:` sources, published at `/local/<id>/`. */
  localSites: LocalSite[];
  /** Reads `file:` URLs for the fetcher and the `/local/` route (refusing what a site keeps private). */
  readLocalFile: ReadLocalFile;
  store: Store;
  fetch: Fetcher;
  runner: SourceRunner;
  /** WebSub: the built-in hub, or pings to `config.websub.hub`; told when a run changed a feed. */
  websub: WebSub;
  /** When the context opened: the `updated` of feeds without items, served and delivered alike. */
  startedAt: Date;
  close(): Promise<void>;
}

export async function openContext(
  settings: NodeSettings,
  log: (line: string) => void = (l) => console.log(l),
  options: { onProgress?: (progress: ScrapeProgress) => void } = {},
): Promise<NodeContext> {
  const loaded = await loadConfigFile(settings.configPath);
  const baseUrl = (loaded.baseUrl ?? `http://localhost:${settings.port}`).replace(/\/+$/, '');
  // The config and the database may sit in a local site's folder: they are never published.
  const { config, sites } = withLocalSites(loaded, baseUrl, [settings.configPath, settings.dbPath]);
  const { store, driver } = await openSqlite(settings.dbPath);
  // Outbound requests connect only to public addresses unless the config allows private ones.
  const outbound = config.allowPrivateNetworks ? undefined : publicOnlyFetch();
  // Local sites are read straight from disk, by the same reader as their /local/ route.
  const readLocalFile = localSiteReader(sites);
  const fetch = createPoliteFetcher({
    allowPrivateNetworks: config.allowPrivateNetworks, resolveHost, fetch: outbound,
    readFile: readLocalFile, robots: config.robots, hostDelayMs: config.hostDelayMs, mounts: sites,
  });
  const startedAt = new Date();
  const websub = createWebSub({ config, baseUrl, sources: () => config.sources, driver, store, fetch: outbound, resolveHost, log, startedAt });
  // Listings and article pages are parsed in worker threads, off the loop that answers feed requests.
  const threads = settings.extractThreads ?? DEFAULTS.extractThreads;
  const extractPool = threads > 0 ? createExtractPool({ size: threads }) : null;
  const runner = new SourceRunner(
    {
      fetch, store, allowFileUrls: true, extract: extractPool?.extract, parseListing: extractPool?.parseListing, onProgress: options.onProgress,
      siteRules: siteRuleResolver(readSiteConfigFile, config.siteConfig),
    },
    (report: ScrapeReport) => {
      log(`${new Date().toISOString()} ${formatReport(report)}`);
      announceRun(websub, report).catch((err) => log(`${new Date().toISOString()} [${report.sourceId}] WebSub notification failed: ${errorMessage(err)}`));
    },
  );
  return {
    settings, config, baseUrl, localSites: sites, readLocalFile, store, fetch, runner, websub, startedAt,
    async close() {
      await runner.idle();
      await extractPool?.close();
      websub.close();
      await websub.idle();
      await store.close();
    },
  };
}

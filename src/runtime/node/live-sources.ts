/**
 * `serve` keeps its sources current without a restart: the config file is reloaded when it changes
 * (fs.watch, debounced) or on demand (SIGHUP), and the database's sources table is re-read when
 * another process (`feedwright sources add`) changed it. An invalid config edit changes nothing:
 * the running sources stay, the error is logged (file, source, field) and kept in the catalog's
 * `configFault` (shown by /health and GET /api/sources) until a valid edit replaces it.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { ConfigFault } from '../../config/catalog.ts';
import { ConfigError } from '../../config/messages.ts';
import { DEFAULTS } from '../../defaults.ts';
import { syncStoredSources } from '../../store/stored-sources.ts';
import { errorMessage } from '../../utils/errors.ts';
import { fileEntries, loadConfigFile, type NodeContext } from './context.ts';
import { mountLocalSites } from './local-sites.ts';

export interface LiveSources {
  /** Reload the config file now (said in the log even when unchanged); false when it was refused (the running sources stay). */
  reload(): Promise<boolean>;
  /** Re-read the database's sources now. */
  syncDb(): Promise<void>;
  close(): void;
}

export interface LiveSourcesOptions {
  /** Watch the config file (default true). */
  watch?: boolean;
  debounceMs?: number;
  /** How often to look for database changes by other processes; 0: never. */
  pollMs?: number;
}

/** `key: value` settings outside `sources` that only a restart applies. */
const RESTART_KEYS = ['baseUrl', 'allowPrivateNetworks', 'robots', 'hostDelayMs', 'websub'] as const;

export async function startLiveSources(
  ctx: NodeContext, log: (line: string) => void, options: LiveSourcesOptions = {},
): Promise<LiveSources> {
  const { catalog, settings, store } = ctx;
  const path = settings.configPath;
  const stamp = () => new Date().toISOString();
  const reportProblems = () => { for (const p of catalog.problems) log(`${stamp()} ${p}`); };
  // What was loaded at start (read again: close enough, a change in between is seen as one).
  let lastText: string | null = await readFile(path, 'utf8').catch(() => null);
  let revision = await store.storedSourcesRevision();

  const syncDb = async () => {
    revision = await store.storedSourcesRevision();
    await syncStoredSources(catalog, store);
  };
  await syncDb();
  reportProblems();

  /** `quietIfUnchanged`: a watch event for a file whose text did not change (a touch, a second event) does nothing. */
  const reload = async (quietIfUnchanged = false): Promise<boolean> => {
    try {
      const { config, written, text } = await loadConfigFile(path, settings.env ?? process.env);
      if (quietIfUnchanged && text === lastText && !catalog.configFault) return true;
      lastText = text;
      const { sources, sites } = mountLocalSites(config.sources, ctx.baseUrl, [path, settings.dbPath]);
      // The fetcher and the /local/ route read this very array.
      ctx.localSites.splice(0, ctx.localSites.length, ...sites);
      const change = catalog.setFile(fileEntries(sources, written), path);
      catalog.configFault = null;
      const stale = RESTART_KEYS.filter((k) => JSON.stringify(config[k]) !== JSON.stringify(ctx.config[k]));
      log(`${stamp()} config ${path} reloaded: ${catalog.sources.length} source(s)`
        + `${change.added.length ? `, added ${change.added.join(', ')}` : ''}`
        + `${change.changed.length ? `, changed ${change.changed.join(', ')}` : ''}`
        + `${change.removed.length ? `, removed ${change.removed.join(', ')}` : ''}`
        + `${stale.length ? `; restart to apply ${stale.join(', ')}` : ''}`);
      reportProblems();
      return true;
    } catch (err) {
      const fault: ConfigFault = err instanceof ConfigError
        ? { file: path, at: stamp(), messages: err.issues, problems: err.details }
        : { file: path, at: stamp(), messages: [errorMessage(err)], problems: [{ file: path, source: null, field: '', message: errorMessage(err) }] };
      catalog.configFault = fault;
      log(`${stamp()} config ${path} NOT reloaded, still serving the ${catalog.sources.length} source(s) loaded before:\n  ${fault.messages.join('\n  ')}`);
      return false;
    }
  };

  let watcher: FSWatcher | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  if (options.watch ?? true) {
    // The folder, not the file: editors often save by writing a new file and renaming it over.
    const name = basename(path);
    try {
      watcher = watch(dirname(resolve(path)), (_event, file) => {
        if (file !== null && file !== name) return;
        clearTimeout(debounce);
        debounce = setTimeout(() => void reload(true), options.debounceMs ?? DEFAULTS.configReloadDebounceMs);
      });
      watcher.on('error', (err) => log(`${stamp()} stopped watching ${path} (${errorMessage(err)}); send SIGHUP to reload it`));
    } catch (err) {
      log(`${stamp()} cannot watch ${path} (${errorMessage(err)}); send SIGHUP to reload it`);
    }
  }

  const pollMs = options.pollMs ?? DEFAULTS.storedSourcesPollMs;
  const poll = pollMs > 0 ? setInterval(() => {
    store.storedSourcesRevision()
      .then(async (now) => { if (now !== revision) { await syncDb(); reportProblems(); } })
      .catch((err) => log(`${stamp()} cannot read the database's sources: ${errorMessage(err)}`));
  }, pollMs) : null;
  poll?.unref();

  return {
    reload: () => reload(),
    syncDb,
    close() {
      clearTimeout(debounce);
      if (poll) clearInterval(poll);
      watcher?.close();
    },
  };
}

import { DEFAULT_MAX_ITEMS } from '../config/schema.ts';
import type { SourceConfig, SourceType } from '../config/types.ts';
import { FetchError, type Fetcher } from '../fetch/types.ts';
import type { ExtractOptions } from '../extract/options.ts';
import type { ExtractedArticle, Item, SourceState } from '../model.ts';
import type { Store } from '../store/store.ts';
import type { ParseListingFn } from './listing.ts';
import { backoffUntil } from './schedule.ts';
import { SelectorTally } from './selector-tally.ts';
import { collectFeed } from './sources/feed.ts';
import { collectHtml } from './sources/html.ts';
import { describe } from './sources/shared.ts';
import { collectSitemap } from './sources/sitemap.ts';
import type { Collector } from './sources/types.ts';

export interface ScrapeDeps {
  fetch: Fetcher;
  store: Store;
  now?: () => Date;
  /** `file:` URLs are allowed only for sources that came from a config file. */
  allowFileUrls?: boolean;
  /** New article pages opened per run (the rest wait for the next run). Default 30. */
  maxArticlesPerRun?: number;
  /** Already-stored articles re-read per run to pick up edits. Default 3. */
  refreshKnownPerRun?: number;
  /** Article pages fetched at once (the fetcher also caps per host). Default 4. */
  concurrency?: number;
  /** Article links read from one listing page. Default 200 (findLinks). */
  maxLinks?: number;
  /** Article items stored per write while a run reads pages: a crash loses at most one batch. Default 5. */
  batchSize?: number;
  /**
   * Article extraction. Default: `extractArticle` in-process (Workers). The Node runtime passes a
   * worker-thread pool so that parsing pages does not stall the request loop.
   */
  extract?: ExtractFn;
  /**
   * Parsing the listing document (html listing page, feed, sitemap). Default: in-process
   * (Workers). The Node runtime passes the same worker-thread pool as `extract`.
   */
  parseListing?: ParseListingFn;
  /** Told how far a run is as it goes (the CLI shows it); must not throw. */
  onProgress?: (progress: ScrapeProgress) => void;
}

/** How far one run is: reading the listing, reading article pages (done of total), finished. */
export interface ScrapeProgress {
  sourceId: string;
  phase: 'listing' | 'articles' | 'done';
  /** Article links found (0 until the listing, feed or sitemap was read). */
  found: number;
  /** Article pages this run reads, and how many of them are done (read or failed). */
  total: number;
  done: number;
  /** Set in the `done` phase: whether the run succeeded. */
  ok?: boolean;
}

/** Extracts one article page; takes and gives plain data only (it may run in another thread). */
export type ExtractFn = (html: string, url: string, options: ExtractOptions) => Promise<ExtractedArticle>;

/** What one run of a source did; printed by the CLI and logged by the server. */
export interface ScrapeReport {
  sourceId: string;
  ok: boolean;
  /** The listing answered 304: nothing to do. */
  notModified: boolean;
  /** Article links found on the listing page. */
  found: number;
  /** Article pages fetched. */
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Source-level error (the run failed), if any. */
  error: string | null;
  /** Per-article problems that did not fail the run. */
  warnings: string[];
  /** Configured selectors that matched nothing (automatic detection was used instead), said for people. */
  unmatchedSelectors: string[];
  /** Article pages that failed and wait for a retry (with backoff, whatever the listing answers). */
  failedArticles: number;
  startedAt: string;
  durationMs: number;
}

/**
 * Run one source once: fetch the listing → find article links → read new articles → normalize →
 * store. Never throws: failures are recorded in the source's state (for /health and backoff) and
 * in the report, and the items already stored stay untouched. When even the state cannot be
 * recorded (the store fails), the report says so.
 */
export async function scrapeSource(source: SourceConfig, deps: ScrapeDeps): Promise<ScrapeReport> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const report: ScrapeReport = {
    sourceId: source.id, ok: false, notModified: false, found: 0, fetched: 0,
    created: 0, updated: 0, unchanged: 0, error: null, warnings: [], unmatchedSelectors: [], failedArticles: 0,
    startedAt: started.toISOString(), durationMs: 0,
  };
  // Progress is advisory: a listener that throws must not fail (or escape) the run.
  const listener = deps.onProgress;
  if (listener) deps = { ...deps, onProgress: (p) => { try { listener(p); } catch { /* ignored */ } } };
  deps.onProgress?.({ sourceId: source.id, phase: 'listing', found: 0, total: 0, done: 0 });
  try {
    await run(source, deps, report, started, now);
  } catch (err) {
    report.ok = false;
    report.error = `the run of source "${source.id}" could not be recorded: ${describe(err)}`;
  }
  report.durationMs = now().getTime() - started.getTime();
  deps.onProgress?.({ sourceId: source.id, phase: 'done', found: report.found, total: report.fetched, done: report.fetched, ok: report.ok });
  return report;
}

async function run(source: SourceConfig, deps: ScrapeDeps, report: ScrapeReport, started: Date, now: () => Date): Promise<void> {
  const previous = await deps.store.getState(source.id);
  const state: SourceState = previous ?? emptyState(source.id);
  state.lastAttempt = started.toISOString();
  // Every write prunes the source to its item cap (oldest first), in the same transaction.
  const maxItems = source.maxItems ?? DEFAULT_MAX_ITEMS;
  const save = async (items: Item[]) => {
    if (items.length === 0) return;
    const result = await deps.store.upsertItems(source.id, items, now(), { maxItems });
    report.created += result.created;
    report.updated += result.updated;
    report.unchanged += result.unchanged;
  };
  const selectors = new SelectorTally(source);
  const runDeps: ScrapeDeps = { ...deps, extract: selectors.counting(deps.extract) };
  try {
    await save(await collectItems(source, runDeps, state, report, now, save, selectors));
    report.ok = true;
    state.lastSuccess = now().toISOString();
    state.lastError = null;
    state.consecutiveFailures = 0;
    state.nextAttempt = null;
  } catch (err) {
    report.ok = false;
    report.error = describe(err);
    markFailed(state, report.error, started, now(), err instanceof FetchError ? err.retryAfter : undefined);
  }
  report.unmatchedSelectors = selectors.messages();
  state.unmatchedSelectors = report.unmatchedSelectors;
  report.failedArticles = state.failedArticles?.length ?? 0;
  await deps.store.saveState(state);
}

/** Each source type's collector; `push` sources are never fetched (articles arrive by API). */
const COLLECTORS: Record<SourceType, Collector> = {
  html: collectHtml,
  feed: collectFeed,
  sitemap: collectSitemap,
  push: async () => [],
};

function collectItems(
  source: SourceConfig, deps: ScrapeDeps, state: SourceState, report: ScrapeReport, now: () => Date,
  save: (items: Item[]) => Promise<void>, selectors: SelectorTally,
): Promise<Item[]> {
  return COLLECTORS[source.type ?? 'html']({ source, deps, state, report, now, save, selectors });
}

/**
 * Records a failed run in `state`: the error (stamped with the run's start), one more consecutive
 * failure, and the backoff before the next attempt (an origin's Retry-After, capped, when longer).
 */
export function markFailed(state: SourceState, error: string, startedAt: Date, now: Date, retryAfterSeconds?: number): void {
  state.lastError = `${startedAt.toISOString()} ${error}`;
  state.consecutiveFailures += 1;
  state.nextAttempt = backoffUntil(state.consecutiveFailures, now, retryAfterSeconds).toISOString();
}

export function emptyState(sourceId: string): SourceState {
  return {
    sourceId, lastAttempt: null, lastSuccess: null, lastError: null, consecutiveFailures: 0,
    nextAttempt: null, originEtag: null, originLastModified: null, failedArticles: [], unmatchedSelectors: [],
  };
}

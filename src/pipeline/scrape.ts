import type { SourceConfig, SourceType } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { FetchError } from '../fetch/types.ts';
import type { Item, SourceState } from '../model.ts';
import { errorMessage } from '../utils/errors.ts';
import { collect } from './collect/collect.ts';
import { backoffUntil } from './due.ts';
import { SelectorTally } from './selector-tally.ts';
import { discoverFeed } from './collect/feed-documents.ts';
import { discoverHtml } from './collect/listing-page.ts';
import { discoverSitemap } from './collect/sitemaps.ts';
import type { Collector, ScrapeDeps, ScrapeReport } from './types.ts';

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
    report.error = `the run of source "${source.id}" could not be recorded: ${errorMessage(err)}`;
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
  const maxItems = source.maxItems ?? DEFAULTS.maxItems;
  const save = async (items: Item[]) => {
    if (items.length === 0) return;
    const result = await deps.store.upsertItems(source.id, items, now(), { maxItems });
    report.created += result.created;
    report.updated += result.updated;
    report.unchanged += result.unchanged;
  };
  const selectors = new SelectorTally(source);
  const said = new Set<string>();
  const warnOnce = (message: string) => {
    if (said.has(message)) return;
    said.add(message);
    report.warnings.push(message);
  };
  const runDeps: ScrapeDeps = { ...deps, extract: selectors.counting(deps.extract), warnOnce };
  try {
    await save(await collectItems({ source, deps: runDeps, state, report, now, save, selectors }));
    report.ok = true;
    state.lastSuccess = now().toISOString();
    state.lastError = null;
    state.consecutiveFailures = 0;
    state.nextAttempt = null;
  } catch (err) {
    report.ok = false;
    report.error = errorMessage(err);
    markFailed(state, report.error, started, now(), err instanceof FetchError ? err.retryAfter : undefined);
  }
  report.unmatchedSelectors = selectors.messages();
  state.unmatchedSelectors = report.unmatchedSelectors;
  report.failedArticles = state.failedArticles?.length ?? 0;
  await deps.store.saveState(state);
}

/** How each fetched source type discovers its articles; the shared collector does the rest. */
const DISCOVERERS = { html: discoverHtml, feed: discoverFeed, sitemap: discoverSitemap } as const;

/** Push and merge sources are never fetched (articles arrive through the API or from members; see isScheduled). */
const collectItems: Collector = async (ctx) => {
  const type: SourceType = ctx.source.type ?? 'html';
  if (type === 'push' || type === 'merge') return [];
  return collect(ctx, DISCOVERERS[type]);
};

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

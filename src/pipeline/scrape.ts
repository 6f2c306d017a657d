import type { SourceConfig, SourceType } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { FetchError } from '../fetch/types.ts';
import type { Item, SourceState } from '../model.ts';
import { nextRun } from '../utils/cron.ts';
import { errorMessage } from '../utils/errors.ts';
import { collect } from './collect/collect.ts';
import { redact, sourceSecrets } from '../config/mask.ts';
import { isRefusal, withHostCooldown } from '../fetch/cooldown.ts';
import { sourceFetcher } from '../fetch/source-request.ts';
import { backoffUntil, COOLDOWN } from './due.ts';
import { SelectorTally } from './selector-tally.ts';
import { classifyFailure, classifyState, type RunFailure, type StateInput } from './source-state.ts';
import { discoverFeed } from './collect/feed-documents.ts';
import { discoverHtml } from './collect/listing-page.ts';
import { discoverSitemap } from './collect/sitemaps.ts';
import type { ChangedItem, Collector, ScrapeDeps, ScrapeReport } from './types.ts';

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
    startedAt: started.toISOString(), durationMs: 0, state: 'new', stateReason: null, transition: null,
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
  const prior = priorState(previous);
  const state: SourceState = previous ?? emptyState(source.id);
  state.lastAttempt = started.toISOString();
  // Every write prunes the source to its item cap (oldest first), in the same transaction.
  const maxItems = source.maxItems ?? DEFAULTS.maxItems;
  const save = async (items: Item[]) => {
    if (items.length === 0) return;
    const result = await deps.store.upsertItems(source.id, items, now(), { maxItems });
    noteChanged(report, items, result.createdIds, result.updatedIds);
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
  // After a 403/429 the rest of the run asks that host nothing more (fetch/cooldown.ts).
  const runDeps: ScrapeDeps = { ...deps, fetch: withHostCooldown(sourceFetcher(deps.fetch, source)), extract: selectors.counting(deps.extract), warnOnce };
  let failure: RunFailure | null = null;
  try {
    await save(await collectItems({ source, deps: runDeps, state, report, now, save, selectors }));
    report.ok = true;
    state.lastSuccess = now().toISOString();
    state.lastError = null;
    state.consecutiveFailures = 0;
    state.nextAttempt = null;
  } catch (err) {
    report.ok = false;
    // Stored for /health and the index page, logged: never with a header, cookie or proxy secret in it.
    report.error = redact(errorMessage(err), sourceSecrets(source));
    failure = classifyFailure(err);
    const fetchError = err instanceof FetchError ? err : null;
    // A refusal cools the source down on the longer curve, unless the site said when to come back.
    const refused = isRefusal(fetchError?.status) && fetchError?.retryAfter === undefined;
    markFailed(state, report.error, started, now(), fetchError?.retryAfter, refused);
  }
  report.unmatchedSelectors = selectors.messages();
  state.unmatchedSelectors = report.unmatchedSelectors;
  report.failedArticles = state.failedArticles?.length ?? 0;
  await judgeState(source, deps, state, prior, report, failure, selectors.mostlyUnmatched(), started, now());
  await deps.store.saveState(state);
}

/** Keeps the first changed items of the run in the report, for notifications. */
function noteChanged(report: ScrapeReport, items: Item[], createdIds: string[] = [], updatedIds: string[] = []): void {
  const changed = (report.changedItems ??= { created: [], updated: [] });
  const byId = new Map(items.map((i) => [i.id, i]));
  const add = (list: ChangedItem[], ids: string[]) => {
    for (const id of ids) {
      const item = byId.get(id);
      if (item && list.length < DEFAULTS.notifyMaxItems) list.push({ id, url: item.url, title: item.title, published: item.published });
    }
  };
  add(changed.created, createdIds);
  add(changed.updated, updatedIds);
}

/** Sets the source's state after the run (in `state` and the report), with the transition if it changed. */
async function judgeState(
  source: SourceConfig, deps: ScrapeDeps, state: SourceState, prior: StateInput['previous'], report: ScrapeReport,
  failure: RunFailure | null, driftSelectors: string[], started: Date, now: Date,
): Promise<void> {
  const recent = await deps.store.listItems(source.id, DEFAULTS.stateSampleItems);
  const verdict = classifyState({
    sourceId: source.id, now, paused: !!state.pausedAt,
    previous: prior,
    failure, notModified: report.notModified, driftSelectors, recent, runStarted: started,
    earlierFound: state.lastFound ?? null,
    storedItems: recent.filter((i) => Date.parse(i.firstSeen) < started.getTime()).length,
    scheduleMs: scheduleInterval(source, now),
  });
  // A run that read the listing says what it found; a 304 or a site that did not answer says nothing.
  if (!report.notModified && (!failure || failure.state === 'empty')) state.lastFound = report.found;
  state.state = verdict.state;
  state.stateSince = verdict.since;
  state.stateReason = verdict.reason;
  report.state = verdict.state;
  report.stateReason = verdict.reason;
  report.transition = verdict.transition;
}

/** The state before the run; a source that ran before states were stored is ok or failing by its failure count. */
function priorState(st: SourceState | null): StateInput['previous'] {
  if (st?.state) return { state: st.state, since: st.stateSince ?? null };
  if (!st?.lastAttempt) return { state: 'new', since: null };
  return { state: st.consecutiveFailures > 0 ? 'failing' : 'ok', since: null };
}

// Reading a cron expression in a time zone costs more than the rest of judging a run: each
// schedule's interval is kept until its next fire has passed (a few schedules serve many sources).
const intervals = new Map<string, { from: number; until: number; ms: number }>();

/** Time between two scheduled runs of the source (0 for an unreadable schedule). */
export function scheduleInterval(source: Pick<SourceConfig, 'schedule' | 'timezone'>, now: Date): number {
  const key = `${source.schedule}\u0000${source.timezone}`;
  const known = intervals.get(key);
  // Any instant from the one it was read at up to the next fire has the same next two fires.
  if (known && now.getTime() >= known.from && now.getTime() < known.until) return known.ms;
  let first: Date;
  let ms: number;
  try {
    first = nextRun(source, now);
    ms = nextRun(source, first).getTime() - first.getTime();
  } catch {
    return 0;
  }
  if (intervals.size >= 1024) intervals.clear(); // schedules are few; never an unbounded map
  intervals.set(key, { from: now.getTime(), until: first.getTime(), ms });
  return ms;
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
 * A `refused` run (the site answered 403 or 429) cools down on the longer COOLDOWN curve.
 */
export function markFailed(
  state: SourceState, error: string, startedAt: Date, now: Date, retryAfterSeconds?: number, refused = false,
): void {
  state.lastError = `${startedAt.toISOString()} ${error}`;
  state.consecutiveFailures += 1;
  state.nextAttempt = backoffUntil(state.consecutiveFailures, now, retryAfterSeconds, Math.random, refused ? COOLDOWN : undefined).toISOString();
}

export function emptyState(sourceId: string): SourceState {
  return {
    sourceId, lastAttempt: null, lastSuccess: null, lastError: null, consecutiveFailures: 0,
    nextAttempt: null, originEtag: null, originLastModified: null, failedArticles: [], unmatchedSelectors: [],
  };
}

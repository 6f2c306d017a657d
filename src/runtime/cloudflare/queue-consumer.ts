/**
 * The queue consumer: one message, one source, one scrape. Duplicate messages are harmless: a
 * source is re-checked for being due (a message that waited behind another run finds it done) and
 * a D1 lease keeps two consumers from scraping one source at once.
 */
import type { SourceConfig } from '../../config/types.ts';
import { mountedFileFetcher } from '../../fetch/mounted-files.ts';
import { isDue } from '../../pipeline/due.ts';
import { emptyState, markFailed, scrapeSource } from '../../pipeline/scrape.ts';
import type { ScrapeReport } from '../../pipeline/types.ts';
import { errorMessage } from '../../utils/errors.ts';
import type { Message, RefreshMessage } from './bindings.ts';
import type { WorkerContext } from './context.ts';
import { claimLease, releaseLease } from './lease.ts';
import { mountBundled } from './sources.ts';

export type RefreshOutcome =
  /** `base`: the public URL the run used (local sites, WebSub topics), null when none is known. */
  | { kind: 'scraped'; report: ScrapeReport; base: string | null; source: SourceConfig }
  | { kind: 'skipped'; reason: 'unknown source' | 'not due' | 'already running' | 'no public URL yet' };

/** Longest delay Queues accept for a retry (12 h). */
const MAX_DELAY_S = 12 * 3600;

/**
 * Handle one refresh message. Success and skips are acked; a failed scrape is retried by the
 * Queue after the source's backoff (and dead-lettered after `max_retries`); an unexpected error
 * (D1 unavailable…) is recorded as the source's failure when the store still answers (so /health
 * shows it), and retried after a minute; the caller logs it.
 */
export async function handleRefresh(
  ctx: WorkerContext, message: Message<RefreshMessage>, now: () => Date = () => new Date(),
): Promise<RefreshOutcome> {
  try {
    const outcome = await refresh(ctx, message.body, now);
    if (outcome.kind === 'scraped' && !outcome.report.ok) {
      const state = await ctx.store.getState(outcome.report.sourceId);
      const wait = state?.nextAttempt ? Math.ceil((Date.parse(state.nextAttempt) - now().getTime()) / 1000) : 60;
      message.retry({ delaySeconds: Math.min(MAX_DELAY_S, Math.max(0, wait)) });
    } else {
      message.ack();
    }
    return outcome;
  } catch (err) {
    message.retry({ delaySeconds: 60 });
    await recordFailure(ctx, message.body?.sourceId, err, now).catch(() => {});
    throw err;
  }
}

/** The failure in the source's state, for /health (only for a source it knows). */
async function recordFailure(ctx: WorkerContext, sourceId: unknown, err: unknown, now: () => Date): Promise<void> {
  if (typeof sourceId !== 'string' || !(await ctx.source(sourceId))) return;
  const at = now();
  const state = (await ctx.store.getState(sourceId)) ?? emptyState(sourceId);
  state.lastAttempt = at.toISOString();
  markFailed(state, `run failed unexpectedly: ${errorMessage(err)}`, at, at);
  await ctx.store.saveState(state);
}

async function refresh(ctx: WorkerContext, body: RefreshMessage, now: () => Date): Promise<RefreshOutcome> {
  // One source per message: its own D1 row is read, not every source's.
  const found = typeof body?.sourceId === 'string' ? await ctx.source(body.sourceId) : null;
  if (!found) return { kind: 'skipped', reason: 'unknown source' };
  let source = found.source;
  if (!body.force && !isDue(source, await ctx.store.getState(source.id), now())) return { kind: 'skipped', reason: 'not due' };
  // A bundled file: source is scraped under its public /local/<id>/ address (local-sites.ts). Until
  // that address is known (no BASE_URL and no request yet), it waits: its items would otherwise
  // keep file: links no reader can open. Acked; the next cron run enqueues it again.
  const base = await ctx.publicBase();
  const mounted = base ? mountBundled(ctx.bundled, base) : null;
  if (mounted && found.bundled) source = mounted.sources.find((s) => s.id === body.sourceId)!;
  else if (!mounted && found.bundled && /^file:/i.test(source.url ?? '')) return { kind: 'skipped', reason: 'no public URL yet' };
  const holder = crypto.randomUUID();
  if (!(await claimLease(ctx.db, source.id, holder, now()))) return { kind: 'skipped', reason: 'already running' };
  try {
    const report = await scrapeSource(source, {
      fetch: mountedFileFetcher(mounted?.mounts ?? [], ctx.fetch), store: ctx.store, now, allowFileUrls: found.bundled,
      browser: ctx.browser, noBrowser: ctx.noBrowser,
      // Rule files only for bundled sources: a D1 row cannot name files (parseDbSource refuses it).
      siteRules: ctx.siteRules,
    });
    return { kind: 'scraped', report, base, source: found.source };
  } finally {
    await releaseLease(ctx.db, source.id, holder);
  }
}

import { CronExpressionParser } from 'cron-parser';
import type { SourceConfig } from '../config/types.ts';
import { MAX_RETRY_AFTER_S } from '../fetch/retry-after.ts';
import type { SourceState } from '../model.ts';

/** The last time the source's cron schedule fired at or before `now`. */
export function previousRun(source: Pick<SourceConfig, 'schedule' | 'timezone'>, now: Date): Date {
  const expr = CronExpressionParser.parse(source.schedule, {
    currentDate: new Date(now.getTime() + 1),
    tz: source.timezone,
  });
  return expr.prev().toDate();
}

/** The next time the source's cron schedule fires after `now`. */
export function nextRun(source: Pick<SourceConfig, 'schedule' | 'timezone'>, now: Date): Date {
  const expr = CronExpressionParser.parse(source.schedule, { currentDate: now, tz: source.timezone });
  return expr.next().toDate();
}

/** Whether a source runs on its schedule: push sources receive articles through the API instead. */
export const isScheduled = (source: Pick<SourceConfig, 'type'>): boolean => source.type !== 'push';

/**
 * Whether a source should be scraped now: never attempted, or its schedule fired since the last
 * attempt — and any backoff after failures has elapsed. Used by the Worker's cron handler and by
 * the Node scheduler to honour backoff.
 */
export function isDue(source: SourceConfig, state: SourceState | null, now: Date): boolean {
  if (!state?.lastAttempt) return true;
  if (state.nextAttempt && Date.parse(state.nextAttempt) > now.getTime()) return false;
  if (state.consecutiveFailures > 0 && state.nextAttempt) return true; // backoff elapsed: retry
  return previousRun(source, now).getTime() > Date.parse(state.lastAttempt);
}

const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 3600_000;

/**
 * When to try again after `failures` consecutive failures: exponential (1 min, 2, 4, … capped at
 * 6 h) with ±20% jitter so that many failing sources do not retry in lockstep. An origin's
 * Retry-After, when longer, wins (at most MAX_RETRY_AFTER_S). Always a valid date.
 */
export function backoffUntil(failures: number, now: Date, retryAfterSeconds?: number, random = Math.random): Date {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  const jittered = (Number.isFinite(exp) ? exp : BACKOFF_MAX_MS) * (0.8 + 0.4 * random());
  const asked = Number.isFinite(retryAfterSeconds) ? Math.min(MAX_RETRY_AFTER_S, Math.max(0, retryAfterSeconds!)) : 0;
  const wait = Math.max(jittered, asked * 1000);
  return new Date(now.getTime() + wait);
}

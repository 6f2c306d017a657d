/** When a source runs: on its schedule, never for push sources, and not before its backoff ends. */
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import type { SourceState } from '../model.ts';
import { backoffDelayMs, type BackoffCurve } from '../utils/backoff.ts';
import { previousRun } from '../utils/cron.ts';

/** Failed runs: 1, 2, 4 … minutes, at most 6 h. */
const RUN_BACKOFF: BackoffCurve = { baseMs: DEFAULTS.backoffBaseMs, maxMs: DEFAULTS.backoffMaxMs };
/** A source the site refused (403, 429): 15, 30, 60 … minutes, at most a day. */
export const COOLDOWN: BackoffCurve = { baseMs: DEFAULTS.cooldownBaseMs, maxMs: DEFAULTS.cooldownMaxMs };

/** Whether a source runs on its schedule: push sources receive articles through the API instead. */
export const isScheduled = (source: Pick<SourceConfig, 'type'>): boolean => source.type !== 'push' && source.type !== 'merge';

/**
 * Whether a source should be scraped now: a scheduled source (see isScheduled) that was never
 * attempted, or whose schedule fired since the last attempt — and any backoff after failures has
 * elapsed, and it is not paused. Used by the Worker's cron handler and by the Node scheduler.
 */
export function isDue(
  source: SourceConfig, state: SourceState | null, now: Date, previous: (source: SourceConfig) => number = (s) => previousRun(s, now).getTime(),
): boolean {
  if (!isScheduled(source) || state?.pausedAt) return false;
  if (!state?.lastAttempt) return true;
  if (state.nextAttempt && Date.parse(state.nextAttempt) > now.getTime()) return false;
  if (state.consecutiveFailures > 0 && state.nextAttempt) return true; // backoff elapsed: retry
  return previous(source) > Date.parse(state.lastAttempt);
}

/**
 * `isDue`'s last fire time at `now`, computed once per schedule and time zone: thousands of
 * sources mostly share a few schedules, and each cron computation costs far more than the rest.
 */
export function previousRunsAt(now: Date): (source: SourceConfig) => number {
  const known = new Map<string, number>();
  return (source) => {
    const key = `${source.schedule}\u0000${source.timezone}`;
    let at = known.get(key);
    if (at === undefined) {
      at = previousRun(source, now).getTime();
      known.set(key, at);
    }
    return at;
  };
}

/**
 * When to try again after `failures` consecutive failures: exponential (DEFAULTS.backoffBaseMs,
 * doubling, capped at DEFAULTS.backoffMaxMs; the COOLDOWN curve when the site refused us) with
 * ±20% jitter so that many failing sources do not retry in lockstep. An origin's Retry-After,
 * when longer, wins (at most DEFAULTS.maxRetryAfterS). Always a valid date.
 */
export function backoffUntil(
  failures: number, now: Date, retryAfterSeconds?: number, random = Math.random, curve: BackoffCurve = RUN_BACKOFF,
): Date {
  const jittered = backoffDelayMs(failures, curve, random);
  const asked = Number.isFinite(retryAfterSeconds) ? Math.min(DEFAULTS.maxRetryAfterS, Math.max(0, retryAfterSeconds!)) : 0;
  const wait = Math.max(jittered, asked * 1000);
  return new Date(now.getTime() + wait);
}

import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { nextRun } from '../utils/cron.ts';

/**
 * Seconds a feed may be cached: until the source's next scheduled scrape (its cron expression in
 * its own time zone), clamped to [DEFAULTS.minFeedMaxAgeS, DEFAULTS.maxFeedMaxAgeS]. An unparseable schedule gets the minimum.
 */
export function feedMaxAge(source: Pick<SourceConfig, 'schedule' | 'timezone'>, now: Date): number {
  const next = nextFire(source, now);
  if (next === null) return DEFAULTS.minFeedMaxAgeS;
  const seconds = Math.ceil((next - now.getTime()) / 1000);
  return Math.min(DEFAULTS.maxFeedMaxAgeS, Math.max(DEFAULTS.minFeedMaxAgeS, seconds));
}

// Parsing a cron expression with a time zone costs far more than answering a poll: remember each
// schedule's next fire time until it has passed.
const nextFires = new Map<string, number>();

function nextFire(source: Pick<SourceConfig, 'schedule' | 'timezone'>, now: Date): number | null {
  const key = `${source.schedule}\u0000${source.timezone}`;
  const known = nextFires.get(key);
  if (known !== undefined && known > now.getTime()) return known;
  let next: number;
  try {
    next = nextRun(source, now).getTime();
  } catch {
    return null;
  }
  if (nextFires.size > 10_000) nextFires.clear();
  nextFires.set(key, next);
  return next;
}

import type { SourceConfig } from '../config/types.ts';
import { nextRun } from '../pipeline/schedule.ts';

export const MIN_MAX_AGE = 60;
export const MAX_MAX_AGE = 86_400;

/**
 * Seconds a feed may be cached: until the source's next scheduled scrape (its cron expression in
 * its own time zone), clamped to [60, 86400]. An unparseable schedule gets the minimum.
 */
export function feedMaxAge(source: Pick<SourceConfig, 'schedule' | 'timezone'>, now: Date): number {
  let seconds: number;
  try {
    seconds = Math.ceil((nextRun(source, now).getTime() - now.getTime()) / 1000);
  } catch {
    return MIN_MAX_AGE;
  }
  return Math.min(MAX_MAX_AGE, Math.max(MIN_MAX_AGE, seconds));
}

/** Cron expressions: validation with messages for people, and the previous/next firing time. */
import { CronExpressionParser } from 'cron-parser';
import { DEFAULTS } from '../defaults.ts';
import { errorMessage } from './errors.ts';
import { memoize } from './memo.ts';

/** What a schedule is: a cron expression and the IANA time zone it is read in. */
export interface Schedule {
  schedule: string;
  timezone: string;
}

/** Smallest and largest value of each cron field, for 6-field (with seconds) expressions. */
const CRON_RANGES: [number, number][] = [
  [0, 59], // second
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 7], // day of week
];
const CRON_ALIASES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Why a cron expression is unusable, or null when it is fine (answers remembered: sources share a few schedules). */
export const cronProblem = memoize(findCronProblem, DEFAULTS.memoEntries);

function findCronProblem(expr: string): string | null {
  const text = expr.trim();
  if (CRON_ALIASES.has(text.toLowerCase())) return null;
  const fields = text.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return `expected 5 or 6 fields, got ${fields.length}`;
  // cron-parser accepts steps larger than the field's range (e.g. "*/61"); refuse them.
  const ranges = fields.length === 5 ? CRON_RANGES.slice(1) : CRON_RANGES;
  for (let i = 0; i < fields.length; i++) {
    for (const part of fields[i].split(',')) {
      const step = /\/(.*)$/.exec(part)?.[1];
      if (step === undefined) continue;
      const n = Number(step);
      const max = ranges[i][1];
      if (!/^\d+$/.test(step) || n < 1 || n > max) return `step "/${step}" must be from 1 to ${max}`;
    }
  }
  try {
    CronExpressionParser.parse(text, { tz: 'UTC' });
  } catch (err) {
    return errorMessage(err);
  }
  return null;
}

/** The last time the schedule fired at or before `now`. */
export function previousRun(source: Schedule, now: Date): Date {
  const expr = CronExpressionParser.parse(source.schedule, {
    currentDate: new Date(now.getTime() + 1),
    tz: source.timezone,
  });
  return expr.prev().toDate();
}

/** The next time the schedule fires after `now`. */
export function nextRun(source: Schedule, now: Date): Date {
  const expr = CronExpressionParser.parse(source.schedule, { currentDate: now, tz: source.timezone });
  return expr.next().toDate();
}

/**
 * What the date parsers share: the options, the result shape, calendar fields and their checks,
 * and the instant a set of fields stands for.
 */
import { fromWallClock, utcTime } from './zone.ts';

export interface DateParseOptions {
  /** IANA zone applied when the text has no offset. Default UTC. */
  timezone?: string;
  /** Reference for relative dates and the sanity window (not after now, not before 1990). */
  now?: Date;
  /** Page language hint (BCP 47), used to pick chrono locales. */
  lang?: string | null;
  /**
   * Only accept texts that state a year or are relative to now ("3 days ago"); reject "March 5".
   * Used when scanning page text, where a year-less date is more often noise than a date.
   */
  requireYear?: boolean;
}

/** A parsed instant with the UTC offset (minutes east) it was written in, or the zone's offset. */
export interface ParsedDate {
  date: Date;
  offset: number;
  /** True when the text gave a time of day, not only a calendar day. */
  hasTime: boolean;
  /** Set when the text was relative ("3 hours ago", "yesterday"): read against `now`, not stated. */
  relative?: true;
  /**
   * Set when the text gave a time but no offset: `date` is that wall clock read in `timezone`, and
   * read in another zone it is another instant ("18:06" in Kyiv is not 18:06 UTC).
   */
  wallClock?: true;
}

/** How far past `now` a date may lie (clock skew, zones ahead of the reader). */
export const SKEW_MS = 24 * 3600 * 1000;

/** Why a text that looks like a date cannot be one: a phrase to follow the quoted text. */
export interface Impossible {
  problem: string;
}

export const impossible = (detail: string): Impossible => ({ problem: `is not a real date: ${detail}` });

/** Calendar fields as written (month 1–12). */
export interface Fields { year: number; month: number; day: number; hour: number; minute: number; second: number; ms?: number }

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What makes these fields no date (a phrase for people), or null when they are one. */
export function fieldsProblem(f: Fields): string | null {
  if (f.year < 1 || f.year > 9999) return `the year must be between 1 and 9999, not ${f.year}`;
  if (f.month < 1 || f.month > 12) return `there is no month ${f.month}`;
  const daysInMonth = new Date(utcTime(f.year, f.month, 0)).getUTCDate();
  if (f.day < 1) return `there is no day ${f.day}`;
  if (f.day > daysInMonth) return `${MONTH_NAMES[f.month - 1]} ${f.year} has ${daysInMonth} days, not ${f.day}`;
  if (f.hour > 23) return `there is no hour ${f.hour}`;
  if (f.minute > 59) return `there is no minute ${f.minute}`;
  if (f.second > 60) return `there is no second ${f.second}`;
  return null;
}

/** The instant of `fields`: at offset `zone` (minutes east) when the text gave one, else as wall-clock time in `timezone`. */
export function build(fields: Fields, zone: number | null, timezone: string | undefined, hasTime: boolean): ParsedDate {
  if (zone !== null) {
    const wall = utcTime(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.ms ?? 0);
    return { date: new Date(wall - zone * 60000), offset: zone, hasTime };
  }
  const read = { ...fromWallClock(fields, timezone), hasTime };
  return hasTime ? { ...read, wallClock: true } : read;
}

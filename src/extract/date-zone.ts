/**
 * The offset a page's publication date is shown in, and for a time written without one, the
 * instant it names: UTC serializations say nothing of the publisher's day, while a wall clock
 * ("7 June 2020 18:06") is the publisher's own and is read in the zone the page writes its
 * timestamps in.
 */
import type { Element } from 'domhandler';
import { parseDateParts, type ParsedDate } from '../utils/dates/parse.ts';
import { isClockOffset, zoneOffsetMinutes } from '../utils/dates/zone.ts';
import { collapse } from '../utils/text.ts';
import { boundedText } from './page-date.ts';
import { mislabeledOffset, stampTexts, wallClockOffset } from './date-stamps.ts';
import type { PageIndex } from './page-index.ts';
import type { UrlDate } from './url-date.ts';

/** What the page's own full timestamps tell (computed only when asked). */
export interface PageZone {
  /** The offset the page writes its timestamps in around `date` (its season, under summer time), or null. */
  offset(date: Date): number | null;
  /** Whether one of its full timestamps names the minute of `date`. */
  states(date: Date): boolean;
  /** The offset of a wall clock on the page (a meta, a <time>) that names the second of `date`, or null. */
  clockOf?(date: Date): number | null;
  /** The offset of a <time> showing `date`'s UTC clock as its own local one (date-stamps.ts), or null. */
  mislabeled?(date: Date): number | null;
}

/**
 * Show a time written in UTC in the source's zone when one is configured. Otherwise in the offset of
 * a wall clock on the page naming that second; else the one the page writes its other timestamps
 * in, if any (or its language's zone), unless the URL gives the publisher's day and
 * that offset misses it. Then, when the UTC day is one off and the time is within 8 hours of
 * midnight, in the nearest whole-hour offset that falls on that day (the instant is unchanged).
 * Eight hours reach the US west coast in winter (-08:00: an evening story stamped in UTC falls on
 * the next UTC day) and China and South-East Asia (+08:00).
 *
 * A time written without an offset ("7 June 2020 18:06", "today, 18:06") was read in UTC for want
 * of a zone. It is the publisher's wall clock, read again in the page's own offset (18:06+03:00,
 * not 18:06 UTC shown as 21:06+03:00), unless a full timestamp on the page names its UTC reading:
 * then it was a server's UTC serialization without its `Z` ("2019-11-18T17:01:27.893" beside
 * "2019-11-18T17:01:27.893Z"), shown as a UTC time is.
 */
export function presentInLocalDay(parsed: ParsedDate, urlDay: UrlDate | null, timezone: string | undefined, page: PageZone): ParsedDate {
  if (parsed.offset !== 0 || !parsed.hasTime) return parsed;
  const local = page.mislabeled?.(parsed.date);
  if (local) return { ...parsed, date: new Date(parsed.date.getTime() - local * 60000), offset: local };
  if (timezone && timezone !== 'UTC') return { ...parsed, offset: zoneOffsetMinutes(timezone, parsed.date) };
  const clock = inPageZone(parsed, timezone, page);
  if (clock !== parsed) return clock;
  // The page's own wall clock naming this very second is its offset.
  const shown = page.clockOf?.(parsed.date);
  if (shown) return { ...parsed, offset: shown };
  const own = page.offset(parsed.date);
  if (!urlDay) return own ? { ...parsed, offset: own } : parsed;
  // The page's offset, when it puts the time on the URL's day, is the publisher's.
  if (own && sameDay({ ...parsed, offset: own }, urlDay)) return { ...parsed, offset: own };
  const d = parsed.date;
  const utcDay = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const diffDays = (Date.UTC(urlDay.year, urlDay.month - 1, urlDay.day) - utcDay) / 86400000;
  const minutes = d.getUTCHours() * 60 + d.getUTCMinutes();
  let offset = 0;
  if (diffDays === -1) offset = -Math.ceil((minutes + 1) / 60) * 60;
  else if (diffDays === 1) offset = Math.ceil((1440 - minutes) / 60) * 60;
  // Only a time near midnight UTC is explained by the zone; farther off, the URL date is another day
  // (often the day the story was filed).
  return offset !== 0 && Math.abs(offset) <= 8 * 60 ? { ...parsed, offset } : parsed;
}

/** Whether `parsed`, read on its own wall clock, falls on the calendar day `day`. */
export function sameDay(parsed: ParsedDate, day: UrlDate): boolean {
  const wall = new Date(parsed.date.getTime() + parsed.offset * 60000);
  return wall.getUTCFullYear() === day.year && wall.getUTCMonth() + 1 === day.month && wall.getUTCDate() === day.day;
}

/**
 * A wall clock read in UTC for want of a zone, read again in the page's own offset (see
 * presentInLocalDay); any other date as it is. The modification date goes through this too, so
 * that the same clock written twice stays one instant.
 */
export function inPageZone(parsed: ParsedDate, timezone: string | undefined, page: PageZone): ParsedDate {
  if (!parsed.wallClock || parsed.offset !== 0 || (timezone && timezone !== 'UTC')) return parsed;
  const offset = page.offset(parsed.date);
  if (!offset || page.states(parsed.date)) return parsed;
  return { ...parsed, date: new Date(parsed.date.getTime() - offset * 60000), offset };
}

/**
 * The page's timestamps, each scanned at most once, and only when asked. A page whose stamps tell
 * no offset is in `fallbackZone` when there is one (its language's: utils/dates/zone.ts languageZone).
 */
export function pageZone(index: PageIndex, fallbackZone: string | null = null): PageZone {
  let zoned: ZonedStamp[] | undefined;
  let minutes: Set<number> | undefined;
  return {
    offset: (date) => offsetAround((zoned ??= zonedStamps(index)), date) ?? (fallbackZone ? zoneOffsetMinutes(fallbackZone, date) || null : null),
    states: (date) => (minutes ??= stampMinutes(index)).has(minuteOf(date)),
    clockOf: (date) => wallClockOffset(index, date),
    mislabeled: (date) => mislabeledOffset(index, date),
  };
}

/**
 * The same, read at once into plain data: for a tree about to be edited (site rules strip scripts
 * and metas), and to cross between threads with a ruled page (see `stampedZone`).
 */
export interface PageStamps {
  /** The page's full timestamps with a non-zero offset, as [their day in minutes since the epoch, offset]. */
  zoned: ZonedStamp[];
  /** Minutes since the epoch that the page's full ISO timestamps name. */
  minutes: number[];
}

type ZonedStamp = [day: number | null, offset: number];

export function pageStamps(index: PageIndex): PageStamps {
  return { zoned: zonedStamps(index), minutes: [...stampMinutes(index)] };
}

export function stampedZone(stamps: PageStamps): PageZone {
  const minutes = new Set(stamps.minutes);
  return { offset: (date) => offsetAround(stamps.zoned, date), states: (date) => minutes.has(minuteOf(date)) };
}

const minuteOf = (date: Date): number => Math.floor(date.getTime() / 60000);

// A time with an offset, then what must precede it to make a full timestamp:
// `2020-05-01T23:00:00-04:00`, `Fri, 01 May 2020 23:00:00 -0400`. (Matching the time first is
// several times faster than a pattern that starts with the date.)
const OFFSET_TIME = /\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s?([+-])(\d{2}):?(\d{2})(?!\d)/g;
const STAMP_DATE = /(?:(\d{4})-(\d{2})-(\d{2})T|\d{4} )$/;

/**
 * The page's full timestamps with a non-zero offset in its scripts, metas and <time> elements (UTC
 * ones say nothing: they are how servers serialize, not where the publisher is). An RFC 2822 stamp
 * counts toward the offset but is not read for its day of the year (its day is null). A <time>
 * whose datetime is in UTC and whose text shows that minute on a local clock gives that offset.
 */
function zonedStamps(index: PageIndex): ZonedStamp[] {
  const out: ZonedStamp[] = [];
  for (const text of stampTexts(index)) {
    OFFSET_TIME.lastIndex = 0;
    for (let m = OFFSET_TIME.exec(text); m; m = OFFSET_TIME.exec(text)) {
      const day = STAMP_DATE.exec(text.slice(Math.max(0, m.index - 11), m.index));
      if (!day) continue;
      const minutes = (+m[2] * 60 + +m[3]) * (m[1] === '-' ? -1 : 1);
      if (minutes === 0 || Math.abs(minutes) > 14 * 60) continue;
      out.push([day[1] ? Date.UTC(+day[1], +day[2] - 1, +day[3]) / 60000 : null, minutes]);
    }
  }
  let read = 0;
  for (const el of index.times) {
    const shown = read < MAX_SHOWN_CLOCKS && UTC_STAMP.exec(el.attribs.datetime);
    if (!shown || quoted(el)) continue;
    read++;
    const offset = shownClockOffset(el, Date.parse(shown[0]));
    if (offset !== null) out.push([Date.UTC(+shown[1], +shown[2] - 1, +shown[3]) / 60000, offset]);
  }
  return out;
}

// A full timestamp in UTC, the whole of a <time>'s datetime: `2019-11-19T01:19:34Z`, `…+00:00`,
// `2019-11-19 02:24:00 UTC`.
const UTC_STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s?(?:Z|UTC|GMT|[+-]00:?00)(?=\s*$)/i;
// A forum thread has one <time> per post, all in the same zone: a few tell it.
const MAX_SHOWN_CLOCKS = 10;
const DAY_MS = 86400000;

/** Inside a <blockquote>: an embedded post (Instagram, a forum quote) shows its own service's clock. */
function quoted(el: Element): boolean {
  for (let p = el.parent; p && p.type === 'tag'; p = p.parent) if ((p as Element).name === 'blockquote') return true;
  return false;
}

/**
 * The offset a `<time>` shows its UTC `datetime` in. Its text is the same instant as the reader
 * sees it: on the publisher's clock ("Posted Nov 18, 8:19 PM" for `2019-11-19T01:19:34Z`: -05:00)
 * or with its zone named ("3:27 am PST"). Null when the text shows no time, another minute, UTC
 * itself, or an offset no clock keeps.
 */
function shownClockOffset(el: Element, instant: number): number | null {
  // Templates indent a <time>'s text: the bound is on the raw text.
  const text = boundedText(el, 200);
  if (!text || Number.isNaN(instant) || !writesMinute(text, instant)) return null;
  // Read against a clock just after the stamp: a date shown without its year is the stamp's year.
  const shown = parseDateParts(collapse(text), { now: new Date(instant + 2 * DAY_MS) });
  if (!shown?.hasTime || shown.relative) return null;
  const apart = Math.floor(shown.date.getTime() / 60000) - Math.floor(instant / 60000);
  const offset = shown.wallClock ? apart : apart === 0 ? shown.offset : 0;
  return offset !== 0 && isClockOffset(offset) ? offset : null;
}

/**
 * Whether `text` writes the minute `instant` shows on some clock: its UTC minute, or that minute
 * 30 or 45 minutes on (the part-hour offsets). Most texts do not, and need not be read as dates.
 */
function writesMinute(text: string, instant: number): boolean {
  const m = ((Math.floor(instant / 60000) % 60) + 60) % 60;
  return [m, (m + 30) % 60, (m + 45) % 60].some((x) => text.includes(`${x < 10 ? '0' : ''}${x}`));
}

const YEAR = 365.2425 * 1440; // minutes

/**
 * The zone the page writes its own timestamps in: the most frequent offset among them, or null.
 * A zone with summer time writes two offsets an hour apart (-05:00 in July, -06:00 in January):
 * near `date`'s time of year, the offset its own season's stamps carry.
 */
function offsetAround(stamps: ZonedStamp[], date: Date): number | null {
  const counts = new Map<number, number>();
  for (const [, offset] of stamps) counts.set(offset, (counts.get(offset) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [offset, count] of counts) {
    if (count > bestCount) [best, bestCount] = [offset, count];
  }
  if (best === null || counts.size === 1) return best;
  // Of the stamps in the most frequent offset or an hour off it, the one nearest in time of year
  // (whichever year it is from); the most frequent wins a tie.
  const at = date.getTime() / 60000;
  let nearest = best;
  let gap = Infinity;
  for (const [day, offset] of stamps) {
    if (day === null || Math.abs(offset - best) > 60) continue;
    const apart = Math.abs(((((at - day) % YEAR) + 1.5 * YEAR) % YEAR) - YEAR / 2);
    if (apart < gap || (apart === gap && offset === best)) [nearest, gap] = [offset, apart];
  }
  return nearest;
}

// Full ISO 8601 timestamps with their zone (`2019-11-18T17:01:27.893Z`, `…+05:30`), and the
// same with a space and `UTC` (`2019-11-19 02:24:00 UTC`): the date and hour before the colon
// after the hour (`isoDateHour`), the rest from it.
const ISO_REST = /:(\d{2})(?::\d{2}(?:\.\d+)?)?\s?(?:Z|UTC\b|([+-])(\d{2}):?(\d{2}))(?!\d)/y;

/** The minutes (since the epoch) the page's full ISO timestamps name. */
function stampMinutes(index: PageIndex): Set<number> {
  const out = new Set<number>();
  for (const text of stampTexts(index)) {
    eachClock(text, (colon) => {
      if (!isoDateHour(text, colon)) return -1;
      ISO_REST.lastIndex = colon;
      const m = ISO_REST.exec(text);
      if (!m) return -1;
      const num = (from: number, to: number): number => +text.slice(colon - from, colon - to);
      const east = m[2] ? (+m[3] * 60 + +m[4]) * (m[2] === '-' ? -1 : 1) : 0;
      out.add(Date.UTC(num(13, 9), num(8, 6) - 1, num(5, 3), num(2, 0), +m[1]) / 60000 - east);
      return ISO_REST.lastIndex;
    });
  }
  return out;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Calls `at` with each colon in `text` that follows two digits (the hour of a clock), in order;
 * `at` returns where the stamp it read there ends, and the search goes on from there (or from the
 * next character when it returns -1). Stamps sit in scripts of tens of kilobytes: looking for the
 * colon natively and checking the few characters around it takes a third less time than a pattern
 * that starts with the date's digits, which is tried at every digit of the script.
 */
function eachClock(text: string, at: (colon: number) => number): void {
  let i = text.indexOf(':', 2);
  while (i >= 0) {
    const end = isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i - 2)) ? at(i) : -1;
    i = text.indexOf(':', end > i ? end : i + 1);
  }
}

// How far before the colon after the hour the digits of `YYYY-MM-DD` sit.
const DATE_DIGITS = [4, 5, 7, 8, 10, 11, 12, 13];

/** Whether `YYYY-MM-DD` and `T` or a space come before the hour that ends at `colon`. */
function isoDateHour(text: string, colon: number): boolean {
  const sep = text.charCodeAt(colon - 3);
  if ((sep !== 84 && sep !== 32) || colon < 13) return false;
  for (const k of DATE_DIGITS) if (!isDigit(text.charCodeAt(colon - k))) return false;
  return text.charCodeAt(colon - 6) === 45 && text.charCodeAt(colon - 9) === 45;
}

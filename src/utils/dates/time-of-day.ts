// The time of day and the zone written beside a date in a short text ("14:05", "2:05 p.m. ET",
// "14時05分", "오후 2:05", "kl. 14.05 CET"), for parse.ts once it has found the date.
import type { Fields } from './fields.ts';
import { fromWallClock } from './zone.ts';
import { ZONE_ABBREVIATIONS, ZONE_REGIONS } from './months.ts';
import { wordAlternation } from '../text.ts';

// A dot between hour and minute only where it cannot be a date's: before "Uhr", "h", am/pm or a
// zone ("14.05 GMT", as British papers write it), or after the Nordic "kl." / "klo" ("kl. 14.05").
// French typography spaces the "h" ("à 22 h 30").
const TIME_RE =
  /(?<![\d:.])(\d{1,2})(?::|h|\sh\s(?=\d{2})|\.(?=\d{2}\s*(?:uhr|h\b|[ap]\.?m|gmt\b|bst\b|utc\b|ces?t\b))|(?<=(?:\bkl\.?|\bklo|\bkello)\s*\d{1,2})\.(?=\d{2}(?!\d)))(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?\s?m\b\.?)?/i;
// A dotted time before any zone written in capitals ("23.30 WIB", as Indonesian sites write it);
// its groups laid out as TIME_RE's (no seconds, no a/p).
const DOTTED_BEFORE_ZONE_RE = new RegExp(
  `(?<![\\d:.])(\\d{1,2})\\.(\\d{2})()()(?=\\s*(?:${wordAlternation(Object.keys({ ...ZONE_ABBREVIATIONS, ...ZONE_REGIONS }).filter((z) => z.length > 1))})\\b)`,
);
const TIME_12H_RE = /(?<![\d:.])(\d{1,2})\s*([ap])\.?\s?m\b\.?/i;
// Chinese, Japanese and Korean write the hour and the minute as words: "14時05分", "14时5分", "14시 05분".
const CJK_TIME_RE = /(?<![\d:.])(\d{1,2})\s*[時时시點点]\s*(\d{1,2})\s*[分분]?(?:\s*(\d{1,2})\s*[秒초])?/;
// Their words for the afternoon and the morning, written before a 12-hour time ("오후 2:05", "午後2時").
const CJK_PM_BEFORE = /(?:오후|午後|下午|晚上)\s*$/;
const CJK_AM_BEFORE = /(?:오전|午前|上午|早上|凌晨)\s*$/;
// After a time, an offset; not the end of a range ("10:00-11:30 Uhr", "9:00-11:00am").
const ZONE_AFTER_TIME_RE =
  /^\s*\(?\s*(Z\b|[+-]\d{2}:?\d{2}\b(?![ \t]*(?:[Uu]hr|[hH]\b|[aApP]\.?[mM]\b))|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[A-Z]{2,5}\b)/;

/** A time of day found in a text: its fields (hour 99 when a 12-hour clock names no hour) and where it is written. */
export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
  index: number;
  length: number;
  text: string;
}

/** The first time of day in `rest` (the text around a date), or null. */
export function findClockTime(rest: string): ClockTime | null {
  const t = TIME_RE.exec(rest) ?? DOTTED_BEFORE_ZONE_RE.exec(rest) ?? CJK_TIME_RE.exec(rest) ?? TIME_12H_RE.exec(rest);
  if (!t) return null;
  // TIME_RE's (and DOTTED_BEFORE_ZONE_RE's) groups: hour, minute, second, a/p; CJK_TIME_RE's: hour, minute, second; TIME_12H_RE's: hour, a/p.
  const twelve = t.length === 3 ? t[2] : t[4];
  let hour = +t[1];
  if (twelve) {
    if (hour >= 1 && hour <= 12) hour = (hour % 12) + (twelve.toLowerCase() === 'p' ? 12 : 0);
    else hour = 99;
  } else if (hour >= 1 && hour <= 12 && t.index > 0) {
    const before = rest.slice(0, t.index);
    if (CJK_PM_BEFORE.test(before)) hour = (hour % 12) + 12;
    else if (hour === 12 && CJK_AM_BEFORE.test(before)) hour = 0;
  }
  const minute = t.length === 3 ? 0 : +t[2];
  const second = t.length === 3 || !t[3] ? 0 : +t[3];
  return { hour, minute, second, index: t.index, length: t[0].length, text: t[0] };
}

/**
 * The zone written right after a time (`after` starts there): its offset in minutes (null when it
 * is unknown), as written, and how long. A region's zone ("ET", "PT") has the offset of that wall
 * clock's time of year there.
 */
export function zoneAfterTime(
  after: string,
  wallClock: Fields,
): { zone: number | null; written: string; length: number } | null {
  const z = ZONE_AFTER_TIME_RE.exec(after);
  if (!z) return null;
  const region = ZONE_REGIONS[z[1]];
  return { zone: region ? fromWallClock(wallClock, region).offset : zoneToMinutes(z[1]), written: z[1], length: z[0].length };
}

/** The offset a written zone names ("+02:00", "GMT+2", "CEST"), in minutes east of UTC; null when none. */
export function zoneToMinutes(z: string): number | null {
  const up = z.toUpperCase().replace(/\s+/g, '');
  if (up === 'Z') return 0;
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/.exec(up);
  if (m) {
    if (m[3] && +m[3] > 59) return null;
    const minutes = +m[2] * 60 + (m[3] ? +m[3] : 0);
    return minutes > 14 * 60 ? null : (m[1] === '-' ? -minutes : minutes);
  }
  // Abbreviations must be written in capitals ("EST", not "est"), or they catch ordinary words.
  return z in ZONE_ABBREVIATIONS ? ZONE_ABBREVIATIONS[z] : null;
}

/** Why a written zone was refused, as a phrase. */
export function offsetProblem(zone: string): string {
  return /\d/.test(zone)
    ? `there is no UTC offset ${zone.trim()} (offsets run from -14:00 to +14:00)`
    : `unknown time zone ${zone.trim()} (write an offset such as +02:00)`;
}

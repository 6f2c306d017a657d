// Wall-clock ↔ instant conversion for IANA zones, and ISO formatting that keeps an offset.
import { getTimezoneOffset } from 'date-fns-tz';

const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/** Offset in minutes of `timezone` at `instant` (0 for UTC or an unknown zone). */
export function zoneOffsetMinutes(timezone: string | undefined, instant: Date): number {
  return Math.round(zoneOffsetMs(timezone, instant) / 60000);
}

function zoneOffsetMs(timezone: string | undefined, instant: Date): number {
  if (!timezone || timezone === 'UTC' || timezone === 'Etc/UTC') return 0;
  // date-fns-tz misreads years before 100 (Date.UTC makes them 19xx); 400 Gregorian years later
  // the calendar repeats and the zone keeps its local mean time.
  const t = instant.getUTCFullYear() < 100 ? instant.getTime() + FOUR_CENTURIES_MS : instant.getTime();
  const ms = getTimezoneOffset(timezone, new Date(t));
  return Number.isFinite(ms) ? ms : 0;
}

/** `Date.UTC` for every year from 1 (`Date.UTC` reads years 0–99 as 1900–1999). */
export function utcTime(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** Wall-clock fields (month 1-12) read in `timezone` → the instant, plus the offset that applied. */
export function fromWallClock(
  fields: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; ms?: number },
  timezone: string | undefined,
): { date: Date; offset: number } {
  const wall = utcTime(fields.year, fields.month - 1, fields.day, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, fields.ms ?? 0);
  // Two passes settle the offset around DST transitions.
  let offset = zoneOffsetMinutes(timezone, new Date(wall));
  const second = zoneOffsetMinutes(timezone, new Date(wall - offset * 60000));
  if (second !== offset) offset = second;
  return { date: new Date(wall - offset * 60000), offset };
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** `date` as ISO 8601 in the given offset (minutes east of UTC): `2017-11-12T08:00:00+01:00`, or `…Z`. */
export function formatWithOffset(date: Date, offset: number): string {
  const local = new Date(date.getTime() + offset * 60000);
  const base =
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (offset === 0) return `${base}Z`;
  const sign = offset > 0 ? '+' : '-';
  return `${base}${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/**
 * The UTC offset a date is to be shown in, as feeds keep it: the offset the text was written in;
 * for a text in UTC or without one, `timezone`'s offset at that instant when the source names a
 * zone (unless in seconds, as local mean times before standard zones are); else null (unknown,
 * shown in UTC). Zero is never kept: it says nothing UTC does not.
 */
export function shownOffset(date: Date, offset: number | null | undefined, timezone: string | undefined): number | null {
  const zoneMs = offset ? 0 : zoneOffsetMs(timezone, date);
  const own = offset ? offset : zoneMs % 60000 === 0 ? zoneMs / 60000 : 0;
  return isShownOffset(own) ? own : null;
}

// The part-hour UTC offsets clocks keep somewhere (besides whole hours from -12 to +14).
const PART_HOUR_OFFSETS = new Set([-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825]);

/** Whether some clock keeps this offset (in minutes): whole hours from -12 to +14, or a part-hour one in use. */
export function isClockOffset(minutes: number): boolean {
  return minutes % 60 === 0 ? minutes >= -12 * 60 && minutes <= 14 * 60 : PART_HOUR_OFFSETS.has(minutes);
}

/** UTC offsets run from -14:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** A whole, non-zero offset in minutes within the range real zones use. */
export function isShownOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value !== 0 && Math.abs(value) <= MAX_OFFSET_MINUTES;
}

const sign = (offset: number): string => (offset < 0 ? '-' : '+');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date` as RFC 822 (RSS) in the given offset: `Thu, 05 Mar 2026 09:30:00 +0530`; `GMT` for offset 0. */
export function formatRfc822(date: Date, offset: number): string {
  const local = new Date(date.getTime() + offset * 60000);
  const base =
    `${WEEKDAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTH_ABBR[local.getUTCMonth()]} ${pad(local.getUTCFullYear(), 4)} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (offset === 0) return `${base} GMT`;
  return `${base} ${sign(offset)}${pad(Math.trunc(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
}

/**
 * `date` as RFC 3339 in the given offset, to the second: `2026-03-05T09:30:00+05:30`; in UTC
 * as `toISOString` writes it (`…04:00:00.000Z`) for offset 0 and for an instant with milliseconds,
 * because some readers (newsboat 2.21's Atom parser) drop the offset of a time with a fraction and
 * would read it hours off.
 */
export function formatRfc3339(date: Date, offset: number): string {
  if (offset === 0 || date.getTime() % 1000 !== 0) return new Date(date.getTime()).toISOString();
  const local = new Date(date.getTime() + offset * 60000);
  return `${local.toISOString().slice(0, 19)}${sign(offset)}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/**
 * Languages written almost only in one country with one time zone, and that zone: a page in one
 * of them that writes a time without its offset writes its own country's clock. (Chinese is +08:00
 * wherever it is written: mainland China, Taiwan, Hong Kong, Singapore, Malaysia.)
 */
const LANGUAGE_ZONES: Readonly<Record<string, string>> = {
  ja: 'Asia/Tokyo', ko: 'Asia/Seoul', zh: 'Asia/Shanghai', th: 'Asia/Bangkok', vi: 'Asia/Ho_Chi_Minh',
};

/**
 * The language a text's script tells when a page declares none: kana is Japanese, Hangul Korean,
 * Han characters without either Chinese. Null for any other script.
 */
export function scriptLanguage(text: string | null | undefined): string | null {
  if (!text) return null;
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  return /\p{Script=Han}/u.test(text) ? 'zh' : null;
}

/** The time zone a page in language `lang` (a BCP 47 tag: "ja", "zh-TW") writes its clock in, when one language says it. */
export function languageZone(lang: string | null | undefined): string | null {
  if (!lang) return null;
  return LANGUAGE_ZONES[lang.slice(0, 2).toLowerCase()] ?? null;
}

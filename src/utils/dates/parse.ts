// Dates written by humans or machines → absolute instants.
//
// Order of attempts, cheapest and most exact first:
//   1. ISO 8601 (`2017-11-12`, `2017-11-12T10:00:00+01:00`, `20171112`), the whole string.
//   2. Generic patterns found anywhere in a short string: CJK (`2017年11月12日`), numeric
//      (`2017/11/12`, `12.11.2017`, `11/12/2017`), month names in many languages
//      (`12 novembre 2017`, `Nov 12, 2017`, `12 listopada 2017`, RFC 2822 `Sun, 12 Nov 2017 10:00 +0000`),
//      then an optional time and zone (`+01:00`, `GMT`, `CET`, `ET`…: time-of-day.ts).
//   3. chrono-node (page language first, then English) for everything else, notably relative
//      dates ("2 hours ago", "gestern") against `now`.
// A text without an offset is read as wall-clock time in `timezone` (date-only → midnight there).
// Results outside the sanity window (before 1990, or more than a day after `now`) are rejected.
//
// `parseStatedDate` reads a field that states one date (an API's `published`) with the same steps,
// but accepts every real date (years 1–9999) and says why a text is refused.
import { asciiDigits } from '../text.ts';
import { parseChrono } from './chrono.ts';
import { build, type DateParseOptions, fieldsProblem, type Impossible, impossible, type ParsedDate, SKEW_MS } from './fields.ts';
import { parseRelative } from './relative.ts';
import { isClockOffset, utcTime, zoneOffsetMinutes } from './zone.ts';
import { findClockTime, offsetProblem, zoneAfterTime, zoneToMinutes } from './time-of-day.ts';
import { eraYears, monthOf, namedMonthDate, otherCalendarYear, solarHijriDate } from './calendars.ts';

export type { DateParseOptions, ParsedDate } from './fields.ts';

/** Parse a date written by a human or a machine into an absolute instant, or null. */
export function parseDate(text: string, options: DateParseOptions = {}): Date | null {
  return parseDateParts(text, options)?.date ?? null;
}

const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_LENGTH = 200;

const isImpossible = (v: ParsedDate | Impossible): v is Impossible => 'problem' in v;

/** Like `parseDate`, also telling the offset to format the instant in. */
export function parseDateParts(text: string, options: DateParseOptions = {}): ParsedDate | null {
  // Typographic apostrophes as typed ones: "aujourd’hui", "un’ora fa" (chrono's Italian reads a
  // bare "ora" as now).
  const s = eraYears(asciiDigits(text).replace(/\s+/g, ' ').replace(/[‘’]/g, "'").trim());
  if (!s || s.length > MAX_LENGTH) return null;
  const now = options.now ?? new Date();
  const parsed = parseAny(s, options, now, false);
  if (!parsed || isImpossible(parsed)) return null;
  const t = parsed.date.getTime();
  if (Number.isNaN(t) || t < MIN_TIME || t > now.getTime() + SKEW_MS) return null;
  return parsed;
}

// Any instant a page can be read at: what `readsAsDate` resolves relative dates against.
const LATEST_NOW = new Date(Date.UTC(9999, 0, 1));

/** Whether a short text states a date these parsers read (any language, absolute or "3 hours ago"), without resolving it. */
export function readsAsDate(text: string, lang?: string | null): boolean {
  return parseDateParts(text, { lang, requireYear: true, now: LATEST_NOW }) !== null;
}

export interface StatedDateOptions extends Omit<DateParseOptions, 'requireYear'> {
  /** How far after `now` a date may be (clock skew); later ones are refused. Default 5 minutes. */
  maxFutureMs?: number;
}

/** The instant a stated date names, or why it is refused (a phrase to follow the quoted text). */
export type StatedDate = ({ ok: true } & ParsedDate) | { ok: false; problem: string };

const STATED_DATE_EXAMPLE = '2024-05-01T10:00:00+02:00';
// Instants that `toISOString` writes with four digits, so that stored dates sort as text (the
// first day of year 1 begins in year 0 east of Greenwich).
const FIRST_TIME = utcTime(0, 0, 1);
const END_TIME = utcTime(10000, 0, 1);

/**
 * A field that states one date: any real date from year 1 to 9999 and up to `maxFutureMs` after
 * `now`. Impossible fields ("2023-02-29", an offset of +25:00) are refused, never read as another
 * date, and the whole text must be the date (nothing of it silently ignored).
 */
export function parseStatedDate(text: string, options: StatedDateOptions = {}): StatedDate {
  const s = asciiDigits(text).replace(/\s+/g, ' ').trim();
  if (!s) return { ok: false, problem: 'is empty' };
  if (s.length > MAX_LENGTH) return { ok: false, problem: `is longer than ${MAX_LENGTH} characters` };
  const now = options.now ?? new Date();
  const parsed = parseAny(s, options, now, true);
  if (!parsed) return { ok: false, problem: `is not a date that can be read (write ISO 8601, such as ${STATED_DATE_EXAMPLE})` };
  if (isImpossible(parsed)) return { ok: false, problem: parsed.problem };
  const t = parsed.date.getTime();
  if (Number.isNaN(t) || t < FIRST_TIME || t >= END_TIME) return { ok: false, ...impossible('years run from 1 to 9999') };
  if (t > now.getTime() + (options.maxFutureMs ?? 5 * 60_000)) {
    return { ok: false, problem: `is in the future (it is now ${now.toISOString()}); send it once the article is out` };
  }
  return { ok: true, ...parsed };
}

/**
 * ISO first, then the generic patterns, then chrono. When scraping (`strict` false) an impossible
 * generic match leaves the text to chrono, which may find another date in it; a stated date
 * (`strict`) is refused instead.
 */
function parseAny(s: string, options: DateParseOptions, now: Date, strict: boolean): ParsedDate | Impossible | null {
  // An ISO shape with impossible fields ("2023-02-30", an offset of +25:00) is no date at all.
  const iso = parseIso(s, options.timezone);
  if (iso !== undefined) return iso;
  if (!strict) {
    const stamp = parseTimestamp(s, options);
    if (stamp) return stamp;
  }
  const generic = parseGeneric(s, options, strict);
  if (generic && (strict || !isImpossible(generic))) return generic;
  const chrono = parseChrono(s, options, now, strict);
  // Relative dates chrono has no locale for ("3 godziny temu", "3시간 전"), from data tables.
  return chrono ?? (strict ? null : parseRelative(s, options, now));
}

/**
 * A Unix timestamp (10 digits: seconds, 13: milliseconds), as pages write in data attributes;
 * shown in the source's zone, having none of its own.
 */
function parseTimestamp(s: string, options: DateParseOptions): ParsedDate | null {
  const m = /^@?(\d{10}|\d{13})$/.exec(s);
  if (!m) return null;
  const date = new Date(m[1].length === 10 ? Number(m[1]) * 1000 : Number(m[1]));
  return { date, offset: zoneOffsetMinutes(options.timezone, date), hasTime: true };
}

// --- 1. ISO 8601 -----------------------------------------------------------------------------

const ISO_RE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?$/i;

/** The instant; undefined when `s` is not ISO-shaped, Impossible when it is but cannot be a date. */
function parseIso(s: string, timezone: string | undefined): ParsedDate | Impossible | undefined {
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  // A bare 8-digit number is only a date in the compact form YYYYMMDD.
  const fields = {
    year: +m[1], month: +m[2], day: +m[3],
    hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: m[6] ? +m[6] : 0,
    ms: m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0,
  };
  const problem = fieldsProblem(fields);
  if (problem) return impossible(problem);
  const zone = m[8] ? zoneToMinutes(m[8]) : null;
  if (m[8] && zone === null) return impossible(offsetProblem(m[8]));
  return build(fields, zone, timezone, Boolean(m[4]));
}

// --- 2. Generic patterns ---------------------------------------------------------------------

// Month names are matched as any word, then looked up in MONTHS (faster than a huge alternation):
// letters with their marks (Thai vowels are marks), or an abbreviation with a dot inside ("มี.ค.").
const WORD = '((?:[\\p{L}\\p{M}]{1,2}\\.[\\p{L}\\p{M}]{1,2}|[\\p{L}\\p{M}]{2,})(?:\\.(?=\\s|\\d))?)';
type Order = 'ymd' | 'dmy' | 'mdy' | 'num-dmy' | 'ym-d' | 'd-m-y' | 'ydm';
const DATE_PATTERNS: { re: RegExp; order: Order; needsMonthName?: boolean }[] = [
  { re: /(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/gu, order: 'ymd' },
  { re: /(?<![\d.\/-])(\d{4})([-\/.])\s?(\d{1,2})\2\s?(\d{1,2})(?![\d\/-]|\.\d)/gu, order: 'ym-d' },
  // Vietnamese: "ngày 5 tháng 3 năm 2024" (day, month number, year).
  { re: /(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2}),?\s*(?:năm\s*)?(\d{4})/giu, order: 'd-m-y' },
  { re: /(?<![\d.\/-])(\d{1,2})([-\/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d\/-]|\.\d)/gu, order: 'num-dmy' },
  // Czech, Slovak, Slovenian and Croatian typography spaces a dotted date: "12. 3. 2020".
  { re: /(?<![\d.\/-])(\d{1,2})\. (\d{1,2})\. ?(\d{4})(?!\d)/gu, order: 'd-m-y' },
  {
    re: new RegExp(
      `(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th|er|e|º|°|ª)?\\.?\\s*(?:de |of |-|d['’])?${WORD},?\\s*(?:de |del |-)?(\\d{4})(?!\\d)`,
      'giu',
    ),
    order: 'dmy',
    needsMonthName: true,
  },
  {
    re: new RegExp(`(?<![\\p{L}])${WORD}\\s*(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\d]),?\\s*(\\d{4})(?!\\d)`, 'giu'),
    order: 'mdy',
    needsMonthName: true,
  },
  {
    re: new RegExp(`(?<!\\d)(\\d{4})\\.?\\s*(?:m\\.\\s*)?${WORD}\\s*(\\d{1,2})(?!\\d)`, 'giu'),
    order: 'ymd',
    needsMonthName: true,
  },
  // Latvian: "2024. gada 5. martā" (the year, "of the year", the day, the month).
  { re: new RegExp(`(?<!\\d)(\\d{4})\\.\\s*gada\\s+(\\d{1,2})\\.\\s*${WORD}`, 'giu'), order: 'ydm', needsMonthName: true },
];

function parseGeneric(s: string, options: DateParseOptions, strict: boolean): ParsedDate | Impossible | null {
  let best: { index: number; length: number; y: number; m: number; d: number } | null = null;
  if (!/\d/.test(s)) return null;
  for (const { re, order, needsMonthName } of DATE_PATTERNS) {
    if (needsMonthName && !/\d{4}/.test(s)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(s); m && !(best && m.index >= best.index); m = re.exec(s)) {
      const ymd = readOrder(m, order, options.lang);
      // Scraping: a year far from ours is another calendar's (Hijri 1445, Solar Hijri 1402,
      // Buddhist 2567) beside the Gregorian date the page also gives: look further.
      if (ymd && ymd.m && (strict || !otherCalendarYear(ymd.y))) {
        best = { index: m.index, length: m[0].length, ...ymd };
        break;
      }
      re.lastIndex = m.index + 1; // overlapping retry: "Mon 5 March 2020" → "5 March 2020"
    }
  }
  if (!best) return null;
  const fields = { year: best.y, month: best.m, day: best.d, hour: 0, minute: 0, second: 0 };
  const problem = fieldsProblem(fields);
  if (problem) return impossible(problem);

  // Time and zone: looked for in the rest of the (short) string.
  const rest = `${s.slice(0, best.index)} ${s.slice(best.index + best.length)}`;
  let zone: number | null = null;
  let hasTime = false;
  let unread = rest;
  const t = findClockTime(rest);
  if (t) {
    const { hour, minute, second } = t;
    if (hour < 24 && minute < 60 && second < 60) {
      Object.assign(fields, { hour, minute, second });
      hasTime = true;
      const z = zoneAfterTime(rest.slice(t.index + t.length), fields);
      if (z) zone = z.zone;
      // In page text, an offset no clock keeps ("10:00-11:30 Uhr") is the end of a range, not a zone.
      if (!strict && zone !== null && zone % 60 !== 0 && !isClockOffset(zone)) zone = null;
      // Read without its zone, a stated time would be hours off.
      if (strict && z && zone === null) return impossible(offsetProblem(z.written));
      unread = rest.slice(0, t.index) + rest.slice(t.index + t.length + (z ? z.length : 0));
    } else if (strict) {
      return impossible(`there is no time ${t.text.trim()}`);
    }
  }
  // Words around a stated date ("Sun,", "at") may go unread, numbers may not ("+5", a second date).
  if (strict && /\d/.test(unread)) return { problem: `has a part that is no date, time or offset: ${JSON.stringify(unread.trim())}` };
  return build(fields, zone, options.timezone, hasTime);
}

function readOrder(m: RegExpExecArray, order: string, lang: string | null | undefined): { y: number; m: number; d: number } | null {
  switch (order) {
    case 'ymd':
      return /^\d+$/.test(m[2]) ? { y: +m[1], m: +m[2], d: +m[3] } : namedMonthDate(+m[1], m[2], +m[3]);
    case 'ym-d':
      // A Persian page's numeric 13xx/14xx year is of the Solar Hijri calendar ("۱۴۰۳/۰۵/۲۲").
      return /^fa\b/i.test(lang ?? '') && +m[1] < 1500 ? solarHijriDate(+m[1], +m[3], +m[4]) : { y: +m[1], m: +m[3], d: +m[4] };
    case 'dmy':
      return namedMonthDate(+m[3], m[2], +m[1]);
    case 'ydm':
      return namedMonthDate(+m[1], m[3], +m[2]);
    case 'd-m-y':
      return { y: +m[3], m: +m[2], d: +m[1] };
    case 'mdy':
      return { y: +m[3], m: monthOf(m[1]), d: +m[2] };
    case 'num-dmy': {
      let a = +m[1];
      let b = +m[3];
      const sep = m[2];
      let y = +m[4];
      if (m[4].length === 2) {
        // Two-digit years are only trusted with dots (12.11.17), common in central/eastern Europe.
        if (sep !== '.' && sep !== '/') return null;
        y += y < 70 ? 2000 : 1900;
      }
      // Month first when the page is American English, or when the first number cannot be a month.
      const monthFirst = b > 12 || (a <= 12 && sep !== '.' && isMonthFirstLang(lang));
      if (monthFirst) [a, b] = [b, a];
      // A Thai page's 25xx year is of the Buddhist era (Gregorian + 543).
      return { y: y >= 2400 && y < 2700 && /^th\b/i.test(lang ?? '') ? y - 543 : y, m: b, d: a };
    }
  }
  return null;
}

function isMonthFirstLang(lang: string | null | undefined): boolean {
  const l = (lang ?? '').toLowerCase();
  return l === 'en' || l === 'en-us' || l === 'en_us' || l.startsWith('en-us');
}

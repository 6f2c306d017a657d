/**
 * Step 3 of date parsing: chrono-node (the page language first, then English) for what the exact
 * patterns do not read, notably relative dates ("2 hours ago", "gestern") against `now`.
 */
import * as chrono from 'chrono-node';
import { build, type DateParseOptions, fieldsProblem, type Impossible, impossible, type ParsedDate, SKEW_MS } from './fields.ts';
import { zoneOffsetMinutes } from './zone.ts';

const CHRONO_LOCALES: Record<string, chrono.Chrono> = {
  en: chrono.casual, de: chrono.de.casual, fr: chrono.fr.casual, es: chrono.es.casual, it: chrono.it.casual,
  pt: chrono.pt.casual, nl: chrono.nl.casual, ru: chrono.ru.casual, uk: chrono.uk.casual, ja: chrono.ja.casual,
  zh: chrono.zh.casual, sv: chrono.sv.casual, fi: chrono.fi.casual,
};

// Words of relative dates in the supported languages; without one (and without a year) chrono
// is not worth running on a candidate scanned from the page.
const RELATIVE_HINT =
  /ago|yesterday|today|hour|minute|vor |gestern|heute|il y a|hier|aujourd|hace|ayer|hoy| fa\b|ieri|oggi|há |ontem|hoje|geleden|gisteren|vandaag|назад|вчера|сегодня|тому|вчора|сьогодні|önce|dün|bugün|temu|wczoraj|dzisiaj|前|昨日|今日|昨天|今天/i;

// A number of one or two digits (a day, a month, an hour, a two-digit year), or a day as an
// ordinal word ("May first, 2020", "the twenty-third of June 2021": chrono reads them in English).
const DAY_NUMBER = /(?<!\d)\d{1,2}(?!\d)/;
const DAY_WORD = /(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|twentieth|thirtieth)\b/i;

// Copyright notices name years, never the day an article was published.
const COPYRIGHT = /©|\(c\)|copyright/i;

export function parseChrono(s: string, options: DateParseOptions, now: Date, strict: boolean): ParsedDate | Impossible | null {
  if (options.requireYear) {
    if (!/\d{4}/.test(s) && !RELATIVE_HINT.test(s)) return null;
    // Digits alone were for the generic patterns to read; a notice is no date. Both are common
    // in scanned page text, and chrono is the slowest step.
    if (!/\p{L}{2}/u.test(s) || COPYRIGHT.test(s)) return null;
    // A year and no day ("September 2021", "seit 1994 in Köln") is refused below once chrono has
    // read it (no certain day): most scanned texts are such, and end here.
    if (!DAY_NUMBER.test(s) && !DAY_WORD.test(s) && !RELATIVE_HINT.test(s)) return null;
  }
  const primary = (options.lang ?? '').toLowerCase().split(/[-_]/)[0];
  const parsers = [CHRONO_LOCALES[primary], chrono.casual].filter((p, i, a): p is chrono.Chrono => !!p && a.indexOf(p) === i);
  const reference = { instant: now, timezone: zoneOffsetMinutes(options.timezone, now) };
  for (const parser of parsers) {
    const result = parser.parse(s, reference)[0];
    if (!result) continue;
    // A stated date is read whole: "Mon, 01 Jan 0001" must not become this year's 1 January.
    if (strict && /[\p{L}\d]/u.test(s.slice(0, result.index) + s.slice(result.index + result.text.length))) return null;
    const c = result.start;
    const tags = [...c.tags()];
    const relative = tags.some((tag) => tag.startsWith('result/relativeDate') || tag.startsWith('casualReference'));
    // "in 3 hours", "for 3 hours": a span ahead of now dates no page.
    if (tags.some((tag) => tag.startsWith('result/relativeDate')) && c.date().getTime() > now.getTime()) return null;
    if (options.requireYear && !relative && !c.isCertain('year')) return null;
    if (!c.isCertain('day') && !relative) return null;
    const hasTime = c.isCertain('hour');
    if (c.isCertain('timezoneOffset') || (relative && hasTime)) {
      const certain = c.isCertain('timezoneOffset');
      const offset = c.get('timezoneOffset') ?? reference.timezone;
      // "today, 18:06" names a wall clock; "3 hours ago" an instant.
      const wallClock = !certain && !tags.some((tag) => tag.startsWith('result/relativeDate'));
      return { date: c.date(), offset, hasTime, ...(relative ? { relative: true as const } : {}), ...(wallClock ? { wallClock: true as const } : {}) };
    }
    const fields = {
      year: c.get('year') ?? 0, month: c.get('month') ?? 0, day: c.get('day') ?? 0,
      hour: hasTime ? (c.get('hour') ?? 0) : 0, minute: hasTime ? (c.get('minute') ?? 0) : 0,
      second: hasTime ? (c.get('second') ?? 0) : 0,
    };
    const problem = fieldsProblem(fields);
    if (problem) return impossible(problem);
    let parsed = build(fields, null, options.timezone, hasTime);
    // A year-less date ("March 5") in the future means last year's.
    if (!c.isCertain('year') && parsed.date.getTime() > now.getTime() + SKEW_MS) {
      parsed = build({ ...fields, year: fields.year - 1 }, null, options.timezone, hasTime);
    }
    return relative ? { ...parsed, relative: true } : parsed;
  }
  return null;
}

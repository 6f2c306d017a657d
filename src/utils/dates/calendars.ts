// Dates in the calendars pages commonly write alone besides the Gregorian one: the Solar Hijri
// (Iran, Afghanistan: "۲ تیر ۱۳۹۹"), the Thai Buddhist era ("5 มีนาคม 2567", the Gregorian year
// + 543), Japanese eras ("令和2年8月13日") and the Minguo years of Taiwan ("民國109年"). Other
// calendars' years written beside a Gregorian date (Hijri 1445 next to 2024) are skipped by the
// caller, which looks further.
import { MONTHS } from './months.ts';

/** Calendar fields (month 1–12). */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const JALALI_MONTHS: ReadonlyMap<string, number> = new Map(
  'فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند'.split(' ').map((name, i) => [name, i + 1]),
);
const THAI = /[\u0e00-\u0e7f]/;

/** Years of the Hijri (13xx–14xx) and Buddhist (24xx–26xx) eras as pages write them today. */
export function otherCalendarYear(y: number): boolean {
  return (y >= 1300 && y < 1600) || (y >= 2400 && y < 2700);
}

const GREEK = /[\u0370-\u03ff]/;

/** The month a (Gregorian) month name stands for, 1–12, or 0. */
export function monthOf(name: string): number {
  let key = name.toLowerCase().replace(/\.$/, '').normalize('NFC');
  // Greek is written with and without accents (capitals drop them): the table has none.
  if (GREEK.test(key)) key = key.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return MONTHS.get(key) ?? 0;
}

/**
 * The Gregorian day of `y`, month named `name`, day `d`: Solar Hijri month names converted, Thai
 * month names with a Buddhist-era year brought back 543 years. Month 0 when `name` is no month.
 */
export function namedMonthDate(y: number, name: string, d: number): Ymd {
  const m = monthOf(name);
  if (m) return THAI.test(name) && y >= 2400 && y < 2700 ? { y: y - 543, m, d } : { y, m, d };
  // Arabic yeh and kaf are common in Persian text typed on Arabic keyboards.
  const jm = JALALI_MONTHS.get(name.replace(/ي/g, 'ی').replace(/ك/g, 'ک'));
  return jm ? solarHijriDate(y, jm, d) : { y, m: 0, d };
}

/** A Solar Hijri day as a Gregorian one; month 0 (no date) outside that era's years or the month's days. */
export function solarHijriDate(y: number, m: number, d: number): Ymd {
  if (y < 1300 || y >= 1500 || m < 1 || m > 12 || d < 1 || d > (m <= 6 ? 31 : 30)) return { y, m: 0, d };
  return jalaliToGregorian(y, m, d);
}

/**
 * Solar Hijri → Gregorian (the arithmetic of the jalaali calendar, exact for 1300–1499): days
 * since the Jalali epoch, then the Gregorian year, month and day of that count.
 */
export function jalaliToGregorian(jy: number, jm: number, jd: number): Ymd {
  const y = jy + 1595;
  let days =
    -355668 + 365 * y + Math.floor(y / 33) * 8 + Math.floor(((y % 33) + 3) / 4) + jd + (jm < 7 ? (jm - 1) * 31 : (jm - 7) * 30 + 186);
  let gy = 400 * Math.floor(days / 146097);
  days %= 146097;
  if (days > 36524) {
    days--;
    gy += 100 * Math.floor(days / 36524);
    days %= 36524;
    if (days >= 365) days++;
  }
  gy += 4 * Math.floor(days / 1461);
  days %= 1461;
  if (days > 365) {
    gy += Math.floor((days - 1) / 365);
    days = (days - 1) % 365;
  }
  let gd = days + 1;
  const leap = (gy % 4 === 0 && gy % 100 !== 0) || gy % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  let gm = 0;
  while (gm < 12 && gd > lengths[gm]) gd -= lengths[gm++];
  return { y: gy, m: gm + 1, d: gd };
}

// First Gregorian year of each era, less one: 令和1 = 2019, 平成1 = 1989, 昭和1 = 1926, 民國1 = 1912.
const ERA_BASE: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925, 民國: 1911, 民国: 1911 };
const ERA_YEAR = /(令和|平成|昭和|民國|民国)\s*(元|\d{1,3})\s*年/g;

/** `s` with Japanese era and Minguo years written as Gregorian ones ("令和2年" → "2020年"; 元 is the first year). */
export function eraYears(s: string): string {
  if (!/[令平昭民]/.test(s)) return s;
  return s.replace(ERA_YEAR, (_, era: string, n: string) => `${ERA_BASE[era] + (n === '元' ? 1 : +n)}年`);
}

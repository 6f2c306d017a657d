import { describe, expect, it } from 'vitest';
import { eraYears, jalaliToGregorian, namedMonthDate, solarHijriDate } from '../../../src/utils/dates/calendars.ts';

describe('other calendars', () => {
  it('converts every Solar Hijri day of 1300–1488 as the Persian calendar of Intl does', () => {
    const fmt = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    let wrong = 0;
    for (let t = Date.UTC(1921, 2, 21); t < Date.UTC(2110, 0, 1); t += 86_400_000) {
      const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      const g = jalaliToGregorian(+p.year, +p.month, +p.day);
      const d = new Date(t);
      if (g.y !== d.getUTCFullYear() || g.m !== d.getUTCMonth() + 1 || g.d !== d.getUTCDate()) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('reads Persian month names, with Arabic letters too, and refuses days a month has not', () => {
    expect(namedMonthDate(1399, 'تیر', 2)).toEqual({ y: 2020, m: 6, d: 22 });
    expect(namedMonthDate(1399, 'تير', 2)).toEqual({ y: 2020, m: 6, d: 22 });
    expect(namedMonthDate(1403, 'فروردین', 1)).toEqual({ y: 2024, m: 3, d: 20 });
    expect(solarHijriDate(1403, 7, 31).m).toBe(0); // the second half of the year has 30-day months
    expect(solarHijriDate(2024, 3, 5).m).toBe(0);
  });

  it('brings a Thai Buddhist-era year back to the Gregorian one only beside a Thai month name', () => {
    expect(namedMonthDate(2567, 'มีนาคม', 5)).toEqual({ y: 2024, m: 3, d: 5 });
    expect(namedMonthDate(2024, 'มีนาคม', 5)).toEqual({ y: 2024, m: 3, d: 5 });
    expect(namedMonthDate(2567, 'March', 5)).toEqual({ y: 2567, m: 3, d: 5 });
  });

  it('writes era years as Gregorian ones, and leaves other text alone', () => {
    expect(eraYears('令和2年8月13日')).toBe('2020年8月13日');
    expect(eraYears('令和元年')).toBe('2019年');
    expect(eraYears('民國109年')).toBe('2020年');
    expect(eraYears('平和な2020年')).toBe('平和な2020年');
  });
});

import { describe, expect, it } from 'vitest';
import { parseDate, parseDateParts, parseStatedDate } from '../../../src/utils/dates/parse.ts';
import { formatWithOffset } from '../../../src/utils/dates/zone.ts';

const now = new Date('2024-03-10T12:00:00Z');
const iso = (text: string, opts: Parameters<typeof parseDateParts>[1] = {}): string | null => {
  const p = parseDateParts(text, { now, ...opts });
  return p ? formatWithOffset(p.date, p.offset) : null;
};

describe('parseDate: machine formats', () => {
  it('reads ISO 8601 with an offset as that instant, keeping the offset', () => {
    expect(iso('2017-11-12T10:00:00+01:00')).toBe('2017-11-12T10:00:00+01:00');
    expect(parseDate('2017-11-12T10:00:00.123Z', { now })?.toISOString()).toBe('2017-11-12T10:00:00.123Z');
  });
  it('puts a date-only value at midnight of that day in the source zone', () => {
    expect(iso('2017-11-12')).toBe('2017-11-12T00:00:00Z');
    expect(iso('2017-11-12', { timezone: 'Europe/Berlin' })).toBe('2017-11-12T00:00:00+01:00');
    expect(iso('20171112', { timezone: 'America/New_York' })).toBe('2017-11-12T00:00:00-05:00');
  });
  it('applies the IANA zone, with its summer offset, to times written without one', () => {
    expect(iso('2017-07-12 10:30', { timezone: 'Europe/Paris' })).toBe('2017-07-12T10:30:00+02:00');
    expect(parseDate('2017-07-12 10:30', { now, timezone: 'Europe/Paris' })?.toISOString()).toBe('2017-07-12T08:30:00.000Z');
  });
  it('reads RFC 2822', () => {
    expect(iso('Sun, 12 Nov 2017 10:00:00 +0000')).toBe('2017-11-12T10:00:00Z');
    expect(iso('Sun, 12 Nov 2017 10:00:00 -0500')).toBe('2017-11-12T10:00:00-05:00');
  });
  it('reads a time range in page text as its start, not as a time and an offset', () => {
    // "-11:30" is no offset any clock keeps; before "Uhr" or "am", "-11:00" ends the range too.
    expect(iso('19.1.23, 10:00-11:30 Uhr', { lang: 'de', timezone: 'Europe/Berlin' })).toBe('2023-01-19T10:00:00+01:00');
    expect(iso('19.1.23, 10:00-11:30', { lang: 'de', timezone: 'Europe/Berlin' })).toBe('2023-01-19T10:00:00+01:00');
    expect(iso('19.1.2023, 10:00-11:00 Uhr', { lang: 'de', timezone: 'Europe/Berlin' })).toBe('2023-01-19T10:00:00+01:00');
    expect(iso('May 5, 2020 9:00-11:00am', { timezone: 'America/New_York' })).toBe('2020-05-05T09:00:00-04:00');
    // Offsets clocks keep are still offsets, whole hours and part hours alike.
    expect(iso('5 May 2020 10:00-04:00')).toBe('2020-05-05T10:00:00-04:00');
    expect(iso('5 May 2020 10:00 +05:45')).toBe('2020-05-05T10:00:00+05:45');
    expect(iso('5 May 2020 10:00-03:30')).toBe('2020-05-05T10:00:00-03:30');
  });
  it('reads the zones news sites name: ET and PT in the offset of their season, Asian zones', () => {
    expect(iso('March 5, 2024 11:30 PM ET')).toBe('2024-03-05T23:30:00-05:00');
    expect(iso('Nov 5, 2023 11:30 PM ET')).toBe('2023-11-05T23:30:00-05:00');
    expect(iso('Oct 5, 2023 11:30 PM ET')).toBe('2023-10-05T23:30:00-04:00');
    expect(iso('Published 5:04 PM PT, Tue March 5, 2024')).toBe('2024-03-05T17:04:00-08:00');
    expect(iso('Updated: Mar 5, 2024, 14:05 IST')).toBe('2024-03-05T14:05:00+05:30');
    expect(iso('Selasa, 05 Mar 2024 14:05 WIB', { lang: 'id' })).toBe('2024-03-05T14:05:00+07:00');
    expect(iso('5 March 2024 at 14:05 HKT')).toBe('2024-03-05T14:05:00+08:00');
  });
  it('reads a time written with a dot where no date can be: before a zone, after "kl." or "klo"', () => {
    expect(iso('Tue 5 Mar 2024 14.05 GMT')).toBe('2024-03-05T14:05:00Z');
    expect(iso('5. marts 2024 kl. 14.05', { lang: 'da', timezone: 'Europe/Copenhagen' })).toBe('2024-03-05T14:05:00+01:00');
    expect(iso('5.3.2024 klo 14.05', { lang: 'fi', timezone: 'Europe/Helsinki' })).toBe('2024-03-05T14:05:00+02:00');
    expect(iso('5 March 2024 v1.14.05')).toBe('2024-03-05T00:00:00Z');
    expect(iso('Selasa, 5 Maret 2024 23.30 WIB', { lang: 'id' })).toBe('2024-03-05T23:30:00+07:00');
  });
});

describe('parseDate: human formats in many languages', () => {
  const cases: [string, string, string?][] = [
    ['November 12, 2017 at 3:45 pm EST', '2017-11-12T15:45:00-05:00'],
    ['12. November 2017, 14:30 Uhr', '2017-11-12T14:30:00Z', 'de'],
    ['12 novembre 2017 à 10h30', '2017-11-12T10:30:00Z', 'fr'],
    ['le dimanche 12 novembre 2017 à 22 h 30', '2017-11-12T22:30:00Z', 'fr'],
    ['12 de noviembre de 2017', '2017-11-12T00:00:00Z', 'es'],
    ['12 novembre 2017', '2017-11-12T00:00:00Z', 'it'],
    ['12 de novembro de 2017', '2017-11-12T00:00:00Z', 'pt'],
    ['12 november 2017', '2017-11-12T00:00:00Z', 'nl'],
    ['12 ноября 2017 г.', '2017-11-12T00:00:00Z', 'ru'],
    ['12 листопада 2017', '2017-11-12T00:00:00Z', 'uk'],
    ['12 Kasım 2017 Pazar', '2017-11-12T00:00:00Z', 'tr'],
    ['12 listopada 2017', '2017-11-12T00:00:00Z', 'pl'],
    ['2017年11月12日 10:30', '2017-11-12T10:30:00Z', 'ja'],
    ['2017年11月12日', '2017-11-12T00:00:00Z', 'zh'],
    ['الأربعاء، ٠٧ أكتوبر ٢٠٢٠ - 12:09 م', '2020-10-07T12:09:00Z', 'ar'],
    ['12.11.2017 10:30', '2017-11-12T10:30:00Z'],
  ];
  for (const [text, expected, lang] of cases) {
    it(`${lang ?? 'any'}: ${text}`, () => expect(iso(text, { lang })).toBe(expected));
  }
  it('reads numeric day/month order from the page language', () => {
    expect(iso('11/12/2017', { lang: 'en-US' })).toBe('2017-11-12T00:00:00Z');
    expect(iso('11/12/2017', { lang: 'fr' })).toBe('2017-12-11T00:00:00Z');
    expect(iso('25/12/2017', { lang: 'en-US' })).toBe('2017-12-25T00:00:00Z');
  });
});

describe('parseDateParts: wall clocks', () => {
  it('says when a time was read in the zone for want of its own offset', () => {
    const wall = (text: string, lang?: string) => parseDateParts(text, { now, lang })?.wallClock ?? false;
    for (const text of ['7 June 2020 18:06', '2020-06-07T18:06:00', '2020/06/07 18:06', 'June 7, 2020 at 6:06 pm']) expect(wall(text), text).toBe(true);
    expect(wall('today, 18:06')).toBe(true);
    expect(wall('сьогодні, 18:06', 'uk')).toBe(true);
    // An instant, a whole day or a span back from now is no wall clock.
    for (const text of ['2020-06-07T18:06:00Z', '2020-06-07T18:06:00+03:00', 'Sun, 07 Jun 2020 18:06:00 +0300', '7 June 2020', '3 hours ago', '1591542360'])
      expect(wall(text), text).toBe(false);
  });
});

describe('parseDate: relative dates and the sanity window', () => {
  it('resolves relative dates against now', () => {
    expect(iso('2 hours ago')).toBe('2024-03-10T10:00:00Z');
    expect(iso('yesterday')).toBe('2024-03-09T00:00:00Z');
    expect(iso('vor 3 Tagen', { lang: 'de' })).toBe('2024-03-07T00:00:00Z');
    expect(iso('il y a 2 jours', { lang: 'fr' })).toBe('2024-03-08T00:00:00Z');
  });
  it('reads "yesterday" as the calendar day in the source zone', () => {
    expect(iso('yesterday', { timezone: 'Asia/Tokyo' })).toBe('2024-03-09T00:00:00+09:00');
  });
  it('rejects dates in the future (beyond a day of skew) and before 1990', () => {
    expect(parseDate('2024-03-11T06:00:00Z', { now })).not.toBeNull();
    expect(parseDate('2024-03-12T06:00:00Z', { now })).toBeNull();
    expect(parseDate('1989-12-31', { now })).toBeNull();
  });
  it('puts a year-less date in the past, and refuses it when a year is required', () => {
    expect(iso('December 24')).toBe('2023-12-24T00:00:00Z');
    expect(iso('December 24', { requireYear: true })).toBeNull();
  });
  it('reads a day written as an ordinal word when a year is required, and no day from a year alone', () => {
    expect(iso('May first, 2020', { requireYear: true })).toBe('2020-05-01T00:00:00Z');
    expect(iso('the twenty-third of June 2021', { requireYear: true })).toBe('2021-06-23T00:00:00Z');
    expect(iso('September 2021', { requireYear: true })).toBeNull();
    expect(iso('Netzkultur und Freie Software seit 1995', { requireYear: true })).toBeNull();
  });
  it('returns null for text without a date', () => {
    expect(parseDate('Share this article', { now })).toBeNull();
    expect(parseDate('Comments (12)', { now })).toBeNull();
    expect(parseDate('', { now })).toBeNull();
  });
});

describe('parseDate: impossible dates are no dates', () => {
  it('refuses an ISO date with an impossible offset instead of dropping the offset', () => {
    expect(parseDate('2024-03-01T10:00:00+25:00', { now })).toBeNull();
    expect(parseDate('2024-03-01T10:00:00+02:75', { now })).toBeNull();
    expect(parseDate('2024-03-01T10:00:00+02:00', { now })?.toISOString()).toBe('2024-03-01T08:00:00.000Z');
  });
  it('never turns a stated year 0001 (a null date) into this year', () => {
    expect(parseDate('Mon, 01 Jan 0001 00:00:00 GMT', { now })).toBeNull();
    expect(parseDate('0001-01-01T00:00:00Z', { now })).toBeNull();
  });
});

describe('parseStatedDate: a field that states one date', () => {
  const stated = (text: string, opts: Parameters<typeof parseStatedDate>[1] = {}) => {
    const r = parseStatedDate(text, { now, ...opts });
    return r.ok ? r.date.toISOString() : r.problem;
  };
  it('accepts every real date, however old', () => {
    expect(stated('1969-07-20T20:17:40Z')).toBe('1969-07-20T20:17:40.000Z');
    expect(stated('Sun, 31 Dec 1899 10:00:00 +0000')).toBe('1899-12-31T10:00:00.000Z');
    expect(stated('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(stated('Mon, 01 Jan 0001 00:00:00 GMT')).toBe('0001-01-01T00:00:00.000Z');
    expect(stated('0099-06-15', { timezone: 'Europe/Paris' })).toBe('0099-06-14T23:51:00.000Z'); // Paris mean time
    expect(stated('1850-01-01', { timezone: 'America/New_York' })).toBe('1850-01-01T04:56:00.000Z');
    expect(stated('November 12, 2017 at 3:45 pm EST')).toBe('2017-11-12T20:45:00.000Z');
    expect(stated('2024-03-09T10:00:00 CET')).toBe('2024-03-09T09:00:00.000Z');
    expect(stated('yesterday')).toBe('2024-03-09T00:00:00.000Z');
  });
  it('names what makes a date impossible', () => {
    expect(stated('2023-02-29')).toBe('is not a real date: February 2023 has 28 days, not 29');
    expect(stated('2024-13-01')).toBe('is not a real date: there is no month 13');
    expect(stated('2024-03-01T24:30:00Z')).toBe('is not a real date: there is no hour 24');
    expect(stated('0000-06-01')).toBe('is not a real date: the year must be between 1 and 9999, not 0');
    expect(stated('31 April 2020')).toBe('is not a real date: April 2020 has 30 days, not 31');
    expect(stated('Mon, 01 Jan 0000 00:00:00 GMT')).toMatch(/^is not a real date: the year must be between 1 and 9999/);
  });
  it('refuses impossible or unknown offsets instead of dropping them', () => {
    expect(stated('2024-03-01T10:00:00+25:00')).toBe('is not a real date: there is no UTC offset +25:00 (offsets run from -14:00 to +14:00)');
    expect(stated('2024-03-01T10:00:00-03:60')).toMatch(/there is no UTC offset -03:60/);
    expect(stated('Fri, 01 Mar 2024 10:00:00 +2500')).toMatch(/there is no UTC offset \+2500/);
    expect(stated('Fri, 01 Mar 2024 10:00:00 XYZ')).toBe('is not a real date: unknown time zone XYZ (write an offset such as +02:00)');
    expect(stated('2024-03-01T10:00:00+5')).toBe('has a part that is no date, time or offset: "T+5"');
  });
  it('refuses dates in the future beyond a few minutes of clock skew', () => {
    expect(stated('2024-03-10T12:04:00Z')).toBe('2024-03-10T12:04:00.000Z');
    expect(stated('2024-03-10T12:06:00Z')).toBe('is in the future (it is now 2024-03-10T12:00:00.000Z); send it once the article is out');
    expect(stated('2024-03-11T06:00:00Z')).toMatch(/^is in the future/);
    expect(stated('2024-03-10T13:00:00Z', { maxFutureMs: 3600_000 })).toBe('2024-03-10T13:00:00.000Z');
  });
  it('reads the whole text: nothing of it is ignored', () => {
    expect(stated('Mon, 01 Jan 0001')).toBe('0001-01-01T00:00:00.000Z');
    expect(stated('12 Nov 2017 and 42')).toMatch(/^has a part that is no date, time or offset: "and 42"/);
    expect(stated('Share this article')).toBe('is not a date that can be read (write ISO 8601, such as 2024-05-01T10:00:00+02:00)');
    expect(stated('   ')).toBe('is empty');
  });
});

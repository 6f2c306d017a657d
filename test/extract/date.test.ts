import { describe, expect, it } from 'vitest';
import { parseDate, parseDateParts } from '../../src/extract/date.ts';
import { formatWithOffset } from '../../src/extract/date-zone.ts';

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
});

describe('parseDate: human formats in many languages', () => {
  const cases: [string, string, string?][] = [
    ['November 12, 2017 at 3:45 pm EST', '2017-11-12T15:45:00-05:00'],
    ['12. November 2017, 14:30 Uhr', '2017-11-12T14:30:00Z', 'de'],
    ['12 novembre 2017 à 10h30', '2017-11-12T10:30:00Z', 'fr'],
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
  it('returns null for text without a date', () => {
    expect(parseDate('Share this article', { now })).toBeNull();
    expect(parseDate('Comments (12)', { now })).toBeNull();
    expect(parseDate('', { now })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { extractMetadata } from '../../src/extract/metadata.ts';
import { bylineWithoutDate } from '../../src/extract/byline-date.ts';

describe('bylineWithoutDate', () => {
  it('cuts a date written after the name, with its label', () => {
    expect(bylineWithoutDate('Acme- 2025/4/29')).toBe('Acme');
    // A forum's numeric date with a two-digit year, and its time.
    expect(bylineWithoutDate('von lupa am 26/10/13, 03:48 pm')).toBe('von lupa am');
    expect(bylineWithoutDate('Jane Roe | October 15, 2025')).toBe('Jane Roe');
    expect(bylineWithoutDate('Sam Poe Last updated on 17 December 2025')).toBe('Sam Poe');
  });
  it('cuts a date glued to the name', () => {
    expect(bylineWithoutDate('Luke KimDecember 17, 2025')).toBe('Luke Kim');
    expect(bylineWithoutDate('By Ana PerumalPublished on July 18, 2025')).toBe('By Ana Perumal');
    expect(bylineWithoutDate('Chris Roe30 Sep 2022, 11:07am')).toBe('Chris Roe');
    expect(bylineWithoutDate('Nick van Dam2022-11-23T08:10+02:00')).toBe('Nick van Dam');
    expect(bylineWithoutDate('Yuki3/4/2025 12 Shares')).toBe('Yuki');
  });
  it('cuts a date written as Chinese, Japanese and Korean write them', () => {
    expect(bylineWithoutDate('ZDNet Japan Staff 2019年04月28日 08時00分')).toBe('ZDNet Japan Staff');
    expect(bylineWithoutDate('김민수 기자 2024년 3월 5일 14:05')).toBe('김민수 기자');
    expect(bylineWithoutDate('김민수 기자 2024. 3. 5. 14:05')).toBe('김민수 기자');
  });
  it('cuts a date written before the name', () => {
    expect(bylineWithoutDate('Dec. 19, 2025 · Niko Matt')).toBe('Niko Matt');
  });
  it('cuts a trailing label that has no date (no digit in the byline)', () => {
    expect(bylineWithoutDate('Jane Roe Last updated:')).toBe('Jane Roe');
    expect(bylineWithoutDate('Sam Poe | Posted')).toBe('Sam Poe');
  });
  it('gives null when only a date and a reading time remain', () => {
    expect(bylineWithoutDate('August 28, 2025•5 min read')).toBeNull();
  });
  it('gives null when only a dateline remains, its time of day with it', () => {
    expect(bylineWithoutDate('Published: Dec. 22, 2016, 6:47 p.m.')).toBeNull();
    expect(bylineWithoutDate('Updated: Dec. 22, 2016, 11:05 AM ET')).toBeNull();
    expect(bylineWithoutDate('22.12.2016, 18.47 Uhr')).toBeNull();
    expect(bylineWithoutDate('Dec. 22, 2016 · Jane Roe')).toBe('Jane Roe');
  });
  it('gives null when only a date and its weekday remain, in any of the languages', () => {
    expect(bylineWithoutDate('Sun Dec 17, 2023 11:23 am')).toBeNull();
    expect(bylineWithoutDate('Sat, 20 Dec, 2025 - 06:36')).toBeNull();
    expect(bylineWithoutDate('Mittwoch, 3. März 2021')).toBeNull();
    expect(bylineWithoutDate('sáb. 3 octubre 2020')).toBeNull();
    // A name is kept whole, a weekday's lookalike too; a byline without a date is not touched.
    expect(bylineWithoutDate('Jane Do 3 octobre 2020')).toBe('Jane Do');
    expect(bylineWithoutDate('Mar 3 octobre 2020')).toBeNull();
    expect(bylineWithoutDate('Sunday')).toBe('Sunday');
  });
  it('reads a month only where a month name is written, in any of the languages', () => {
    expect(bylineWithoutDate('Team Alpha 3, 2021')).toBe('Team Alpha 3, 2021');
    expect(bylineWithoutDate('Mary Marchetti 5 March 2021')).toBe('Mary Marchetti');
    expect(bylineWithoutDate('Jo Poe 5 Foo 2020 | 6 MÄRZ 2021')).toBe('Jo Poe 5 Foo 2020');
    expect(bylineWithoutDate('Иван Петров 12 января 2024')).toBe('Иван Петров');
    expect(bylineWithoutDate('3 Octubris 2020 | Ana Roe')).toBe('3 Octubris 2020 | Ana Roe');
    expect(bylineWithoutDate('3 octobre 2020 | Ana Roe')).toBe('Ana Roe');
  });
  it('keeps names that only look like labels or months', () => {
    for (const name of ['Jane Doe', 'Mary Marchetti', 'Anna Publishedova', 'Updated Jane', 'By Ana Sandoiu', 'April Ludgate'])
      expect(bylineWithoutDate(name)).toBe(name);
  });
});

describe('extractMetadata: a byline that holds the date', () => {
  const page = (byline: string) =>
    `<html><head></head><body><article><h1>Story</h1><div class="byline">${byline}</div><p>Text</p></article></body></html>`;
  it('gives the name alone as the authors, the byline as Reader View shows it', () => {
    const m = extractMetadata(parseHtml(page('<span>Luke Kim</span><span>December 17, 2025</span>')), 'https://news.example/a');
    expect(m.author).toBe('Luke KimDecember 17, 2025');
    expect(m.authors).toEqual(['Luke Kim']);
  });
  it('keeps what a configured author selector matched', () => {
    const m = extractMetadata(parseHtml(page('Luke Kim, 2025-12-17')), 'https://news.example/a', { selectors: { author: '.byline' } });
    expect(m.author).toBe('Luke Kim, 2025-12-17');
  });
});

import { describe, expect, it } from 'vitest';
import { dateReadingLang } from '../../../src/utils/dates/english-order.ts';
import { parseDateParts } from '../../../src/utils/dates/parse.ts';

describe('dateReadingLang', () => {
  const read = (lang: string | null, locale: string | null, url: string) =>
    parseDateParts('06/09/2020', { lang: dateReadingLang(lang, locale, url), timezone: 'UTC' })?.date.toISOString().slice(0, 10);

  it('keeps any language but a bare "en" as it is', () => {
    expect(dateReadingLang('en-US', 'en_GB', 'https://a.co.uk/')).toBe('en-US');
    expect(dateReadingLang('de', null, 'https://a.co.uk/')).toBe('de');
    expect(dateReadingLang(null, 'en_GB', 'https://a.co.uk/')).toBeNull();
  });

  it('reads a bare "en" page in the English its og:locale names, else its country code\'s', () => {
    expect(read('en', null, 'https://news.example/a')).toBe('2020-06-09');
    expect(read('EN', 'en_US', 'https://news.co.uk/a')).toBe('2020-06-09');
    expect(read('en', 'en_GB', 'https://news.example/a')).toBe('2020-09-06');
    for (const host of ['news.co.uk', 'abc.net.au', 'times.example.in', 'stuff.co.nz', 'x.ie', 'y.co.za'])
      expect(read('en', null, `https://${host}/a`)).toBe('2020-09-06');
    expect(read('en', 'fr_FR', 'https://news.ca/a')).toBe('2020-06-09');
    expect(dateReadingLang('en', null, 'not a url')).toBe('en');
  });
});

import { describe, expect, it } from 'vitest';
import { dateReadingLang } from '../../../src/utils/dates/english-order.ts';
import { parseDateParts } from '../../../src/utils/dates/parse.ts';

describe('dateReadingLang', () => {
  const read = (lang: string | null, url: string, ...regional: (string | null | undefined)[]) =>
    parseDateParts('06/09/2020', { lang: dateReadingLang(lang, url, ...regional), timezone: 'UTC' })?.date.toISOString().slice(0, 10);

  it('keeps any language but a bare "en" as it is', () => {
    expect(dateReadingLang('en-US', 'https://a.co.uk/', 'en-GB', 'en_GB')).toBe('en-US');
    expect(dateReadingLang('de', 'https://a.co.uk/')).toBe('de');
    expect(dateReadingLang(null, 'https://a.co.uk/', 'en_GB')).toBeNull();
  });

  it('reads a bare "en" page in the English its og:locale names, else its country code\'s', () => {
    expect(read('en', 'https://news.example/a')).toBe('2020-06-09');
    expect(read('EN', 'https://news.co.uk/a', 'en_US')).toBe('2020-06-09');
    expect(read('en', 'https://news.example/a', 'en_GB')).toBe('2020-09-06');
    for (const host of ['news.co.uk', 'abc.net.au', 'times.example.in', 'stuff.co.nz', 'x.ie', 'y.co.za'])
      expect(read('en', `https://${host}/a`)).toBe('2020-09-06');
    expect(read('en', 'https://news.ca/a', 'fr_FR')).toBe('2020-06-09');
    expect(dateReadingLang('en', 'not a url')).toBe('en');
  });

  it('takes the first regional English among the hints (the source\'s config before og:locale)', () => {
    expect(read('en', 'https://news.example/a', 'en-GB', 'en_US')).toBe('2020-09-06');
    expect(read('en', 'https://news.co.uk/a', 'en-US', 'en_GB')).toBe('2020-06-09');
    // A hint that is not a regional English is passed over.
    expect(read('en', 'https://news.example/a', 'en', 'de-DE', 'en_AU')).toBe('2020-09-06');
    expect(read('en', 'https://news.example/a', undefined, null)).toBe('2020-06-09');
  });
});

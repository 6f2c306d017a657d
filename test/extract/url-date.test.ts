import { describe, expect, it } from 'vitest';
import { dateFromUrl } from '../../src/extract/url-date.ts';

describe('dateFromUrl', () => {
  it('reads /yyyy/mm/dd/, yyyy-mm-dd and yyyymmdd', () => {
    expect(dateFromUrl('https://x.example/2017/11/12/title/')).toEqual({ year: 2017, month: 11, day: 12 });
    expect(dateFromUrl('https://x.example/news/2017-11-12-title')).toEqual({ year: 2017, month: 11, day: 12 });
    expect(dateFromUrl('https://x.example/a/20171112/title')).toEqual({ year: 2017, month: 11, day: 12 });
  });
  it('ignores partial or impossible dates and long ids', () => {
    expect(dateFromUrl('https://x.example/2017/11/title')).toBeNull();
    expect(dateFromUrl('https://x.example/2017/02/30/title')).toBeNull();
    expect(dateFromUrl('https://x.example/article/120200622120908039/')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { dateFromUrl } from '../../src/extract/url-date.ts';

describe('dateFromUrl', () => {
  it('reads /yyyy/mm/dd/, yyyy-mm-dd and yyyymmdd', () => {
    expect(dateFromUrl('https://x.example/2017/11/12/title/')).toEqual({ year: 2017, month: 11, day: 12 });
    expect(dateFromUrl('https://x.example/news/2017-11-12-title')).toEqual({ year: 2017, month: 11, day: 12 });
    expect(dateFromUrl('https://x.example/a/20171112/title')).toEqual({ year: 2017, month: 11, day: 12 });
  });
  it('reads a compact date after one letter opening the segment, and /yyyy/mmdd/', () => {
    expect(dateFromUrl('https://www.x.gov.example/xinwen/201711/t20171112_123.html')).toEqual({ year: 2017, month: 11, day: 12 });
    expect(dateFromUrl('https://x.example/news/2017/1112/title.html')).toEqual({ year: 2017, month: 11, day: 12 });
    // Two letters, or digits running on, are an id.
    expect(dateFromUrl('https://x.example/ab20171112_1.html')).toBeNull();
    expect(dateFromUrl('https://x.example/news/2017/11123/title.html')).toBeNull();
  });
  it('reads a month named as a path segment: /yyyy/mon/dd/', () => {
    expect(dateFromUrl('https://x.example/books/2025/dec/05/best-books')).toEqual({ year: 2025, month: 12, day: 5 });
    expect(dateFromUrl('https://x.example/blog/2023/October/03/wine-styles/')).toEqual({ year: 2023, month: 10, day: 3 });
    expect(dateFromUrl('https://x.example/blog/2023/oktober/3')).toEqual({ year: 2023, month: 10, day: 3 });
    // Not a month, or not whole segments (a slug's "may-10" may count ideas, not days).
    expect(dateFromUrl('https://x.example/2023/news/03/title')).toBeNull();
    expect(dateFromUrl('https://x.example/2021/may/10-ideas-for-spring')).toBeNull();
    expect(dateFromUrl('https://x.example/blog/2021-may-10-ideas')).toBeNull();
  });
  it('ignores partial or impossible dates and long ids', () => {
    expect(dateFromUrl('https://x.example/2017/11/title')).toBeNull();
    expect(dateFromUrl('https://x.example/2017/02/30/title')).toBeNull();
    expect(dateFromUrl('https://x.example/article/120200622120908039/')).toBeNull();
  });
});

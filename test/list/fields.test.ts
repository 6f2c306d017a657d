import { describe, expect, it } from 'vitest';
import { findLinks } from '../../src/list/index.ts';

const listing = (dates: string[]) => `<html><body><div id="posts">${dates
  .map((d, i) => `<article class="post"><h2><a href="/news/story-number-${i + 1}">Story number ${i + 1} of the day</a></h2>
    <span class="date">${d}</span><p>A teaser long enough to read as one, about story ${i + 1}.</p></article>`)
  .join('')}</div></body></html>`;

describe('listing entry dates beyond English', () => {
  it('reads month names and relative dates of other languages in a date-named element', () => {
    const dates = ['12. März 2024', 'vor 3 Stunden', '3 часа назад', '5 มีนาคม 2567'];
    expect(findLinks(listing(dates), 'https://news.example/').map((l) => l.date)).toEqual(dates);
  });
  it('not a count or a page number', () => {
    expect(findLinks(listing(['3 Kommentare', 'Seite 2', '© 2024']), 'https://news.example/').map((l) => l.date)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

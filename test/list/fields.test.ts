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

describe('"read more" beyond English', () => {
  const entries = (teasers: string[], more: string) => `<html><body><div id="posts">${teasers
    .map((t, i) => `<article class="post"><h2><a href="/news/story-number-${i + 1}">Story number ${i + 1} of the day</a></h2>
      <p>${t}</p><a href="/news/story-number-${i + 1}">${more}</a></article>`)
    .join('')}</div></body></html>`;
  it('ends no summary with it, and a word that also ends sentences only after an ellipsis', () => {
    const teasers = [
      'Die Straßenbahn fährt ab Montag bis zum Hafen. Weiterlesen',
      'Yeni tramvay hattı pazartesi günü limana kadar uzanıyor. Devamını oku »',
      'Trem baru akan berjalan hingga ke pelabuhan mulai Senin. Baca selengkapnya',
      'Die alte Linie zum Bahnhof gibt es ab Montag nicht mehr',
      'Die neue Linie fährt ab Montag bis zum Hafen und weiter … mehr',
    ];
    expect(findLinks(entries(teasers, 'Czytaj dalej'), 'https://news.example/').map((l) => l.summary)).toEqual([
      'Die Straßenbahn fährt ab Montag bis zum Hafen.',
      'Yeni tramvay hattı pazartesi günü limana kadar uzanıyor.',
      'Trem baru akan berjalan hingga ke pelabuhan mulai Senin.',
      'Die alte Linie zum Bahnhof gibt es ab Montag nicht mehr',
      'Die neue Linie fährt ab Montag bis zum Hafen und weiter',
    ]);
  });
  it('is no title: an image link\'s alt text names the entry', () => {
    const cards = (more: string) => `<html><body><div id="posts">${[1, 2, 3]
      .map((i) => `<div class="post"><a href="/news/story-number-${i}"><img src="/i${i}.jpg" alt="Story number ${i} of the day"></a>
        <p>A teaser long enough to read as one, about story ${i}.</p><a href="/news/story-number-${i}">${more}</a></div>`)
      .join('')}</div></body></html>`;
    for (const more of ['Читать далее', 'Czytaj dalej', 'Devamını oku', 'Xem thêm', '続きを読む']) {
      expect(findLinks(cards(more), 'https://news.example/').map((l) => l.title), more).toEqual(['Story number 1 of the day', 'Story number 2 of the day', 'Story number 3 of the day']);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../src/config/selectors.ts';
import { findLinks, readListing } from '../../src/list/index.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/list/${name}/page.html`, import.meta.url), 'utf8');

describe('findLinks with configured selectors', () => {
  it('WordPress: item, link, title, date via time@datetime, summary, image via img@data-src', () => {
    const base = 'https://www.allotment-diaries.net';
    const links = findLinks(fixture('wordpress'), `${base}/`, {
      item: 'main article.post',
      link: 'h2.entry-title a',
      title: '.entry-title',
      date: 'time.published@datetime',
      summary: '.entry-content p:first-child',
      image: 'img@data-src',
    });
    expect(links).toEqual([
      {
        url: `${base}/2024/05/14/earthing-up-the-first-earlies/`,
        title: 'Earthing up the first earlies',
        date: '2024-05-14T18:42:11+01:00',
        summary: 'The Charlotte and Rocket went in at Easter and the haulms are already through. With frost forecast for Thursday night I spent the evening earthing up.',
        image: `${base}/wp-content/uploads/2024/05/earlies-2000x1200.jpg`,
      },
      {
        url: `${base}/2024/05/09/rhubarb-and-ginger-crumble/`,
        title: 'Rhubarb and ginger crumble (the forced stuff is over)',
        date: '2024-05-09T12:15:00+01:00',
        summary: 'Last pulls of the Timperley Early before I let the crowns rest. Half went into jam, the rest into this crumble.',
      },
      {
        url: `${base}/2024/04/28/slugs-beer-traps-and-a-truce/`,
        title: 'Slugs, beer traps and a truce',
        date: '2024-04-28T21:03:54+01:00',
        summary: 'Three nights of rain and the lettuce seedlings are lace. I have opinions about beer traps and none of them are printable.',
      },
      {
        url: `${base}/2024/04/20/blossom-on-the-old-bramley/`,
        title: 'Blossom on the old Bramley',
        date: '2024-04-20T08:30:00+01:00',
        summary: 'Best show of blossom in years on the tree nobody admits to planting.',
      },
      {
        url: `${base}/2024/04/11/turning-the-compost-bays/`,
        title: 'Turning the compost bays',
        date: '2024-04-11T17:20:05+01:00',
        summary: 'Bay one into bay two, bay two into bay three. Found a slow worm and a teaspoon from 1987.',
      },
    ]);
  });

  it('defaults: first a[href] as link, heading when the link has no text, <time> date, lazy image', () => {
    const base = 'https://www.allotment-diaries.net';
    const links = findLinks(fixture('wordpress'), `${base}/`, { item: 'article' });
    // The first link of each post is the thumbnail (no text) or the permalink around <time>:
    // the title then comes from the heading.
    expect(links.map((l) => l.title)).toEqual([
      'Earthing up the first earlies',
      'Rhubarb and ginger crumble (the forced stuff is over)',
      'Slugs, beer traps and a truce',
      'Blossom on the old Bramley',
      'Turning the compost bays',
    ]);
    expect(links.map((l) => l.date)).toEqual([
      '2024-05-14T18:42:11+01:00',
      '2024-05-09T12:15:00+01:00',
      '2024-04-28T21:03:54+01:00',
      '2024-04-20T08:30:00+01:00',
      '2024-04-11T17:20:05+01:00',
    ]);
    expect(links.map((l) => l.image)).toEqual([
      `${base}/wp-content/uploads/2024/05/earlies-2000x1200.jpg`,
      `${base}/wp-content/uploads/2024/05/crumble-2000x1200.jpg`,
      undefined,
      `${base}/wp-content/uploads/2024/04/bramley-2000x1500.jpg`,
      undefined,
    ]);
    expect(links.every((l) => l.summary === undefined)).toBe(true);
  });

  it('item that is itself an <a>: its href and text; card grid with lazy images', () => {
    const links = findLinks(fixture('news-grid'), 'https://www.northerncourier.co.uk/news/uk', { item: 'a.c-card__link' });
    expect(links.slice(0, 2)).toEqual([
      {
        url: 'https://www.northerncourier.co.uk/news/uk/flood-warnings-issued-for-river-ouse-b2417701',
        title: 'Flood warnings issued for River Ouse as heavy rain moves north',
        image: 'https://static.northerncourier.co.uk/img/2024/05/14/ouse-640.jpg',
      },
      {
        url: 'https://www.northerncourier.co.uk/news/uk/hospital-waiting-lists-fall-for-third-month-b2417688',
        title: 'Hospital waiting lists fall for third month in a row',
        image: 'https://static.northerncourier.co.uk/img/2024/05/13/hospital-640.jpg',
      },
    ]);
    expect(links).toHaveLength(6);
  });

  it('"@attr" alone reads the item\'s own attribute; img@srcset takes the widest candidate', () => {
    const html = `<html><body><div class="tiles">
      <div class="tile" data-url="/p/alpha-release-notes" data-published="2024-02-01T10:00:00Z" data-title="Alpha release notes">
        <img srcset="/i/alpha-320.png 320w, /i/alpha-1280.png 1280w, /i/alpha-640.png 640w" alt="">
        <span class="blurb">What changed in alpha, and what did not.</span>
      </div>
      <div class="tile" data-url="/p/beta-release-notes" data-published="2024-03-01T10:00:00Z" data-title="Beta release notes">
        <img srcset="/i/beta-1x.png 1x, /i/beta-2x.png 2x" alt="">
      </div>
      <div class="tile" data-title="No link here"></div>
    </div></body></html>`;
    const links = findLinks(html, 'https://tiles.example.com/releases/', {
      item: '.tile',
      link: '@data-url',
      title: '@data-title',
      date: '@data-published',
      summary: '.blurb',
      image: 'img@srcset',
    });
    expect(links).toEqual([
      {
        url: 'https://tiles.example.com/p/alpha-release-notes',
        title: 'Alpha release notes',
        date: '2024-02-01T10:00:00Z',
        summary: 'What changed in alpha, and what did not.',
        image: 'https://tiles.example.com/i/alpha-1280.png',
      },
      { url: 'https://tiles.example.com/p/beta-release-notes', title: 'Beta release notes', date: '2024-03-01T10:00:00Z', image: 'https://tiles.example.com/i/beta-2x.png' },
    ]);
  });

  it('table rows: link selector naming a cell means the link inside it; relative URLs resolve', () => {
    const links = findLinks(fixture('table'), 'http://www.harbour-sailing.org.uk/news/index.php', {
      item: 'table[cellspacing="1"] tr:has(a)',
      link: 'td:nth-child(2)',
      date: 'td:first-child',
    });
    expect(links.map((l) => [l.url, l.title, l.date])).toEqual([
      ['http://www.harbour-sailing.org.uk/news/bulletin.php?id=318', 'Slipway closed for resurfacing 20-24 May', '14/05/2024'],
      ['http://www.harbour-sailing.org.uk/news/bulletin.php?id=317', 'Wednesday evening series starts next week', '09/05/2024'],
      ['http://www.harbour-sailing.org.uk/news/bulletin.php?id=316', 'Working party: launching the club rescue boats', '02/05/2024'],
      ['http://www.harbour-sailing.org.uk/news/bulletin.php?id=315', 'AGM minutes now available', '21/04/2024'],
      ['http://www.harbour-sailing.org.uk/news/bulletin.php?id=314', 'Subscriptions due by 30 April', '03/04/2024'],
    ]);
  });

  it('resolves against <base href>, drops fragments and tracking parameters, de-duplicates and caps at maxLinks', () => {
    const links = findLinks(fixture('base-href'), 'https://lumen.example.dev/blog/index.html', { item: '.entries .entry', link: 'h3 a' });
    expect(links.map((l) => l.url)).toEqual([
      'https://lumen.example.dev/docs/en/notes/2024/why-we-rewrote-the-scheduler.html',
      'https://lumen.example.dev/docs/en/notes/2024/profiling-cold-starts-on-the-edge.html',
      'https://lumen.example.dev/docs/en/notes/2023/a-year-of-incident-reviews.html',
      'https://lumen.example.dev/docs/en/notes/2023/sqlite-in-production.html',
    ]);
    const dup = `<ul><li><a href="/a#one">A</a></li><li><a href="/a#two">A again</a></li><li><a href="javascript:void(0)">JS</a></li>
      <li><a href="/b">B</a></li><li><a href="/c">C</a></li></ul>`;
    expect(findLinks(dup, 'https://x.example.com/', { item: 'li' })).toEqual([
      { url: 'https://x.example.com/a', title: 'A' },
      { url: 'https://x.example.com/b', title: 'B' },
      { url: 'https://x.example.com/c', title: 'C' },
    ]);
    expect(findLinks(dup, 'https://x.example.com/', { item: 'li' }, { maxLinks: 2 }).map((l) => l.url)).toEqual([
      'https://x.example.com/a',
      'https://x.example.com/b',
    ]);
  });

  it('a selector that matches nothing gives [] (items or fields)', () => {
    const html = fixture('news-id');
    expect(findLinks(html, 'https://rheintal-kurier.de/latest', { item: '.does-not-exist' })).toEqual([]);
    // A link selector matching nothing inside the items: no URL, so no entries.
    expect(findLinks(html, 'https://rheintal-kurier.de/latest', { item: '.stream__entry', link: 'h9 a' })).toEqual([]);
    // An optional field matching nothing is just absent.
    const links = findLinks(html, 'https://rheintal-kurier.de/latest', { item: '.stream__entry .teaser', link: 'a.teaser__headline', date: 'time' });
    expect(links).toHaveLength(5);
    expect(links.every((l) => l.date === undefined)).toBe(true);
  });

  it('malformed selectors throw an Error naming the field and the selector, even with no items', () => {
    const html = '<ul><li><a href="/a">A</a></li></ul>';
    const page = 'https://x.example.com/';
    expect(() => findLinks(html, page, { item: 'li[' })).toThrow(/list\.item.*"li\["/);
    expect(() => findLinks(html, page, { item: 'li', link: 'a[href' })).toThrow(/list\.link.*"a\[href"/);
    expect(() => findLinks(html, page, { item: 'nothing-here', date: 'span:bogus' })).toThrow(/list\.date.*"span:bogus"/);
    expect(() => findLinks(html, page, { item: 'li', title: '' })).toThrow(/list\.title: empty selector/);
    expect(() => findLinks(html, page, { item: '' })).toThrow(/list\.item: empty selector/);
    expect(() => findLinks(html, page, { item: 'li@data-x' })).toThrow(/list\.item/);
  });
});

describe('readListing with selectors as the config stores them', () => {
  const html = '<ul><li data-url="/a"><b>A</b></li><li data-url="/b"><b>B</b></li></ul>';
  const page = 'https://example.com/';

  it('reads split selectors as it reads written ones, and names misses as written', () => {
    const split = readListing(html, page, { item: 'li', link: parseSelector('@data-url'), title: parseSelector('b'), date: parseSelector('time@datetime') });
    const written = readListing(html, page, { item: 'li', link: '@data-url', title: 'b', date: 'time@datetime' });
    expect(split).toEqual(written);
    expect(split.links).toEqual([{ url: 'https://example.com/a', title: 'A' }, { url: 'https://example.com/b', title: 'B' }]);
    expect(split.unmatched).toEqual([{ field: 'list.date', selector: 'time@datetime', missed: 2, of: 2 }]);
  });
});

import { MAX_ANCHORS } from '../../src/list/detect.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ListSelectors } from '../../src/config/types.ts';
import { explainLinks, findLinks } from '../../src/list/index.ts';
import type { ListedLink } from '../../src/model.ts';

/**
 * One listing-detection case per folder of test/fixtures/list: `page.html` and `expected.json`
 * (a new case is a new folder). expected.json:
 * - `name`, `about`: the test's name and what it shows; `url`: the page's URL; `selectors`: optional;
 * - `links`: the links found, compared on `fields` only when given, else whole;
 * - `details`: `{ index, field: value }` for single links (`null`: the field is absent);
 * - `patterns`: `{ index, field: regex }`.
 */
interface ListCase {
  name: string;
  about?: string;
  url: string;
  selectors?: ListSelectors;
  fields?: (keyof ListedLink)[];
  links: Partial<ListedLink>[];
  details?: ({ index: number } & Record<string, string | null>)[];
  patterns?: ({ index: number } & Record<string, string>)[];
}

const FIXTURES = new URL('../fixtures/list/', import.meta.url);
const CASES = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const fixture = (name: string) => readFileSync(new URL(`${name}/page.html`, FIXTURES), 'utf8');
const expected = (name: string): ListCase => JSON.parse(readFileSync(new URL(`${name}/expected.json`, FIXTURES), 'utf8'));
const pick = (links: ListedLink[], ...keys: (keyof ListedLink)[]) =>
  links.map((l) => Object.fromEntries(keys.filter((k) => l[k] !== undefined).map((k) => [k, l[k]])));

describe('findLinks on the fixture folders (test/fixtures/list/<case>/)', () => {
  it('has the cases', () => {
    expect(CASES).toEqual(expect.arrayContaining(['base-href', 'cms-megamenu', 'news-grid', 'news-id', 'table', 'table-nav', 'wordpress']));
  });

  it.each(CASES.map((name) => [name, expected(name).name]))('%s: %s', (name) => {
    const want = expected(name);
    const links = findLinks(fixture(name), want.url, want.selectors);
    expect(want.fields ? pick(links, ...want.fields) : links).toEqual(want.links);
    for (const { index, ...fields } of want.details ?? []) {
      for (const [key, value] of Object.entries(fields)) {
        expect(links[index][key as keyof ListedLink], `${name}: link ${index} ${key}`).toBe(value ?? undefined);
      }
    }
    for (const { index, ...fields } of want.patterns ?? []) {
      for (const [key, re] of Object.entries(fields)) {
        expect(links[index][key as keyof ListedLink], `${name}: link ${index} ${key}`).toMatch(new RegExp(re));
      }
    }
  });
});

describe('findLinks without selectors (automatic detection)', () => {
  it('still finds the posts when every class and id is removed (structure, not names)', () => {
    const bare = fixture('wordpress').replace(/\s(?:class|id)="[^"]*"/g, '');
    const links = findLinks(bare, 'https://www.allotment-diaries.net/');
    expect(links.map((l) => l.url.split('/').slice(-2, -1)[0])).toEqual([
      'earthing-up-the-first-earlies',
      'rhubarb-and-ginger-crumble',
      'slugs-beer-traps-and-a-truce',
      'blossom-on-the-old-bramley',
      'turning-the-compost-bays',
    ]);
  });

  it('cms-megamenu: the mega-menu is the bigger group (more, longer links): detection did not win by size', () => {
    const base = 'https://www.greenfield.gov.uk/council/press-releases';
    const groups = explainLinks(fixture('cms-megamenu'), base);
    const chosen = groups.filter((g) => g.chosen);
    expect(chosen).toHaveLength(1);
    expect(Math.max(...groups.map((g) => g.size))).toBeGreaterThan(chosen[0].size * 5);
  });

  it('table-nav: the navigation table is a menu, and without the news table nothing is found rather than the menu', () => {
    const page = 'http://www.mv-oberkirchbach.de/index.php?seite=aktuelles';
    const html = fixture('table-nav');
    const menu = explainLinks(html, page).find((g) => g.sample.includes('http://www.mv-oberkirchbach.de/index.php?seite=verein'))!;
    expect(menu).toMatchObject({ menu: true, chosen: false });
    // Precision over recall: without the news table, nothing rather than the menu.
    const withoutNews = html.replace(/<table width="100%" border="0" cellspacing="0" cellpadding="4">[\s\S]*?<\/table>/, '');
    expect(withoutNews).not.toContain('id=87');
    expect(findLinks(withoutNews, page)).toEqual([]);
  });

  it('a plain menu of article-like URLs is not a list when its siblings link home, to contact and imprint', () => {
    const menu = ['unser-verein-stellt-sich-vor', 'chronik-seit-dem-jahr-1921', 'die-jugendkapelle-und-ihre-ausbilder', 'bilder-vom-sommerfest-im-dorf', 'mitglied-werden-im-verein', 'proben-jeden-freitag-ab-20-uhr']
      .map((slug) => `<div><a href="/${slug}.html">${slug.replace(/-/g, ' ')}</a></div>`).join('');
    const html = `<html><body><div>
      <div><a href="/">Startseite</a></div>${menu}<div><a href="/kontakt.html">Kontakt</a></div><div><a href="/impressum.html">Impressum</a></div>
      </div><div><p><a href="/berichte/2024-05-12-fruehjahrskonzert.html">Frühjahrskonzert in der Festhalle</a> 12.05.2024</p>
      <p><a href="/berichte/2024-04-28-maibaum.html">Maibaumstellen am Dorfplatz</a> 28.04.2024</p></div></body></html>`;
    expect(findLinks(html, 'https://www.verein.example/berichte.html').map((l) => l.url)).toEqual([
      'https://www.verein.example/berichte/2024-05-12-fruehjahrskonzert.html',
      'https://www.verein.example/berichte/2024-04-28-maibaum.html',
    ]);
  });

  it('an article list whose pagination links back to the listing itself is still the list', () => {
    const post = (slug: string) => `<div class="post"><h2><a href="/blog/${slug}/">${slug.replace(/-/g, ' ')}</a></h2><p>A teaser long enough to read as one.</p></div>`;
    const html = `<html><body><div id="posts">${['first-post-of-may', 'second-post-of-may', 'third-post-of-may'].map(post).join('')}
      <div class="page-links"><a href="/blog/">1</a> <a href="/blog/page/2/">2</a></div><div class="page-links"><a href="/blog/">First</a></div>
      </div></body></html>`;
    expect(findLinks(html, 'https://blog.example/blog/')).toHaveLength(3);
  });

  it('unwrapped entries: heading links followed by their own date line and teaser paragraph', () => {
    const html = `<html><body><nav><a href="/">Home</a> <a href="/about">About</a></nav><div id="content">
      <h2><a href="/posts/first-light-over-the-bay">First light over the bay</a></h2>
      <div class="meta">Posted 2 days ago</div>
      <p>A short walk before breakfast, and the tide was further out than I have ever seen it.</p>
      <h2><a href="/posts/notes-on-a-broken-kettle">Notes on a broken kettle</a></h2>
      <p>On repair, replacement, and the surprising politics of a limescale filter in a shared kitchen.</p>
      <h2><a href="/posts/the-long-way-to-the-library">The long way to the library</a></h2>
    </div></body></html>`;
    expect(findLinks(html, 'https://walks.example.net/')).toEqual([
      {
        url: 'https://walks.example.net/posts/first-light-over-the-bay',
        title: 'First light over the bay',
        date: '2 days ago',
        summary: 'A short walk before breakfast, and the tide was further out than I have ever seen it.',
      },
      {
        url: 'https://walks.example.net/posts/notes-on-a-broken-kettle',
        title: 'Notes on a broken kettle',
        summary: 'On repair, replacement, and the surprising politics of a limescale filter in a shared kitchen.',
      },
      { url: 'https://walks.example.net/posts/the-long-way-to-the-library', title: 'The long way to the library' },
    ]);
  });

  it('a big listing (5,000 links plus a 300-link menu): page order, capped at maxLinks (default 200), nav never included', () => {
    const menu = Array.from({ length: 300 }, (_, i) => `<li><a href="/section-${i}/topic-page-${i}">Section ${i} topic page with words</a></li>`).join('');
    const items = Array.from(
      { length: 2500 },
      (_, i) => `<li class="item"><h3><a href="/stories/${100000 + i}-story-number-${i}">Story number ${i} about something</a></h3><a href="/stories/${100000 + i}-story-number-${i}#comments">${i % 7} comments</a></li>`,
    ).join('');
    const html = `<html><body><header><nav><ul>${menu}</ul></nav></header><main><ul class="items">${items}</ul></main></body></html>`;
    const capped = findLinks(html, 'https://big.example.org/stories');
    expect(capped).toHaveLength(200);
    expect(capped[0]).toEqual({ url: 'https://big.example.org/stories/100000-story-number-0', title: 'Story number 0 about something' });
    expect(capped[199].url).toBe('https://big.example.org/stories/100199-story-number-199');
    // Detection reads the first MAX_ANCHORS anchors: 300 menu links, then two per story.
    const all = findLinks(html, 'https://big.example.org/stories', undefined, { maxLinks: 10_000 });
    expect(all).toHaveLength((MAX_ANCHORS - 300) / 2);
    expect(all.every((l, i) => l.url.endsWith(`-story-number-${i}`))).toBe(true);
  });

  it('one entry whose title link carries tracking parameters and whose image link does not', () => {
    const card = (slug: string, title: string, q = '') => `<article class="post">
      <a class="thumb" href="${slug}.html"><img src="img/${slug}.jpg" alt="" width="400" height="225"></a>
      <header><h2><a href="${slug}.html${q}">${title}</a></h2><span class="date">November 12, 2017, 10:44 am</span></header>
      <p>${title} — a first paragraph long enough to be a teaser.</p><a class="more" href="${slug}.html">Read more</a></article>`;
    const html = `<html><body><header><nav><a href="about.html">About</a></nav></header><main>
      ${card('first-story-of-the-day', 'First story of the day', '?utm_source=homepage&utm_medium=web')}
      ${card('second-story-of-the-day', 'Second story of the day')}
      ${card('third-story-of-the-day', 'Third story of the day')}</main></body></html>`;
    const links = findLinks(html, 'https://site.example.org/index.html');
    expect(links.map((l) => [l.url, l.title, l.date, l.image])).toEqual(
      ['first', 'second', 'third'].map((n) => [
        `https://site.example.org/${n}-story-of-the-day.html`,
        `${n[0].toUpperCase()}${n.slice(1)} story of the day`,
        'November 12, 2017, 10:44 am',
        `https://site.example.org/img/${n}-story-of-the-day.jpg`,
      ]),
    );
  });

  it('returns [] for a page with no same-site article links', () => {
    const html = `<html><body><a href="#top">Top</a> <a href="mailto:x@example.com">Mail</a>
      <a href="https://elsewhere.example.org/some-long-article-slug">Elsewhere</a> <a href="/tag/x">x</a></body></html>`;
    expect(findLinks(html, 'https://site.example.com/blog/')).toEqual([]);
  });
});

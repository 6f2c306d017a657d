import { MAX_ANCHORS } from '../../src/list/detect.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainLinks, findLinks } from '../../src/list/index.ts';
import type { ListedLink } from '../../src/model.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/list/${name}`, import.meta.url), 'utf8');
const pick = (links: ListedLink[], ...keys: (keyof ListedLink)[]) =>
  links.map((l) => Object.fromEntries(keys.filter((k) => l[k] !== undefined).map((k) => [k, l[k]])));

describe('findLinks without selectors (automatic detection)', () => {
  it('WordPress blog: the posts, not menu, sidebar popular posts, comments, archives, pagination or footer', () => {
    const base = 'https://www.allotment-diaries.net';
    const links = findLinks(fixture('wordpress.html'), `${base}/`);
    expect(pick(links, 'url', 'title', 'date')).toEqual([
      { url: `${base}/2024/05/14/earthing-up-the-first-earlies/`, title: 'Earthing up the first earlies', date: '2024-05-14T18:42:11+01:00' },
      { url: `${base}/2024/05/09/rhubarb-and-ginger-crumble/`, title: 'Rhubarb and ginger crumble (the forced stuff is over)', date: '2024-05-09T12:15:00+01:00' },
      { url: `${base}/2024/04/28/slugs-beer-traps-and-a-truce/`, title: 'Slugs, beer traps and a truce', date: '2024-04-28T21:03:54+01:00' },
      { url: `${base}/2024/04/20/blossom-on-the-old-bramley/`, title: 'Blossom on the old Bramley', date: '2024-04-20T08:30:00+01:00' },
      { url: `${base}/2024/04/11/turning-the-compost-bays/`, title: 'Turning the compost bays', date: '2024-04-11T17:20:05+01:00' },
    ]);
    // Lazy images: data-src over a data: placeholder, the widest data-srcset over a placeholder gif.
    expect(links[0].image).toBe(`${base}/wp-content/uploads/2024/05/earlies-2000x1200.jpg`);
    expect(links[1].image).toBe(`${base}/wp-content/uploads/2024/05/crumble-2000x1200.jpg`);
    expect(links[2].image).toBeUndefined();
    expect(links[3].image).toBe(`${base}/wp-content/uploads/2024/04/bramley-2000x1500.jpg`);
    // The excerpt paragraph, not the "Continue reading" paragraph.
    expect(links[2].summary).toBe('Three nights of rain and the lettuce seedlings are lace. I have opinions about beer traps and none of them are printable.');
  });

  it('still finds the posts when every class and id is removed (structure, not names)', () => {
    const bare = fixture('wordpress.html').replace(/\s(?:class|id)="[^"]*"/g, '');
    const links = findLinks(bare, 'https://www.allotment-diaries.net/');
    expect(links.map((l) => l.url.split('/').slice(-2, -1)[0])).toEqual([
      'earthing-up-the-first-earlies',
      'rhubarb-and-ginger-crumble',
      'slugs-beer-traps-and-a-truce',
      'blossom-on-the-old-bramley',
      'turning-the-compost-bays',
    ]);
  });

  it('news grid: featured lead story merged with the card grid; no "Most read", nav, trending or footer', () => {
    const base = 'https://www.northerncourier.co.uk/news/uk';
    const links = findLinks(fixture('news-grid.html'), base);
    expect(pick(links, 'url', 'title', 'date')).toEqual([
      { url: `${base}/rail-strike-called-off-after-late-night-talks-b2417755`, title: 'Rail strike called off after late-night talks', date: '14 May 2024, 07:45' },
      { url: `${base}/flood-warnings-issued-for-river-ouse-b2417701`, title: 'Flood warnings issued for River Ouse as heavy rain moves north', date: '14 May 2024' },
      { url: `${base}/hospital-waiting-lists-fall-for-third-month-b2417688`, title: 'Hospital waiting lists fall for third month in a row', date: '13 May 2024' },
      { url: `${base}/teenager-wins-national-poetry-prize-b2417650`, title: 'Teenager from Hull wins national poetry prize', date: '13 May 2024' },
      { url: `${base}/council-tax-rise-approved-b2417602`, title: 'Council tax rise of 4.99% approved despite protests', date: '12 May 2024' },
      { url: `${base}/why-the-high-street-is-not-dead-yet-b2417590`, title: 'Analysis Why the high street is not dead yet', date: '12 May 2024' },
      { url: `${base}/bridge-reopens-after-two-year-repair-b2417555`, title: 'Bridge reopens after two-year repair', date: '11 May 2024' },
    ]);
    expect(links[0].summary).toMatch(/^Unions say a revised offer/);
    // <picture>: the <img> fallback; cards: data-src over the placeholder png.
    expect(links[0].image).toBe('https://static.northerncourier.co.uk/img/2024/05/14/rail-1280.jpg');
    expect(links[1].image).toBe('https://static.northerncourier.co.uk/img/2024/05/14/ouse-640.jpg');
  });

  it('CMS <ul> of press releases beats a mega-menu with more (and longer) links', () => {
    const base = 'https://www.greenfield.gov.uk/council/press-releases';
    const links = findLinks(fixture('cms-megamenu.html'), base);
    expect(links).toEqual([
      { url: `${base}/new-recycling-centre-opens-in-millbrook`, title: 'New recycling centre opens in Millbrook', date: '14 May 2024' },
      { url: `${base}/residents-invited-to-shape-town-centre-plans`, title: 'Residents invited to shape town centre plans', date: '10 May 2024' },
      { url: `${base}/free-swimming-for-under-16s-this-summer`, title: 'Free swimming for under-16s this summer', date: '7 May 2024' },
      { url: `${base}/statement-on-the-closure-of-station-road`, title: 'Statement on the closure of Station Road', date: '2 May 2024' },
      { url: `${base}/council-wins-national-award-for-tenant-services`, title: 'Council wins national award for tenant services', date: '26 April 2024' },
      { url: `${base}/local-election-results-2024`, title: 'Local election results 2024', date: '3 May 2024' },
    ]);
    // The menu really is the bigger group: detection did not win by size.
    const groups = explainLinks(fixture('cms-megamenu.html'), base);
    const chosen = groups.filter((g) => g.chosen);
    expect(chosen).toHaveLength(1);
    expect(Math.max(...groups.map((g) => g.size))).toBeGreaterThan(chosen[0].size * 5);
  });

  it('old-school table layout: one row per bulletin, query-string ids, dates from the row', () => {
    const links = findLinks(fixture('table.html'), 'http://www.harbour-sailing.org.uk/news/index.php');
    const u = (id: number) => `http://www.harbour-sailing.org.uk/news/bulletin.php?id=${id}`;
    expect(links).toEqual([
      { url: u(318), title: 'Slipway closed for resurfacing 20-24 May', date: '14/05/2024' },
      { url: u(317), title: 'Wednesday evening series starts next week', date: '09/05/2024' },
      { url: u(316), title: 'Working party: launching the club rescue boats', date: '02/05/2024' },
      { url: u(315), title: 'AGM minutes now available', date: '21/04/2024' },
      { url: u(314), title: 'Subscriptions due by 30 April', date: '03/04/2024' },
    ]);
  });

  it('old table layout whose navigation table (contact, imprint, guestbook) outnumbers the news: the news, never the menu', () => {
    const page = 'http://www.mv-oberkirchbach.de/index.php?seite=aktuelles';
    const u = (id: number) => `http://www.mv-oberkirchbach.de/index.php?seite=aktuelles&id=${id}`;
    const html = fixture('table-nav.html');
    // Titles are bold text before a "mehr..." link; the archive link below the table is not news.
    expect(findLinks(html, page)).toEqual([
      { url: u(87), title: 'Frühjahrskonzert: Standing Ovations in der Festhalle', date: '12.05.2024' },
      { url: u(86), title: 'Maibaumstellen am Dorfplatz', date: '28.04.2024' },
      { url: u(85), title: 'Jugendkapelle holt Gold beim Wertungsspiel', date: '14.04.2024' },
      { url: u(84), title: 'Jahreshauptversammlung: Neuer Vorstand gewählt', date: '23.03.2024' },
    ]);
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

  it('/news/12345-slug articles listed on /latest: teasers with section kickers, "Read more" and comment links; no ticker, related or most-read', () => {
    const links = findLinks(fixture('news-id.html'), 'https://rheintal-kurier.de/latest');
    const u = (slug: string) => `https://rheintal-kurier.de/news/${slug}`;
    expect(pick(links, 'url', 'title', 'date')).toEqual([
      { url: u('48233-unwetterwarnung-fuer-den-kreis-aufgehoben'), title: 'Wetter: Unwetterwarnung für den Kreis aufgehoben', date: '14.05.2024, 16:05' },
      { url: u('48229-stadtrat-stimmt-fuer-verlaengerung-der-strassenbahn'), title: 'Verkehr: Stadtrat stimmt für Verlängerung der Straßenbahn', date: '14.05.2024, 13:40' },
      { url: u('48221-fsv-verlaengert-mit-kapitaen-bis-2027'), title: 'FSV verlängert mit Kapitän bis 2027', date: '14.05.2024, 11:02' },
      { url: u('48217-weinfest-in-oppenheim-mit-besucherrekord'), title: 'Weinfest in Oppenheim mit Besucherrekord', date: '13.05.2024, 21:15' },
      { url: u('48210-chemiepark-kuendigt-neue-investitionen-an'), title: 'Chemiepark kündigt neue Investitionen an', date: '13.05.2024, 18:30' },
    ]);
    expect(links[3].summary).toBe('Rund 60.000 Gäste kamen an drei Tagen – so viele wie nie zuvor.');
    expect(links[3].image).toBe('https://img.rheintal-kurier.de/48217/w300.jpg');
    expect(links[0].image).toBe('https://img.rheintal-kurier.de/48233/w300.jpg');
  });

  it('relative, dot-relative, protocol-relative and parent-relative URLs resolve against <base href>', () => {
    const links = findLinks(fixture('base-href.html'), 'https://lumen.example.dev/blog/index.html');
    const u = (p: string) => `https://lumen.example.dev/docs/en/notes/${p}`;
    expect(pick(links, 'url', 'title', 'date', 'image')).toEqual([
      { url: u('2024/why-we-rewrote-the-scheduler.html'), title: 'Why we rewrote the scheduler', date: 'March 3rd, 2024', image: 'https://lumen.example.dev/docs/en/img/notes/scheduler.png' },
      { url: u('2024/profiling-cold-starts-on-the-edge.html'), title: 'Profiling cold starts on the edge', date: 'February 12th, 2024', image: 'https://lumen.example.dev/docs/en/img/notes/cold-800.png' },
      { url: u('2023/a-year-of-incident-reviews.html'), title: 'A year of incident reviews', date: 'December 28th, 2023' },
      // Fragment and tracking parameter dropped.
      { url: u('2023/sqlite-in-production.html'), title: 'SQLite in production, two years on', date: 'November 9th, 2023' },
    ]);
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

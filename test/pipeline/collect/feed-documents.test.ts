import { parseFeed } from 'feedsmith';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import type { Item } from '../../../src/model.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import type { ScrapeDeps } from '../../../src/pipeline/types.ts';
import { renderFeed } from '../../../src/render/feed.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { INGEST_SITE } from './ingest-site.ts';
import { makeSource, type SourceInput } from '../../../testkit/sources.ts';

let origin: Origin;
let store: Store;
let deps: ScrapeDeps;
let clock: Date;

function feedSource(files: string[], overrides: SourceInput = {}) {
  const urls = files.map((f) => origin.url + f);
  return makeSource({ id: 'harbor', title: 'Harbor', type: 'feed', url: urls[0], ...(urls.length > 1 ? { urls } : {}), article: { fetch: false }, ...overrides });
}

async function items(): Promise<Item[]> {
  return store.listItems('harbor', 50);
}

const byTitle = (list: Item[], title: string) => {
  const found = list.find((i) => i.title === title);
  if (!found) throw new Error(`no item titled ${JSON.stringify(title)} in ${JSON.stringify(list.map((i) => i.title))}`);
  return found;
};

beforeEach(async () => {
  origin = await startOrigin(INGEST_SITE);
  store = await openSqliteStore(':memory:');
  clock = new Date('2025-03-05T06:00:00Z');
  deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => clock };
});
afterEach(async () => {
  await origin.close();
  await store.close();
});

describe('type: feed, items from the feed alone (article.fetch: false)', () => {
  it('RSS 2.0: content:encoded sanitized with absolute URLs, HTML descriptions, tracking stripped, linkless items skipped', async () => {
    const report = await scrapeSource(feedSource(['rss2.xml']), deps);
    expect(report.error).toBeNull();
    expect(report.found).toBe(2);
    expect(report.warnings.join('\n')).toMatch(/1 item\(s\) without a usable link skipped/);
    const list = await items();
    const tides = byTitle(list, 'Tides & currents: what changes this spring');
    expect(tides.url).toBe(`${origin.url}articles/tides.html?ref=home`);
    expect(tides.authors).toEqual(['Mira Patel']);
    expect(tides.published).toBe('2025-03-04T04:45:00.000Z'); // +0530
    expect(tides.publishedOffset).toBe(330); // kept: our feeds write it as the source feed did
    expect(renderFeed('rss', { id: 'harbor', title: 'Harbor', siteUrl: origin.url, baseUrl: 'https://feeds.example', updated: null }, [tides]))
      .toContain('<pubDate>Tue, 04 Mar 2025 10:15:00 +0530</pubDate>');
    expect(tides.categories).toEqual(['Harbor', 'Weather']);
    expect(tides.language).toBe('en-GB');
    expect(tides.image).toBe(`${origin.url}images/tides-large.jpg`);
    expect(tides.contentHtml).toContain('<b>arrive early</b>');
    expect(tides.contentHtml).toContain(`href="${origin.url}tables/tides.pdf"`);
    expect(tides.contentHtml).toContain(`src="${origin.url}images/tides.jpg"`);
    expect(tides.contentHtml).not.toMatch(/<script|onclick|evil\.example|alert/);
    // The description is the summary when content:encoded carries the full text; no pixel in it.
    expect(tides.summary).toBe('Spring tides arrive early this year.');

    const quiet = byTitle(list, 'Quiet week at the port');
    expect(quiet.url).toBe(`${origin.url}articles/quiet-week.html`); // permalink guid
    expect(quiet.authors).toEqual(['Sam Lee']); // "email (Name)"
    expect(quiet.published).toBe('2025-03-03T08:00:00.000Z');
    expect(quiet.publishedOffset).toBeUndefined(); // GMT: unknown, shown in UTC
    expect(quiet.image).toBe(`${origin.url}images/quiet.png`);
    expect(quiet.contentHtml).toBe('Nothing <em>much</em> happened — which is good news.');
  });

  it('RSS 1.0 (RDF)', async () => {
    const report = await scrapeSource(feedSource(['rdf.xml']), deps);
    expect(report.error).toBeNull();
    const list = await items();
    expect(list.map((i) => i.title)).toEqual(['Fog horn test on Friday', 'Lighthouse repainted']);
    const light = byTitle(list, 'Lighthouse repainted');
    expect(light.url).toBe(`${origin.url}notes/1`);
    expect(light.published).toBe('2025-02-20T13:00:00.000Z');
    expect(light.authors).toEqual(['Ana Ruiz']);
    expect(light.categories).toEqual(['Landmarks']);
    expect(light.contentHtml).toContain('<strong>a fresh coat</strong>');
  });

  it('Atom: xml:base, type="xhtml" content, html titles, inherited authors, text content', async () => {
    const report = await scrapeSource(feedSource(['atom.xml']), deps);
    expect(report.error).toBeNull();
    const list = await items();
    const sail = byTitle(list, 'Les voiliers reviennent');
    expect(sail.url).toBe(`${origin.url}blog/2025/voiliers`);
    expect(sail.published).toBe('2025-03-01T08:00:00.000Z');
    expect(sail.updated).toBe('2025-03-02T09:00:00.000Z'); // the entry's own <updated>
    expect([sail.publishedOffset, sail.updatedOffset]).toEqual([60, 60]); // both written at +01:00
    expect(sail.authors).toEqual(['Claire Martin']);
    expect(sail.language).toBe('fr');
    expect(sail.summary).toBe('Résumé court.');
    expect(sail.contentHtml).toContain('<strong>reviennent</strong>');
    expect(sail.contentHtml).toContain(`href="${origin.url}plan.html"`); // against xml:base /blog/, not the link
    expect(sail.contentHtml).toContain(`src="${origin.url}blog/img/carte.png"`);
    expect(sail.contentHtml).not.toContain('xmlns');
    expect(sail.image).toBe(`${origin.url}images/voiliers.jpg`);
    expect(sail.categories).toEqual(['Voile']);

    const text = byTitle(list, 'Entrée texte');
    expect(text.url).toBe('https://other.example/notes/texte'); // the entry's own xml:base
    expect(text.authors).toEqual(['Luc Bernard']);
    expect(text.contentHtml).toBe('<p>Premier paragraphe &lt;pas une balise&gt;.</p><p>Deuxième paragraphe.</p>');
  });

  it('JSON Feed 1.0 and 1.1', async () => {
    let report = await scrapeSource(feedSource(['json10.json']), deps);
    expect(report.error).toBeNull();
    report = await scrapeSource(feedSource(['json11.json']), deps);
    expect(report.error).toBeNull();
    const list = await items();
    const crane = byTitle(list, 'Crane arrives');
    expect(crane.authors).toEqual(['Jo Kim']); // 1.0 singular "author"
    expect(crane.published).toBe('2025-03-01T17:00:00.000Z');
    expect(crane.contentHtml).toBe('<p>A new crane arrived.</p><p>It is &lt;very&gt; tall.</p>');
    const untitled = list.find((i) => i.url === `${origin.url}shorts/2`)!;
    expect(untitled.title).toBe('No title here, only content.'); // opening words
    expect(untitled.authors).toEqual(['Desk']); // 1.0 feed-level author
    expect(untitled.contentHtml).toContain(`href="${origin.url}more"`);

    const history = byTitle(list, 'Die Geschichte des Hafens');
    expect(history.url).toBe(`${origin.url}longreads/1`);
    expect(history.authors).toEqual(['Eva Braun', 'Tom Weiss']);
    expect(history.language).toBe('de-DE');
    expect(history.summary).toBe('Eine kurze Geschichte.');
    expect(history.image).toBe(`${origin.url}images/history.jpg`);
    expect(history.published).toBe('2025-02-28T07:00:00.000Z');
    expect(history.updated).toBe('2025-03-01T07:00:00.000Z'); // date_modified
    expect(history.contentHtml).not.toContain('<style');
  });

  it('a windows-1252 feed labelled utf-8 with invalid dates: text repaired, first-seen dates kept across runs', async () => {
    const report = await scrapeSource(feedSource(['broken-cp1252.xml']), deps);
    expect(report.error).toBeNull();
    const list = await items();
    const cafe = byTitle(list, 'Café “Le Port” re-opens');
    expect(cafe.contentHtml).toBe('The café owner said: “we’re back” – and the crème brûlée is too.');
    expect(cafe.published).toBe(clock.toISOString()); // invalid date → first seen
    expect(byTitle(list, 'Harbor fees rise').published).toBe(clock.toISOString());
    expect(byTitle(list, 'Dated correctly').published).toBe('2025-03-04T09:15:00.000Z');
    expect(list.every((i) => !/\uFFFD/.test(i.title + i.contentHtml))).toBe(true);

    const firstIds = list.map((i) => i.id).sort();
    clock = new Date('2025-03-05T07:00:00Z');
    const again = await scrapeSource(feedSource(['broken-cp1252.xml']), deps);
    expect(again.created).toBe(0);
    const later = await items();
    expect(later.map((i) => i.id).sort()).toEqual(firstIds);
    expect(byTitle(later, 'Harbor fees rise').published).toBe('2025-03-05T06:00:00.000Z');
  });

  it('merges several urls into one feed, de-duplicated by canonical URL (the first url wins)', async () => {
    const report = await scrapeSource(feedSource(['merge-a.xml', 'merge-b.json']), deps);
    expect(report.error).toBeNull();
    expect(report.found).toBe(3);
    const list = await items();
    expect(list.map((i) => i.title).sort()).toEqual(['Only on desk A', 'Only on desk B', 'Shared story (desk A)']);
    expect(byTitle(list, 'Shared story (desk A)').url).toBe(`${origin.url}articles/shared.html`);
  });

  it('one failing url among several is a warning; the others still count', async () => {
    const report = await scrapeSource(feedSource(['merge-a.xml', 'missing.xml']), deps);
    expect(report.ok).toBe(true);
    expect(report.warnings.join('\n')).toMatch(/missing\.xml: HTTP 404/);
    expect((await items()).length).toBe(2);
  });

  it('a document that is not a feed fails the run with a clear error', async () => {
    const report = await scrapeSource(feedSource(['articles/ferry-timetable-changes.html']), deps);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/not a usable RSS, Atom or JSON feed/);
  });

  it('ids are stable across runs and a 304 does nothing', async () => {
    await scrapeSource(feedSource(['rss2.xml']), deps);
    const ids = (await items()).map((i) => i.id).sort();
    clock = new Date('2025-03-05T08:00:00Z');
    const second = await scrapeSource(feedSource(['rss2.xml']), deps);
    expect(second.notModified).toBe(true);
    await store.saveState({ ...(await store.getState('harbor'))!, originEtag: null });
    const third = await scrapeSource(feedSource(['rss2.xml']), deps);
    expect(third.notModified).toBe(false);
    expect(third.created).toBe(0);
    expect(third.unchanged).toBe(2);
    expect((await items()).map((i) => i.id).sort()).toEqual(ids);
  });

  it('rendered feeds (RSS, Atom, JSON) parse back with every item', async () => {
    for (const f of ['rss2.xml', 'atom.xml', 'json11.json', 'broken-cp1252.xml']) {
      expect((await scrapeSource(feedSource([f]), deps)).error).toBeNull();
    }
    const list = await items();
    expect(list.length).toBe(8);
    const meta = { id: 'harbor', title: 'Harbor', siteUrl: origin.url, baseUrl: 'https://feeds.example', updated: clock.toISOString() };
    for (const format of ['rss', 'atom', 'json'] as const) {
      const parsed = parseFeed(renderFeed(format, meta, list));
      const entries = 'items' in parsed.feed ? parsed.feed.items : 'entries' in parsed.feed ? parsed.feed.entries : [];
      expect(entries?.length, format).toBe(8);
    }
  });
});

describe('type: feed with article.fetch (default)', () => {
  it('replaces truncated summaries with the article page, keeps the feed content when a page fails', async () => {
    const report = await scrapeSource(feedSource(['truncated.xml'], { article: { fetch: true } }), deps);
    expect(report.error).toBeNull();
    expect(report.fetched).toBe(2);
    expect(report.warnings.join('\n')).toMatch(/gone\.html: article page failed, kept the feed's content \(HTTP 404/);
    const list = await items();
    expect(list).toHaveLength(3);
    const ferry = byTitle(list, 'Ferry timetable changes');
    expect(ferry.contentHtml).toContain('Ferry paragraph 6');
    expect(ferry.contentHtml).not.toContain('[…]');
    expect(ferry.authors).toEqual(['Mira Patel']); // from the page: the feed has none
    expect(ferry.published).toBe('2025-03-04T09:30:00.000Z');
    expect(ferry.contentHtml).not.toMatch(/Most read|track\(\)/);
    const gone = byTitle(list, 'Story whose page is gone');
    expect(gone.contentHtml).toBe('<p>All we have is <b>this</b> summary.</p>');
    expect(gone.published).toBe('2025-03-02T12:00:00.000Z');
  });

  it('reads only new entries: known ones are not re-fetched beyond refreshKnownPerRun', async () => {
    const src = feedSource(['truncated.xml'], { article: { fetch: true } });
    await scrapeSource(src, { ...deps, refreshKnownPerRun: 0 });
    origin.hits.length = 0;
    await store.saveState({ ...(await store.getState('harbor'))!, originEtag: null });
    const again = await scrapeSource(src, { ...deps, refreshKnownPerRun: 0 });
    expect(again.error).toBeNull();
    expect(origin.hits).toEqual(['GET /truncated.xml']);
    expect(again.created + again.updated).toBe(0);
    expect(byTitle(await items(), 'Ferry timetable changes').contentHtml).toContain('Ferry paragraph 6');
  });
});

describe('type: push', () => {
  it('is never fetched: a run succeeds with nothing to do', async () => {
    const report = await scrapeSource(makeSource({ id: 'harbor', title: 'Pushed', type: 'push' }), deps);
    expect(report.ok).toBe(true);
    expect(report.found).toBe(0);
    expect(origin.hits).toEqual([]);
  });
});

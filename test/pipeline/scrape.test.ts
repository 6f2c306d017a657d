import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import { formatReport, SourceRunner } from '../../src/pipeline/runner.ts';
import { scheduleInterval, scrapeSource } from '../../src/pipeline/scrape.ts';
import { nextRun } from '../../src/utils/cron.ts';
import type { ScrapeDeps, ScrapeProgress } from '../../src/pipeline/types.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { health } from '../../src/server/health.ts';
import type { Store } from '../../src/store/store.ts';
import { startOrigin, type Origin } from '../../testkit/origin.ts';
import { makeSource, type SourceInput } from '../../testkit/sources.ts';

const DEMO = fileURLToPath(new URL('../../data/demo/', import.meta.url));
const SEED = 'putin-trump-issue-joint-syria-statement.html';

let origin: Origin;
let store: Store;
let deps: ScrapeDeps;
let clock: Date;

const source = (overrides: SourceInput = {}) =>
  makeSource({ id: 'demo', title: 'Demo', url: `${origin.url}index.html`, timezone: 'Asia/Kolkata', ...overrides });

beforeEach(async () => {
  origin = await startOrigin({ root: DEMO });
  store = await openSqliteStore(':memory:');
  clock = new Date('2026-11-28T06:00:00Z');
  deps = { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => clock };
});
afterEach(async () => {
  await origin.close();
  await store.close();
});

describe('scrapeSource', () => {
  it('scrapes the demo site into normalized items, the seed article among them', async () => {
    const report = await scrapeSource(source(), deps);
    expect(report.error).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.found).toBe(5);
    expect(report.created).toBe(5);
    const items = await store.listItems('demo', 50);
    expect(items).toHaveLength(5);
    const seed = items.find((i) => i.url.endsWith(SEED))!;
    expect(seed).toBeDefined();
    expect(seed.url).toBe(`${origin.url}${SEED}`); // canonical, tracking parameters gone
    expect(seed.title).toBe('Putin, Trump issue joint Syria statement');
    expect(seed.authors).toEqual(['The BRICS Post']);
    // "November 12, 2017, 10:44 am" in Asia/Kolkata (+05:30)
    expect(seed.published).toBe('2017-11-12T05:14:00.000Z');
    expect(seed.image).toBe(`${origin.url}images/putin-trump-apec.jpg`);
    expect(seed.contentHtml).toContain('<figcaption');
    expect(seed.contentHtml).toContain('APEC Leader’s Meeting in Da Nang');
    expect(seed.contentHtml).toContain(`src="${origin.url}images/putin-trump-apec.jpg"`);
    expect(seed.contentHtml).toContain('The BRICS Post with inputs from Agencies');
    expect(seed.contentHtml).not.toMatch(/Follow us on|<script|<form|pixel\.wp\.com|Leave a Reply|Most popular/);
    // Items come out newest first.
    expect(items.map((i) => i.published)).toEqual([...items.map((i) => i.published)].sort().reverse());
  });

  it('dates updated by each article\'s own modification date, else its publication date, and moves it only on an edit', async () => {
    const FLIGHTS = 'india-china-expand-direct-flights.html';
    await scrapeSource(source(), deps);
    let items = await store.listItems('demo', 50);
    const flights = items.find((i) => i.url.endsWith(FLIGHTS))!;
    // JSON-LD dateModified "2017-11-10T09:00:00+08:00"
    expect(flights.updated).toBe('2017-11-10T01:00:00.000Z');
    for (const item of items.filter((i) => i !== flights)) expect(item.updated).toBe(item.published);
    // Never the time they were scraped (all in one run, in the same millisecond).
    expect(items.every((i) => i.updated !== clock.toISOString())).toBe(true);

    // An unchanged page leaves it alone even when re-read; an edit with a new dateModified takes that date.
    const listing = (await readFile(`${DEMO}index.html`, 'utf8')).replace('</main>', '<!-- edited --></main>');
    origin.route('/index.html', (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(listing));
    clock = new Date(clock.getTime() + 3600_000);
    await scrapeSource(source(), { ...deps, refreshKnownPerRun: 5 });
    expect((await store.listItems('demo', 50)).find((i) => i.url.endsWith(FLIGHTS))!.updated).toBe('2017-11-10T01:00:00.000Z');
    const edited = (await readFile(`${DEMO}${FLIGHTS}`, 'utf8'))
      .replace('"dateModified":"2017-11-10T09:00:00+08:00"', '"dateModified":"2017-11-14T09:00:00+08:00"')
      .replace('<p>', '<p>Update: the first flights are sold out. ');
    origin.route(`/${FLIGHTS}`, (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(edited));
    origin.route('/index.html', (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(listing.replace('</main>', '<!-- again --></main>')));
    clock = new Date(clock.getTime() + 3600_000);
    const report = await scrapeSource(source(), { ...deps, refreshKnownPerRun: 5 });
    expect(report.updated).toBe(1);
    items = await store.listItems('demo', 50);
    expect(items.find((i) => i.url.endsWith(FLIGHTS))!.updated).toBe('2017-11-14T01:00:00.000Z');
  });

  it('never duplicates items, and asks the origin conditionally', async () => {
    await scrapeSource(source(), deps);
    clock = new Date(clock.getTime() + 3600_000);
    const second = await scrapeSource(source(), deps);
    expect(second.ok).toBe(true);
    expect(second.notModified).toBe(true); // the listing's ETag came back as a 304
    expect((await store.listItems('demo', 50))).toHaveLength(5);
  });

  it('updates an edited article in place', async () => {
    await scrapeSource(source(), deps);
    const before = (await store.listItems('demo', 50)).find((i) => i.url.endsWith(SEED))!;
    const page = (await readFile(`${DEMO}${SEED}`, 'utf8')).replace(
      'There was nothing particularly groundbreaking in their joint statement.',
      'Correction: the statement was agreed by officials before the summit.',
    );
    origin.route(`/${SEED}`, (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(page));
    // The listing changes too (a new ETag), so the run goes on to re-read known articles.
    const listing = (await readFile(`${DEMO}index.html`, 'utf8')).replace('</main>', '<!-- edited --></main>');
    origin.route('/index.html', (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(listing));
    clock = new Date(clock.getTime() + 3600_000);
    const report = await scrapeSource(source(), { ...deps, refreshKnownPerRun: 5 });
    expect(report.updated).toBe(1);
    const items = await store.listItems('demo', 50);
    expect(items).toHaveLength(5);
    const after = items.find((i) => i.url.endsWith(SEED))!;
    expect(after.id).toBe(before.id);
    expect(after.contentHtml).toContain('Correction: the statement');
    expect(after.updated).toBe(clock.toISOString());
    expect(after.firstSeen).toBe(before.firstSeen);
    expect(after.published).toBe(before.published);
  });

  it('keeps the last good items and records the error when the origin fails', async () => {
    await scrapeSource(source(), deps);
    origin.route('/index.html', (_req, res) => void res.writeHead(500).end('boom'));
    clock = new Date(clock.getTime() + 3600_000);
    const report = await scrapeSource(source(), deps);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/500/);
    expect(await store.listItems('demo', 50)).toHaveLength(5);
    const state = (await store.getState('demo'))!;
    expect(state.lastError).toMatch(/500/);
    expect(state.consecutiveFailures).toBe(1);
    expect(Date.parse(state.nextAttempt!)).toBeGreaterThan(clock.getTime());
    expect(state.lastSuccess).not.toBe(state.lastAttempt);
  });

  it('survives a Retry-After no date can hold: the failure is recorded, the wait capped at 24 h', async () => {
    await scrapeSource(source(), deps);
    origin.route('/index.html', (_req, res) => void res.writeHead(503, { 'Retry-After': '99999999999999' }).end('busy'));
    clock = new Date(clock.getTime() + 3600_000);
    const report = await scrapeSource(source(), deps);
    expect(report).toMatchObject({ ok: false, error: expect.stringMatching(/HTTP 503/) });
    const state = (await store.getState('demo'))!;
    expect(state.lastError).toMatch(/HTTP 503/);
    expect(state.consecutiveFailures).toBe(1);
    expect(state.nextAttempt).toBe(new Date(clock.getTime() + 24 * 3600_000).toISOString());
    expect(await store.listItems('demo', 50)).toHaveLength(5);
  });

  it('never throws, even when the store fails: the report says what happened', async () => {
    const broken = new Proxy(store, {
      get: (target, prop) => prop === 'saveState'
        ? () => Promise.reject(new Error('database is locked'))
        : (target[prop as keyof Store] as (...a: unknown[]) => unknown).bind(target),
    });
    const report = await scrapeSource(source(), { ...deps, store: broken });
    expect(report.ok).toBe(false);
    expect(report.error).toBe('the run of source "demo" could not be recorded: database is locked');
  });

  it('reports selectors that stop matching, naming the selector', async () => {
    const report = await scrapeSource(source({ list: { item: '.no-such-card' } }), deps);
    expect(report.ok).toBe(false);
    expect(report.error).toContain('.no-such-card');
  });

  it('stores the other articles when one article page fails', async () => {
    origin.route('/brazil-coffee-exports-rise.html', (_req, res) => void res.writeHead(404).end());
    const report = await scrapeSource(source(), deps);
    expect(report.ok).toBe(true);
    expect(report.created).toBe(4);
    expect(report.warnings.join('\n')).toMatch(/brazil-coffee-exports-rise\.html.*404/);
  });

  it('reports its progress: listing, each article page (failed ones too), done', async () => {
    origin.route('/brazil-coffee-exports-rise.html', (_req, res) => void res.writeHead(404).end());
    const events: ScrapeProgress[] = [];
    const report = await scrapeSource(source(), { ...deps, onProgress: (p) => events.push({ ...p }) });
    expect(events[0]).toEqual({ sourceId: 'demo', phase: 'listing', found: 0, total: 0, done: 0 });
    const articles = events.filter((e) => e.phase === 'articles');
    expect(articles.map((e) => e.done)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(articles.every((e) => e.found === 5 && e.total === 5)).toBe(true);
    expect(events.at(-1)).toMatchObject({ phase: 'done', ok: true });
    expect(report.ok).toBe(true);
    const failed: ScrapeProgress[] = [];
    await scrapeSource(source({ id: 'broken', list: { item: '.no-such-card' } }), { ...deps, onProgress: (p) => failed.push(p) });
    expect(failed.map((e) => e.phase)).toEqual(['listing', 'done']);
    expect(failed.at(-1)?.ok).toBe(false);
  });

  it('builds items from the listing alone when article.fetch is false', async () => {
    const report = await scrapeSource(source({
      article: { fetch: false },
      list: { item: 'main article.post', link: 'h2 a@href', title: 'h2', date: '.entry-date', summary: '.entry-summary' },
    }), deps);
    expect(report.created).toBe(5);
    expect(origin.hits.filter((h) => h.includes(SEED))).toHaveLength(0);
    const seed = (await store.listItems('demo', 50)).find((i) => i.url.endsWith(SEED))!;
    expect(seed.published).toBe('2017-11-12T05:14:00.000Z');
    expect(seed.summary).toMatch(/^Russian President Vladimir Putin/);
  });
});

describe('links whose page declares another canonical URL', () => {
  it('are recognized on the next run instead of being fetched again', async () => {
    const page = (title: string) => `<html><head><title>${title}</title>
      <link rel="canonical" href="/articles/${title.toLowerCase().replace(/ /g, '-')}.html"></head>
      <body><article><h1>${title}</h1><p>${'A paragraph of article text that is long enough to be content. '.repeat(6)}</p></article></body></html>`;
    let listingVersion = 0;
    origin.route('/moved.html', (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(
      `<html><body><main>${['First moved story', 'Second moved story', 'Third moved story'].map((t, i) =>
        `<article><h2><a href="/go/${i}-story.html">${t}</a></h2></article>`).join('')}<!-- ${listingVersion++} --></main></body></html>`));
    for (const [i, t] of ['First moved story', 'Second moved story', 'Third moved story'].entries()) {
      origin.route(`/go/${i}-story.html`, (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(page(t)));
    }
    const moved = source({ url: `${origin.url}moved.html`, list: { item: 'article' } });
    const first = await scrapeSource(moved, { ...deps, refreshKnownPerRun: 0 });
    expect(first.created).toBe(3);
    const items = await store.listItems('demo', 10);
    expect(items.map((i) => i.url).sort()).toEqual([1, 2, 3].map((n) => `${origin.url}articles/${['first', 'second', 'third'][n - 1]}-moved-story.html`));
    clock = new Date(clock.getTime() + 3600_000);
    const second = await scrapeSource(moved, { ...deps, refreshKnownPerRun: 0 });
    expect(second.ok).toBe(true);
    expect(second.fetched).toBe(0);
    expect(origin.hits.filter((h) => h.startsWith('GET /go/'))).toHaveLength(3);
  });
});

describe('scheduleInterval', () => {
  it('is the time between the next two fires, whatever order the instants are asked in', () => {
    // Weekdays at 9: Thursday to Friday is a day, Friday to Monday three.
    const weekdays = { schedule: '0 9 * * 1-5', timezone: 'Europe/Berlin' };
    const fresh = (at: Date) => {
      const first = nextRun(weekdays, at);
      return nextRun(weekdays, first).getTime() - first.getTime();
    };
    const DAY = 86_400_000;
    const friday = new Date('2024-05-10T12:00:00Z');
    const thursday = new Date('2024-05-09T12:00:00Z');
    expect(scheduleInterval(weekdays, friday)).toBe(DAY); // Monday → Tuesday
    expect(scheduleInterval(weekdays, thursday)).toBe(3 * DAY); // Friday → Monday, though asked after Friday
    expect(scheduleInterval(weekdays, friday)).toBe(DAY);
    for (let h = 0; h < 24 * 9; h += 5) {
      const at = new Date(thursday.getTime() + h * 3_600_000);
      expect(scheduleInterval(weekdays, at)).toBe(fresh(at));
    }
    expect(scheduleInterval({ schedule: 'not a cron', timezone: 'UTC' }, friday)).toBe(0);
  });
});

describe('SourceRunner', () => {
  it('never runs one source twice at once', async () => {
    const runner = new SourceRunner(deps);
    const [a, b] = await Promise.all([runner.run(source()), runner.run(source())]);
    expect(a).toBe(b);
    expect(origin.hits.filter((h) => h === 'GET /index.html')).toHaveLength(1);
  });

  it('keeps one failing source from affecting another', async () => {
    const runner = new SourceRunner(deps);
    const reports = await runner.runAll([
      source({ id: 'broken', url: `${origin.url}missing/index.html` }),
      source(),
    ]);
    expect(reports[0].ok).toBe(false);
    expect(reports[1].ok).toBe(true);
    expect(await store.listItems('demo', 50)).toHaveLength(5);
  });
});

describe('failed article pages', () => {
  it('are retried with backoff although the listing answers 304, and /health counts them', async () => {
    let articlesUp = false;
    const page = (n: number) => `<html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>
      <p>${`Story ${n} is told here at length so that it reads like an article body. `.repeat(6)}</p></article></body></html>`;
    origin.route('/stories.html', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { ETag: '"v1"' }).end();
      res.writeHead(200, { 'Content-Type': 'text/html', ETag: '"v1"' }).end(`<html><body><main>${[1, 2].map((n) =>
        `<article><h2><a href="/stories/${n}.html">Story ${n}</a></h2></article>`).join('')}</main></body></html>`);
    });
    for (const n of [1, 2]) {
      origin.route(`/stories/${n}.html`, (_req, res) => void (articlesUp
        ? res.writeHead(200, { 'Content-Type': 'text/html' }).end(page(n))
        : res.writeHead(502).end('bad gateway')));
    }
    const stories = source({ url: `${origin.url}stories.html`, list: { item: 'article' } });
    const articleHits = () => origin.hits.filter((h) => h.startsWith('GET /stories/')).length;

    const first = await scrapeSource(stories, deps);
    expect(first.ok).toBe(false);
    expect(first.failedArticles).toBe(2);
    const failing = (await health([stories], store, clock)).sources[0];
    expect(failing.failedArticles).toBe(2);

    // Still inside the articles' backoff (at least 48 s): the 304 run leaves them alone.
    clock = new Date(clock.getTime() + 10_000);
    const early = await scrapeSource(stories, deps);
    expect(early).toMatchObject({ ok: true, notModified: true, fetched: 0, failedArticles: 2 });
    expect(articleHits()).toBe(2);

    // Failing again on a 304 run is a warning, not the source's failure; the backoff grows.
    clock = new Date(clock.getTime() + 10 * 60_000);
    const again = await scrapeSource(stories, deps);
    expect(again).toMatchObject({ ok: true, notModified: true, failedArticles: 2 });
    expect(again.warnings).toHaveLength(2);
    expect((await store.getState('demo'))!.failedArticles!.map((f) => f.failures)).toEqual([2, 2]);
    expect(formatReport(again)).toMatch(/retried failed articles, read 0 articles: .*2 article\(s\) failed, 2 failed article\(s\) wait for a retry/);

    articlesUp = true;
    clock = new Date(clock.getTime() + 10 * 60_000);
    const recovered = await scrapeSource(stories, deps);
    expect(recovered).toMatchObject({ ok: true, notModified: true, fetched: 2, created: 2, failedArticles: 0 });
    expect((await store.listItems('demo', 10)).map((i) => i.title).sort()).toEqual(['Story 1', 'Story 2']);
    expect((await health([stories], store, clock)).sources[0]).toMatchObject({ status: 'ok', failedArticles: 0, itemCount: 2 });
  });
});

describe('configured selectors that match nothing', () => {
  it('a list.link miss names list.link, not the item selector', async () => {
    const report = await scrapeSource(source({ list: { item: 'main article.post', link: 'h3 a' } }), deps);
    expect(report.ok).toBe(false);
    expect(report.error).toBe('listing selectors found no articles (list.link "h3 a" matched nothing in 5 of 5 items)');
  });

  it('are reported per run, by selector, in the report, the log line, the state and /health', async () => {
    const src = source({
      list: { item: 'main article.post', link: 'h2 a@href', summary: '.no-teaser' },
      article: { fetch: true, content: 'div.no-such-body', date: 'span.no-such-date', title: 'h1' },
    });
    const report = await scrapeSource(src, deps);
    expect(report.ok).toBe(true);
    expect(report.created).toBe(5);
    const expected = [
      'list.summary ".no-teaser" matched nothing in 5 of 5 items',
      'article.content "div.no-such-body" matched nothing on 5 of 5 pages',
      'article.date "span.no-such-date" matched nothing on 5 of 5 pages',
    ];
    expect(report.unmatchedSelectors).toEqual(expected);
    expect(formatReport(report).split('\n').slice(1)).toEqual([
      ...expected.map((m) => `[demo] selector ${m}`),
      `[demo] state new → drift: the page changed: ${expected.join('; ')}`,
    ]);
    expect((await store.getState('demo'))!.unmatchedSelectors).toEqual(expected);
    expect((await health([src], store, clock)).sources[0].unmatchedSelectors).toEqual(expected);
    // Automatic extraction filled in: the content and the page's own date.
    const seed = (await store.listItems('demo', 50)).find((i) => i.url.endsWith(SEED))!;
    expect(seed.published).toBe('2017-11-12T05:14:00.000Z');
    expect(seed.contentHtml).toContain('APEC Leader’s Meeting in Da Nang');

    // Selectors that match again: the next run clears the report.
    const fixed = source({ list: { item: 'main article.post', link: 'h2 a@href' }, article: { fetch: true, title: 'h1' } });
    clock = new Date(clock.getTime() + 3600_000);
    await scrapeSource(fixed, { ...deps, refreshKnownPerRun: 5 });
    expect((await health([fixed], store, clock)).sources[0].unmatchedSelectors).toEqual([]);
  });
});

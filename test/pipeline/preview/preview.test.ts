import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { createPoliteFetcher } from '../../../src/fetch/polite.ts';
import type { Fetcher } from '../../../src/fetch/types.ts';
import { readListing } from '../../../src/list/index.ts';
import { previewSource } from '../../../src/pipeline/preview/preview.ts';
import { siteRuleResolver } from '../../../src/pipeline/site-rules.ts';
import type { PreviewOutcome, PreviewResult } from '../../../src/server/preview-types.ts';
import { startOrigin } from '../../../testkit/origin.ts';
import { startPreviewSite, storyPath, storyTitle, STORIES, type PreviewSite } from '../../helpers/preview-site.ts';

let site: PreviewSite;
let fetch: Fetcher;
const NOW = new Date('2026-12-01T12:00:00Z');

beforeAll(async () => {
  site = await startPreviewSite();
  fetch = createPoliteFetcher({ allowPrivateNetworks: true, hostDelayMs: 0 });
});
afterAll(() => site.close());

async function preview(body: Record<string, unknown>, with_: Fetcher = fetch): Promise<PreviewResult> {
  const outcome = await previewSource(body, { fetch: with_, now: () => NOW });
  if (!outcome.ok) throw new Error(`unexpected problems: ${JSON.stringify(outcome.problems)}`);
  return outcome.result;
}

const storyUrls = (order: number[]) => order.map((i) => site.origin.at(storyPath(i)));
const kinds = (r: PreviewResult) => r.warnings.map((w) => `${w.kind}${w.field ? ` ${w.field}` : ''}`);

describe('previewSource: a listing page', () => {
  let result: PreviewResult;
  beforeAll(async () => { result = await preview({ url: site.origin.url }); });

  it('detects the type and the feed the page advertises', () => {
    expect(result).toMatchObject({ type: 'html', detected: true, finalUrl: site.origin.url, error: null });
    expect(result.feeds).toEqual([{ url: site.origin.at('/feed.xml'), type: 'application/rss+xml', title: 'Harbour News RSS' }]);
  });

  it('reports the candidate groups best first, the story list chosen, with selectors', () => {
    expect(result.groups[0]).toMatchObject({
      chosen: true, menu: false, links: STORIES, exact: true, list: { item: 'ul.stories > li' },
      sample: [storyTitle(1), storyTitle(2), storyTitle(3)],
    });
    const popular = result.groups.find((g) => g.sample[0] === 'Most read 1');
    expect(popular).toMatchObject({ chosen: false, links: 3, exact: true });
    expect(popular!.score).toBeLessThan(result.groups[0].score);
  });

  it('choosing a group is saving its selectors: the same links, in order', async () => {
    for (const group of result.groups) {
      const chosen = await preview({ url: site.origin.url, list: group.list, articles: 0 });
      expect(chosen.items.map((i) => i.url)).toHaveLength(group.links);
      const page = await fetch(site.origin.url);
      expect(chosen.items.map((i) => i.url)).toEqual(readListing(page.text, page.url, group.list).links.map((l) => l.url));
    }
    const stories = await preview({ url: site.origin.url, list: result.groups[0].list, articles: 0 });
    expect(stories.items.map((i) => i.url)).toEqual(storyUrls([1, 2, 3, 4, 5, 6]));
  });

  it('lists the items as the feed would, the first three read from their pages', () => {
    expect(result.items.map((i) => i.url)).toEqual(storyUrls([1, 2, 3, 4, 5, 6]));
    expect(result.items[0]).toMatchObject({ title: storyTitle(1), date: '2026-11-01T08:00:00.000Z', image: site.origin.at('/img/1.jpg') });
    expect(result.items[1].date).toBe('2026-11-02T09:30:00.000Z');
    // Not read: the listing's own fields (its teaser, no date).
    expect(result.items[3]).toMatchObject({ title: storyTitle(4), date: null, summary: 'Short teaser about story 4 and the harbour.' });
    expect(result.articles.map((a) => a.url)).toEqual(storyUrls([1, 2, 3]));
  });

  it('says where each article field came from: JSON-LD vs OpenGraph and <time>', () => {
    const [withLd, withOg] = result.articles;
    expect(withLd).toMatchObject({
      error: null,
      title: { value: storyTitle(1), from: 'json-ld' },
      authors: { value: ['Jane Reporter'], from: 'json-ld' },
      date: { value: '2026-11-01T08:00:00.000Z', from: 'json-ld' },
      image: { value: site.origin.at('/img/1.jpg'), from: 'listing' },
      text: { from: 'content' },
    });
    expect(withLd.text.value).toContain('harbour committee');
    expect(withLd.words).toBeGreaterThan(100);
    expect(withOg).toMatchObject({
      title: { value: storyTitle(2), from: 'meta' },
      authors: { value: null, from: null },
      date: { value: '2026-11-02T09:30:00.000Z', from: 'markup' },
      image: { value: site.origin.at('/img/2.jpg'), from: 'meta' },
    });
  });

  it('configured article selectors are the provenance when they match', async () => {
    const r = await preview({ url: site.origin.url, articles: 1, article: { title: 'article h1', date: 'p.when time', content: 'article' } });
    expect(r.articles[0].title).toEqual({ value: storyTitle(1), from: 'selector' });
    expect(r.articles[0].text.from).toBe('selector');
    // Story 1 has no p.when: the date falls back to JSON-LD, and the selector is reported.
    expect(r.articles[0].date.from).toBe('json-ld');
    expect(r.warnings).toContainEqual({ kind: 'unmatched-selector', field: 'article.date', message: 'article.date "p.when time" matched nothing on 1 of 1 page' });
  });

  it('reads N article pages (capped by the request), or none; lists at most `limit` items', async () => {
    expect((await preview({ url: site.origin.url, articles: 1 })).articles).toHaveLength(1);
    expect((await preview({ url: site.origin.url, articles: 0, limit: 4 })).items).toHaveLength(4);
    const none = await preview({ url: site.origin.url, articles: 0 });
    expect(none.articles).toEqual([]);
    expect(none.items).toHaveLength(STORIES);
  });
});

describe('previewSource: feeds and sitemaps', () => {
  it('a feed: detected, its entries merged with their pages, titles from the feed', async () => {
    const r = await preview({ url: site.origin.at('/feed.xml') });
    expect(r).toMatchObject({ type: 'feed', detected: true, groups: [], feeds: [] });
    expect(r.items.map((i) => i.url)).toEqual(storyUrls([1, 2, 3, 4, 5, 6]));
    expect(r.items[5]).toMatchObject({ title: `${storyTitle(6)} (feed)`, date: '2026-11-06T07:00:00.000Z', summary: 'Feed summary 6.' });
    expect(r.articles[0]).toMatchObject({
      title: { value: `${storyTitle(1)} (feed)`, from: 'listing' },
      date: { value: '2026-11-01T07:00:00.000Z', from: 'listing' },
      authors: { value: ['Jane Reporter'], from: 'json-ld' },
    });
  });

  it('a sitemap: detected, newest first', async () => {
    const r = await preview({ url: site.origin.at('/sitemap.xml') });
    expect(r).toMatchObject({ type: 'sitemap', detected: true });
    expect(r.items.map((i) => i.url)).toEqual(storyUrls([6, 5, 4, 3, 2, 1]));
    expect(r.articles[1]).toMatchObject({ title: { value: storyTitle(5), from: 'json-ld' } });
  });

  it('a given type is used as given', async () => {
    const r = await preview({ url: site.origin.at('/feed.xml'), type: 'feed', articles: 0 });
    expect(r).toMatchObject({ type: 'feed', detected: false });
  });
});

describe('previewSource: warnings', () => {
  it('a configured list selector that matches nothing', async () => {
    const r = await preview({ url: site.origin.url, list: { item: 'div.nope' } });
    expect(r.items).toEqual([]);
    expect(r.warnings).toContainEqual({ kind: 'unmatched-selector', field: 'list.item', message: 'list.item "div.nope" matched nothing' });
    expect(kinds(r)).toContain('empty');
  });

  it('a field selector that misses on some items', async () => {
    const r = await preview({ url: site.origin.url, list: { item: 'ul.stories > li', date: 'span.date' }, articles: 0 });
    expect(r.warnings).toContainEqual({ kind: 'unmatched-selector', field: 'list.date', message: `list.date "span.date" matched nothing in ${STORIES} of ${STORIES} items` });
  });

  it('dates missing on most items, authors on most articles', async () => {
    const undated = await preview({ url: site.origin.url, articles: 0 });
    expect(kinds(undated)).toContain('missing-field date');
    // Sitemap order 6, 5, 4: stories 6 and 4 name no author.
    const r = await preview({ url: site.origin.at('/sitemap.xml') });
    expect(kinds(r)).toContain('missing-field author');
    expect(kinds(r)).not.toContain('missing-field date');
    // Items 4 to 6 have no date only because the preview did not read their pages: no warning.
    const dated = await preview({ url: site.origin.url });
    expect(dated.items.filter((i) => i.date === null)).toHaveLength(3);
    expect(kinds(dated)).not.toContain('missing-field date');
    const notes = await preview({ url: site.origin.at('/notes/index.html') });
    expect(notes.warnings).toContainEqual({
      kind: 'missing-field', field: 'date',
      message: '3 of 3 article pages read have no date: the feed will date them when first seen (set list.date or article.date)',
    });
  });

  it('robots.txt disallowing the URL', async () => {
    const r = await preview({ url: site.origin.at('/private/index.html') });
    expect(r.error).toMatch(/disallowed by robots\.txt/);
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'robots' })]);
    expect(r.items).toEqual([]);
  });

  it('the page looking like a bot challenge, or blocked', async () => {
    const wall = await preview({ url: site.origin.at('/wall.html') });
    expect(wall.warnings).toContainEqual({
      kind: 'challenge',
      message: `${site.origin.at('/wall.html')} looks like a bot challenge or block page, not the site's content: Cloudflare bot challenge ("Just a moment...")`,
    });
    const blocked = await preview({ url: site.origin.at('/blocked/news') });
    expect(blocked.error).toMatch(/403/);
    expect(blocked.warnings).toContainEqual(expect.objectContaining({ kind: 'challenge', message: expect.stringContaining('HTTP 403 Forbidden') }));
    const fine = await preview({ url: site.origin.url, articles: 1 });
    expect(kinds(fine)).not.toContain('challenge');
  });

  it('reads with the source\'s request options, as a run does', async () => {
    const members = await startOrigin({
      root: fileURLToPath(new URL('../../../data/demo/', import.meta.url)),
      routes: { '/index.html': async (req, res) => {
        if (req.headers.cookie !== 'session=abc' || req.headers['user-agent'] !== 'MyReader/2.0') return void res.writeHead(403).end('members only');
        res.writeHead(200, { 'content-type': 'text/html' }).end(await readFile(new URL('../../../data/demo/index.html', import.meta.url)));
      } },
    });
    try {
      const request = { cookies: { session: 'abc' }, userAgent: 'MyReader/2.0' };
      const r = await preview({ url: members.at('/index.html'), request, articles: 0 });
      expect(r.error).toBeNull();
      expect(r.items.length).toBeGreaterThan(0);
      const without = await preview({ url: members.at('/index.html'), articles: 0 });
      expect(without.error).toMatch(/HTTP 403/);
    } finally {
      await members.close();
    }
  });

  it('no private addresses unless allowed, as when scraping', async () => {
    const before = site.origin.hits.length;
    const r = await preview({ url: site.origin.url }, createFetcher());
    expect(r.error).toMatch(/private|loopback/i);
    expect(r.warnings).toEqual([{ kind: 'fetch', message: r.error }]);
    expect(r.items).toEqual([]);
    expect(site.origin.hits.length).toBe(before);
  });
});

describe('previewSource: time limit', () => {
  it('stops reading at the deadline and says so, keeping what it has', async () => {
    const links = [1, 2, 3].map((i) => `<li><a href="/slow/story-${i}">A slow story about the harbour, number ${i}</a></li>`).join('');
    const slow = await startOrigin({ routes: {
      '/': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<html><body><main><ul class="s">${links}</ul></main></body></html>`),
      '/slow/*': () => { /* never answers */ },
    } });
    try {
      const outcome = await previewSource({ url: slow.url }, { fetch, now: () => NOW, timeoutMs: 300 });
      if (!outcome.ok) throw new Error('unexpected problems');
      const r = outcome.result;
      expect(r.items).toHaveLength(3);
      expect(r.articles).toHaveLength(3);
      expect(r.articles.every((a) => a.error !== null && a.title.value === null)).toBe(true);
      expect(r.warnings).toContainEqual({ kind: 'fetch', message: 'the preview stopped reading after 0.3 s: pages not read by then are missing' });
    } finally {
      await slow.close();
    }
  });
});

describe('previewSource: the request', () => {
  const problems = async (body: unknown): Promise<{ field: string; message: string }[]> => {
    const outcome: PreviewOutcome = await previewSource(body, { fetch: () => Promise.reject(new Error('must not fetch')) });
    if (outcome.ok) throw new Error('expected problems');
    return outcome.problems.map(({ field, message }) => ({ field, message }));
  };

  it('is checked by the source validation of the config, field by field', async () => {
    expect(await problems({ url: 'https://example.com/', list: { item: 5 } })).toEqual([
      { field: 'list.item', message: expect.stringContaining('string') },
    ]);
    expect((await problems({ url: 'https://example.com/', list: { item: 'li', tilte: 'h2' } }))[0]).toMatchObject({ field: 'list.tilte', message: expect.stringContaining('did you mean "title"') });
    expect((await problems({ url: 'https://example.com/', timezone: 'Mars/Base' }))[0].field).toBe('timezone');
    expect((await problems({ url: 'file:///etc/passwd' }))[0]).toMatchObject({ field: 'url', message: expect.stringContaining('file: URLs') });
    expect((await problems({ url: 'https://example.com/', list: { item: 'li[' } }))[0].field).toBe('list.item');
  });

  it('names what is missing or out of range', async () => {
    expect(await problems({})).toEqual([{ field: 'url', message: expect.stringContaining('required') }]);
    expect(await problems([])).toEqual([{ field: '', message: expect.stringContaining('JSON object') }]);
    expect(await problems({ url: 'https://example.com/', articles: 99 })).toEqual([{ field: 'articles', message: 'must be a whole number from 0 to 10, got 99' }]);
    expect((await problems({ url: 'https://example.com/', type: 'push' }))[0].field).toBe('type');
  });
});

describe('previewSource: article pages under the runtime\'s site rules', () => {
  const RULES = fileURLToPath(new URL('../../fixtures/site-rules/rules/fixture.txt', import.meta.url));
  const SITE = fileURLToPath(new URL('../../fixtures/site-rules/site/', import.meta.url));

  it('reads each article as a run does, says which fields the rule gave, and warns of rule problems once', async () => {
    const origin = await startOrigin({ root: SITE });
    try {
      const text = `${await readFile(RULES, 'utf8')}\ntitl: //h1\n`;
      // The rule directory holds a file for the test server's host (as siteConfig: DIR looks it up).
      const siteRules = siteRuleResolver(async (url) => (url === 'file:///rules/127.0.0.1.txt' ? text : null), 'file:///rules/');
      const body = { url: `${origin.url}index.html`, list: { item: 'ul.stories li', link: 'a@href' }, timezone: 'Europe/Berlin' };
      const outcome = await previewSource(body, { fetch, now: () => NOW, siteRules });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
      const r = outcome.result;
      const article = r.articles.find((a) => a.url === `${origin.url}article.html`)!;
      expect(article.title).toEqual({ value: 'Der Stadtrat beschließt neuen Haushalt', from: 'rule' });
      expect(article.authors).toEqual({ value: ['Erika Muster', 'Max Beispiel'], from: 'rule' });
      expect(article.date).toEqual({ value: '2025-03-12T13:30:00.000Z', from: 'rule' });
      expect(article.text.from).toBe('rule');
      expect(article.text.value).toContain('Schluss paragraph 2');
      expect(article.text.value).not.toMatch(/Teaser paragraph|Teilen Sie/);
      // The multi-page story joined, the paged one read in its single-page version, as a run reads them.
      expect(r.articles.find((a) => a.url === `${origin.url}multi.html`)!.text.value).toContain('Part 3 paragraph 3');
      expect(r.articles.find((a) => a.url === `${origin.url}paged.html`)!.text.value).toContain('Whole paged story paragraph 5');
      expect(r.warnings.filter((w) => w.kind === 'site-rules').map((w) => w.message))
        .toEqual([`site rules /rules/127.0.0.1.txt:${text.split('\n').indexOf('titl: //h1') + 1}: unknown directive titl; line ignored`]);

      const plain = await previewSource(body, { fetch, now: () => NOW });
      if (!plain.ok) throw new Error(JSON.stringify(plain.problems));
      const auto = plain.result.articles.find((a) => a.url === `${origin.url}article.html`)!;
      expect(auto.title.from).not.toBe('rule');
      expect(auto.text.from).toBe('content');
    } finally {
      await origin.close();
    }
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../../src/config/site-config.ts';
import { extractArticle } from '../../../src/extract/index.ts';
import { RULE_BODY_ATTRIBUTE } from '../../../src/extract/site-rules.ts';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { extractRuledArticle, NATIVE_AD_CATEGORY, readRuledPage } from '../../../src/pipeline/collect/ruled-page.ts';
import { applySiteRules } from '../../../src/extract/site-rules.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { siteRuleResolver } from '../../../src/pipeline/site-rules.ts';
import type { ScrapeDeps } from '../../../src/pipeline/types.ts';
import { readSiteConfigFile } from '../../../src/runtime/node/site-config-files.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';

const FIXTURES = new URL('../../fixtures/site-rules/', import.meta.url);
const SITE = fileURLToPath(new URL('site/', FIXTURES));
const RULES_BASE = new URL('rules/', FIXTURES).href;
const RULE_FILE = fileURLToPath(new URL('rules/fixture.txt', FIXTURES));

let origin: Origin;
let store: Store;
let deps: ScrapeDeps;
const fetch = createFetcher({ allowPrivateNetworks: true });

const source = (siteConfig: string | undefined = 'fixture.txt', article: { content?: string; title?: string } = {}) => makeSource({
  id: 'fixture', url: `${origin.url}index.html`, timezone: 'Europe/Berlin', list: { item: 'ul.stories li', link: 'a@href' }, article, siteConfig,
}, { fileBase: RULES_BASE });

beforeEach(async () => {
  origin = await startOrigin({ root: SITE });
  store = await openSqliteStore(':memory:');
  deps = { fetch, store, now: () => new Date('2025-06-01T12:00:00Z'), siteRules: siteRuleResolver(readSiteConfigFile) };
});
afterEach(async () => {
  await origin.close();
  await store.close();
});

const item = async (path: string) => (await store.listItems('fixture', 50)).find((i) => i.url === `${origin.url}${path}`)!;

describe('site rules in a scrape run', () => {
  it('take title, authors, date and body from the rules, strip before extraction, replace in the raw HTML', async () => {
    const report = await scrapeSource(source(), deps);
    expect(report.error).toBeNull();
    expect(report.warnings).toEqual([]);
    const a = await item('article.html');
    // find_string/replace_string ran on the raw HTML, then the title rule read the <h1>.
    expect(a.title).toBe('Der Stadtrat beschließt neuen Haushalt');
    expect(a.authors).toEqual(['Erika Muster', 'Max Beispiel']);
    // "12. März 2025, 14:30 Uhr" in Europe/Berlin (+01:00 in March).
    expect(a.published).toBe('2025-03-12T13:30:00.000Z');
    expect(a.contentHtml).toContain('Haushalt paragraph 1');
    expect(a.contentHtml).toContain('Schluss paragraph 2');
    expect(a.contentHtml).toContain('img/chart.png');
    // The rule's body only: no teaser column; strip, strip_id_or_class and strip_image_src applied.
    expect(a.contentHtml).not.toMatch(/Teaser paragraph|Teilen Sie|Newsletter|halben Preis|ads\.example\.net/);
    expect(a.contentHtml).not.toContain('data-feedwright'); // the body marker never reaches the feed
    // The page edits: wrap_in, dissolve, strip_attr.
    expect(a.contentHtml).toMatch(/<blockquote><div><p>„Ein Haushalt für alle“/);
    expect(a.contentHtml).toContain('explains the matter at length');
    expect(a.contentHtml).not.toContain('lexikon');
    expect(a.contentHtml).toMatch(/<img src="[^"]*img\/chart\.png" \/?>/);
    // http_header went with every article request (and not with the listing's).
    const articleRequests = origin.received.filter((r) => r.path !== '/index.html');
    expect(articleRequests.length).toBeGreaterThan(0);
    expect(articleRequests.every((r) => r.headers['x-fixture-rules'] === 'yes')).toBe(true);
    expect(origin.received.find((r) => r.path === '/index.html')?.headers['x-fixture-rules']).toBeUndefined();
  });

  it('without rules the same page is extracted automatically (the rules made the difference)', async () => {
    await scrapeSource(source(undefined), { ...deps, siteRules: undefined });
    const a = await item('article.html');
    expect(a.title).not.toBe('Der Stadtrat beschließt neuen Haushalt');
    expect(a.contentHtml).toContain('Teilen Sie');
    expect(a.contentHtml).toContain('halben Preis');
  });

  it("lets the source's own selectors win over the rules", async () => {
    await scrapeSource(source('fixture.txt', { title: 'title' }), deps);
    const title = (await item('article.html')).title;
    expect(title).not.toBe('Der Stadtrat beschließt neuen Haushalt');
    expect(title).toContain('Startseite');
  });

  it('flags a page a native_ad_clue expression selects something on as a native ad, in its categories', async () => {
    await scrapeSource(source(), deps);
    expect((await item('multi.html')).categories).toContain(NATIVE_AD_CATEGORY);
    expect((await item('article.html')).categories).not.toContain(NATIVE_AD_CATEGORY);
    expect(NATIVE_AD_CATEGORY).toBe('Native Ad');
  });

  it('reads a rule date written without an offset as automatic extraction does: in the page\'s own offset', async () => {
    const rules = parseSiteConfig("date: //span[@class='pub']\nbody: //article\nstrip: //script", 'kyiv.example.txt');
    const prose = '<p>The city council met on Sunday evening and agreed on a new budget for the coming year after a long debate.</p>';
    const stamps = '<script>var s=[{"date":"2020-06-07T09:00:00+03:00"},{"date":"2020-06-06T18:00:00+03:00"}]</script>';
    const page = (extra: string) => `<html lang="en"><body><span class="pub">7 June 2020, 23:30</span><article>${prose}</article>${extra}</body></html>`;
    const read = async (html: string, timezone: string) => {
      const url = 'https://kyiv.example/a';
      const ruled = applySiteRules(html, url, rules);
      const out = await extractRuledArticle(ruled, url, rules, { article: { fetch: true }, timezone }, { now: new Date('2025-01-01T00:00:00Z') }, async (h, u, o) => extractArticle(h, u, o));
      return out.date;
    };
    // The script stamps are read before the strip rule removes them.
    expect(await read(page(stamps), 'UTC')).toBe('2020-06-07T23:30:00+03:00');
    expect(await read(page(''), 'UTC')).toBe('2020-06-07T23:30:00Z');
    // A configured zone is the reading.
    expect(await read(page(stamps), 'Asia/Tokyo')).toBe('2020-06-07T23:30:00+09:00');
  });

  it('joins next_page_link pages, stopping at a page already read', async () => {
    await scrapeSource(source(), deps);
    const m = await item('multi.html');
    for (const part of ['Part 1 paragraph 1', 'Part 2 paragraph 3', 'Part 3 paragraph 2']) expect(m.contentHtml).toContain(part);
    expect(m.contentHtml!.indexOf('Part 1 paragraph 1')).toBeLessThan(m.contentHtml!.indexOf('Part 3 paragraph 1'));
    // multi-3 links back to multi.html: each page was fetched once.
    expect(origin.hits.filter((h) => h.startsWith('GET /multi')).sort()).toEqual(['GET /multi-2.html', 'GET /multi-3.html', 'GET /multi.html']);
  });

  it('reads the single-page version instead of the first page', async () => {
    await scrapeSource(source(), deps);
      const p = (await store.listItems('fixture', 50)).find((i) => i.title.includes('print version'))!;
    expect(p.url).toBe(`${origin.url}paged.html`); // the item links to the article, not its print view
    expect(origin.hits).toContain('GET /paged-all.html');
    expect(p.contentHtml).toContain('Whole paged story paragraph 5');
    expect(p.contentHtml).not.toContain('Teaser of the paged story');
  });

  it('reports an expression that cannot be evaluated once per run, never failing it', async () => {
    const broken = `${await readFile(RULE_FILE, 'utf8')}\nauthor: //span[\n`;
    const resolve = siteRuleResolver(async (url) => (url.endsWith('broken.txt') ? broken : null));
    const report = await scrapeSource(source('broken.txt'), { ...deps, siteRules: resolve });
    expect(report.ok).toBe(true);
    expect(report.created).toBe(3);
    const failures = report.warnings.filter((w) => w.includes('//span['));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/broken\.txt: author "\/\/span\[": /);
  });
});

describe('readRuledPage bounds', () => {
  const rules = () => parseSiteConfig('body: //div[@class="article-text"]\nnext_page_link: //a[@class="next"]', 'pages.txt');

  it('joins at most maxPages pages and says so', async () => {
    const warnings: string[] = [];
    const { ruled } = await readRuledPage(`${origin.url}multi.html`, rules(), { fetch }, false, (w) => warnings.push(w), 2);
    expect(ruled.html).toContain('Part 2 paragraph 1');
    expect(ruled.html).not.toContain('Part 3 paragraph 1');
    expect(warnings).toEqual([`${origin.url}multi.html: more than 2 pages; joined the first 2`]);
  });

  it('stops at a next page that redirects back to a page already read (the address asked for first)', async () => {
    origin.route('/story', (_req, res) => {
      res.writeHead(301, { location: '/story/' }).end();
    });
    origin.route('/story/', (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<div class="article-text"><p>Only part.</p></div><a class="next" href="/story">next</a>');
    });
    const { ruled } = await readRuledPage(`${origin.url}story`, rules(), { fetch }, false, () => {});
    expect(ruled.html.match(/Only part\./g)).toHaveLength(1);
    expect(origin.hits.filter((h) => h === 'GET /story/')).toHaveLength(2);
  });

  it('never follows a next page on another site', async () => {
    const other = await startOrigin({ host: '127.0.0.2', root: SITE });
    try {
      origin.route('/away.html', (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end(`<div class="article-text"><p>Here.</p></div><a class="next" href="${other.url}multi-2.html">next</a>`);
      });
      const warnings: string[] = [];
      const { ruled } = await readRuledPage(`${origin.url}away.html`, rules(), { fetch }, false, (w) => warnings.push(w));
      expect(ruled.html).not.toContain('Part 2');
      expect(other.hits).toEqual([]);
      expect(warnings[0]).toMatch(/next_page_link of .* leads to another site/);
    } finally {
      await other.close();
    }
  });
});

describe('test_url entries of the fixture rules, served locally', () => {
  it('each test_url page on the fixture host yields a rule body holding its test_contains texts', async () => {
    const rules = parseSiteConfig(await readFile(RULE_FILE, 'utf8'), 'fixture.txt');
    const local = rules.testUrls.filter((u) => new URL(u).host === 'fixture.test');
    expect(local.length).toBeGreaterThan(0);
    expect(Object.keys(rules.testContains)).toEqual(local);
    for (const url of local) {
      const served = new URL(new URL(url).pathname.slice(1), origin.url).href;
      const { ruled, page } = await readRuledPage(served, rules, { fetch }, false, () => {});
      expect(ruled.body, url).toBe(true);
      const article = extractArticle(ruled.html, page.url, { selectors: { content: `[${RULE_BODY_ATTRIBUTE}]` } });
      for (const text of rules.testContains[url]) expect(article.text, url).toContain(text);
    }
  });
});

it('the Node reader reads rule files by file: URL and says null for a missing one', async () => {
  expect(await readSiteConfigFile(pathToFileURL(RULE_FILE).href)).toContain('body: //div');
  expect(await readSiteConfigFile(new URL('missing.txt', RULES_BASE).href)).toBeNull();
});

describe('prune and tidy', () => {
  const PAGE = `<!doctype html><html lang="en"><head><title>Harbour works</title></head><body>
    <div class="story">
      <p>The harbour works begin in spring and will last two years, the council said on Monday evening.</p>
      <nav class="crumbs"><a href="/">Home</a> › <a href="/city">City</a></nav>
      <p>Ships will be diverted to the northern quay while the southern basin is dredged and rebuilt.</p>
      <form action="/subscribe"><p>Get our newsletter</p><input name="email"><button>Subscribe</button></form>
      <ul class="more">${Array.from({ length: 8 }, (_, i) => `<li><a href="/story-${i}">Related story number ${i}</a></li>`).join('')}</ul>
      <p>Residents are invited to a public meeting about the plans at the town hall next week.</p>
    </div></body></html>`;
  let dir: string;
  let site: Origin;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedwright-prune-'));
    site = await startOrigin({ routes: {
      '/': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<ul class="stories"><li><a href="/harbour">Harbour works</a></li></ul>'),
      '/harbour': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE),
    } });
  });
  afterEach(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  const scrapeWith = async (flags: string) => {
    await writeFile(join(dir, 'rules.txt'), `body: //div[@class='story']\n${flags}`);
    const src = makeSource({ id: 'prune', url: `${site.url}`, list: { item: 'ul.stories li', link: 'a@href' }, siteConfig: 'rules.txt' },
      { fileBase: pathToFileURL(`${dir}/`).href });
    // A fresh resolver: it keeps the files it read.
    const report = await scrapeSource(src, { ...deps, siteRules: siteRuleResolver(readSiteConfigFile) });
    expect(report.error).toBeNull();
    const [harbour] = await store.listItems('prune', 5);
    await store.removeSource('prune');
    return harbour.contentHtml!;
  };

  it('prune: yes (and by default) cleans the rule body like automatic content; prune: no keeps it as matched', async () => {
    for (const flags of ['prune: yes\n', '']) {
      const pruned = await scrapeWith(flags);
      expect(pruned).toContain('northern quay');
      expect(pruned).toContain('public meeting');
      expect(pruned).not.toMatch(/Related story number|Subscribe|crumbs|›/);
    }
    const kept = await scrapeWith('prune: no\n');
    expect(kept).toContain('northern quay');
    expect(kept).toContain('Related story number 7'); // the link-heavy list
    expect(kept).toContain('Get our newsletter'); // the form's text
    expect(kept).toContain('City'); // the navigation
  });

  it('tidy is accepted and changes nothing', async () => {
    expect(await scrapeWith('tidy: yes\n')).toBe(await scrapeWith('tidy: no\n'));
    expect(await scrapeWith('tidy: yes\nprune: no\n')).toBe(await scrapeWith('prune: no\n'));
  });
});

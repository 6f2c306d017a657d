/**
 * The Node extract pool: worker threads give the same article (and listing entries) as on the
 * main thread, a thread that dies fails only its page and is replaced, close() ends the threads.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../../src/config/site-config.ts';
import { extractArticle } from '../../../src/extract/index.ts';
import { applySiteRules, RULE_BODY_ATTRIBUTE } from '../../../src/extract/site-rules.ts';
import { readListing } from '../../../src/list/index.ts';
import { normalizeItems, type NormalizeInput } from '../../../src/normalize/item.ts';
import { parseFeedDocument } from '../../../src/pipeline/collect/feed-parse.ts';
import { parseSitemap } from '../../../src/pipeline/collect/sitemap-parse.ts';
import { createExtractPool, type ExtractPool } from '../../../src/runtime/node/extract-threads.ts';
import { makeSource } from '../../../testkit/sources.ts';

const PAGE = readFileSync(new URL('../../../data/demo/putin-trump-issue-joint-syria-statement.html', import.meta.url), 'utf8');
const URL_ = 'https://example.com/news/putin-trump-issue-joint-syria-statement';
const OPTIONS = { timezone: 'Europe/Moscow', selectors: { remove: ['.share'] }, now: new Date('2017-11-12T00:00:00Z') };

let pool: ExtractPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('createExtractPool', () => {
  it('returns what extractArticle returns in-process', async () => {
    pool = createExtractPool();
    const inProcess = extractArticle(PAGE, URL_, OPTIONS);
    expect(inProcess.title).toBeTruthy();
    expect(inProcess.text.length).toBeGreaterThan(200);
    expect(await pool.extract(PAGE, URL_, OPTIONS)).toEqual(inProcess);
    // Several pages at once through one thread: each answer goes to its own caller.
    const other = '<html><head><title>Other</title></head><body><article><p>' + 'Short page. '.repeat(40) + '</p></article></body></html>';
    const [a, b] = await Promise.all([pool.extract(other, 'https://example.org/a', {}), pool.extract(PAGE, URL_, OPTIONS)]);
    expect(a).toEqual(extractArticle(other, 'https://example.org/a', {}));
    expect(b).toEqual(inProcess);
    expect(pool.workers()).toHaveLength(1);
  });

  it('parses listings in the thread: html listing pages, feeds and sitemaps, as in-process', async () => {
    pool = createExtractPool();
    const fixture = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
    const listing = fixture('data/demo/index.html');
    const site = 'https://example.com/news/';
    const { links } = await pool.parseListing('html', listing, site, undefined, { maxLinks: 3 });
    expect(links).toHaveLength(3);
    expect(links).toEqual(readListing(listing, site, undefined, { maxLinks: 3 }).links);
    expect(await pool.parseListing('html', listing, site, { item: 'article', link: 'h2 .missing' }, {}))
      .toEqual(readListing(listing, site, { item: 'article', link: 'h2 .missing' }));
    const rss = fixture('test/fixtures/ingest/rss2.xml');
    const feed = await pool.parseListing('feed', rss, 'https://harbor.example/rss2.xml');
    expect(feed.entries.length).toBeGreaterThan(0);
    expect(feed).toEqual(parseFeedDocument(rss, 'https://harbor.example/rss2.xml'));
    const xml = fixture('test/fixtures/ingest/news-sitemap.xml');
    expect(await pool.parseListing('sitemap', xml, 'https://harbor.example/news-sitemap.xml'))
      .toEqual(parseSitemap(xml, 'https://harbor.example/news-sitemap.xml'));
    // A parser's error comes back with its message.
    await expect(pool.parseListing('html', listing, site, { item: 'li[' }, {})).rejects.toThrow(/list\.item.*"li\["/);
    await expect(pool.parseListing('sitemap', '<html></html>', site)).rejects.toThrow(/not a sitemap/);
    expect(pool.workers()).toHaveLength(1);
  });

  it('normalizes in the thread: the same items, in the same order, as in-process', async () => {
    pool = createExtractPool();
    const source = makeSource({ id: 'harbor', title: 'Harbor News', url: 'https://harbor.example/', timezone: 'Europe/Moscow', language: 'en' });
    const article = extractArticle(PAGE, URL_, OPTIONS);
    const inputs: NormalizeInput[] = [
      { article, listed: { url: URL_, title: 'Listed title', summary: 'Listed summary' } },
      // Listing entries only: a local date in the source's zone, markup in a summary, no title.
      ...Array.from({ length: 30 }, (_, i) => ({ listed: {
        url: `https://harbor.example/n/${i}?utm_source=x`, title: i % 7 === 0 ? undefined : `Story ${i} — Harbor News`,
        date: `2024-05-${String(1 + (i % 28)).padStart(2, '0')} 10:00`, summary: `<b>Summary</b> of\u0007 story ${i}`, image: i % 2 ? '/img.png' : undefined,
      } })),
    ];
    const ctx = { source, fetchedAt: new Date('2024-06-01T12:00:00Z') };
    const here = await normalizeItems(inputs, ctx);
    expect(here.map((i) => i.url)).toEqual([here[0].url, ...inputs.slice(1).map((_, i) => `https://harbor.example/n/${i}`)]);
    expect(new Set(here.map((i) => i.id)).size).toBe(inputs.length);
    expect(await pool.normalize(inputs, ctx)).toEqual(here);
    // An input normalizeItem refuses fails the call with its message.
    await expect(pool.normalize([{}], ctx)).rejects.toThrow(/needs a fetchedUrl/);
  });

  it('applies site rules in the thread: the same ruled page, and the same ruled article, as in-process', async () => {
    pool = createExtractPool();
    const rules = parseSiteConfig(readFileSync(new URL('../../../data/site-config/demo.txt', import.meta.url), 'utf8'), 'demo.txt');
    const inProcess = applySiteRules(PAGE, URL_, rules);
    expect(inProcess.body).toBe(true);
    const threaded = await pool.applyRules(PAGE, URL_, rules);
    expect(threaded).toEqual(inProcess);
    // Later pages' bodies joined in the thread as well.
    expect(await pool.applyRules(PAGE, URL_, rules, ['<p>Page two.</p>'])).toEqual(applySiteRules(PAGE, URL_, rules, ['<p>Page two.</p>']));
    const options = { ...OPTIONS, selectors: { content: `[${RULE_BODY_ATTRIBUTE}]` }, pruneContent: true };
    const article = extractArticle(inProcess.html, URL_, options);
    expect(article.html).not.toContain('APEC Leader’s Meeting in Da Nang'); // the caption the rule strips
    expect(await pool.extract(threaded.html, URL_, options)).toEqual(article);
    // A rule that cannot be evaluated is reported, not thrown, there too.
    const broken = parseSiteConfig('body: //div[', 'broken.txt');
    expect((await pool.applyRules(PAGE, URL_, broken)).failures).toEqual(applySiteRules(PAGE, URL_, broken).failures);
  });

  it('fails the page of a thread that dies and replaces the thread', async () => {
    pool = createExtractPool();
    await pool.extract(PAGE, URL_, OPTIONS);
    const [first] = pool.workers();
    const firstId = first.threadId;
    const lost = expect(pool.extract(PAGE, URL_, OPTIONS)).rejects.toThrow(/exited/);
    const queued = pool.extract(PAGE, URL_, OPTIONS);
    await first.terminate(); // the thread dies with a page in flight
    await lost;
    // The queued page goes to a fresh thread.
    expect(await queued).toEqual(extractArticle(PAGE, URL_, OPTIONS));
    const [second] = pool.workers();
    expect(second.threadId).not.toBe(firstId);
    expect(pool.workers()).toHaveLength(1);
  });

  it('close() ends the threads and refuses new pages', async () => {
    pool = createExtractPool({ size: 2 });
    await Promise.all([pool.extract(PAGE, URL_, OPTIONS), pool.extract(PAGE, URL_, OPTIONS)]);
    const threads = [...pool.workers()];
    expect(threads).toHaveLength(2);
    const exited = threads.map((w) => new Promise<number>((resolve) => w.once('exit', resolve)));
    // A page in flight when the pool closes fails.
    const pending = expect(pool.extract(PAGE, URL_, OPTIONS)).rejects.toThrow(/closed/);
    await pool.close();
    await Promise.all(exited);
    expect(threads.every((w) => w.threadId === -1)).toBe(true);
    expect(pool.workers()).toHaveLength(0);
    await pending;
    await expect(pool.extract(PAGE, URL_, OPTIONS)).rejects.toThrow(/closed/);
  });
});

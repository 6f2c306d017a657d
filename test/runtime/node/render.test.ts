/**
 * Sites that only render with JavaScript, scraped through the Node runtime's real browser
 * (Debian's chromium, or FEEDWRIGHT_CHROMIUM): the same pipeline with the rendered DOM, every
 * request of the page through the address guard, deadlines, crash recovery. Skips visibly
 * without a Chromium (test/helpers/browser.ts says so).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserFetch } from '../../../src/fetch/browser.ts';
import { createPoliteFetcher } from '../../../src/fetch/polite.ts';
import { createRequestGuard } from '../../../src/fetch/request-guard.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { createBrowserPool, type BrowserPool } from '../../../src/runtime/node/browser-pool.ts';
import { nodeBrowser } from '../../../src/runtime/node/browser.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { SqlStore } from '../../../src/store/sql-store.ts';
import { jsArticleText, startJsSite } from '../../../testkit/js-site.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';
import { CHROMIUM } from '../../helpers/browser.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function site(options: Parameters<typeof startJsSite>[0] = {}): Promise<Origin> {
  const origin = await startJsSite(options);
  cleanups.push(() => origin.close());
  return origin;
}

async function store(): Promise<SqlStore> {
  const s = await openSqliteStore(':memory:');
  cleanups.push(() => s.close());
  return s;
}

/** The runtime's browser for loopback test sites (allowPrivateNetworks: the sites are on 127.0.0.1). */
function localBrowser(options: { executablePath?: string | null } = {}) {
  const b = nodeBrowser({ executablePath: options.executablePath === undefined ? CHROMIUM : options.executablePath, allowPrivateNetworks: true });
  cleanups.push(() => b.close());
  return b;
}

const count = (origin: Origin, hit: string) => origin.hits.filter((h) => h === hit).length;

describe.skipIf(!CHROMIUM)('render in Chromium', () => {
  it('render: browser reads a listing and articles that only exist once their scripts ran', async () => {
    const origin = await site({ articles: 3 });
    const b = localBrowser();
    const s = await store();
    const source = makeSource({ id: 'js', url: origin.url, render: 'browser' });
    const report = await scrapeSource(source, { fetch: failingFetch, browser: b.browser, store: s });
    expect(report.error).toBeNull();
    expect(report).toMatchObject({ ok: true, found: 3, created: 3, rendered: 4 });
    const items = await s.listItems('js', 10);
    expect(items.map((i) => i.title).sort()).toEqual(['Article 1', 'Article 2', 'Article 3']);
    expect(items.find((i) => i.title === 'Article 2')?.contentHtml).toContain(jsArticleText(2).slice(0, 60));
    expect(count(origin, 'GET /api/articles.json')).toBe(1);
  });

  it('render: static never starts the browser, and finds nothing on a script-only site', async () => {
    const origin = await site();
    const b = localBrowser();
    const report = await scrapeSource(makeSource({ id: 'js', url: origin.url }), {
      fetch: staticFetch(), browser: b.browser, store: await store(),
    });
    expect(report.error).toBe('no article links found on the listing page');
    expect(b.pool!.launches).toBe(0);
    expect(report.rendered).toBeUndefined();
  });

  it('render: auto tries static first, falls back to the browser, and remembers it for the next run', async () => {
    const origin = await site({ articles: 2 });
    const b = localBrowser();
    const s = await store();
    const source = makeSource({ id: 'js', url: origin.url, render: 'auto' });
    const deps = { fetch: staticFetch(), browser: b.browser, store: s };
    const first = await scrapeSource(source, deps);
    expect(first).toMatchObject({ ok: true, found: 2, created: 2 });
    // The listing and each article page were read statically once, then rendered.
    expect(count(origin, 'GET /')).toBe(2);
    expect((await s.getState('js'))?.rendered).toEqual({ listing: 'browser', article: 'browser' });

    const second = await scrapeSource(source, deps);
    expect(second.ok).toBe(true);
    // Remembered: straight to the browser, no static attempt (one more GET / only, by the browser).
    expect(count(origin, 'GET /')).toBe(3);
    expect(count(origin, 'GET /api/articles.json')).toBe(2);
  });

  it('render: auto on a site that needs no browser stays static and never starts one', async () => {
    const origin = await startOrigin({ routes: {
      '/': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(
        `<main><ul>${[1, 2, 3].map((n) => `<li><h2><a href="/a/${n}">Static story number ${n}</a></h2></li>`).join('')}</ul></main>`),
      '/a/*': (_q, res, got) => void res.writeHead(200, { 'content-type': 'text/html' }).end(
        `<html><head><title>Story ${got.path}</title></head><body><article><h1>Story</h1><p>${jsArticleText(1)}</p></article></body></html>`),
    } });
    cleanups.push(() => origin.close());
    const b = localBrowser();
    const s = await store();
    const report = await scrapeSource(makeSource({ id: 'st', url: origin.url, render: 'auto' }), { fetch: staticFetch(), browser: b.browser, store: s });
    expect(report).toMatchObject({ ok: true, found: 3, created: 3 });
    expect(b.pool!.launches).toBe(0);
    expect((await s.getState('st'))?.rendered).toEqual({ listing: 'static', article: 'static' });
  });

  it('loads no images, media or fonts, dismisses dialogs and closes pop-ups and downloads', async () => {
    const page = `<main><img src="/img.png"><video src="/v.mp4"></video><p id="out">start</p></main>
      <style>@font-face { font-family: X; src: url(/f.woff2); } p { font-family: X; }</style>
      <script>
        alert('hello'); const ok = confirm('sure?');
        window.open('/popup');
        const a = document.createElement('a'); a.href = '/file.bin'; a.download = 'file.bin'; document.body.appendChild(a); a.click();
        document.getElementById('out').textContent = 'after dialogs: ' + ok;
      </script>`;
    const origin = await site({ routes: {
      '/page': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(page),
      '/file.bin': (_q, res) => void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment' }).end('x'.repeat(1000)),
    } });
    const b = localBrowser();
    const rendered = await b.browser!(origin.at('/page'), { timeoutMs: 10_000 });
    expect(rendered.text).toContain('after dialogs: false');
    expect(origin.hits).not.toContain('GET /img.png');
    expect(origin.hits).not.toContain('GET /v.mp4');
    expect(origin.hits).not.toContain('GET /f.woff2');
    expect(origin.hits).not.toContain('GET /popup');
  });

  it('a page that never settles times out, and the next page renders normally', async () => {
    const origin = await site({ routes: {
      '/busy': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>x</p><script>for (;;) {}</script>'),
      '/silent': () => { /* never answers */ },
    } });
    const b = localBrowser();
    for (const path of ['/busy', '/silent']) {
      const started = Date.now();
      await expect(b.browser!(origin.at(path), { timeoutMs: 1500 })).rejects.toThrow(`timed out after 1500 ms rendering ${origin.at(path)}`);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    const page = await b.browser!(origin.url, { waitFor: 'main a' });
    expect(page.text).toContain('href="/post/5"');
  });

  it('replaces the browser after restartAfterPages pages, or when its memory passes the cap', async () => {
    const origin = await site();
    const guard = createRequestGuard({ allowPrivateNetworks: true });
    const render = (pool: BrowserPool) => pool.render(origin.url, { timeoutMs: 10_000, maxBytes: 1e6, guard, waitFor: 'main a' });
    const byCount = createBrowserPool({ executablePath: CHROMIUM!, restartAfterPages: 2, memoryOf: async () => 0 });
    cleanups.push(() => byCount.close());
    for (let n = 0; n < 5; n++) await render(byCount);
    expect(byCount.launches).toBe(3);
    const byMemory = createBrowserPool({ executablePath: CHROMIUM!, maxMemoryBytes: 100 * 2 ** 20, memoryOf: async () => 101 * 2 ** 20 });
    cleanups.push(() => byMemory.close());
    await render(byMemory);
    await render(byMemory);
    expect(byMemory.launches).toBe(2);
  });

  it('recovers from a browser crash in the middle of a run: a new browser reads the rest', async () => {
    let pool: BrowserPool | null = null;
    let killed = false;
    const origin = await site({ articles: 6, routes: {} });
    // The first article's data request kills the browser (SIGKILL, as the OOM killer would).
    origin.route('/api/post/*', (_q, res, got) => {
      if (!killed && pool?.pid) {
        killed = true;
        process.kill(pool.pid, 'SIGKILL');
      }
      const n = Number(got.path.split('/').pop()!.replace('.json', ''));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n, title: `Article ${n}`, date: '2026-01-01T00:00:00Z', text: jsArticleText(n) }));
    });
    pool = createBrowserPool({ executablePath: CHROMIUM!, pages: 1 });
    cleanups.push(() => pool!.close());
    const browser = createBrowserFetch({ renderer: pool, guard: createRequestGuard({ allowPrivateNetworks: true }) });
    const s = await store();
    const source = makeSource({ id: 'js', url: origin.url, render: 'browser' });
    const first = await scrapeSource(source, { fetch: failingFetch, browser, store: s, concurrency: 1 });
    expect(killed).toBe(true);
    expect(first.ok).toBe(true);
    expect(pool.launches).toBe(2);
    expect(first.warnings.length).toBeGreaterThanOrEqual(1);
    expect(first.created).toBe(6 - first.warnings.length);
    // The page the crash took is retried on the next run (after its backoff) by the new browser.
    const later = () => new Date(Date.now() + 3_600_000);
    const second = await scrapeSource(source, { fetch: failingFetch, browser, store: s, now: later });
    expect(second.ok).toBe(true);
    expect((await s.feedVersion('js')).itemCount).toBe(6);
  });
});

describe('without a browser', () => {
  it('render: browser fails with how to install one; render: auto stays static', async () => {
    const origin = await site();
    const b = localBrowser({ executablePath: null });
    const s = await store();
    const deps = { fetch: staticFetch(), browser: b.browser, noBrowser: b.noBrowser, store: s };
    const rendered = await scrapeSource(makeSource({ id: 'b', url: origin.url, render: 'browser' }), deps);
    expect(rendered.error).toMatch(/^source "b" has render: browser, but there is no browser here: install Chromium \(Debian\/Ubuntu: apt-get install chromium\)/);
    expect((await s.getState('b'))?.lastError).toContain('FEEDWRIGHT_CHROMIUM');
    const auto = await scrapeSource(makeSource({ id: 'a', url: origin.url, render: 'auto' }), deps);
    expect(auto.error).toBe('no article links found on the listing page');
  });
});

/** The static fetcher a runtime would use (loopback allowed, no spacing) for the test origins. */
function staticFetch() {
  return createPoliteFetcher({ allowPrivateNetworks: true, hostDelayMs: 0 });
}
const failingFetch = async (url: string): Promise<never> => {
  throw new Error(`static fetch of ${url} in a render: browser test`);
};

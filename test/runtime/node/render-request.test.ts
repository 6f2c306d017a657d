/**
 * A source's `request` options (headers, cookies, User-Agent) on pages rendered in the machine's
 * Chromium: a scrape run and a preview open the source's pages with them, and only requests to
 * the page's own origin carry them. The page loads a script, a call and a redirect from other
 * origins (another loopback address, another port of the same one) that must see none of them:
 * feedwright's User-Agent, no Authorization, no cookie. A source's proxy carries every request of
 * its pages. Skips visibly without a Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULTS } from '../../../src/defaults.ts';
import { previewSource } from '../../../src/pipeline/preview/preview.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { createPoliteFetchers } from '../../../src/fetch/polite.ts';
import { createBrowserPool } from '../../../src/runtime/node/browser-pool.ts';
import { nodeBrowser, type NodeBrowser } from '../../../src/runtime/node/browser.ts';
import { outbound } from '../../../src/runtime/node/proxy.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import { startOrigin, type Handler, type Origin, type Received } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';
import { CHROMIUM } from '../../helpers/browser.ts';
import { startProxy } from '../../helpers/proxy.ts';

const REQUEST = {
  headers: { Authorization: 'Bearer t0k3n', 'X-Api-Key': 'k1' },
  cookies: { session: 'abc' },
  userAgent: 'MyReader/2.0 (+https://feeds.example.org)',
};
// The listing names its items (`list`): automatic detection leaves a link to another site out.
const TEXT = 'The council met on Tuesday evening and agreed to rebuild the old bridge with a wider footpath. '.repeat(6);

/** The source's site (127.0.0.1), another port of the same address, and another site (127.0.0.2). */
let site: Origin;
let otherPort: Origin;
let thirdParty: Origin;
let b: NodeBrowser;

const html = (body: string, headers: Record<string, string> = {}): Handler =>
  (_q, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
const js = (body: string): Handler => (_q, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
const json = (value: unknown): Handler => (_q, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));

beforeAll(async () => {
  thirdParty = await startOrigin({ host: '127.0.0.2', routes: {
    '/lib.js': js('window.libLoaded = true;'),
    '/track.js': js('window.tracked = true;'),
    '/landing.json': json({ landed: true }),
    '/story/*': html(`<html><head><title>A story elsewhere</title></head><body><article><h1>A story elsewhere</h1><p>${TEXT}</p></article></body></html>`),
  } });
  otherPort = await startOrigin({ routes: { '/pixel.json': json({}) } });
  // The listing is drawn by its script, which also calls another port, a redirect to another
  // site, and loads a script from that site; the site sets a cookie of its own on the way.
  const listing = `<!doctype html><html><head><title>Members news</title>
    <script src="${thirdParty.at('/lib.js')}"></script></head><body><div id="app"></div><script>
    Promise.all([
      fetch('/api/list.json').then((r) => r.json()),
      fetch('${otherPort.at('/pixel.json')}').catch(() => null),
      fetch('/hop').catch(() => null),
    ]).then(([list]) => {
      const main = document.createElement('main');
      main.dataset.ua = navigator.userAgent;
      main.innerHTML = '<ul>' + list.map((a) => '<li><h2><a href="' + a.href + '">' + a.title + '</a></h2></li>').join('') + '</ul>';
      document.getElementById('app').appendChild(main);
    });</script></body></html>`;
  const article = `<!doctype html><html><head><title>Story</title><script src="${thirdParty.at('/track.js')}"></script></head>
    <body><div id="app"></div><script>
    fetch('/api' + location.pathname + '.json').then((r) => r.json()).then((a) => {
      document.getElementById('app').innerHTML = '<article><h1>' + a.title + '</h1><p>' + a.text + '</p></article>';
    });</script></body></html>`;
  site = await startOrigin({ routes: {
    '/': html(listing, { 'set-cookie': 'visit=1; Path=/' }),
    '/api/list.json': json([
      { href: '/post/1', title: 'The bridge over the river is rebuilt' },
      { href: '/post/2', title: 'The council agrees on a new footpath' },
      { href: thirdParty.at('/story/3'), title: 'A story the site links to elsewhere' },
    ]),
    '/api/post/*': (q, res, got) => json({ title: `Post ${got.path.split('/').pop()!.replace('.json', '')}`, text: TEXT })(q, res, got),
    '/post/*': html(article),
    '/hop': (_q, res) => void res.writeHead(302, { location: thirdParty.at('/landing.json') }).end(),
  } });
  b = nodeBrowser({ executablePath: CHROMIUM, allowPrivateNetworks: true });
});
afterAll(async () => {
  await b?.close();
  await Promise.all([site?.close(), otherPort?.close(), thirdParty?.close()]);
});

/** What one request carried of the source's options. */
const carried = (h: IncomingHttpHeaders) => ({ authorization: h.authorization, key: h['x-api-key'], cookie: h.cookie, ua: h['user-agent'] });
const since = (origin: Origin, start: number): Received[] => origin.received.slice(start);
const marks = () => ({ site: site.received.length, otherPort: otherPort.received.length, thirdParty: thirdParty.received.length });

/** Requests of another origin carry none of the source's options, and feedwright's User-Agent. */
function expectNothingCarried(requests: Received[]): void {
  for (const r of requests) {
    expect({ path: r.path, ...carried(r.headers) }).toEqual({ path: r.path, authorization: undefined, key: undefined, cookie: undefined, ua: DEFAULTS.userAgent });
  }
}

/** Requests of the page's own origin carry every option, the cookie after the site's own. */
function expectAllCarried(requests: Received[]): void {
  for (const r of requests) {
    expect({ path: r.path, ...carried(r.headers) }).toMatchObject({ path: r.path, authorization: 'Bearer t0k3n', key: 'k1', ua: REQUEST.userAgent });
    expect([`session=abc`, 'visit=1; session=abc']).toContain(r.headers.cookie);
  }
}

describe.skipIf(!CHROMIUM)('a rendered page and the source\'s request options (Chromium)', () => {
  it('a scrape run opens the source\'s pages with them, and only the page\'s own origin gets them', async () => {
    const at = marks();
    const store = await openSqliteStore(':memory:');
    try {
      const source = makeSource({ id: 'members', url: site.url, render: { mode: 'browser', waitFor: 'main a, article p' }, request: REQUEST, list: { item: 'main li' } });
      const report = await scrapeSource(source, { fetch: failingFetch, browser: b.browser, store });
      expect(report.error).toBeNull();
      expect(report).toMatchObject({ ok: true, found: 3, created: 3, rendered: 4 });
    } finally {
      await store.close();
    }
    const own = since(site, at.site);
    expect(own.map((r) => r.path).sort()).toEqual(['/', '/api/list.json', '/api/post/1.json', '/api/post/2.json', '/hop', '/post/1', '/post/2']);
    expectAllCarried(own);
    // The site's own cookie goes back beside the source's, within the page that got it.
    expect(own.find((r) => r.path === '/api/list.json')!.headers.cookie).toBe('visit=1; session=abc');

    const elsewhere = since(thirdParty, at.thirdParty);
    // A script, a redirect's target, the article page on that site, and the script of an article.
    expect(elsewhere.map((r) => r.path).sort()).toEqual(['/landing.json', '/lib.js', '/story/3', '/track.js', '/track.js']);
    expectNothingCarried(elsewhere);
    // The same address on another port is another origin: a cookie for the host does not go there.
    expect(since(otherPort, at.otherPort).map((r) => r.path)).toEqual(['/pixel.json']);
    expectNothingCarried(since(otherPort, at.otherPort));
  });

  it('the page\'s scripts see the source\'s User-Agent', async () => {
    const page = await b.browser!(site.url, { request: REQUEST, waitFor: 'main[data-ua]' });
    expect(page.text).toContain(`data-ua="${REQUEST.userAgent}"`);
    const plain = await b.browser!(site.url, { waitFor: 'main[data-ua]' });
    expect(plain.text).toContain(`data-ua="${DEFAULTS.userAgent}"`);
  });

  it('a preview with render: browser reads as the run does', async () => {
    const at = marks();
    const outcome = await previewSource({ url: site.url, render: { mode: 'browser', waitFor: 'main a, article p' }, articles: 3, request: REQUEST, list: { item: 'main li' } }, {
      fetch: failingFetch, browser: b.browser, noBrowser: b.noBrowser,
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.result).toMatchObject({ readBy: 'browser', error: null });
    expect(outcome.result.articles).toHaveLength(3);
    const elsewhere = since(thirdParty, at.thirdParty);
    expect(elsewhere.map((r) => r.path)).toEqual(expect.arrayContaining(['/lib.js', '/landing.json', '/story/3', '/track.js']));
    expectNothingCarried(elsewhere);
    expectNothingCarried(since(otherPort, at.otherPort));
    const own = since(site, at.site);
    expect(own.map((r) => r.path)).toContain('/api/post/2.json');
    expectAllCarried(own);
  });
});

describe.skipIf(!CHROMIUM)('a rendered page and the source\'s proxy (Chromium)', () => {
  it('every request of the page, robots.txt included, goes through the source\'s proxy', async () => {
    const proxy = await startProxy();
    const net = outbound({ allowPrivateNetworks: true });
    const { beforeRequest } = createPoliteFetchers({ allowPrivateNetworks: true, hostDelayMs: 0, proxied: net.proxied });
    const proxied = nodeBrowser({ executablePath: CHROMIUM, allowPrivateNetworks: true, fetch: net.fetch, proxied: net.proxied, beforeRequest });
    const store = await openSqliteStore(':memory:');
    try {
      const at = marks();
      const source = makeSource({
        id: 'proxied', url: site.url, render: { mode: 'browser', waitFor: 'main a, article p' }, list: { item: 'main li' },
        request: { ...REQUEST, proxy: proxy.url },
      });
      const report = await scrapeSource(source, { fetch: failingFetch, browser: proxied.browser, store });
      expect(report).toMatchObject({ ok: true, created: 3 });
      const all = [...since(site, at.site), ...since(thirdParty, at.thirdParty), ...since(otherPort, at.otherPort)];
      expect(all.length).toBeGreaterThan(10);
      for (const r of all) expect({ path: r.path, via: r.headers.via }).toEqual({ path: r.path, via: '1.1 test-proxy' });
      expect(proxy.seen).toEqual(expect.arrayContaining([site.at('/robots.txt'), site.url, site.at('/api/list.json'), thirdParty.at('/lib.js'), otherPort.at('/pixel.json')]));
      // Through the proxy, the rules of the page's origin still hold.
      expectAllCarried(since(site, at.site).filter((r) => r.path !== '/robots.txt'));
      expectNothingCarried(since(thirdParty, at.thirdParty).filter((r) => r.path !== '/robots.txt'));
    } finally {
      await store.close();
      await proxied.close();
      await net.close();
      await proxy.close();
    }
  });

  it('a browser without a way through proxies refuses the page, before any browser starts', async () => {
    const pool = createBrowserPool({ executablePath: CHROMIUM! });
    try {
      const guard = async () => null;
      await expect(pool.render(site.url, { timeoutMs: 5000, maxBytes: 1e6, guard, proxy: 'http://127.0.0.1:9/' }))
        .rejects.toThrow(`cannot fetch ${site.url} through a proxy: request.proxy and proxy work on Node only`);
      expect(pool.launches).toBe(0);
    } finally {
      await pool.close();
    }
  });
});

const failingFetch = async (url: string): Promise<never> => {
  throw new Error(`static fetch of ${url} in a render: browser test`);
};

/**
 * The rules around a runtime's browser (createBrowserFetch), with a stand-in renderer: address
 * checks and robots.txt for the page URL before anything renders, the byte cap on the rendered
 * DOM, HTTP errors, and the backstop deadline for a renderer that never answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WallError } from '../../src/fetch/challenge.ts';
import { createBrowserFetch, pageRequestHeaders, withRenderDeadline, type PageRenderer, type RenderPageOptions } from '../../src/fetch/browser.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { createPoliteFetchers } from '../../src/fetch/polite.ts';
import { createRequestGuard } from '../../src/fetch/request-guard.ts';
import { startOrigin } from '../../testkit/origin.ts';

function renderer(html = '<main>ok</main>', status = 200): PageRenderer & { calls: { url: string; options: RenderPageOptions }[] } {
  const calls: { url: string; options: RenderPageOptions }[] = [];
  return { calls, async render(url, options) {
    calls.push({ url, options });
    return { url, status, html };
  } };
}

const open = createRequestGuard({ allowPrivateNetworks: true });

describe('createBrowserFetch', () => {
  it('returns the rendered DOM as a page, with the source options and the guard handed to the browser', async () => {
    const r = renderer('<main><a href="/a">A</a></main>');
    const hops: unknown[] = [];
    const fetch = createBrowserFetch({ renderer: r, guard: open, beforeRequest: (_url, _signal, hop) => void hops.push(hop) });
    const page = await fetch('https://news.example/', { waitFor: 'main a', timeoutMs: 4000, request: { headers: { 'x-a': '1' } }, proxy: 'http://proxy.test:3128/' });
    expect(page).toMatchObject({ url: 'https://news.example/', status: 200, notModified: false, text: '<main><a href="/a">A</a></main>', etag: null });
    expect(r.calls[0].options).toMatchObject({ waitFor: 'main a', timeoutMs: 4000, request: { headers: { 'x-a': '1' } }, proxy: 'http://proxy.test:3128/', guard: open });
    // robots.txt and spacing are asked with what the page is opened with.
    expect(hops).toEqual([{ headers: { 'x-a': '1' }, proxy: 'http://proxy.test:3128/' }]);
  });

  it('refuses private addresses and file: URLs before the browser is asked', async () => {
    const r = renderer();
    const fetch = createBrowserFetch({ renderer: r, guard: createRequestGuard({ allowPrivateNetworks: false }) });
    await expect(fetch('http://169.254.169.254/latest/')).rejects.toThrow('link-local address');
    await expect(fetch('file:///etc/passwd')).rejects.toThrow('file: sources are read as they are (use render: static)');
    expect(r.calls).toEqual([]);
  });

  it('applies robots.txt to the page URL (the polite fetcher\'s own policy)', async () => {
    const origin = await startOrigin({ routes: { '/robots.txt': (_q, res) => void res.writeHead(200).end('User-agent: *\nDisallow: /private\n') } });
    try {
      const { beforeRequest } = createPoliteFetchers({ allowPrivateNetworks: true, hostDelayMs: 0 });
      const r = renderer();
      const fetch = createBrowserFetch({ renderer: r, guard: open, beforeRequest });
      await expect(fetch(origin.at('/private/page'))).rejects.toThrow('is disallowed by robots.txt (line 2)');
      await fetch(origin.at('/public'));
      expect(r.calls.map((c) => c.url)).toEqual([origin.at('/public')]);
    } finally {
      await origin.close();
    }
  });

  it('reads robots.txt with the page\'s cookies and User-Agent, as the browser will send them', async () => {
    const origin = await startOrigin({ routes: { '/robots.txt': (req, res) => {
      if (req.headers.cookie === 'session=abc') res.writeHead(200).end('User-agent: *\nDisallow: /private\n');
      else res.writeHead(503).end();
    } } });
    try {
      const { beforeRequest } = createPoliteFetchers({ allowPrivateNetworks: true, hostDelayMs: 0 });
      const r = renderer();
      const fetch = createBrowserFetch({ renderer: r, guard: open, beforeRequest });
      const request = { cookies: { session: 'abc' }, userAgent: 'MyReader/2.0' };
      await expect(fetch(origin.at('/private/page'), { request })).rejects.toThrow('is disallowed by robots.txt (line 2)');
      await fetch(origin.at('/public'), { request });
      expect(r.calls.map((c) => c.url)).toEqual([origin.at('/public')]);
      const robots = origin.received.filter((q) => q.path === '/robots.txt');
      expect(robots.map((q) => [q.headers.cookie, q.headers['user-agent']])).toEqual([['session=abc', 'MyReader/2.0']]);
    } finally {
      await origin.close();
    }
  });

  it('caps the rendered result at maxBytes and reports HTTP errors of the document', async () => {
    await expect(createBrowserFetch({ renderer: renderer('x'.repeat(2000)), guard: open, maxBytes: 1000 })('https://a.example/'))
      .rejects.toThrow('response from https://a.example/ is larger than maxBytes (1000 bytes)');
    await expect(createBrowserFetch({ renderer: renderer('gone', 404), guard: open })('https://a.example/'))
      .rejects.toMatchObject({ message: 'HTTP 404 from https://a.example/', status: 404 });
  });

  it('reports a document answered with an error status that is a bot wall as the wall', async () => {
    const challenge = readFileSync(new URL('../fixtures/challenge/cloudflare-503-checking-browser.html', import.meta.url), 'utf8');
    const error = await createBrowserFetch({ renderer: renderer(challenge, 503), guard: open })('https://a.example/').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(WallError);
    expect(error).toMatchObject({ status: 503, message: 'https://a.example/ answers with a Cloudflare bot challenge ("Just a moment...") (HTTP 503) instead of the page' });
    await expect(createBrowserFetch({ renderer: renderer('<title>503 Service Unavailable</title>', 503), guard: open })('https://a.example/'))
      .rejects.toMatchObject({ message: 'HTTP 503 from https://a.example/', status: 503 });
  });

  it('gives up on a browser that never answers, closing its page', async () => {
    let closed = 0;
    const started = Date.now();
    await expect(withRenderDeadline(new Promise(() => {}), 300, 'https://a.example/', () => closed++))
      .rejects.toThrow('timed out after 300 ms rendering https://a.example/');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(closed).toBe(1);
    expect(await withRenderDeadline(Promise.resolve('page'), 300, 'https://a.example/', () => closed++)).toBe('page');
    expect(closed).toBe(1);
  });
});

describe('pageRequestHeaders: what one request of a rendered page carries', () => {
  const request = { headers: { Authorization: 'Bearer t0k3n', 'Accept-Language': 'en' }, cookies: { session: 'abc' }, userAgent: 'MyReader/2.0' };
  const page = 'https://news.example/list';
  const browser = { 'user-agent': 'MyReader/2.0', accept: '*/*', 'accept-language': 'de', cookie: 'visit=1' };

  it('gives the page\'s own origin the source\'s headers, cookies after the page\'s own, and User-Agent', () => {
    expect(pageRequestHeaders(browser, { pageUrl: page, firstUrl: 'https://news.example/api', url: 'https://news.example/api' }, request)).toEqual({
      'user-agent': 'MyReader/2.0', accept: '*/*', 'accept-language': 'en', authorization: 'Bearer t0k3n', cookie: 'visit=1; session=abc',
    });
    expect(pageRequestHeaders({ accept: '*/*' }, { pageUrl: page, firstUrl: page, url: page }, { cookies: { session: 'abc' } }))
      .toEqual({ accept: '*/*', cookie: 'session=abc' });
  });

  it('gives any other origin none of them and feedwright\'s User-Agent: another site, port or scheme', () => {
    for (const url of ['https://cdn.example/lib.js', 'https://news.example:8443/x', 'http://news.example/x', 'https://sub.news.example/x']) {
      expect(pageRequestHeaders({ 'user-agent': 'MyReader/2.0', accept: '*/*' }, { pageUrl: page, firstUrl: url, url }, request))
        .toEqual({ 'user-agent': DEFAULTS.userAgent, accept: '*/*' });
    }
  });

  it('drops the browser\'s credentials for the first URL on a redirect to another origin, and adds the source\'s back on its own', () => {
    const fromAway = { 'user-agent': 'x', cookie: 'tracker=1', authorization: 'Basic eA==' };
    expect(pageRequestHeaders(fromAway, { pageUrl: page, firstUrl: 'https://cdn.example/r', url: 'https://news.example/api' }, request))
      .toMatchObject({ cookie: 'session=abc', authorization: 'Bearer t0k3n', 'user-agent': 'MyReader/2.0' });
    expect(pageRequestHeaders(browser, { pageUrl: page, firstUrl: page, url: 'https://cdn.example/landing' }, request))
      .toEqual({ 'user-agent': DEFAULTS.userAgent, accept: '*/*', 'accept-language': 'de' });
  });

  it('leaves a page without request options as the browser made it, apart from other sites', () => {
    const own = { 'user-agent': DEFAULTS.userAgent, cookie: 'visit=1' };
    expect(pageRequestHeaders(own, { pageUrl: page, firstUrl: page, url: page })).toEqual(own);
    expect(pageRequestHeaders({ 'user-agent': DEFAULTS.userAgent, cookie: 'x=1' }, { pageUrl: page, firstUrl: 'data:text/plain,x', url: 'data:text/plain,x' }))
      .toEqual({ 'user-agent': DEFAULTS.userAgent });
  });
});

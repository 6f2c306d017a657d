import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/defaults.ts';
import { createPoliteFetcher } from '../../src/fetch/polite.ts';
import { pageRequestFor, sourceFetcher } from '../../src/fetch/source-request.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { startOrigin, type Handler, type Origin } from '../../testkit/origin.ts';
import { makeSource } from '../../testkit/sources.ts';

const DEMO = fileURLToPath(new URL('../../data/demo/', import.meta.url));

let site: Origin;
let other: Origin;
/** A site behind a wall: robots.txt and pages answer only with the source's cookie (503 without). */
let walled: Origin;
const polite = () => createPoliteFetcher({ allowPrivateNetworks: true, robots: true, hostDelayMs: 0 });

beforeAll(async () => {
  other = await startOrigin({ host: '127.0.0.2', routes: { '/page': (_req, res) => { res.end('<p>other</p>'); } } });
  const wall = (ok: (res: import('node:http').ServerResponse) => void): Handler => (req, res) => {
    if (req.headers.cookie === 'session=abc') ok(res);
    else res.writeHead(503, { 'content-type': 'text/html' }).end('<p>Service unavailable</p>');
  };
  walled = await startOrigin({
    host: '127.0.0.3',
    routes: {
      '/robots.txt': wall((res) => res.end('User-agent: *\nDisallow: /private\n')),
      '/*': wall((res) => res.end('<p>member page</p>')),
    },
  });
  site = await startOrigin({
    root: DEMO,
    routes: {
      '/robots.txt': (_req, res) => { res.end('User-agent: *\nDisallow: /private\n'); },
      '/private': (_req, res) => { res.end('secret'); },
      '/away': (_req, res) => { res.statusCode = 302; res.setHeader('location', `${other.url}page`); res.end(); },
    },
  });
});
afterAll(async () => {
  await site.close();
  await other.close();
  await walled.close();
});

const source = () => makeSource({
  id: 'news', url: `${site.url}index.html`,
  request: { headers: { Authorization: 'Bearer t0k3n', 'X-Api-Key': 'k1' }, cookies: { session: 'abc', consent: 'yes' }, userAgent: 'MyReader/2.0' },
});

const lastTo = (origin: Origin, path: string) => [...origin.received].reverse().find((r) => r.path === path)!;

describe('a source\'s request options', () => {
  it('sends its headers, cookies and User-Agent to the source\'s own host', async () => {
    await sourceFetcher(polite(), source())(`${site.url}index.html`);
    const got = lastTo(site, '/index.html').headers;
    expect(got.authorization).toBe('Bearer t0k3n');
    expect(got['x-api-key']).toBe('k1');
    expect(got.cookie).toBe('session=abc; consent=yes');
    expect(got['user-agent']).toBe('MyReader/2.0');
  });

  it('keeps feedwright\'s User-Agent when the operator does not override it', async () => {
    const plain = makeSource({ id: 'plain', url: `${site.url}index.html`, request: { cookies: { a: 'b' } } });
    await sourceFetcher(polite(), plain)(`${site.url}index.html`);
    const got = lastTo(site, '/index.html').headers;
    expect(got['user-agent']).toBe(DEFAULTS.userAgent);
    expect(got['user-agent']).toMatch(/feedwright/);
    expect(got.cookie).toBe('a=b');
  });

  it('never sends them to another host, directly or after a redirect', async () => {
    const fetch = sourceFetcher(polite(), source());
    await fetch(`${other.url}page`);
    for (const got of [lastTo(other, '/page').headers]) {
      expect(got.authorization).toBeUndefined();
      expect(got.cookie).toBeUndefined();
      expect(got['user-agent']).toBe(DEFAULTS.userAgent);
    }
    const before = other.received.length;
    const result = await fetch(`${site.url}away`);
    expect(result.text).toBe('<p>other</p>');
    expect(other.received.length).toBe(before + 1);
    expect(lastTo(other, '/page').headers.cookie).toBeUndefined();
    expect(lastTo(other, '/page').headers.authorization).toBeUndefined();
  });

  it('still honours robots.txt', async () => {
    await expect(sourceFetcher(polite(), source())(`${site.url}private`)).rejects.toThrow(/disallowed by robots\.txt/);
    expect(site.hits).not.toContain('GET /private');
  });

  it('applies to every request of a scrape run: listing and article pages', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      const start = site.received.length;
      const report = await scrapeSource(source(), { fetch: polite(), store });
      expect(report.ok).toBe(true);
      const pages = site.received.slice(start).filter((r) => r.path.endsWith('.html'));
      expect(pages.length).toBeGreaterThan(1);
      for (const r of pages) {
        expect(r.headers.cookie).toBe('session=abc; consent=yes');
        expect(r.headers['user-agent']).toBe('MyReader/2.0');
      }
    } finally {
      await store.close();
    }
  });

  it('reads robots.txt with them, as the pages are read, and keeps each source\'s answer apart', async () => {
    const fetch = polite();
    const member = sourceFetcher(fetch, makeSource({ id: 'member', url: walled.at('/news'), request: { cookies: { session: 'abc' }, userAgent: 'MyReader/2.0' } }));
    expect((await member(walled.at('/news'))).text).toBe('<p>member page</p>');
    await expect(member(walled.at('/private'))).rejects.toThrow(/disallowed by robots\.txt/);
    const robots = walled.received.filter((r) => r.path === '/robots.txt');
    expect(robots).toHaveLength(1);
    expect(robots[0]!.headers.cookie).toBe('session=abc');
    expect(robots[0]!.headers['user-agent']).toBe('MyReader/2.0');
    // Another source of the same site, without the cookie, through the same fetcher: the member's
    // robots.txt is not its answer; it asks for its own (503: the site is unreachable for it).
    const guest = sourceFetcher(fetch, makeSource({ id: 'guest', url: walled.at('/news') }));
    await expect(guest(walled.at('/news'))).rejects.toThrow(/robots\.txt is unreachable \(HTTP 503\)/);
    expect(walled.received.filter((r) => r.path === '/robots.txt')).toHaveLength(2);
    expect(walled.hits).not.toContain('GET /private');
  });

  it('reads another host\'s robots.txt, reached by a redirect, without them', async () => {
    const before = other.received.length;
    await sourceFetcher(polite(), source())(`${site.url}away`);
    const robots = other.received.slice(before).find((r) => r.path === '/robots.txt')!;
    expect(robots.headers.cookie).toBeUndefined();
    expect(robots.headers.authorization).toBeUndefined();
    expect(robots.headers['user-agent']).toBe(DEFAULTS.userAgent);
  });

  it('sends robots.txt through the source\'s proxy too', async () => {
    const proxiedUrls: string[] = [];
    const fetch = createPoliteFetcher({
      allowPrivateNetworks: true, hostDelayMs: 0,
      proxied: (proxy) => (input, init) => {
        proxiedUrls.push(`${proxy} ${String(input)}`);
        return globalThis.fetch(input, init);
      },
    });
    const proxiedSource = makeSource({ id: 'p', url: walled.at('/news'), request: { proxy: 'http://proxy.test:3128/', cookies: { session: 'abc' } } });
    await sourceFetcher(fetch, proxiedSource)(walled.at('/news'));
    expect(proxiedUrls).toEqual([`http://proxy.test:3128/ ${walled.at('/robots.txt')}`, `http://proxy.test:3128/ ${walled.at('/news')}`]);
  });

  it('refuses a proxy where the runtime has none (Workers), naming the option', async () => {
    const proxied = makeSource({ id: 'p', url: `${site.url}index.html`, request: { proxy: 'http://127.0.0.1:9/' } });
    await expect(sourceFetcher(polite(), proxied)(`${site.url}index.html`)).rejects.toThrow(/request\.proxy and proxy work on Node only/);
  });
});

describe('pageRequestFor: what a browser opens a page of the source with', () => {
  const request = { headers: { Authorization: 'Bearer t0k3n' }, cookies: { session: 'abc' }, userAgent: 'MyReader/2.0', proxy: 'http://proxy.test:3128/' };
  const paged = makeSource({ id: 'p', type: 'feed', urls: ['https://news.example/feed', 'https://news.example:8443/more', 'http://archive.example/'], request });

  it('the headers, cookies and User-Agent for a page on one of its own hosts (its urls), not the proxy', () => {
    for (const url of ['https://news.example/a/1', 'http://news.example/a/2', 'https://news.example:8443/a', 'http://archive.example/old']) {
      expect(pageRequestFor(paged, url)).toEqual({ headers: { Authorization: 'Bearer t0k3n' }, cookies: { session: 'abc' }, userAgent: 'MyReader/2.0' });
    }
  });

  it('nothing for a page of another site, another port, or a source without options', () => {
    for (const url of ['https://elsewhere.example/story', 'https://news.example:9000/a', 'https://www.news.example/a', 'not a url']) {
      expect(pageRequestFor(paged, url)).toBeUndefined();
    }
    expect(pageRequestFor(makeSource({ id: 'q', url: 'https://news.example/' }), 'https://news.example/a')).toBeUndefined();
  });
});

describe('secrets in errors', () => {
  it('a run\'s error, as stored for /health and logged, never holds a header or cookie value', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      const leaky = async () => { throw new Error('upstream echoed Authorization: Bearer t0k3n and cookie session=abc'); };
      const report = await scrapeSource(source(), { fetch: leaky, store });
      expect(report.ok).toBe(false);
      expect(report.error).toBe('upstream echoed Authorization: *** and cookie session=abc'); // values under 4 characters are left alone
      expect((await store.getState('news'))!.lastError).toContain('Authorization: ***');
      expect((await store.getState('news'))!.lastError).not.toContain('t0k3n');
    } finally {
      await store.close();
    }
  });
});

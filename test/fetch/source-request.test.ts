import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/defaults.ts';
import { createPoliteFetcher } from '../../src/fetch/polite.ts';
import { sourceFetcher } from '../../src/fetch/source-request.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { startOrigin, type Origin } from '../../testkit/origin.ts';
import { makeSource } from '../../testkit/sources.ts';

const DEMO = fileURLToPath(new URL('../../data/demo/', import.meta.url));

let site: Origin;
let other: Origin;
const polite = () => createPoliteFetcher({ allowPrivateNetworks: true, robots: true, hostDelayMs: 0 });

beforeAll(async () => {
  other = await startOrigin({ host: '127.0.0.2', routes: { '/page': (_req, res) => { res.end('<p>other</p>'); } } });
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

  it('refuses a proxy where the runtime has none (Workers), naming the option', async () => {
    const proxied = makeSource({ id: 'p', url: `${site.url}index.html`, request: { proxy: 'http://127.0.0.1:9/' } });
    await expect(sourceFetcher(polite(), proxied)(`${site.url}index.html`)).rejects.toThrow(/request\.proxy and proxy work on Node only/);
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

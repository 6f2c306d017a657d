/**
 * A rendered page may not reach private addresses: with allowPrivateNetworks off, every request its
 * scripts make (fetch, XHR, a redirect hop) passes the same address check as the fetcher. The
 * site plays a public one: `news.test` resolves (by the injected resolver) to a public address,
 * and the injected network delivers it from a loopback origin, so nothing leaves the machine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserFetch } from '../../../src/fetch/browser.ts';
import { createRequestGuard } from '../../../src/fetch/request-guard.ts';
import { createBrowserPool } from '../../../src/runtime/node/browser-pool.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { CHROMIUM } from '../../helpers/browser.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const html = (body: string) => (_q: unknown, res: import('node:http').ServerResponse) =>
  void res.writeHead(200, { 'content-type': 'text/html' }).end(body);

describe.skipIf(!CHROMIUM)('a rendered page with allowPrivateNetworks off', () => {
  it('cannot reach loopback, metadata or private addresses from script, directly or by redirect', async () => {
    // What an attacker would like to read: a service on another port of this machine.
    const secret = await startOrigin({ routes: { '/*': html('secret') } });
    cleanups.push(() => secret.close());
    const tries = [
      `http://127.0.0.1:${secret.port}/admin`,
      `http://localhost:${secret.port}/admin`,
      `http://[::ffff:127.0.0.1]:${secret.port}/admin`,
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://10.0.0.1/',
      'http://inside.test/',
      '/bounce',
    ];
    const xhr = `new Promise((done) => { const x = new XMLHttpRequest(); x.open('GET', 'http://127.0.0.1:${secret.port}/xhr');
      x.onload = () => done('read ' + x.responseText); x.onerror = () => done('refused'); x.send(); })`;
    const script = `Promise.all([...${JSON.stringify(tries)}.map((u) => fetch(u).then((r) => r.text()).then((t) => 'read ' + t, () => 'refused')), ${xhr}])
      .then((results) => { const out = document.getElementById('out'); out.textContent = results.join(','); out.dataset.done = '1'; });`;
    const site: Origin = await startOrigin({ routes: {
      '/': html(`<main><p id="out">pending</p><p>public text</p></main><script>${script}</script>`),
      '/bounce': (_q, res) => void res.writeHead(302, { location: `http://127.0.0.1:${secret.port}/via-redirect` }).end(),
    } });
    cleanups.push(() => site.close());

    const dns: Record<string, string[]> = { 'news.test': ['93.184.216.34'], 'inside.test': ['192.168.1.20'] };
    const resolveHost = async (name: string) => dns[name] ?? [];
    // The network: news.test is served by the loopback origin; anything else would reach the secret.
    const net: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      if (url.hostname === 'news.test') url.host = `127.0.0.1:${site.port}`;
      else url.host = `127.0.0.1:${secret.port}`;
      return globalThis.fetch(url, init);
    };
    const pool = createBrowserPool({ executablePath: CHROMIUM!, fetch: net });
    cleanups.push(() => pool.close());
    const guard = createRequestGuard({ allowPrivateNetworks: false, resolveHost });
    const browser = createBrowserFetch({ renderer: pool, guard });

    const page = await browser('http://news.test/', { waitFor: '#out[data-done]', timeoutMs: 10_000 });
    expect(page.text).toContain('public text');
    expect(page.text).toContain(`>${Array(tries.length + 1).fill('refused').join(',')}<`);
    expect(secret.hits).toEqual([]);
    expect(site.hits).toEqual(['GET /', 'GET /bounce']);
    const refused = pool.refused.join('\n');
    expect(refused).toContain(`refusing to fetch http://127.0.0.1:${secret.port}/admin: loopback address`);
    expect(refused).toContain('169.254.169.254');
    expect(refused).toContain('metadata.google.internal');
    expect(refused).toContain('inside.test resolves to 192.168.1.20');
    expect(refused).toContain('/via-redirect');
    expect(refused).toContain('/xhr');
  });

  it('refuses a page on a private address before any browser starts', async () => {
    const pool = createBrowserPool({ executablePath: CHROMIUM! });
    cleanups.push(() => pool.close());
    const browser = createBrowserFetch({ renderer: pool, guard: createRequestGuard({ allowPrivateNetworks: false }) });
    await expect(browser('http://127.0.0.1:9/')).rejects.toThrow('refusing to fetch http://127.0.0.1:9/: loopback address; set allowPrivateNetworks: true');
    expect(pool.launches).toBe(0);
  });
});

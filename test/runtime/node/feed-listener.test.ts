import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NODE_COMPRESSORS } from '../../../src/runtime/node/compress.ts';
import { nodeListener } from '../../../src/runtime/node/http-server.ts';
import { createNodeMetrics } from '../../../src/runtime/node/metrics.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import { createApp } from '../../../src/server/app.ts';
import { MemoryFeedCache } from '../../../src/server/cache.ts';
import type { Metrics } from '../../../src/server/metrics.ts';
import type { Store } from '../../../src/store/store.ts';
import { makeSource } from '../../../testkit/sources.ts';
import { makeItem } from '../../helpers/items.ts';

// The Node listener answers feed polls in front of the Hono app (feed-listener.ts): whatever it
// answers must be byte for byte what the app answers, and whatever it does not must reach the app.

const NOW = new Date('2024-03-10T10:20:00.000Z');
const SOURCES = [
  makeSource({ id: 'news', title: 'News', schedule: '0 * * * *', limit: 3 }),
  makeSource({ id: 'blog', title: 'Blog', schedule: '*/15 * * * *' }),
  makeSource({ id: 'broken', title: 'Its reads fail' }),
];

/** The store, except that reading the `broken` source's version fails. */
const failing = (store: Store): Store => new Proxy(store, {
  get(target, prop, receiver) {
    if (prop === 'feedVersion') return (id: string) => (id === 'broken' ? Promise.reject(new Error('disk on fire')) : target.feedVersion(id));
    const value = Reflect.get(target, prop, receiver);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

interface Served { server: Server; port: number; metrics: Metrics; fetches: number }
let store: Store;
let plain: Served; // the Hono app alone
let front: Served; // the same app with the feed front

async function serve(feedFront: boolean): Promise<Served> {
  const metrics = createNodeMetrics();
  const app = createApp({
    sources: SOURCES, store: failing(store), cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example/', now: () => NOW,
    compressors: NODE_COMPRESSORS, metrics, metricsToken: 'm', limits: { maxUrlLength: 300, maxHeaderBytes: 2048 },
  });
  const served = { metrics, fetches: 0 } as Served;
  const fetch = app.fetch;
  app.fetch = (request, ...rest) => {
    served.fetches++;
    return fetch(request, ...rest);
  };
  served.server = createServer(nodeListener(app, { feedFront }));
  await new Promise<void>((r) => served.server.listen(0, '127.0.0.1', r));
  served.port = (served.server.address() as AddressInfo).port;
  return served;
}

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await store.upsertItems('news', [1, 2, 3, 4].map((n) => makeItem(n, { sourceId: 'news' })), new Date('2024-03-06T08:00:00.000Z'));
  await store.upsertItems('blog', [5, 6].map((n) => makeItem(n, { sourceId: 'blog' })), new Date('2024-03-07T08:00:00.000Z'));
  plain = await serve(false);
  front = await serve(true);
});
afterAll(async () => {
  for (const s of [plain, front]) {
    await new Promise<void>((r) => {
      s.server.close(() => r());
      s.server.closeAllConnections();
    });
  }
  await store.close();
});

interface RawResponse { status: number; headers: [string, string][]; body: Buffer }

/** One request written as is on a fresh connection (so odd requests stay odd), read to the close. */
function raw(port: number, head: string, body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const headers = lines.map((l): [string, string] => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(end + 4) });
    });
    socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  });
}

const request = (method: string, target: string, headers: string[] = []) =>
  [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1:8080', ...headers].join('\r\n');

/** The response without Date, headers in a stable order. */
const comparable = (r: RawResponse) => ({
  status: r.status,
  headers: r.headers.filter(([name]) => name !== 'date').sort(([a], [b]) => a.localeCompare(b)),
  body: r.body.toString('base64'),
});

async function both(head: string, body = ''): Promise<RawResponse> {
  const [a, b] = await Promise.all([raw(plain.port, head, body), raw(front.port, head, body)]);
  expect(a.status, head).toBeGreaterThanOrEqual(200);
  expect(comparable(b), head).toEqual(comparable(a));
  return b;
}

describe('feeds answered in front of the app', () => {
  it('answers 200s and 304s exactly as the app does, for every format, coding, method and validator', async () => {
    const etags = new Map<string, string>();
    const before = front.fetches;
    for (const path of ['/feeds/news.rss', '/feeds/news.atom', '/feeds/blog.json', '/feeds/news.rss?limit=2', '/feeds/news.rss?filter_title=number+2&limit=1']) {
      for (const ae of [[], ['Accept-Encoding: gzip'], ['Accept-Encoding: br;q=0.5, gzip;q=0.9'], ['Accept-Encoding: gzip;q=0, deflate'], ['Accept-Encoding: *'], ['Accept-Encoding: identity, br;q=0']]) {
        for (const method of ['GET', 'HEAD']) {
          const ok = await both(request(method, path, ae));
          expect(ok.status).toBe(200);
          const etag = ok.headers.find(([n]) => n === 'etag')![1];
          etags.set(`${path} ${ae}`, etag);
          const validators = [
            [`If-None-Match: ${etag}`], [`If-None-Match: "nope", ${etag}`], ['If-None-Match: *'], ['If-None-Match: "nope"'],
            ['If-Modified-Since: Sun, 10 Mar 2024 09:00:00 GMT'], ['If-Modified-Since: Tue, 05 Mar 2024 09:00:00 GMT'],
            ['If-Modified-Since: tomorrow'], ['If-None-Match: "nope"', 'If-Modified-Since: Sun, 10 Mar 2024 09:00:00 GMT'],
            // Repeated headers are joined as the Fetch API joins them.
            ['If-None-Match: "nope"', `If-None-Match: ${etag}`], ['Accept-Encoding: gzip;q=0', 'Accept-Encoding: gzip'],
          ];
          for (const v of validators) await both(request(method, path, [...ae, ...v]));
        }
      }
    }
    expect(new Set(etags.values()).size).toBe(10); // per variant: strong for identity, weak for the compressed codings
    expect(front.fetches).toBe(before); // none of these reached the app
  });

  it('answers what a browser opening the feed gets (Sec-Fetch-Dest: document)', async () => {
    const before = front.fetches;
    const r = await both(request('GET', '/feeds/news.rss', ['Sec-Fetch-Dest: document']));
    expect(r.headers.find(([n]) => n === 'content-type')![1]).not.toBe((await both(request('GET', '/feeds/news.rss'))).headers.find(([n]) => n === 'content-type')![1]);
    expect(front.fetches).toBe(before);
  });

  it('leaves everything else to the app, which answers it as before', async () => {
    const before = front.fetches;
    const odd: [string, string?][] = [
      [request('GET', '/feeds/unknown.rss')],
      [request('GET', '/feeds/news.xml')],
      [request('GET', '/feeds/news')],
      [request('GET', '/feeds/news.rss/')],
      [request('GET', '/feeds/news.rss?limit=0')],
      [request('GET', '/feeds/news.rss?filter_case_sensitive=maybe')],
      [request('GET', '/feeds/n%65ws.rss')],
      [request('GET', '/feeds/%E0%A4%A.rss')],
      [request('GET', '/feeds/news.rss#top')],
      [request('GET', '/feeds/./news.rss')],
      [request('GET', `/feeds/news.rss?${'q'.repeat(400)}`)],
      [request('GET', '/feeds/news.rss', [`X-Padding: ${'a'.repeat(3000)}`])],
      [request('GET', '/feeds/news.rss', ['Content-Length: 5']), 'hello'],
      [request('GET', '/feeds/news.rss', ['Content-Length: 0'])],
      [request('GET', '/feeds/news.rss', ['Transfer-Encoding: chunked']), '5\r\nhello\r\n0\r\n\r\n'],
      [request('POST', '/feeds/news.rss', ['Content-Length: 0'])],
      [request('DELETE', '/feeds/news.rss')],
      [request('GET', '/feeds/news.rss').replace('Host: 127.0.0.1:8080', 'Host: Feeds.Example')],
      [request('GET', '/feeds/news.rss').replace('Host: 127.0.0.1:8080', 'Host: 127.0.0.1:80')],
      [request('GET', '/feed.xsl')],
      [request('GET', '/feeds.opml')],
    ];
    const statuses = [];
    for (const [head, body] of odd) statuses.push((await both(head, body)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 400, 400, 200, 400, 200, 200, 414, 431, 200, 200, 200, 404, 404, 200, 200, 200, 200]);
    expect(front.fetches - before).toBe(odd.length);
  });

  it('leaves a request that fails to the app, which answers 500', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const before = front.fetches;
    try {
      expect((await both(request('GET', '/feeds/broken.rss'))).status).toBe(500);
    } finally {
      quiet.mockRestore();
    }
    expect(front.fetches).toBe(before + 1);
  });

  it('serves a new version after a write, with new validators, as the app does', async () => {
    const old = await both(request('GET', '/feeds/blog.json'));
    await store.upsertItems('blog', [makeItem(7, { sourceId: 'blog' })], new Date('2024-03-08T08:00:00.000Z'));
    const etag = old.headers.find(([n]) => n === 'etag')![1];
    const fresh = await both(request('GET', '/feeds/blog.json', [`If-None-Match: ${etag}`]));
    expect(fresh.status).toBe(200);
    expect(fresh.headers.find(([n]) => n === 'etag')![1]).not.toBe(etag);
    expect(fresh.body.toString()).toContain(makeItem(7, { sourceId: 'blog' }).title);
  });

  it('counts the requests it answers in the metrics, as the app counts them', async () => {
    await both(request('GET', '/feeds/news.rss'));
    const exposed = (s: Served) => s.metrics.expose([]);
    const [a, b] = await Promise.all([exposed(plain), exposed(front)]);
    const feeds = (text: string) => text.split('\n').filter((l) => l.startsWith('feedwright_http_requests_total') && l.includes('/feeds/:file')).sort();
    expect(feeds(b)).toEqual(feeds(a));
    expect(feeds(b).some((l) => l.includes('status="200"'))).toBe(true);
    expect(feeds(b).some((l) => l.includes('status="304"'))).toBe(true);
  });
});

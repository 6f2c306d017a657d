import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { DEFAULT_LIMITS } from '../../src/server/limits.ts';
import type { Store } from '../../src/store/store.ts';
import { makeItem } from '../helpers/items.ts';
import { makeSource } from '../../testkit/sources.ts';

const source = makeSource({ id: 'news', title: 'News', url: 'https://news.example/', schedule: '0 * * * *', limit: 3 });

let store: Store;
let app: ReturnType<typeof createApp>;
let server: ServerType;
let port: number;

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await store.upsertItems('news', [1, 2].map((n) => makeItem(n)), new Date('2024-03-06T08:00:00Z'));
  app = createApp({ sources: [source], store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example' });
  server = await new Promise((r) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => r(s));
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await store.close();
});

/** A raw HTTP/1.1 exchange over a real socket (chunked bodies, big headers: what fetch hides). */
function raw(
  method: string, path: string, opts: { headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of opts.chunks ?? []) req.write(chunk);
    req.end();
  });
}

async function jsonError(res: Response, status: number, error: string): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const doc = (await res.json()) as { error: string; message: string };
  expect(doc.error).toBe(error);
  expect(doc.message.length).toBeGreaterThan(10);
  return doc.message;
}

describe('request limits', () => {
  it('refuses an over-long URL with 414 on every route, and accepts one just under the cap', async () => {
    const base = 'http://localhost';
    const pad = (path: string, total: number) => `${path}${path.includes('?') ? '&' : '?'}x=${'a'.repeat(total - base.length - path.length - 3)}`;
    for (const path of ['/feeds/news.rss', '/', '/health', '/feeds.opml', '/no/such/route']) {
      const long = pad(path, DEFAULT_LIMITS.maxUrlLength + 1);
      expect(`${base}${long}`.length).toBe(DEFAULT_LIMITS.maxUrlLength + 1);
      expect(await jsonError(await app.request(long), 414, 'uri_too_long')).toContain(String(DEFAULT_LIMITS.maxUrlLength));
    }
    const fits = pad('/feeds/news.rss', DEFAULT_LIMITS.maxUrlLength);
    expect((await app.request(fits)).status).toBe(200);
  });

  it('caps URLs and headers on the write API too (its body cap is its own)', async () => {
    const long = `/api/sources/news/items?x=${'a'.repeat(DEFAULT_LIMITS.maxUrlLength)}`;
    await jsonError(await app.request(long, { method: 'POST', body: '{}' }), 414, 'uri_too_long');
    const headers = { Authorization: `Bearer ${'t'.repeat(DEFAULT_LIMITS.maxHeaderBytes)}` };
    await jsonError(await app.request('/api/sources/news/items', { method: 'POST', body: '{}', headers }), 431, 'headers_too_large');
  });

  it('refuses oversized headers with 431 and a JSON message, over a real socket', async () => {
    const big = { Cookie: `a=${'b'.repeat(DEFAULT_LIMITS.maxHeaderBytes)}` };
    const res = await raw('GET', '/feeds/news.rss', { headers: big });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'headers_too_large' });
    const ok = await raw('GET', '/feeds/news.rss', { headers: { Cookie: 'a=b' } });
    expect(ok.status).toBe(200);
  });

  it('refuses a body over the cap with 413, by Content-Length before reading it', async () => {
    const body = 'x'.repeat(DEFAULT_LIMITS.maxBodyBytes + 1);
    for (const path of ['/feeds/news.rss', '/health', '/anything']) {
      const res = await app.request(path, { method: 'POST', body, headers: { 'Content-Length': String(body.length) } });
      expect(await jsonError(res, 413, 'payload_too_large')).toContain(String(DEFAULT_LIMITS.maxBodyBytes));
    }
  });

  it('refuses a declared body over the cap on a GET too (a body no route reads)', async () => {
    for (const path of ['/feeds/news.rss', '/health', '/local/x/index.html']) {
      const res = await app.request(path, { headers: { 'Content-Length': String(100 * 1024 * 1024) } });
      await jsonError(res, 413, 'payload_too_large');
    }
    expect((await app.request('/feeds/news.rss', { headers: { 'Content-Length': '10' } })).status).toBe(200);
  });

  it('counts a chunked body without Content-Length and stops it at the cap', async () => {
    const chunk = 'y'.repeat(64 * 1024);
    const chunks = Array.from({ length: Math.ceil(DEFAULT_LIMITS.maxBodyBytes / chunk.length) + 2 }, () => chunk);
    const res = await raw('PUT', '/feeds/news.rss', { headers: { 'Transfer-Encoding': 'chunked' }, chunks });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'payload_too_large' });
    // A small body to a route that takes none is still a plain, explained 404.
    const small = await raw('POST', '/feeds/news.rss', { headers: { 'Transfer-Encoding': 'chunked' }, chunks: ['hi'] });
    expect(small.status).toBe(404);
    expect(JSON.parse(small.body)).toMatchObject({ error: 'not_found' });
  });

  it('answers malformed percent-encoding with 400, not a guess', async () => {
    for (const path of ['/feeds/%E0%A4%A.rss', '/feeds/%ZZ.rss', '/%']) {
      await jsonError(await app.request(path), 400, 'bad_request');
    }
  });

  it('honours per-app limits', async () => {
    const tight = createApp({
      sources: [source], store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example',
      limits: { maxUrlLength: 40, maxBodyBytes: 10 },
    });
    await jsonError(await tight.request('/feeds/news.rss?limit=2&padding=xxxxx'), 414, 'uri_too_long');
    expect((await tight.request('/feeds/news.rss?limit=2')).status).toBe(200);
    await jsonError(await tight.request('/health', { method: 'POST', body: '12345678901' }), 413, 'payload_too_large');
  });
});

describe('parameter hygiene (every route that reads parameters)', () => {
  it('rejects every malformed ?limit with 400 and clamps an enormous one', async () => {
    for (const bad of ['', '0', '-1', '1.5', '1e3', 'ten', '%ZZ', ' 3', '0x10', '３']) {
      const msg = await jsonError(await app.request(`/feeds/news.rss?limit=${encodeURIComponent(bad)}`), 400, 'bad_request');
      expect(msg).toMatch(/limit/);
    }
    const huge = await app.request('/feeds/news.json?limit=99999999999999999999999999');
    expect(huge.status).toBe(200);
    expect(((await huge.json()) as { items: unknown[] }).items).toHaveLength(2);
  });

  it('answers unknown routes, methods and feed names with an explained 404', async () => {
    for (const [method, path] of [['GET', '/feeds/nope.rss'], ['GET', '/feeds/news.xml'], ['GET', '/feeds/'], ['DELETE', '/feeds/news.rss'], ['GET', '/../../etc/passwd']]) {
      const msg = await jsonError(await app.request(path, { method }), 404, 'not_found');
      expect(msg).toMatch(/feeds|route/i);
    }
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODE_COMPRESSORS } from '../../src/runtime/node/compress.ts';
import { nodeListener } from '../../src/runtime/node/http-server.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import type { Store } from '../../src/store/store.ts';
import { makeSource } from '../../testkit/sources.ts';
import { countingStore } from '../helpers/counting-store.ts';
import { makeItem } from '../helpers/items.ts';

// Validators and headers are computed once per variant and version (feed-answer.ts, behind the route): these tests
// check that what is reused stays right per variant, per coding, per version and over time.

let now = new Date('2024-03-10T10:20:00.000Z');
let base: Store;
let store: Store;
let calls: Record<string, number>;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  now = new Date('2024-03-10T10:20:00.000Z');
  base = await openSqliteStore(':memory:');
  ({ store, calls } = countingStore(base));
  await base.upsertItems('news', [1, 2, 3, 4].map((n) => makeItem(n, { sourceId: 'news' })), new Date('2024-03-06T08:00:00.000Z'));
  app = createApp({
    sources: [makeSource({ id: 'news', title: 'News', schedule: '0 * * * *', limit: 3 })],
    store,
    cache: new MemoryFeedCache(),
    baseUrl: 'https://feeds.example/',
    now: () => now,
    compressors: NODE_COMPRESSORS,
  });
});
afterEach(() => base.close());

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => app.request(path, { method, headers });
const VARIANTS = ['/feeds/news.rss', '/feeds/news.atom', '/feeds/news.json', '/feeds/news.rss?limit=2', '/feeds/news.rss?filter_title=number%202'];
const CODINGS = ['identity', 'gzip', 'br', 'deflate'];

describe('feed variants served from memoized validators', () => {
  it('gives every variant and coding its own validator, the same on every poll, and 304s only its own', async () => {
    const tags = new Map<string, string>();
    for (let round = 0; round < 2; round++) {
      for (const path of VARIANTS) {
        for (const coding of CODINGS) {
          const res = await get(path, { 'Accept-Encoding': coding });
          expect(res.status).toBe(200);
          await res.arrayBuffer();
          const etag = res.headers.get('etag')!;
          expect(res.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest');
          expect(res.headers.get('content-encoding')).toBe(coding === 'identity' ? null : coding);
          expect(etag.startsWith('W/')).toBe(coding !== 'identity');
          const key = `${path} ${coding}`;
          if (round === 0) tags.set(key, etag);
          else expect(etag).toBe(tags.get(key));
        }
      }
    }
    // Variants differ; codings of one variant share the opaque tag.
    const plain = VARIANTS.map((p) => tags.get(`${p} identity`));
    expect(new Set(plain).size).toBe(VARIANTS.length);
    expect(tags.get('/feeds/news.rss gzip')).toBe(`W/${tags.get('/feeds/news.rss identity')}`);

    for (const path of VARIANTS) {
      const own = await get(path, { 'If-None-Match': tags.get(`${path} identity`)! });
      expect(own.status).toBe(304);
      expect(own.headers.get('etag')).toBe(tags.get(`${path} identity`));
      const zipped = await get(path, { 'Accept-Encoding': 'gzip', 'If-None-Match': tags.get(`${path} gzip`)! });
      expect(zipped.status).toBe(304);
      expect(zipped.headers.get('etag')).toBe(tags.get(`${path} gzip`));
      for (const other of VARIANTS.filter((p) => p !== path)) {
        expect((await get(other, { 'If-None-Match': tags.get(`${path} identity`)! })).status).toBe(200);
      }
    }
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    for (const path of VARIANTS) {
      for (const coding of ['identity', 'gzip']) {
        const full = await get(path, { 'Accept-Encoding': coding });
        const body = new Uint8Array(await full.arrayBuffer());
        const head = await get(path, { 'Accept-Encoding': coding }, 'HEAD');
        expect(head.status).toBe(200);
        for (const h of ['etag', 'last-modified', 'cache-control', 'vary', 'content-type', 'content-length', 'content-encoding']) {
          expect(head.headers.get(h)).toBe(full.headers.get(h));
        }
        expect(Number(full.headers.get('content-length'))).toBe(body.byteLength);
        expect((await head.arrayBuffer()).byteLength).toBe(0);
      }
    }
  });

  it('moves every variant to a new validator when the feed changes, and renders once per version', async () => {
    const before = await Promise.all(VARIANTS.map(async (p) => (await get(p)).headers.get('etag')!));
    const renders = calls.listItems ?? 0;
    for (const p of VARIANTS) await get(p);
    expect(calls.listItems ?? 0).toBe(renders); // warm: nothing listed again
    await store.upsertItems('news', [makeItem(9, { sourceId: 'news', title: 'Article number 29' })], new Date('2024-03-09T08:00:00.000Z'));
    for (const [i, path] of VARIANTS.entries()) {
      const stale = await get(path, { 'If-None-Match': before[i] });
      expect(stale.status).toBe(200);
      expect(stale.headers.get('etag')).not.toBe(before[i]);
      expect(stale.headers.get('last-modified')).toBe('Sat, 09 Mar 2024 08:00:00 GMT');
    }
    expect(await (await get('/feeds/news.rss')).text()).toContain('Article number 29');
  });

  it('counts max-age down with the clock, and moves a filter_time variant to a new validator each minute', async () => {
    expect((await get('/feeds/news.rss')).headers.get('cache-control')).toBe('public, max-age=2400');
    const timed = await get('/feeds/news.rss?filter_time=999999999');
    now = new Date(now.getTime() + 30_000);
    const notModified = await get('/feeds/news.rss', { 'If-None-Match': (await get('/feeds/news.rss')).headers.get('etag')! });
    expect(notModified.headers.get('cache-control')).toBe('public, max-age=2370');
    expect((await get('/feeds/news.rss?filter_time=999999999')).headers.get('etag')).toBe(timed.headers.get('etag')); // same minute
    now = new Date(now.getTime() + 60_000);
    expect((await get('/feeds/news.rss?filter_time=999999999')).headers.get('etag')).not.toBe(timed.headers.get('etag'));
  });

  it('still refuses a bad query each time it is asked', async () => {
    for (let i = 0; i < 2; i++) {
      expect((await get('/feeds/news.rss?limit=0')).status).toBe(400);
      expect((await get('/feeds/news.rss?filter_case_sensitive=maybe')).status).toBe(400);
    }
  });
});

describe('feeds over the Node listener', () => {
  let server: Server;
  let origin: string;
  beforeEach(async () => {
    server = createServer(nodeListener(app));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  }));

  it('keeps the request limits (header block from the raw headers), 304s and HEAD', async () => {
    const ok = await fetch(`${origin}/feeds/news.rss`, { headers: { 'accept-encoding': 'gzip' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{32}"$/);
    await ok.arrayBuffer();
    const poll = await fetch(`${origin}/feeds/news.rss`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': ok.headers.get('etag')! } });
    expect(poll.status).toBe(304);
    const head = await fetch(`${origin}/feeds/news.rss`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    const big = await fetch(`${origin}/feeds/news.rss`, { headers: { 'x-padding': 'a'.repeat(9 * 1024) } });
    expect(big.status).toBe(431);
    expect((await big.json()).error).toBe('headers_too_large');
    const long = await fetch(`${origin}/feeds/news.rss?${'q'.repeat(5000)}`);
    expect(long.status).toBe(414);
    const malformed = await fetch(`${origin}/feeds/%E0%A4%A.rss`);
    expect(malformed.status).toBe(400);
  });
});

import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { parseOpml } from 'feedsmith';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { SESSION_COOKIE, SessionKeys } from '../../src/server/session.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import type { Store } from '../../src/store/store.ts';
import { countingStore } from '../helpers/counting-store.ts';
import { makeItem } from '../helpers/items.ts';
import { makeSource, type SourceInput } from '../../testkit/sources.ts';

const NOW = new Date('2024-03-10T10:20:00.000Z');
const STARTED = new Date('2024-03-10T09:00:00.000Z');

// hourly: next run at 11:00, 40 minutes after NOW
const source = (id: string, overrides: SourceInput = {}) =>
  makeSource({ id, title: `${id} title`, schedule: '0 * * * *', limit: 3, ...overrides });

let base: Store;
let store: Store;
let calls: Record<string, number>;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  base = await openSqliteStore(':memory:');
  ({ store, calls } = countingStore(base));
  const items = [1, 2, 3, 4, 5].map((n) => makeItem(n, { sourceId: 'news' }));
  await base.upsertItems('news', items, new Date('2024-03-06T08:00:00.000Z'));
  app = createApp({
    sources: [source('news'), source('empty', { schedule: '0 0 * * 0' })],
    store,
    cache: new MemoryFeedCache(),
    baseUrl: 'https://feeds.example/',
    now: () => NOW,
    startedAt: STARTED,
    adminToken: 'admin-secret',
  });
});

afterEach(async () => {
  await base.close();
});

/** news ran fine; empty failed four times, the last with an HTTP 503. */
async function saveIndexStates(): Promise<void> {
  const state = { nextAttempt: null, originEtag: null, originLastModified: null };
  await base.saveState({ ...state, sourceId: 'news', lastAttempt: '2024-03-10T10:00:00.000Z', lastSuccess: '2024-03-10T10:00:00.000Z', lastError: null, consecutiveFailures: 0 });
  await base.saveState({
    ...state, sourceId: 'empty', lastAttempt: '2024-03-10T10:15:00.000Z', lastSuccess: '2024-03-09T08:00:00.000Z',
    lastError: '2024-03-10T10:15:00.000Z HTTP 503 from https://empty.example/', consecutiveFailures: 4, nextAttempt: '2024-03-10T10:31:00.000Z',
  });
}

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => app.request(path, { method, headers });

describe('feed routes', () => {
  it('serves RSS with validators, caching headers and the newest items up to the source limit', async () => {
    const res = await get('/feeds/news.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers.get('last-modified')).toBe('Wed, 06 Mar 2024 08:00:00 GMT');
    expect(res.headers.get('cache-control')).toBe('public, max-age=2400');
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest');
    const feed = parseRssFeed(await res.text());
    expect(feed.items?.map((i) => i.link)).toEqual([5, 4, 3].map((n) => makeItem(n).url));
    expect(feed.atom?.links?.[0].href).toBe('https://feeds.example/feeds/news.rss');
  });

  it('serves Atom and JSON Feed with their content types', async () => {
    const atom = await get('/feeds/news.atom');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(parseAtomFeed(await atom.text()).entries).toHaveLength(3);
    const json = await get('/feeds/news.json');
    expect(json.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const doc = await json.json();
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.items).toHaveLength(3);
    // each variant has its own validator
    expect(new Set([atom.headers.get('etag'), json.headers.get('etag')]).size).toBe(2);
  });

  it('labels the same bytes as XML (RSS, Atom) or JSON for a browser opening the feed as a page', async () => {
    const reader = await get('/feeds/news.rss');
    for (const [ext, type] of [['rss', 'application/xml'], ['atom', 'application/xml'], ['json', 'application/json']]) {
      const opened = await get(`/feeds/news.${ext}`, { 'Sec-Fetch-Dest': 'document', Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
      expect(opened.status).toBe(200);
      expect(opened.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      expect(opened.headers.get('vary')).toMatch(/Sec-Fetch-Dest/);
    }
    // Readers (no Sec-Fetch-Dest, or a fetch from a page script) get the feed's own type.
    expect(reader.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const fromScript = await get('/feeds/news.atom', { 'Sec-Fetch-Dest': 'empty' });
    expect(fromScript.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(await (await get('/feeds/news.rss', { 'Sec-Fetch-Dest': 'document' })).text()).toBe(await reader.text());
  });

  it('answers 304 to a matching If-None-Match (exact, in a list, weak, *) without listing or rendering', async () => {
    const etag = (await get('/feeds/news.atom')).headers.get('etag')!;
    expect(calls.listItems).toBe(1);
    for (const inm of [etag, `"nope", ${etag}`, `W/${etag}`, '*']) {
      const res = await get('/feeds/news.atom', { 'If-None-Match': inm });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('public, max-age=2400');
      expect(res.headers.get('last-modified')).toBe('Wed, 06 Mar 2024 08:00:00 GMT');
    }
    expect(calls.listItems).toBe(1);
    expect((await get('/feeds/news.atom', { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('answers 304 by If-Modified-Since, with If-None-Match taking precedence', async () => {
    const lm = 'Wed, 06 Mar 2024 08:00:00 GMT';
    expect((await get('/feeds/news.rss', { 'If-Modified-Since': lm })).status).toBe(304);
    expect((await get('/feeds/news.rss', { 'If-Modified-Since': 'Thu, 07 Mar 2024 00:00:00 GMT' })).status).toBe(304);
    expect((await get('/feeds/news.rss', { 'If-Modified-Since': 'Wed, 06 Mar 2024 07:59:59 GMT' })).status).toBe(200);
    expect((await get('/feeds/news.rss', { 'If-Modified-Since': 'garbage' })).status).toBe(200);
    expect((await get('/feeds/news.rss', { 'If-None-Match': '"stale"', 'If-Modified-Since': lm })).status).toBe(200);
    expect(calls.listItems).toBe(1); // the 200s after the first came from the cache
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const getRes = await get('/feeds/news.json');
    const head = await get('/feeds/news.json', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const h of ['etag', 'last-modified', 'content-type', 'cache-control']) expect(head.headers.get(h)).toBe(getRes.headers.get(h));
    const etag = getRes.headers.get('etag')!;
    expect((await get('/feeds/news.json', { 'If-None-Match': etag }, 'HEAD')).status).toBe(304);
  });

  it('compresses with gzip when asked, weakening the ETag, and still answers 304 to it', async () => {
    const plain = await get('/feeds/news.rss');
    const body = await plain.text();
    const res = await get('/feeds/news.rss', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest');
    const inflated = await new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))).text();
    expect(inflated).toBe(body);
    const weak = res.headers.get('etag')!;
    expect(weak).toBe(`W/${plain.headers.get('etag')}`);
    const revalidated = await get('/feeds/news.rss', { 'Accept-Encoding': 'gzip', 'If-None-Match': weak });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('content-encoding')).toBeNull();
    expect(revalidated.headers.get('etag')).toBe(weak); // the validator the 200 would carry
    expect(Number(res.headers.get('content-length'))).toBeLessThan(new TextEncoder().encode(body).byteLength);
    expect(Number(plain.headers.get('content-length'))).toBe(new TextEncoder().encode(body).byteLength);
    const refused = await get('/feeds/news.rss', { 'Accept-Encoding': 'gzip;q=0, identity' });
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(await refused.text()).toBe(body);
    const head = await get('/feeds/news.rss', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.headers.get('content-encoding')).toBe('gzip');
    expect(head.headers.get('content-length')).toBe(res.headers.get('content-length'));
    const deflated = await get('/feeds/news.rss', { 'Accept-Encoding': 'deflate' });
    expect(deflated.headers.get('content-encoding')).toBe('deflate');
  });

  it('renders once per version: cache hits skip the store, new items change the version and the ETag', async () => {
    const first = await get('/feeds/news.rss');
    await get('/feeds/news.rss');
    await get('/feeds/news.rss');
    expect(calls.listItems).toBe(1);
    await base.upsertItems('news', [makeItem(9, { sourceId: 'news', published: '2024-03-09T00:00:00.000Z' })], new Date('2024-03-09T01:00:00.000Z'));
    const second = await get('/feeds/news.rss', { 'If-None-Match': first.headers.get('etag')! });
    expect(second.status).toBe(200);
    expect(calls.listItems).toBe(2);
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(second.headers.get('last-modified')).toBe('Sat, 09 Mar 2024 01:00:00 GMT');
    expect(parseRssFeed(await second.text()).items?.[0].link).toBe(makeItem(9).url);
  });

  it('caps items with ?limit= (self link follows), rejects a bad limit and never goes above the source limit', async () => {
    const res = await get('/feeds/news.atom?limit=2');
    const feed = parseAtomFeed(await res.text());
    expect(feed.entries).toHaveLength(2);
    expect(feed.links?.find((l) => l.rel === 'self')?.href).toBe('https://feeds.example/feeds/news.atom?limit=2');
    expect(res.headers.get('etag')).not.toBe((await get('/feeds/news.atom')).headers.get('etag'));
    // The source's limit is 3: ?limit= asks for fewer, never more (and is one variant above it).
    const five = await get('/feeds/news.atom?limit=5');
    const fiveFeed = parseAtomFeed(await five.text());
    expect(fiveFeed.entries).toHaveLength(3);
    expect(fiveFeed.links?.find((l) => l.rel === 'self')?.href).toBe('https://feeds.example/feeds/news.atom?limit=3');
    expect(parseAtomFeed(await (await get('/feeds/news.atom?limit=99999')).text()).entries).toHaveLength(3);
    expect((await get('/feeds/news.atom?limit=4')).headers.get('etag')).toBe(five.headers.get('etag'));
    for (const bad of ['0', '-1', 'abc', '2.5']) {
      const r = await get(`/feeds/news.atom?limit=${bad}`);
      expect(r.status).toBe(400);
      expect((await r.json()).error).toBe('bad_request');
    }
  });

  it('serves a valid empty feed for a source without items, dated by the process start', async () => {
    const res = await get('/feeds/empty.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('last-modified')).toBe(STARTED.toUTCString());
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400'); // weekly schedule, clamped
    const feed = parseRssFeed(await res.text());
    expect(feed.title).toBe('empty title');
    expect(feed.items ?? []).toEqual([]);
  });

  it('returns a clear 404 for unknown feeds and routes', async () => {
    for (const path of ['/feeds/nope.rss', '/feeds/news.xml', '/feeds/news', '/feeds/.rss', '/elsewhere']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      const body = await res.json();
      expect(body.error).toBe('not_found');
      expect(body.message).toContain(new URL(path, 'http://x').pathname);
    }
  });
});

describe('index, OPML and health', () => {
  it('GET / lists feeds with autodiscovery links', async () => {
    const res = await get('/');
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    const html = await res.text();
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="news title (RSS)" href="https://feeds.example/feeds/news.rss">');
    expect(html).toContain('href="https://feeds.example/feeds/empty.json"');
    expect(html).toContain('5 items');
  });

  it('GET / shows each source state in words, with the last error and the next run', async () => {
    await saveIndexStates();
    const res = await get('/', { Authorization: 'Bearer admin-secret' });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = (await res.text()).replace(/<[^>]+>/g, '');
    expect(html).toContain('ok · last run 2024-03-10 10:00 UTC · next run 2024-03-10 11:00 UTC');
    expect(html).toContain('failing: no success since 2024-03-09 08:00 UTC (4 failed attempts in a row) · next try 2024-03-10 10:31 UTC');
    expect(html).toContain('last error (2024-03-10 10:15 UTC): HTTP 503 from https://empty.example/');
    expect(html).toContain('To add a site');
  });

  it('GET / shows anyone the states but not the error texts, as /health does', async () => {
    await saveIndexStates();
    const res = await get('/');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const html = (await res.text()).replace(/<[^>]+>/g, '');
    expect(html).toContain('failing: no success since 2024-03-09 08:00 UTC (4 failed attempts in a row) · next try 2024-03-10 10:31 UTC');
    expect(html).not.toContain('last error');
    expect(html).not.toContain('empty.example');
    // A wrong token is anyone.
    expect(await (await get('/', { Authorization: 'Bearer wrong' })).text()).not.toContain('last error');
    expect((await get('/', { Authorization: 'Bearer wrong' })).headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('GET / shows the error texts to a signed-in studio session, and to everyone with health: public', async () => {
    await saveIndexStates();
    const session = await new SessionKeys('admin-secret', DEFAULTS.studioSessionSeconds).create(NOW);
    const signedIn = await get('/', { Cookie: `${SESSION_COOKIE}=${session.value}` });
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    expect(await signedIn.text()).toContain('HTTP 503 from https://empty.example/');
    const forged = await get('/', { Cookie: `${SESSION_COOKIE}=${session.value.slice(0, -2)}xx` });
    expect(await forged.text()).not.toContain('HTTP 503 from');
    const open = createApp({ sources: [source('news'), source('empty', { schedule: '0 0 * * 0' })], store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example/', now: () => NOW, healthPublic: true });
    const res = await open.request('/');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(await res.text()).toContain('HTTP 503 from https://empty.example/');
  });

  it('serves the feed stylesheet that RSS and Atom reference, relative to /feeds/', async () => {
    const rss = await (await get('/feeds/news.rss')).text();
    const atom = await (await get('/feeds/news.atom')).text();
    for (const doc of [rss, atom]) expect(doc.split('\n')[1]).toBe('<?xml-stylesheet type="text/xsl" href="../feed.xsl"?>');
    expect(new URL('../feed.xsl', 'https://feeds.example/feeds/news.rss').pathname).toBe('/feed.xsl');
    const res = await get('/feed.xsl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xsl; charset=utf-8');
    expect(await res.text()).toContain('<xsl:stylesheet');
    expect(await (await get('/feeds/news.json')).text()).not.toContain('xml-stylesheet');
  });

  it('GET /feeds.opml lists every feed', async () => {
    const res = await get('/feeds.opml');
    expect(res.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    const opml = parseOpml(await res.text());
    expect(opml.body?.outlines?.map((o) => o.xmlUrl)).toEqual(['https://feeds.example/feeds/news.rss', 'https://feeds.example/feeds/empty.rss']);
  });

  it('GET /health reports each source and an overall status', async () => {
    let res = await get('/health');
    let report = await res.json();
    expect(res.status).toBe(200);
    expect(report.status).toBe('ok');
    expect(report.sources.map((s: { id: string; status: string; itemCount: number }) => [s.id, s.status, s.itemCount])).toEqual([
      ['news', 'pending', 5],
      ['empty', 'pending', 0],
    ]);
    const state = {
      lastAttempt: '2024-03-10T10:00:00.000Z',
      nextAttempt: null,
      originEtag: null,
      originLastModified: null,
    };
    await base.saveState({ ...state, sourceId: 'news', lastSuccess: '2024-03-10T10:00:00.000Z', lastError: null, consecutiveFailures: 0 });
    await base.saveState({ ...state, sourceId: 'empty', lastSuccess: null, lastError: 'HTTP 503 from origin', consecutiveFailures: 2 });
    report = await (await get('/health')).json();
    expect(report.status).toBe('degraded');
    // Error details are for admins.
    expect(report.sources[1]).toMatchObject({ id: 'empty', status: 'failing', state: 'failing', consecutiveFailures: 2 });
    expect(report.sources[1].lastError).toBeUndefined();
    report = await (await get('/health', { authorization: 'Bearer admin-secret' })).json();
    expect(report.sources[1]).toMatchObject({ id: 'empty', status: 'failing', lastError: 'HTTP 503 from origin', stateReason: 'HTTP 503 from origin' });
    expect(report.sources[0]).toMatchObject({ id: 'news', status: 'ok', lastSuccess: '2024-03-10T10:00:00.000Z', lastModified: '2024-03-06T08:00:00.000Z' });
    await base.saveState({ ...state, sourceId: 'news', lastSuccess: null, lastError: 'timeout', consecutiveFailures: 1 });
    res = await get('/health');
    expect(res.status).toBe(503);
    expect((await res.json()).status).toBe('failing');
  });
});

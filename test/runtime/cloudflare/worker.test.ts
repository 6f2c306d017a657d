/**
 * The Worker in workerd (Miniflare), bundled by wrangler exactly as for deploy, with D1, KV, the
 * Queue and assets from wrangler.toml. The origins are local node:http servers.
 */
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import type { Item } from '../../../src/model.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { D1Database } from '../../../src/runtime/cloudflare/bindings.ts';
import { d1Driver } from '../../../src/runtime/cloudflare/d1.ts';
import { SqlStore } from '../../../src/store/sql-store.ts';
import { startOrigin, type Origin, type Received } from '../../../testkit/origin.ts';
import { buildWorker, events, eventually, kv as kvOf, removeBundle, startWorker, type Bundle, type WorkerHarness } from './workerd.ts';
import { parsePrometheus, sampleValue } from '../../helpers/prometheus.ts';
import { makeSource } from '../../../testkit/sources.ts';

const DEMO = fileURLToPath(new URL('../../../data/demo/', import.meta.url));
const QUEUE = 'feedwright-refresh';
const PLAIN = { 'Accept-Encoding': 'identity' };
const ADMIN = 'test-admin-token-0123456789';
const INGEST = 'test-ingest-token-9876543210';
const BASE = 'https://feeds.example.test';

let bundle: Bundle;
let worker: WorkerHarness;
let site: Origin; // a healthy origin
let flaky: Origin; // an origin that starts failing halfway through
let gated: Origin; // an origin whose listing answers only when the test says so
let hostile: Origin; // an origin asking for a Retry-After no date can hold
let store: SqlStore; // the Worker's D1, read from the test
let openGate: () => void = () => {};

function configYaml(): string {
  const src = (id: string, url: string, schedule: string) =>
    `  - id: ${id}\n    title: ${id} title\n    url: ${url}\n    schedule: "${schedule}"\n    timezone: Asia/Kolkata\n    language: en\n`;
  return [
    'baseUrl: https://feeds.example.test',
    'allowPrivateNetworks: true',
    'hostDelayMs: 0', // robots.txt is still read; no spacing between requests to 127.0.0.1
    'websub:\n  maxSubscriptionsPerTopic: 1', // the hub's limits come from the config (WebSub test)
    'sources:',
    src('site', `${site.url}index.html`, '*/30 * * * *'),
    // Every second: due again as soon as a second has passed since its last attempt.
    src('flaky', `${flaky.url}index.html`, '* * * * * *'),
    src('gated', `${gated.url}index.html`, '* * * * * *'),
    src('hostile', `${hostile.url}index.html`, '*/30 * * * *'),
    // Relative to the config, as in data/sources.yaml: read from the bundled assets (data/).
    src('bundled', 'file:demo/index.html', '*/30 * * * *'),
    // Articles arrive through the ingest API (WebSub test).
    '  - id: pushed\n    title: Pushed\n    type: push\n',
  ].join('\n');
}

/** A GET through workerd, body read as text. */
async function get(path: string, headers: Record<string, string> = {}) {
  const res = await worker.mf.dispatchFetch(`http://localhost${path}`, { headers: { ...PLAIN, ...headers } });
  const body = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text: async () => body,
    json: async () => JSON.parse(body) as unknown,
  };
}

/** Deliver one refresh message to the consumer by hand, as the Queue would. */
async function deliver(sourceId: string, id = crypto.randomUUID()) {
  const w = await events(worker);
  const result = await w.queue(QUEUE, [
    { id, timestamp: new Date(), attempts: 1, body: { sourceId, enqueuedAt: new Date().toISOString() } },
  ]);
  return { id, result };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A WebSub subscriber on testkit's origin: echoes verification challenges, records deliveries. */
async function startSubscriber() {
  const verified: string[] = [];
  const received: Received[] = [];
  const origin = await startOrigin({ routes: { '/cb': (_req, res, r) => {
    if (r.method === 'GET') {
      verified.push(r.query.get('hub.mode') ?? '');
      return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end(r.query.get('hub.challenge') ?? '');
    }
    received.push(r);
    res.writeHead(204).end();
  } } });
  return { verified, received, callback: origin.at('/cb'), close: () => origin.close() };
}

/** POST /websub subscribe through `h`, at `origin`. */
async function subscribe(h: WorkerHarness, origin: string, topic: string, callback: string, secret: string) {
  const res = await h.mf.dispatchFetch(`${origin}/websub`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': callback, 'hub.secret': secret }).toString(),
  });
  await res.text();
  return res.status;
}

beforeAll(async () => {
  [bundle, site, flaky, gated, hostile] = await Promise.all([buildWorker(), startOrigin({ root: DEMO }), startOrigin({ root: DEMO }), startOrigin({ root: DEMO }), startOrigin({ routes: {
    '/index.html': (_req, res) => void res.writeHead(503, { 'Retry-After': '99999999999999' }).end('come back in 3 million years'),
  } })]);
  worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: configYaml(), FEEDWRIGHT_ADMIN_TOKEN: ADMIN, FEEDWRIGHT_INGEST_TOKEN: INGEST });
  store = new SqlStore(d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database));
  // A source kept in D1 rather than in the bundled config, and one that may not use file:.
  const db = d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database);
  const row = 'INSERT INTO sources (id, config, updated_at) VALUES (?, ?, ?)';
  await db.run(row, ['from-d1', JSON.stringify({ title: 'Kept in D1', url: `${site.url}index.html` }), new Date().toISOString()]);
  await db.run(row, ['sneaky', JSON.stringify({ title: 'No files', url: 'file:///data/demo/index.html' }), new Date().toISOString()]);
}, 180_000);

afterAll(async () => {
  openGate();
  await worker?.dispose();
  if (bundle) await removeBundle(bundle);
  await Promise.all([site?.close(), flaky?.close(), gated?.close(), hostile?.close()]);
});

describe('Worker in workerd', () => {
  it('answers every route before anything was scraped', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    const html = await index.text();
    expect(html).toContain('https://feeds.example.test/feeds/site.rss');

    const opml = await get('/feeds.opml');
    expect(opml.status).toBe(200);
    const outlines = await opml.text();
    for (const id of ['site', 'flaky', 'gated', 'bundled', 'from-d1']) expect(outlines).toContain(`xmlUrl="https://feeds.example.test/feeds/${id}.rss"`);
    expect(outlines).not.toContain('sneaky'); // a D1 source with a file: URL is refused

    const health = await get('/health');
    const report = (await health.json()) as { sources: { id: string; status: string }[] };
    expect(report.sources.map((s) => s.id).sort()).toEqual(['bundled', 'flaky', 'from-d1', 'gated', 'hostile', 'pushed', 'site']);
    expect(report.sources.every((s) => s.status === 'pending')).toBe(true);

    const empty = await get('/feeds/site.json');
    expect(empty.status).toBe(200);
    expect(((await empty.json()) as { items: unknown[] }).items).toEqual([]);
    // No items yet: Last-Modified is when the Worker started, not the Workers global-scope epoch.
    expect(Date.parse(empty.headers.get('last-modified')!)).toBeGreaterThan(Date.parse('2020-01-01'));
    expect((await get('/feeds/nope.rss')).status).toBe(404);
    expect(html).toContain('waiting for its first run');
    const xsl = await get('/feed.xsl');
    expect(xsl.headers.get('content-type')).toBe('text/xsl; charset=utf-8');
    expect(await xsl.text()).toContain('<xsl:stylesheet');
  });

  it('cron enqueues the due sources and the consumer scrapes each into D1', async () => {
    const w = await events(worker);
    await w.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date() });
    // The queue delivers to the consumer on its own; wait for the scrapes to land in D1.
    for (const id of ['site', 'flaky', 'gated', 'from-d1']) {
      await eventually(async () => (await store.getState(id))?.lastSuccess ?? undefined, 60_000);
    }
    const items = await store.listItems('site', 50);
    expect(items.length).toBeGreaterThan(0);
    expect((await store.listItems('from-d1', 50)).map((i) => i.url)).toEqual(items.map((i) => i.url));
    const state = await store.getState('site');
    expect(state?.lastSuccess).not.toBeNull();
    expect(state?.consecutiveFailures).toBe(0);
    expect(site.hits).toContain('GET /index.html');
    expect(site.hits).toContain('GET /robots.txt'); // the same politeness as on Node
  });

  it('publishes bundled file: sources at /local/<id>/ (read from the assets binding), as Node does', async () => {
    const state = await eventually(async () => (await store.getState('bundled'))?.lastAttempt ? store.getState('bundled') : undefined, 60_000);
    expect(state?.lastError ?? null).toBeNull();
    const items = await store.listItems('bundled', 50);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.url).toMatch(/^https:\/\/feeds\.example\.test\/local\/bundled\/[\w-]+\.html$/);
    const images = items.map((i) => i.image).filter((i): i is string => !!i);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/^https:\/\/feeds\.example\.test\/local\/bundled\/images\/[\w-]+\.(jpg|png)$/);
    expect(items.every((i) => (i.contentHtml ?? '').length > 200)).toBe(true);

    // The feed carries them (the renderer drops non-http(s) links).
    const rss = await (await get('/feeds/bundled.rss')).text();
    expect(rss.match(/<item>/g)).toHaveLength(items.length);
    for (const item of items) expect(rss).toContain(`<link>${item.url}</link>`);
    expect(rss).toContain(images[0]);

    // The addresses work: pages and images come from the assets binding.
    const imagePath = new URL(images[0]).pathname;
    const res = await worker.mf.dispatchFetch(`http://localhost${imagePath}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\//);
    const onDisk = await readFile(new URL(`../../../data/demo/${imagePath.slice('/local/bundled/'.length)}`, import.meta.url));
    expect(Buffer.from(await res.arrayBuffer()).equals(onDisk)).toBe(true);
    const page = await get(new URL(items[0].url).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');

    // Nothing outside the site's folder, and nothing for sources that are not local sites.
    for (const escape of ['/local/bundled/..%2fsources.yaml', '/local/bundled/%2e%2e/sources.yaml', '/local/bundled/..%5csources.yaml',
      '/local/bundled/images/..%2f..%2fsources.yaml', '/local/site/index.html', '/local/nope/index.html', '/local/bundled/images/']) {
      const r = await get(escape);
      expect(r.status, escape).toBe(404);
      expect(await r.text(), escape).not.toMatch(/sources:/);
    }
  });

  it('gives the same items as the Node pipeline for the same source', async () => {
    const node = await openSqliteStore(':memory:');
    try {
      const source = makeSource({ id: 'site', title: 'site title', url: `${site.url}index.html`, timezone: 'Asia/Kolkata', language: 'en' });
      const report = await scrapeSource(source, { fetch: createFetcher({ allowPrivateNetworks: true }), store: node });
      expect(report.ok).toBe(true);
      // firstSeen/updated are the moment each runtime first saw the item; everything else must match.
      const comparable = (items: Item[]) => items.map(({ firstSeen: _f, updated: _u, ...rest }) => rest);
      expect(comparable(await store.listItems('site', 50))).toEqual(comparable(await node.listItems('site', 50)));
    } finally {
      await node.close();
    }
  });

  it('serves the feed in RSS, Atom and JSON Feed', async () => {
    const stored = await store.listItems('site', 50);
    expect(stored.length).toBeGreaterThan(0);
    const rss = await get('/feeds/site.rss');
    expect(rss.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
    const rssText = await rss.text();
    expect(rssText.match(/<item>/g)).toHaveLength(stored.length);
    // Dates in the offset each page wrote them in (from D1's item_offsets), the same instants.
    expect(rssText).toContain('<pubDate>Thu, 09 Nov 2017 18:05:00 +0800</pubDate>');
    const atom = await get('/feeds/site.atom');
    expect(atom.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const atomText = await atom.text();
    expect(atomText.match(/<entry>/g)).toHaveLength(stored.length);
    expect(atomText).toContain('<published>2017-11-09T18:05:00+08:00</published>');
    const json = await get('/feeds/site.json');
    expect(json.headers.get('content-type')).toMatch(/^application\/feed\+json/);
    const feed = (await json.json()) as { items: { url: string; date_published: string }[]; feed_url: string };
    expect(feed.feed_url).toBe('https://feeds.example.test/feeds/site.json');
    expect(feed.items.map((i) => i.url)).toEqual(stored.map((i) => i.url));
    expect(feed.items.map((i) => Date.parse(i.date_published))).toEqual(stored.map((i) => Date.parse(i.published)));
    expect(feed.items.find((i) => i.url.endsWith('india-china-expand-direct-flights.html'))?.date_published).toBe('2017-11-09T18:05:00+08:00');
  });

  it('leaves compression to the platform (an app-level gzip would be applied twice)', async () => {
    // workerd and Cloudflare's edge encode a body under the Content-Encoding it carries; the
    // Worker therefore hands over identity bytes whatever the client accepts.
    const res = await worker.mf.dispatchFetch('http://localhost/feeds/site.json', { headers: { 'Accept-Encoding': 'gzip' } });
    const body = Buffer.from(await res.arrayBuffer());
    expect(body[0]).toBe('{'.charCodeAt(0));
    expect(() => JSON.parse(body.toString('utf8'))).not.toThrow();
  });

  it('keeps rendered feeds in KV with their ETag and answers 304', async () => {
    const first = await get('/feeds/site.atom');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const strong = etag;
    const kv = await kvOf(worker);
    const keys = (await kv.list({ prefix: 'feed:site:atom:' })).keys.map((k) => k.name);
    expect(keys).toHaveLength(1);
    const entry = JSON.parse((await kv.get(keys[0], 'text'))!) as { body: string; etag: string };
    expect(entry.etag).toBe(strong);
    expect(entry.body).toBe(await first.text());

    // The next request is answered from KV: a marked entry comes back as is.
    await kv.put(keys[0], JSON.stringify({ ...entry, body: `${entry.body}<!-- from KV -->` }));
    expect(await (await get('/feeds/site.atom')).text()).toMatch(/<!-- from KV -->$/);

    const revalidated = await get('/feeds/site.atom', { 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(await revalidated.text()).toBe('');
  });

  it('serves query-filtered variants (re2js on Workers): 400s, own ETag and KV entry, 304s', async () => {
    const stored = await store.listItems('site', 50);
    const pick = stored[0].title;
    const word = pick.split(/\s+/).find((w) => /^\p{L}{3,}$/u.test(w)) ?? pick;
    const expected = stored.filter((i) => i.title.includes(word)).length;
    const path = `/feeds/site.rss?filter_title=${encodeURIComponent(word)}`;
    const filtered = await get(path);
    expect(filtered.status).toBe(200);
    const count = ((await filtered.text()).match(/<item>/g) ?? []).length;
    expect(count).toBeGreaterThan(0);
    expect(count).toBe(expected);
    const plain = await get('/feeds/site.rss');
    expect(filtered.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const revalidated = await get(path, { 'If-None-Match': filtered.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expect((await get('/feeds/site.rss', { 'If-None-Match': filtered.headers.get('etag')! })).status).toBe(200);
    const kv = await kvOf(worker);
    expect((await kv.list({ prefix: 'feed:site:rss:' })).keys.length).toBeGreaterThanOrEqual(2);
    const bad = await get('/feeds/site.rss?filterout=(a+)+(');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^filterout: pattern is not a valid regular expression/);
  });

  it('a failing origin leaves the last good feed in place; the Queue retries after backoff', async () => {
    const before = await (await get('/feeds/flaky.json')).json() as { items: { id: string }[] };
    expect(before.items.length).toBeGreaterThan(0);
    flaky.route('/index.html', (_req, res) => void res.writeHead(500).end('down'));
    await sleep(1100); // the every-second schedule is due again

    const { id, result } = await deliver('flaky');
    expect(result.ackAll).toBe(false);
    const retry = result.retryMessages.find((m) => m.msgId === id);
    expect(retry).toBeDefined();
    expect(retry!.delaySeconds).toBeGreaterThan(0);

    const after = await (await get('/feeds/flaky.json')).json() as { items: { id: string }[] };
    expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
    const health = (await (await get('/health', { Authorization: `Bearer ${ADMIN}` })).json()) as { sources: { id: string; status: string; state: string; stateReason: string; lastError: string | null }[] };
    const flakyHealth = health.sources.find((s) => s.id === 'flaky')!;
    expect(flakyHealth.status).toBe('failing');
    expect(flakyHealth.lastError).toMatch(/500/);
    expect(flakyHealth.state).toBe('failing');
    expect(flakyHealth.stateReason).toMatch(/^the site is down \(HTTP 500\): HTTP 500 from /);
    // Without the admin token: the state, not the details.
    const publicView = (await (await get('/health')).json()) as { sources: { id: string; state: string; lastError?: string }[] };
    expect(publicView.sources.find((s) => s.id === 'flaky')).toMatchObject({ state: 'failing' });
    expect(publicView.sources.find((s) => s.id === 'flaky')!.lastError).toBeUndefined();
    expect(health.sources.find((s) => s.id === 'site')!.status).toBe('ok');

    // The retried message, if delivered before the backoff ends, does nothing.
    const early = await deliver('flaky');
    expect(early.result.explicitAcks).toContain(early.id);
  });

  it('a Retry-After no date can hold reaches /health as a failure; the Queue waits its longest delay', async () => {
    const w = await events(worker);
    const id = crypto.randomUUID();
    const result = await w.queue(QUEUE, [
      { id, timestamp: new Date(), attempts: 1, body: { sourceId: 'hostile', enqueuedAt: new Date().toISOString(), force: true } },
    ]);
    const retry = result.retryMessages.find((m) => m.msgId === id);
    expect(retry?.delaySeconds).toBe(12 * 3600); // the 24 h wait, as far as Queues go
    const health = (await (await get('/health', { Authorization: `Bearer ${ADMIN}` })).json()) as { sources: { id: string; status: string; lastError: string | null; nextAttempt: string | null }[] };
    const entry = health.sources.find((s) => s.id === 'hostile')!;
    expect(entry.status).toBe('failing');
    expect(entry.lastError).toMatch(/HTTP 503/);
    const wait = Date.parse(entry.nextAttempt!) - Date.now();
    expect(wait).toBeGreaterThan(23 * 3600_000);
    expect(wait).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('a 403 and a challenge page make a source blocked; /metrics (admin token) is valid Prometheus text', async () => {
    const force = async (sourceId: string) => (await events(worker)).queue(QUEUE, [
      { id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { sourceId, enqueuedAt: new Date().toISOString(), force: true } },
    ]);
    const challenge = await readFile(new URL('../../fixtures/challenge/cloudflare-just-a-moment.html', import.meta.url), 'utf8');
    flaky.route('/index.html', (_req, res) => void res.writeHead(403).end('no'));
    await force('flaky');
    expect(await store.getState('flaky')).toMatchObject({ state: 'blocked', stateReason: expect.stringMatching(/^the site refuses feedwright \(HTTP 403\)/) });
    flaky.route('/index.html', (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(challenge));
    await force('flaky');
    const state = (await store.getState('flaky'))!;
    expect(state).toMatchObject({ state: 'blocked', stateReason: expect.stringMatching(/Cloudflare bot challenge/) });
    expect(state.stateSince).not.toBeNull();
    expect((await (await get('/feeds/flaky.json')).json() as { items: unknown[] }).items.length).toBeGreaterThan(0);

    expect((await get('/metrics')).status).toBe(401);
    const res = await get('/metrics', { Authorization: `Bearer ${ADMIN}` });
    expect(res.status).toBe(200);
    const m = parsePrometheus(await res.text());
    expect(sampleValue(m, 'feedwright_source_state', { source: 'flaky', state: 'blocked' })).toBe(1);
    expect(sampleValue(m, 'feedwright_source_state', { source: 'site', state: 'ok' })).toBe(1);
    // This isolate ran the queue consumer and answered the requests above.
    expect(sampleValue(m, 'feedwright_scrape_runs_total', { source: 'flaky', result: 'failed' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(m, 'feedwright_http_requests_total', { route: '/feeds/:file', status: '200' })).toBeGreaterThan(0);
    expect(sampleValue(m, 'feedwright_fetch_bytes_total')).toBeGreaterThan(0);
    expect(m.get('feedwright_scrape_duration_seconds')?.type).toBe('histogram');
  });

  it('POST /api/sources/<id>/refresh queues a run even when the source is not due', async () => {
    const before = (await store.getState('site'))!.lastAttempt!;
    const refused = await worker.mf.dispatchFetch('http://localhost/api/sources/site/refresh', { method: 'POST' });
    expect(refused.status).toBe(401);
    const res = await worker.mf.dispatchFetch('http://localhost/api/sources/site/refresh', {
      method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(202);
    // The queue consumer picks it up on its own; `site` runs every 30 minutes, so only force does it.
    await eventually(async () => (await store.getState('site'))!.lastAttempt! > before, 30_000);
  });

  it('never runs one source twice at once: a second message finds the lease taken', async () => {
    await sleep(1100);
    const gate = new Promise<void>((r) => { openGate = r; });
    gated.route('/index.html', async (_req, res) => {
      await gate;
      res.writeHead(503).end('busy');
    });
    const listings = () => gated.hits.filter((h) => h === 'GET /index.html').length;
    const seen = listings();
    const first = deliver('gated');
    await eventually(async () => listings() === seen + 1);

    const second = await deliver('gated');
    expect(second.result.explicitAcks).toContain(second.id);
    expect(listings()).toBe(seen + 1);

    openGate();
    const done = await first;
    expect(done.result.retryMessages.map((m) => m.msgId)).toContain(done.id);
    expect(listings()).toBe(seen + 1);
  });

  it('WebSub: a subscriber to a push source receives the new feed, signed, after a push', async () => {
    const secret = 'subscriber-secret-42';
    const topic = `${BASE}/feeds/pushed.rss`;
    const { verified, received, callback, close } = await startSubscriber();
    try {
      // The feed announces the hub.
      expect(await (await get('/feeds/pushed.rss')).text()).toContain(`${BASE}/websub`);
      expect(await subscribe(worker, 'http://localhost', topic, callback, secret)).toBe(202);
      await eventually(async () => verified.includes('subscribe'), 10_000);
      const db = d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database);
      await eventually(async () => (await db.all('SELECT 1 FROM websub_subscriptions WHERE topic = ? AND callback = ?', [topic, callback])).length > 0, 10_000);
      // websub.maxSubscriptionsPerTopic: 1 — a second subscriber to the topic is refused.
      expect(await subscribe(worker, 'http://localhost', topic, `${callback}?second=1`, secret)).toBe(403);

      const article = { url: 'https://news.example.test/2026/04/websub-on-workers', title: 'WebSub on Workers', content_html: '<p>Delivered.</p>' };
      const denied = await worker.mf.dispatchFetch('http://localhost/api/sources/pushed/items', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wrong' }, body: JSON.stringify(article),
      });
      expect(denied.status).toBe(401);
      await denied.text();
      expect(received).toHaveLength(0);
      const pushed = await worker.mf.dispatchFetch('http://localhost/api/sources/pushed/items', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${INGEST}` }, body: JSON.stringify(article),
      });
      expect(pushed.status).toBe(201);
      await pushed.text();

      const delivery = await eventually(async () => received[0], 10_000);
      expect(delivery.headers['content-type']).toMatch(/^application\/rss\+xml/);
      expect(delivery.headers.link).toContain(`<${topic}>; rel="self"`);
      const expected = createHmac('sha256', secret).update(delivery.body).digest('hex');
      expect(delivery.headers['x-hub-signature']).toBe(`sha256=${expected}`);
      expect(delivery.body).toContain('<link>https://news.example.test/2026/04/websub-on-workers</link>');
      expect(delivery.body).toContain('WebSub on Workers');
      // The same document GET serves.
      expect(await (await get('/feeds/pushed.rss')).text()).toBe(delivery.body);
    } finally {
      await close();
    }
  });

  it('without a base URL: local sites wait for the first request, then use its origin; a queue run that changed a feed is pushed to subscribers', async () => {
    // A second Worker on the same bundle, configured without baseUrl (as data/sources.yaml is).
    const config = ['allowPrivateNetworks: true', 'sources:',
      '  - id: demo\n    title: Demo\n    url: file:demo/index.html\n    schedule: "*/30 * * * *"\n'].join('\n');
    const bare = await startWorker(bundle, { FEEDWRIGHT_CONFIG: config });
    const { verified, received, callback, close } = await startSubscriber();
    try {
      const bareStore = new SqlStore(d1Driver((await bare.mf.getD1Database('DB')) as unknown as D1Database));
      const w = await events(bare);
      const message = () => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { sourceId: 'demo', enqueuedAt: new Date().toISOString() } });
      // Nobody has reached the Worker yet: its public address is unknown, so the demo waits (acked, not scraped).
      const early = message();
      expect((await w.queue(QUEUE, [early])).explicitAcks).toContain(early.id);
      expect(await bareStore.getState('demo')).toBeNull();

      const origin = 'http://feeds.bare.test';
      expect((await bare.mf.dispatchFetch(`${origin}/`)).status).toBe(200);
      await eventually(async () => (await kvOf(bare).then((k) => k.get('meta:origin', 'text'))) === origin, 10_000);
      // A later request at another address does not move it.
      await (await bare.mf.dispatchFetch('http://other.bare.test/health')).text();

      const topic = `${origin}/feeds/demo.json`;
      expect(await subscribe(bare, origin, topic, callback, 'demo-secret')).toBe(202);
      await eventually(async () => verified.includes('subscribe'), 10_000);
      const db = d1Driver((await bare.mf.getD1Database('DB')) as unknown as D1Database);
      await eventually(async () => (await db.all('SELECT 1 FROM websub_subscriptions WHERE topic = ?', [topic])).length > 0, 10_000);

      const run = message();
      expect((await w.queue(QUEUE, [run])).explicitAcks).toContain(run.id);
      const items = await bareStore.listItems('demo', 50);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item.url.startsWith(`${origin}/local/demo/`)).toBe(true);

      const delivery = await eventually(async () => received[0], 10_000);
      expect(delivery.headers['x-hub-signature']).toBe(`sha256=${createHmac('sha256', 'demo-secret').update(delivery.body).digest('hex')}`);
      const feed = JSON.parse(delivery.body) as { feed_url: string; items: { url: string }[] };
      expect(feed.feed_url).toBe(topic);
      expect(feed.items.map((i) => i.url).sort()).toEqual(items.map((i) => i.url).sort());
    } finally {
      await close();
      await bare.dispose();
    }
  });
});

describe('Worker in workerd: sources through the admin API', () => {
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await worker.mf.dispatchFetch(`http://localhost/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown>, text };
  };

  it('adds a source that is scraped through the queue at once; its feed has items, with no redeploy', async () => {
    const added = await api('POST', '/sources', { id: 'via-api', title: 'Via the API', url: `${site.url}index.html`, timezone: 'Asia/Kolkata' });
    expect(added.status).toBe(201);
    expect(added.json()).toMatchObject({ id: 'via-api', origin: 'db' });
    await eventually(async () => (await store.getState('via-api'))?.lastSuccess ?? undefined, 60_000);
    const feed = await get('/feeds/via-api.json');
    expect(((await feed.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const list = (await api('GET', '/sources')).json() as { sources: { id: string; origin: string }[] };
    expect(list.sources.find((s) => s.id === 'via-api')?.origin).toBe('db');
    expect(list.sources.find((s) => s.id === 'site')?.origin).toBe('file');
    expect((await api('PUT', '/sources/site', { url: 'https://x.example/' })).status).toBe(409);
    expect((await api('POST', '/sources', { id: 'site', url: 'https://x.example/' })).status).toBe(409);
    expect((await api('POST', '/sources', { id: 'bad', url: 'https://x.example/', limit: 0 })).json()).toMatchObject({
      errors: [{ source: 'bad', field: 'limit', message: 'must be at least 1' }],
    });
    expect((await api('GET', '/sources/export')).text).toContain('id: via-api');
  });

  it('a paused source is not enqueued by the cron; resumed, it runs again', async () => {
    expect((await api('POST', '/sources', { id: 'every-second', url: `${site.url}index.html?s`, schedule: '* * * * * *', article: { fetch: false } })).status).toBe(201);
    const first = await eventually(async () => (await store.getState('every-second'))?.lastAttempt ?? undefined, 60_000);
    expect(((await api('POST', '/sources/every-second/pause')).json()).pausedAt).toEqual(expect.any(String));
    await sleep(1100);
    const w = await events(worker);
    await w.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date() });
    await sleep(2000);
    expect((await store.getState('every-second'))?.lastAttempt).toBe(first);
    expect((await get('/feeds/every-second.rss')).status).toBe(200);
    expect((await api('POST', '/sources/every-second/resume')).status).toBe(200);
    await eventually(async () => ((await store.getState('every-second'))?.lastAttempt ?? '') > first, 60_000);
  });

  it('deletes a source with its items; a D1 row never replaces a bundled source', async () => {
    expect((await api('DELETE', '/sources/via-api')).status).toBe(204);
    expect(await store.listItems('via-api', 10)).toEqual([]);
    expect((await get('/feeds/via-api.rss')).status).toBe(404);
    const db = d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database);
    await db.run('INSERT INTO sources (id, config, updated_at) VALUES (?, ?, ?)', ['site', JSON.stringify({ title: 'Impostor', url: 'https://x.example/' }), new Date().toISOString()]);
    // The cron reads D1 every tick; the next app built from it reports the clash.
    await (await events(worker)).scheduled({ cron: '*/5 * * * *', scheduledTime: new Date() });
    const report = (await (await get('/health', { Authorization: `Bearer ${ADMIN}` })).json()) as { sources: { id: string; title: string }[]; sourceProblems?: string[] };
    expect(report.sources.find((s) => s.id === 'site')?.title).toBe('site title');
    expect(report.sourceProblems).toContainEqual(expect.stringContaining('database source "site" is not served'));
    expect(report.sourceProblems).toContainEqual(expect.stringContaining('D1 sources row "sneaky": url: file: URLs are allowed only in the config file'));
    await db.run('DELETE FROM sources WHERE id = ?', ['site']);
  });
});

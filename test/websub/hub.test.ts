/**
 * The built-in WebSub hub end to end: a local subscriber (node:http) subscribes through
 * POST /websub, answers the verification challenge, and receives the new feed (signed) when an
 * article is pushed through the API.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/types.ts';
import { openSqliteStore, sqliteDriver } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { renderTopic } from '../../src/websub/content.ts';
import { createHub, type WebSub } from '../../src/websub/hub.ts';
import { SubscriptionStore } from '../../src/websub/subscriptions.ts';
import Database from 'better-sqlite3';

const BASE = 'http://feeds.test';
const TOKEN = 'push-token';
const SOURCES = [{
  id: 'wire', title: 'Wire', type: 'push', schedule: '*/30 * * * *', timezone: 'UTC', limit: 20, article: { fetch: true },
}] as SourceConfig[];
const TOPIC = `${BASE}/feeds/wire.atom`;

interface Received {
  method: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/** A WebSub subscriber: echoes challenges (unless told not to), records deliveries. */
class Subscriber {
  server!: Server;
  url = '';
  verifications: Received[] = [];
  deliveries: Received[] = [];
  /** Status to answer deliveries with, one per delivery (then 204). */
  deliveryStatuses: number[] = [];
  echo = true;
  #waiters: (() => void)[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const r: Received = { method: req.method ?? '', query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        if (req.method === 'GET') {
          this.verifications.push(r);
          if (this.echo) res.writeHead(200, { 'Content-Type': 'text/plain' }).end(u.searchParams.get('hub.challenge'));
          else res.writeHead(404).end('no thanks');
        } else {
          this.deliveries.push(r);
          res.writeHead(this.deliveryStatuses.shift() ?? 204).end();
        }
        for (const w of this.#waiters.splice(0)) w();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cb`;
  }

  /** Resolves once `count` deliveries arrived, or rejects after `ms`. */
  async waitForDeliveries(count: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.deliveries.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} deliveries within ${ms} ms, got ${this.deliveries.length}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.#waiters.push(() => { clearTimeout(t); r(); });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

let db: Database.Database;
let store: SqlStore;
let subs: SubscriptionStore;
let hub: WebSub;
let app: ReturnType<typeof createApp>;
let subscriber: Subscriber;
let clock: Date | null;

function makeHub(options: { allowPrivateNetworks?: boolean; retryDelaysMs?: number[] } = {}): WebSub {
  return createHub({
    baseUrl: BASE,
    hubUrl: `${BASE}/websub`,
    sources: () => SOURCES,
    subscriptions: subs,
    content: (source, format) => renderTopic(store, source, format, { baseUrl: BASE, hub: `${BASE}/websub` }),
    allowPrivateNetworks: options.allowPrivateNetworks ?? true,
    retryDelaysMs: options.retryDelaysMs ?? [50, 100],
    lease: { minSeconds: 1 },
    now: () => clock ?? new Date(),
    log: () => {},
  });
}

function build(h: WebSub) {
  hub = h;
  app = createApp({ sources: SOURCES, store, cache: new MemoryFeedCache(), baseUrl: BASE, adminToken: TOKEN, websub: hub });
}

beforeEach(async () => {
  db = new Database(':memory:');
  store = new SqlStore(sqliteDriver(db));
  await store.migrate();
  subs = new SubscriptionStore(sqliteDriver(db));
  clock = null;
  build(makeHub());
  subscriber = new Subscriber();
  await subscriber.start();
});

afterEach(async () => {
  hub.close();
  await hub.idle();
  await subscriber.close();
  db.close();
});

function subscribe(fields: Record<string, string>) {
  return app.request('/websub', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': subscriber.url, ...fields }).toString(),
  });
}

function push(body: unknown) {
  return app.request('/api/sources/wire/items', {
    method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
}

describe('WebSub hub', () => {
  it('feeds announce the hub and themselves in all three formats', async () => {
    const atom = await (await app.request('/feeds/wire.atom')).text();
    expect(atom).toMatch(/<link[^>]*rel="hub"[^>]*href="http:\/\/feeds\.test\/websub"|<link[^>]*href="http:\/\/feeds\.test\/websub"[^>]*rel="hub"/);
    expect(atom).toContain(`href="${TOPIC}"`);
    const rss = await (await app.request('/feeds/wire.rss')).text();
    expect(rss).toMatch(/<atom:link[^>]*href="http:\/\/feeds\.test\/websub"[^>]*rel="hub"|<atom:link[^>]*rel="hub"[^>]*href="http:\/\/feeds\.test\/websub"/);
    expect(rss).toContain(`${BASE}/feeds/wire.rss`);
    const json = await (await app.request('/feeds/wire.json')).json();
    expect(json.hubs).toEqual([{ type: 'WebSub', url: `${BASE}/websub` }]);
    expect(json.feed_url).toBe(`${BASE}/feeds/wire.json`);
  });

  it('verifies intent, then delivers the new feed within a second of a push, signed with the secret', async () => {
    const res = await subscribe({ 'hub.secret': 's3cret', 'hub.lease_seconds': '3600' });
    expect(res.status).toBe(202);
    await hub.idle();
    expect(subscriber.verifications).toHaveLength(1);
    const v = subscriber.verifications[0].query;
    expect(v.get('hub.mode')).toBe('subscribe');
    expect(v.get('hub.topic')).toBe(TOPIC);
    expect(v.get('hub.lease_seconds')).toBe('3600');
    expect(v.get('hub.challenge')).toMatch(/^[0-9a-f]{48}$/);
    expect(await subs.get(TOPIC, subscriber.url)).toMatchObject({ secret: 's3cret', leaseSeconds: 3600 });

    const pushedAt = Date.now();
    expect((await push({ url: 'https://wire.example/story', title: 'Breaking story' })).status).toBe(201);
    await subscriber.waitForDeliveries(1, 1000);
    const d = subscriber.deliveries[0];
    expect(d.at - pushedAt).toBeLessThan(1000);
    expect(d.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(d.body).toContain('Breaking story');
    expect(d.headers.link).toBe(`<${BASE}/websub>; rel="hub", <${TOPIC}>; rel="self"`);
    const expected = createHmac('sha256', 's3cret').update(d.body).digest('hex');
    expect(d.headers['x-hub-signature']).toBe(`sha256=${expected}`);
    // Only the subscribed format was delivered.
    await hub.idle();
    expect(subscriber.deliveries).toHaveLength(1);
  });

  it('without a secret, deliveries carry no signature', async () => {
    await subscribe({});
    await hub.idle();
    await push({ url: 'https://wire.example/a' });
    await subscriber.waitForDeliveries(1, 1000);
    expect(subscriber.deliveries[0].headers['x-hub-signature']).toBeUndefined();
  });

  it('a subscriber that does not echo the challenge is not subscribed', async () => {
    subscriber.echo = false;
    expect((await subscribe({})).status).toBe(202);
    await hub.idle();
    expect(subscriber.verifications).toHaveLength(1);
    expect(await subs.get(TOPIC, subscriber.url)).toBeNull();
    await push({ url: 'https://wire.example/a' });
    await hub.idle();
    expect(subscriber.deliveries).toHaveLength(0);
  });

  it('unsubscribe is verified too, and ends deliveries', async () => {
    await subscribe({});
    await hub.idle();
    const res = await subscribe({ 'hub.mode': 'unsubscribe' });
    expect(res.status).toBe(202);
    await hub.idle();
    expect(subscriber.verifications.map((r) => r.query.get('hub.mode'))).toEqual(['subscribe', 'unsubscribe']);
    expect(await subs.get(TOPIC, subscriber.url)).toBeNull();
    await push({ url: 'https://wire.example/a' });
    await hub.idle();
    expect(subscriber.deliveries).toHaveLength(0);
  });

  it('expired leases get nothing and are purged', async () => {
    clock = new Date('2024-05-01T12:00:00Z');
    await subscribe({ 'hub.lease_seconds': '60' });
    await hub.idle();
    expect((await subs.get(TOPIC, subscriber.url))?.leaseExpires).toBe('2024-05-01T12:01:00.000Z');
    clock = new Date('2024-05-01T12:01:01Z');
    await hub.feedChanged('wire');
    await hub.idle();
    expect(subscriber.deliveries).toHaveLength(0);
    expect(await subs.get(TOPIC, subscriber.url)).toBeNull();
  });

  it('retries a failed delivery with backoff until it succeeds', async () => {
    await subscribe({});
    await hub.idle();
    subscriber.deliveryStatuses = [500, 503];
    await push({ url: 'https://wire.example/a', title: 'Retried' });
    await subscriber.waitForDeliveries(3, 2000);
    await hub.idle();
    expect(subscriber.deliveries).toHaveLength(3);
    expect(new Set(subscriber.deliveries.map((d) => d.body)).size).toBe(1);
    expect(subscriber.deliveries[2].at - subscriber.deliveries[0].at).toBeGreaterThanOrEqual(140);
  });

  it('gives up after the last retry, and a 410 Gone ends the subscription', async () => {
    await subscribe({});
    await hub.idle();
    subscriber.deliveryStatuses = [500, 500, 500, 500];
    await push({ url: 'https://wire.example/a' });
    await hub.idle();
    expect(subscriber.deliveries).toHaveLength(3); // first try + 2 retries
    subscriber.deliveryStatuses = [410];
    await push({ url: 'https://wire.example/b' });
    await hub.idle();
    expect(subscriber.deliveries).toHaveLength(4);
    expect(await subs.get(TOPIC, subscriber.url)).toBeNull();
  });

  it('refuses bad requests with 4xx and a message', async () => {
    const bad = async (fields: Record<string, string>) => {
      const res = await subscribe(fields);
      return [res.status, await res.text()] as const;
    };
    expect(await bad({ 'hub.mode': 'publish' })).toEqual([400, expect.stringMatching(/hub.mode/)]);
    expect(await bad({ 'hub.topic': 'https://elsewhere.example/feed' })).toEqual([404, expect.stringMatching(/not a feed of this hub/)]);
    expect(await bad({ 'hub.callback': 'ftp://x.example/' })).toEqual([400, expect.stringMatching(/http or https/)]);
    expect(await bad({ 'hub.lease_seconds': '-5' })).toEqual([400, expect.stringMatching(/lease_seconds/)]);
    expect(await bad({ 'hub.secret': 'x'.repeat(201) })).toEqual([400, expect.stringMatching(/200 bytes/)]);
    await hub.idle();
    expect(subscriber.verifications).toHaveLength(0);
  });

  it('refuses private-network callbacks unless allowPrivateNetworks', async () => {
    hub.close();
    build(makeHub({ allowPrivateNetworks: false }));
    for (const cb of [subscriber.url, 'http://localhost:9/cb', 'http://169.254.169.254/latest', 'http://[::1]/cb']) {
      const res = await subscribe({ 'hub.callback': cb });
      expect(res.status, cb).toBe(400);
      expect(await res.text()).toMatch(/points at a/);
    }
    await hub.idle();
    expect(subscriber.verifications).toHaveLength(0);
  });

  it('lease_seconds is clamped to the policy', async () => {
    await subscribe({ 'hub.lease_seconds': '999999999' });
    await hub.idle();
    expect(subscriber.verifications[0].query.get('hub.lease_seconds')).toBe(String(30 * 86400));
  });
});

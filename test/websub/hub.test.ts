/**
 * The built-in WebSub hub end to end: a local subscriber (testkit's origin) subscribes through
 * POST /websub, answers the verification challenge, and receives the new feed (signed) when an
 * article is pushed through the API.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, sqliteDriver } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { renderFeedDocument } from '../../src/render/document.ts';
import { createHub, DEFAULT_HUB_LIMITS, type HubLimits } from '../../src/websub/own-hub.ts';
import type { WebSub } from '../../src/websub/types.ts';
import { SubscriptionStore } from '../../src/websub/subscriptions.ts';
import Database from 'better-sqlite3';
import { startOrigin, type Origin, type Received } from '../../testkit/origin.ts';
import { makeSource } from '../../testkit/sources.ts';

const BASE = 'http://feeds.test';
const TOKEN = 'push-token';
const SOURCES = [makeSource({ id: 'wire', title: 'Wire', type: 'push', limit: 20 })];
const TOPIC = `${BASE}/feeds/wire.atom`;

/** A WebSub subscriber on testkit's origin: echoes challenges (unless told not to), records deliveries. */
async function startSubscriber() {
  const held: (() => void)[] = [];
  const sub = {
    origin: undefined as unknown as Origin,
    url: '',
    verifications: [] as Received[],
    deliveries: [] as Received[],
    /** Denials (GET hub.mode=denied) received. */
    denials: [] as Received[],
    /** Status to answer deliveries with, one per delivery (then 204). */
    deliveryStatuses: [] as number[],
    echo: true,
    /** Verifications wait here for `release()` while true. */
    holdVerifications: false,
    /** Each delivery is answered after this many ms (to see how many are in flight at once). */
    deliveryDelayMs: 0,
    /** The most requests answered at once (reset to 0 to measure anew). */
    get maxInFlight() { return sub.origin.concurrency.max; },
    set maxInFlight(n: number) { sub.origin.concurrency.max = n; },
    /** Resolves once `count` deliveries arrived, or rejects after `ms`. */
    waitForDeliveries: (count: number, ms: number) => sub.origin.until(() => sub.deliveries.length >= count, ms)
      .catch(() => { throw new Error(`expected ${count} deliveries within ${ms} ms, got ${sub.deliveries.length}`); }),
    /** Resolves once `test()` holds (checked as requests arrive and are answered), or rejects after `ms`. */
    until: (test: () => boolean, ms: number) => sub.origin.until(test, ms),
    /** Answers the verifications held so far, and stops holding. */
    release() {
      sub.holdVerifications = false;
      for (const reply of held.splice(0)) reply();
    },
    close() {
      sub.release();
      return sub.origin.close();
    },
  };
  sub.origin = await startOrigin({ routes: { '/cb': (_req, res, r) => {
    if (r.method === 'GET' && r.query.get('hub.mode') === 'denied') {
      sub.denials.push(r);
      res.writeHead(200).end();
    } else if (r.method === 'GET') {
      sub.verifications.push(r);
      const reply = () => {
        if (sub.echo) res.writeHead(200, { 'Content-Type': 'text/plain' }).end(r.query.get('hub.challenge'));
        else res.writeHead(404).end('no thanks');
      };
      if (sub.holdVerifications) held.push(reply);
      else reply();
    } else {
      sub.deliveries.push(r);
      const status = sub.deliveryStatuses.shift() ?? 204;
      setTimeout(() => res.writeHead(status).end(), sub.deliveryDelayMs);
    }
  } } });
  sub.url = sub.origin.at('/cb');
  return sub;
}

let db: Database.Database;
let store: SqlStore;
let subs: SubscriptionStore;
let hub: WebSub;
let app: ReturnType<typeof createApp>;
let subscriber: Awaited<ReturnType<typeof startSubscriber>>;
let clock: Date | null;

function makeHub(options: { allowPrivateNetworks?: boolean; retryDelaysMs?: number[]; limits?: Partial<HubLimits> } = {}): WebSub {
  return createHub({
    baseUrl: BASE,
    hubUrl: `${BASE}/websub`,
    sources: () => SOURCES,
    subscriptions: subs,
    content: (source, format) => renderFeedDocument(store, source, format, { baseUrl: BASE, hub: `${BASE}/websub`, startedAt: new Date() }),
    allowPrivateNetworks: options.allowPrivateNetworks ?? true,
    retryDelaysMs: options.retryDelaysMs ?? [50, 100],
    lease: { minSeconds: 1 },
    limits: options.limits,
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
  subscriber = await startSubscriber();
});

afterEach(async () => {
  hub.close();
  await hub.idle();
  await subscriber.close();
  db.close();
});

function subscribe(fields: Record<string, string>, to: { request: (path: string, init: RequestInit) => Response | Promise<Response> } = app) {
  return to.request('/websub', {
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

describe('WebSub hub limits', () => {
  const topicOf = (ext: string) => `${BASE}/feeds/wire.${ext}`;
  const cb = (n: number) => `${subscriber.url}?n=${n}`;
  const stored = async () => Number((db.prepare('SELECT COUNT(*) AS n FROM websub_subscriptions').get() as { n: number }).n);

  it('has safe defaults', () => {
    expect(DEFAULT_HUB_LIMITS).toEqual({ maxSubscriptionsPerTopic: 100, maxSubscriptions: 1000, maxPendingVerifications: 20, maxConcurrentDeliveries: 8 });
  });

  it('refuses a new subscription past the per-topic or total cap with 403, counting those still being verified; renewals pass', async () => {
    hub.close();
    build(makeHub({ limits: { maxSubscriptionsPerTopic: 2, maxSubscriptions: 3 } }));
    subscriber.holdVerifications = true;
    expect((await subscribe({ 'hub.callback': cb(1) })).status).toBe(202);
    expect((await subscribe({ 'hub.callback': cb(2) })).status).toBe(202);
    // Two are being verified: the topic is full although nothing is stored yet.
    const third = await subscribe({ 'hub.callback': cb(3) });
    expect(third.status).toBe(403);
    expect(await third.text()).toMatch(/per topic \(2\)/);
    subscriber.release();
    await hub.idle();
    expect(await stored()).toBe(2);
    // Re-requesting a live subscription renews it (WebSub §5.1.2), cap or not.
    expect((await subscribe({ 'hub.callback': cb(1), 'hub.lease_seconds': '7200' })).status).toBe(202);
    await hub.idle();
    expect((await subs.get(TOPIC, cb(1)))?.leaseSeconds).toBe(7200);
    // Another topic has room, until the hub as a whole is full.
    expect((await subscribe({ 'hub.callback': cb(3), 'hub.topic': topicOf('rss') })).status).toBe(202);
    await hub.idle();
    const fourth = await subscribe({ 'hub.callback': cb(4), 'hub.topic': topicOf('json') });
    expect(fourth.status).toBe(403);
    expect(await fourth.text()).toMatch(/most subscriptions it accepts \(3\)/);
    await hub.idle();
    expect(await stored()).toBe(3);
    expect(subscriber.verifications).toHaveLength(4);
    // Unsubscribing makes room again.
    expect((await subscribe({ 'hub.mode': 'unsubscribe', 'hub.callback': cb(3), 'hub.topic': topicOf('rss') })).status).toBe(202);
    await hub.idle();
    expect((await subscribe({ 'hub.callback': cb(4), 'hub.topic': topicOf('json') })).status).toBe(202);
  });

  it('denies (hub.mode=denied) a subscription whose topic filled up while it was verified', async () => {
    // Two hubs over one store, as two Worker isolates over one D1 database: neither sees the other's reservations.
    hub.close();
    build(makeHub({ limits: { maxSubscriptionsPerTopic: 1 } }));
    const other = makeHub({ limits: { maxSubscriptionsPerTopic: 1 } });
    const otherApp = createApp({ sources: SOURCES, store, cache: new MemoryFeedCache(), baseUrl: BASE, websub: other });
    try {
      subscriber.holdVerifications = true;
      expect((await subscribe({ 'hub.callback': cb(1) })).status).toBe(202);
      expect((await subscribe({ 'hub.callback': cb(2) }, otherApp)).status).toBe(202);
      await subscriber.until(() => subscriber.verifications.length === 2, 2000);
      subscriber.release();
      await Promise.all([hub.idle(), other.idle()]);
      expect(await stored()).toBe(1);
      expect(subscriber.denials).toHaveLength(1);
      const denial = subscriber.denials[0].query;
      expect(denial.get('hub.topic')).toBe(TOPIC);
      expect(denial.get('hub.reason')).toMatch(/per topic \(1\)/);
    } finally {
      other.close();
      await other.idle();
    }
  });

  it('verifies at most maxPendingVerifications requests at once; more are answered 503 with Retry-After', async () => {
    hub.close();
    build(makeHub({ limits: { maxPendingVerifications: 3 } }));
    subscriber.holdVerifications = true;
    const statuses: number[] = [];
    let busy: Response | null = null;
    for (let n = 1; n <= 5; n++) {
      const res = await subscribe({ 'hub.callback': cb(n) });
      statuses.push(res.status);
      if (res.status === 503) busy = res;
    }
    expect(statuses).toEqual([202, 202, 202, 503, 503]);
    expect(busy!.headers.get('retry-after')).toBe('60');
    expect(await busy!.text()).toMatch(/3 requests are being verified/);
    // Unsubscribes take the same slots.
    expect((await subscribe({ 'hub.mode': 'unsubscribe', 'hub.callback': cb(9) })).status).toBe(503);
    await subscriber.until(() => subscriber.verifications.length === 3, 2000);
    subscriber.release();
    await hub.idle();
    expect(subscriber.maxInFlight).toBeLessThanOrEqual(3);
    expect(await stored()).toBe(3);
    // Finished verifications free their slots.
    expect((await subscribe({ 'hub.callback': cb(4) })).status).toBe(202);
  });

  it('delivers a change to many subscribers at most maxConcurrentDeliveries at a time', async () => {
    hub.close();
    build(makeHub({ limits: { maxConcurrentDeliveries: 2 } }));
    for (let n = 1; n <= 6; n++) expect((await subscribe({ 'hub.callback': cb(n) })).status).toBe(202);
    await hub.idle();
    expect(await stored()).toBe(6);
    subscriber.maxInFlight = 0;
    subscriber.deliveryDelayMs = 50;
    await push({ url: 'https://wire.example/a', title: 'To everyone' });
    await hub.idle();
    expect(subscriber.deliveries).toHaveLength(6);
    expect(new Set(subscriber.deliveries.map((d) => d.query.get('n')))).toEqual(new Set(['1', '2', '3', '4', '5', '6']));
    expect(subscriber.maxInFlight).toBeLessThanOrEqual(2);
  });
});

/**
 * The one retry loop behind WebSub deliveries (own hub) and publish pings (external hub): the
 * same schedule for both, a final answer ends it (410 Gone unsubscribes), close() cuts the waits.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../src/runtime/node/sqlite.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { postWithRetries } from '../../src/websub/delivery.ts';
import { externalHub } from '../../src/websub/external-hub.ts';
import { createHub } from '../../src/websub/own-hub.ts';
import { SubscriptionStore } from '../../src/websub/subscriptions.ts';
import type { WebSub } from '../../src/websub/types.ts';
import { makeSource } from '../../testkit/sources.ts';

const BASE = 'http://feeds.test';
const SOURCES = [makeSource({ id: 'wire', title: 'Wire', type: 'push', limit: 20 })];
const TOPIC = `${BASE}/feeds/wire.atom`;
const CALLBACK = 'http://127.0.0.1:9/cb';

/** A fetch that answers every POST with the next status (the last one repeats), recording them. */
function answering(...statuses: number[]) {
  const posts: { url: string; body: string }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    posts.push({ url: String(input), body: String(init?.body) });
    const status = statuses[Math.min(posts.length - 1, statuses.length - 1)];
    return new Response(status === 204 ? null : 'nope', { status });
  }) as typeof globalThis.fetch;
  return { fetch, posts };
}

describe('postWithRetries', () => {
  it('tries once more than there are waits, waits each delay in order, then gives up with one log line', async () => {
    const { fetch, posts } = answering(500);
    const waits: number[] = [];
    const logs: string[] = [];
    await postWithRetries({
      fetch, timeoutMs: 1000, retryDelays: [5, 30, 120], log: (l) => logs.push(l), label: 'ping of x',
      sleep: async (ms) => { waits.push(ms); return true; },
      attempt: async () => ({ url: 'http://hub.test/', body: 'b', headers: {} }),
    });
    expect(posts).toHaveLength(4);
    expect(waits).toEqual([5, 30, 120]);
    expect(logs).toEqual(['websub: ping of x failed 4 times (HTTP 500); giving up']);
  });

  it('stops at the first success, at "stop", and when the wait reports the hub closed', async () => {
    const ok = answering(503, 204);
    await postWithRetries({
      fetch: ok.fetch, timeoutMs: 1000, retryDelays: [1, 1, 1], log: () => {}, label: 'x', sleep: async () => true,
      attempt: async () => ({ url: 'http://hub.test/', body: 'b', headers: {} }),
    });
    expect(ok.posts).toHaveLength(2);

    const stopped = answering(500);
    await postWithRetries({
      fetch: stopped.fetch, timeoutMs: 1000, retryDelays: [1], log: () => {}, label: 'x', sleep: async () => true,
      attempt: async () => 'stop',
    });
    expect(stopped.posts).toHaveLength(0);

    const closed = answering(500);
    await postWithRetries({
      fetch: closed.fetch, timeoutMs: 1000, retryDelays: [1, 1], log: () => {}, label: 'x', sleep: async () => false,
      attempt: async () => ({ url: 'http://hub.test/', body: 'b', headers: {} }),
    });
    expect(closed.posts).toHaveLength(1);
  });

  it('counts a failing attempt (the callback became unacceptable) as a failure to retry', async () => {
    const { fetch, posts } = answering(204);
    const logs: string[] = [];
    await postWithRetries({
      fetch, timeoutMs: 1000, retryDelays: [1], log: (l) => logs.push(l), label: 'delivery', sleep: async () => true,
      attempt: async () => { throw new Error('hub.callback points at a private address'); },
    });
    expect(posts).toHaveLength(0);
    expect(logs).toEqual(['websub: delivery failed 2 times (hub.callback points at a private address); giving up']);
  });
});

describe('both hubs', () => {
  let db: Database.Database;
  let subs: SubscriptionStore;
  let hubs: WebSub[];

  beforeEach(async () => {
    db = new Database(':memory:');
    await new SqlStore(sqliteDriver(db)).migrate();
    subs = new SubscriptionStore(sqliteDriver(db));
    hubs = [];
    const at = new Date();
    await subs.save({
      topic: TOPIC, callback: CALLBACK, secret: null, leaseSeconds: 3600,
      leaseExpires: new Date(at.getTime() + 3_600_000).toISOString(), createdAt: at.toISOString(),
    });
  });
  afterEach(async () => {
    for (const h of hubs) h.close();
    await Promise.all(hubs.map((h) => h.idle()));
    db.close();
  });

  function own(fetch: typeof globalThis.fetch, retryDelaysMs: number[], log: (l: string) => void = () => {}): WebSub {
    const hub = createHub({
      baseUrl: BASE, hubUrl: `${BASE}/websub`, sources: () => SOURCES, subscriptions: subs, allowPrivateNetworks: true,
      content: async () => ({ body: '<feed/>', contentType: 'application/atom+xml; charset=utf-8' }),
      fetch, retryDelaysMs, log,
    });
    hubs.push(hub);
    return hub;
  }

  function external(fetch: typeof globalThis.fetch, retryDelaysMs: number[], log: (l: string) => void = () => {}): WebSub {
    const hub = externalHub({ baseUrl: BASE, hub: 'http://hub.test/', sources: () => SOURCES, fetch, retryDelaysMs, log });
    hubs.push(hub);
    return hub;
  }

  it('a delivery and a ping follow the same retry schedule and give up the same way', async () => {
    const delivery = answering(500);
    const ping = answering(500);
    const logs: string[] = [];
    const a = own(delivery.fetch, [1, 2, 3], (l) => logs.push(l));
    const b = external(ping.fetch, [1, 2, 3], (l) => logs.push(l));
    await a.feedChanged('wire');
    await b.feedChanged('wire');
    await Promise.all([a.idle(), b.idle()]);
    expect(delivery.posts).toHaveLength(4); // one subscribed topic, 1 + 3 retries
    expect(ping.posts).toHaveLength(12); // three topics (formats), 1 + 3 retries each
    expect(ping.posts.filter((p) => p.body.includes(encodeURIComponent(TOPIC)))).toHaveLength(4);
    expect(logs.sort()).toEqual([
      `websub: delivery of ${TOPIC} to ${CALLBACK} failed 4 times (HTTP 500); giving up`,
      ...['atom', 'json', 'rss'].map((f) => `websub: publish ping for ${BASE}/feeds/wire.${f} to http://hub.test/ failed 4 times (HTTP 500); giving up`),
    ].sort());
  });

  it('410 Gone ends a delivery at once and removes the subscription', async () => {
    const { fetch, posts } = answering(410);
    const logs: string[] = [];
    const hub = own(fetch, [1, 1, 1], (l) => logs.push(l));
    await hub.feedChanged('wire');
    await hub.idle();
    expect(posts).toHaveLength(1);
    expect(await subs.get(TOPIC, CALLBACK)).toBeNull();
    expect(logs).toEqual([`websub: ${CALLBACK} answered 410 Gone: unsubscribed from ${TOPIC}`]);
  });

  it('close() cuts the waits of both hubs: no retry is sent and idle() resolves', async () => {
    const delivery = answering(500);
    const ping = answering(500);
    const a = own(delivery.fetch, [3_600_000]);
    const b = external(ping.fetch, [3_600_000]);
    await a.feedChanged('wire');
    await b.feedChanged('wire');
    while (delivery.posts.length < 1 || ping.posts.length < 3) await new Promise((r) => setTimeout(r, 5));
    a.close();
    b.close();
    await Promise.all([a.idle(), b.idle()]);
    expect(delivery.posts).toHaveLength(1);
    expect(ping.posts).toHaveLength(3);
  });
});

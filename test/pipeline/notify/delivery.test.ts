import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedwrightConfig, SourceConfig } from '../../../src/config/types.ts';
import { DEFAULTS } from '../../../src/defaults.ts';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { deliverDue, queueNotifications, type DeliveryResult } from '../../../src/pipeline/notify/delivery.ts';
import { runTransitions } from '../../../src/pipeline/notify/events.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { startNotifier } from '../../../src/runtime/node/notifier.ts';
import { openSqlite } from '../../../src/runtime/node/sqlite.ts';
import { SqlOutbox } from '../../../src/store/outbox.ts';
import type { Store } from '../../../src/store/store.ts';
import { hmacSha256Hex } from '../../../src/utils/hash.ts';
import { startOrigin, type Origin, type Received } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';

const DEMO = fileURLToPath(new URL('../../../data/demo/', import.meta.url));
const SECRET = 'wh-s3cret';

let site: Origin;
let receiver: Origin;
let siteMode: 'normal' | 'forbidden' = 'normal';
let hookStatus = 200;
let store: Store;
let outbox: SqlOutbox;
let close: () => Promise<void>;
let clock: Date;

beforeEach(async () => {
  siteMode = 'normal';
  hookStatus = 200;
  site = await startOrigin({
    root: DEMO,
    routes: { '/index.html': (_req, res) => { if (siteMode === 'forbidden') { res.statusCode = 403; res.end('no'); } else res.end(LISTING); } },
  });
  receiver = await startOrigin({ host: '127.0.0.4', routes: { '/hook': (_req, res) => { res.statusCode = hookStatus; res.end(); } } });
  const db = await openSqlite(':memory:');
  store = db.store;
  outbox = new SqlOutbox(db.driver);
  close = () => db.store.close();
  clock = new Date('2026-12-01T10:00:00Z');
});
afterEach(async () => {
  await site.close();
  await receiver.close();
  await close();
});

let LISTING = '';
beforeEach(async () => {
  const { readFile } = await import('node:fs/promises');
  LISTING = await readFile(join(DEMO, 'index.html'), 'utf8');
});

const hooks = () => receiver.received.filter((r) => r.path === '/hook');
const policy = { allowPrivateNetworks: true };

/** One run of the source, its notifications queued and everything due delivered. */
async function runOnce(source: SourceConfig, config: Pick<FeedwrightConfig, 'notify'> = {}) {
  const report = await scrapeSource(source, { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => clock });
  await queueNotifications({ outbox, now: () => clock }, config, source, report, runTransitions(report), 'http://feeds.test');
  await deliverDue({ outbox, policy, now: () => clock });
  clock = new Date(clock.getTime() + 3_600_000);
  return report;
}

async function expectSigned(r: Received): Promise<void> {
  expect(r.headers['x-feedwright-signature']).toBe(`sha256=${await hmacSha256Hex(SECRET, r.body)}`);
}

describe('notifications of runs', () => {
  it('sends one signed source.state notification per transition, none while the state holds', async () => {
    const source = makeSource({
      id: 'demo', title: 'Demo', url: site.at('/index.html'),
      notify: [{ url: receiver.at('/hook'), secret: SECRET, events: ['source.state'] }],
    });
    await runOnce(source);
    siteMode = 'forbidden';
    await runOnce(source);
    await runOnce(source);
    siteMode = 'normal';
    await runOnce(source);
    const got = hooks();
    expect(got.map((r) => JSON.parse(r.body)).map((b) => `${b.from}→${b.to}`)).toEqual(['new→ok', 'ok→blocked', 'blocked→ok']);
    for (const r of got) {
      expect(r.method).toBe('POST');
      expect(r.headers['x-feedwright-event']).toBe('source.state');
      await expectSigned(r);
    }
    const blocked = JSON.parse(got[1].body);
    expect(blocked).toMatchObject({ event: 'source.state', source: { id: 'demo', title: 'Demo', feed: 'http://feeds.test/feeds/demo.atom' } });
    expect(blocked.reason).toMatch(/403/);
  });

  it('batches the new items of a run into one items.new notification (top-level webhook)', async () => {
    const source = makeSource({ id: 'demo', url: site.at('/index.html') });
    const config = { notify: [{ url: receiver.at('/hook'), events: ['items.new' as const], format: 'json' as const }] };
    const first = await runOnce(source, config);
    expect(first.created).toBe(5);
    await runOnce(source, config); // nothing new: nothing sent
    const got = hooks();
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0].body);
    expect(body).toMatchObject({ event: 'items.new', count: 5, source: { id: 'demo' } });
    expect(body.items).toHaveLength(5);
    expect(body.items.map((i: { url: string }) => i.url).sort()).toEqual((await store.listItems('demo', 10)).map((i) => i.url).sort());
    expect(got[0].headers['x-feedwright-signature']).toBeUndefined();
  });
});

describe('delivery', () => {
  async function queueOne(): Promise<void> {
    const source = makeSource({ id: 'demo', url: site.at('/'), notify: [{ url: receiver.at('/hook'), secret: SECRET }] });
    const report = { created: 1, updated: 0, startedAt: clock.toISOString(), changedItems: { created: [{ id: 'a', url: 'https://x.example/a', title: 'A', published: clock.toISOString() }], updated: [] } };
    const entries = await queueNotifications({ outbox, now: () => clock }, {}, source, report as never, [], 'http://feeds.test');
    expect(entries).toHaveLength(1);
  }

  it('retries with growing waits, then gives up after the bound with one log line', async () => {
    hookStatus = 500;
    await queueOne();
    const start = clock.getTime();
    const at = (ms: number) => () => new Date(start + ms);
    const results: DeliveryResult[] = [];
    const logs: string[] = [];
    const deps = (ms: number) => ({ outbox, policy, now: at(ms), random: () => 0.5, log: (l: string) => logs.push(l), onResult: (r: DeliveryResult) => results.push(r) });
    const base = DEFAULTS.notifyRetryBaseMs;
    expect(await deliverDue(deps(0))).toBe(1);
    expect(await deliverDue(deps(base - 1))).toBe(0); // not due yet
    expect(await deliverDue(deps(base))).toBe(1);
    expect(await deliverDue(deps(base + 2 * base - 1))).toBe(0); // the wait doubled
    expect(await deliverDue(deps(3 * base))).toBe(1);
    expect(hooks()).toHaveLength(3);
    expect(results).toEqual(['failed', 'failed', 'failed']);
    expect(logs).toEqual([]);
    // Close to the bound, a failure whose next try would fall past it gives up.
    const late = DEFAULTS.notifyGiveUpMs - 1000;
    expect(await deliverDue(deps(late))).toBe(1);
    expect(results.at(-1)).toBe('gave_up');
    expect(await outbox.count()).toBe(0);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/gave up on items\.new of source "demo" to http:\/\/127\.0\.0\.4:\d+\/\*\*\* after 4 attempt\(s\) over 86399 s: HTTP 500/);
  });

  it('survives a restart: queued, failed once, process stopped, delivered by the next one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feedwright-outbox-'));
    try {
      const path = join(dir, 'fw.db');
      hookStatus = 503;
      let db = await openSqlite(path);
      outbox = new SqlOutbox(db.driver);
      await queueOne();
      let notifier = startNotifier({ outbox, policy, now: () => clock });
      await notifier.idle();
      await notifier.close();
      await db.store.close();
      expect(hooks()).toHaveLength(1);

      hookStatus = 200;
      db = await openSqlite(path);
      outbox = new SqlOutbox(db.driver);
      expect(await outbox.count()).toBe(1);
      const later = new Date(clock.getTime() + 2 * DEFAULTS.notifyRetryBaseMs);
      notifier = startNotifier({ outbox, policy, now: () => later });
      await notifier.idle();
      await notifier.close();
      expect(await outbox.count()).toBe(0);
      await db.store.close();
      const got = hooks();
      expect(got).toHaveLength(2);
      expect(got[1].body).toBe(got[0].body);
      await expectSigned(got[1]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a webhook on a private address unless allowPrivateNetworks', async () => {
    await queueOne();
    const logs: string[] = [];
    await deliverDue({ outbox, policy: { allowPrivateNetworks: false }, now: () => clock, log: (l) => logs.push(l) });
    expect(hooks()).toHaveLength(0);
    expect(await outbox.count()).toBe(0);
    expect(logs[0]).toMatch(/the webhook URL points at a loopback.*set allowPrivateNetworks: true/);
  });
});

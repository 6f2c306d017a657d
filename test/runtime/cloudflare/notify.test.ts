/**
 * Webhook notifications on the Worker (workerd through Miniflare): a queue run writes its
 * notifications to the D1 outbox and the Queue carries one delivery message each; a failed
 * delivery is sent again later, a secret comes from a `${NAME}` binding; an entry whose Queue
 * message never went out is delivered by a later cron run, exactly once.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D1Database } from '../../../src/runtime/cloudflare/bindings.ts';
import { d1Driver } from '../../../src/runtime/cloudflare/d1.ts';
import { SqlOutbox, type OutboxEntry } from '../../../src/store/outbox.ts';
import { hmacSha256Hex } from '../../../src/utils/hash.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { buildWorker, events, eventually, removeBundle, startWorker, type Bundle, type WorkerHarness } from './workerd.ts';

const DEMO = fileURLToPath(new URL('../../../data/demo/', import.meta.url));
const QUEUE = 'feedwright-refresh';
const SECRET = 'worker-hook-secret-77';

let bundle: Bundle;
let worker: WorkerHarness;
let site: Origin;
let receiver: Origin;
let hookStatus = 500;

beforeAll(async () => {
  [bundle, site, receiver] = await Promise.all([
    buildWorker(), startOrigin({ root: DEMO }),
    startOrigin({ host: '127.0.0.5', routes: { '/hook': (_req, res) => { res.statusCode = hookStatus; res.end(); } } }),
  ]);
  const config = [
    'baseUrl: https://feeds.example.test',
    'allowPrivateNetworks: true',
    'hostDelayMs: 0',
    'notify:',
    `  - url: ${receiver.at('/hook')}`,
    '    secret: ${HOOK_SECRET}',
    '    events: [items.new]',
    'sources:',
    `  - id: site\n    title: Site\n    url: ${site.url}index.html\n    schedule: "*/30 * * * *"`,
  ].join('\n');
  worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: config, HOOK_SECRET: SECRET });
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
  if (bundle) await removeBundle(bundle);
  await Promise.all([site?.close(), receiver?.close()]);
});

describe('notifications on the Worker', () => {
  it('a queue run queues items.new in D1, the Queue delivers it signed, a failure is sent again later', async () => {
    const outbox = new SqlOutbox(d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database));
    const w = await events(worker);
    const run = await w.queue(QUEUE, [{ id: 'run-1', timestamp: new Date(), attempts: 1, body: { sourceId: 'site', enqueuedAt: new Date().toISOString(), force: true } }]);
    expect(run.explicitAcks).toContain('run-1');

    // The delivery message reaches the consumer through the Queue; the receiver answers 500.
    const hooks = () => receiver.received.filter((r) => r.path === '/hook');
    await eventually(async () => hooks().length >= 1);
    const [entry] = await eventually(async () => {
      const due = await outbox.due(new Date(Date.now() + 3_600_000), 10);
      return due.length === 1 && due[0].attempts === 1 ? due : false;
    });
    expect(entry.lastError).toBe('HTTP 500');
    expect(Date.parse(entry.nextAttempt)).toBeGreaterThan(Date.now());

    // A message for an entry not due yet (a stale duplicate) sends nothing: the entry's own next
    // message, which the Queue holds for its backoff, carries it.
    hookStatus = 200;
    const early = await w.queue(QUEUE, [{ id: 'notify-early', timestamp: new Date(), attempts: 1, body: { kind: 'notify', deliveryId: entry.id } }]);
    expect(early.explicitAcks).toContain('notify-early');
    expect(hooks()).toHaveLength(1);
    expect(await outbox.get(entry.id)).toEqual(entry);

    // That next message (the backoff waited out by moving the entry's time back; the message delivered by hand) succeeds.
    const db = (await worker.mf.getD1Database('DB')) as unknown as D1Database;
    await db.prepare('UPDATE notify_outbox SET next_attempt = ? WHERE id = ?').bind(new Date(Date.now() - 1_000).toISOString(), entry.id).run();
    const again = await w.queue(QUEUE, [{ id: 'notify-2', timestamp: new Date(), attempts: 1, body: { kind: 'notify', deliveryId: entry.id } }]);
    expect(again.explicitAcks).toContain('notify-2');
    expect(await outbox.count()).toBe(0);
    const got = hooks();
    expect(got).toHaveLength(2);
    const body = JSON.parse(got[1].body);
    expect(body).toMatchObject({ event: 'items.new', count: 5, source: { id: 'site', feed: 'https://feeds.example.test/feeds/site.atom' } });
    expect(got[1].headers['x-feedwright-event']).toBe('items.new');
    expect(got[1].headers['x-feedwright-signature']).toBe(`sha256=${await hmacSha256Hex(SECRET, got[1].body)}`);

    // A duplicate message for a delivered entry is acked and sends nothing.
    const dup = await w.queue(QUEUE, [{ id: 'notify-3', timestamp: new Date(), attempts: 1, body: { kind: 'notify', deliveryId: entry.id } }]);
    expect(dup.explicitAcks).toContain('notify-3');
    expect(hooks()).toHaveLength(2);
  });

  describe('the cron run\'s outbox sweep', () => {
    const outboxOf = async () => new SqlOutbox(d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database));
    const hooksWith = (marker: string) => receiver.received.filter((r) => r.path === '/hook' && r.body.includes(marker));
    /** An outbox row as a run writes it, whose Queue message was never sent (the send failed after the write). */
    const orphan = (marker: string, dueInMs: number): OutboxEntry => {
      const at = new Date(Date.now() + dueInMs).toISOString();
      return {
        id: crypto.randomUUID(), event: 'items.new', sourceId: 'site', url: receiver.at('/hook'),
        headers: { 'content-type': 'application/json', 'x-feedwright-event': 'items.new' }, body: JSON.stringify({ event: 'items.new', marker }),
        attempts: 0, nextAttempt: at, createdAt: at, lastError: null,
      };
    };
    const cron = async () => (await events(worker)).scheduled({ cron: '*/5 * * * *', scheduledTime: new Date() });

    it('delivers a due entry that has no message, once, and leaves entries not yet due alone', async () => {
      hookStatus = 200;
      const outbox = await outboxOf();
      const lost = orphan('lost-send', -60_000);
      const later = orphan('not-yet', 3_600_000);
      await outbox.add([lost, later]);
      await cron();
      expect(hooksWith('lost-send')).toHaveLength(1);
      expect(await outbox.get(lost.id)).toBeNull();
      expect(await outbox.get(later.id)).toEqual(later);
      // Later cron runs, and a late duplicate message, send nothing more.
      await cron();
      const w = await events(worker);
      const dup = await w.queue(QUEUE, [{ id: 'late-1', timestamp: new Date(), attempts: 1, body: { kind: 'notify', deliveryId: lost.id } }]);
      expect(dup.explicitAcks).toContain('late-1');
      expect(hooksWith('lost-send')).toHaveLength(1);
      expect(hooksWith('not-yet')).toHaveLength(0);
      await outbox.remove(later.id);
    });

    it('a message and the sweep taking the same entry at once post it once', async () => {
      hookStatus = 200;
      const outbox = await outboxOf();
      const both = orphan('race', -1_000);
      await outbox.add([both]);
      const w = await events(worker);
      await Promise.all([cron(), w.queue(QUEUE, [{ id: 'race-1', timestamp: new Date(), attempts: 1, body: { kind: 'notify', deliveryId: both.id } }])]);
      expect(hooksWith('race')).toHaveLength(1);
      expect(await outbox.count()).toBe(0);
    });

    it('a failed sweep attempt waits out the backoff, as a message\'s does, then goes out once', async () => {
      hookStatus = 500;
      const outbox = await outboxOf();
      const flaky = orphan('flaky', -60_000);
      await outbox.add([flaky]);
      const before = Date.now();
      await cron();
      const failed = (await outbox.get(flaky.id))!;
      expect(failed).toMatchObject({ attempts: 1, lastError: 'HTTP 500' });
      // The first retry waits DEFAULTS.notifyRetryBaseMs (30 s) ±20%: no cron run before that tries it.
      expect(Date.parse(failed.nextAttempt) - before).toBeGreaterThanOrEqual(24_000);
      await cron();
      expect(hooksWith('flaky')).toHaveLength(1);
      // Once due (here moved to the past by hand), the next cron run delivers it.
      hookStatus = 200;
      const db = (await worker.mf.getD1Database('DB')) as unknown as D1Database;
      await db.prepare('UPDATE notify_outbox SET next_attempt = ? WHERE id = ?').bind(new Date(Date.now() - 1_000).toISOString(), flaky.id).run();
      await cron();
      expect(hooksWith('flaky')).toHaveLength(2);
      expect(await outbox.get(flaky.id)).toBeNull();
      // The delayed message the failed attempt sent finds nothing left to send.
      const w = await events(worker);
      await w.queue(QUEUE, [{ id: 'flaky-late', timestamp: new Date(), attempts: 1, body: { kind: 'notify', deliveryId: flaky.id } }]);
      expect(hooksWith('flaky')).toHaveLength(2);
    });
  });
});

/**
 * Webhook notifications on the Worker (workerd through Miniflare): a queue run writes its
 * notifications to the D1 outbox and the Queue carries one delivery message each; a failed
 * delivery is sent again later, a secret comes from a `${NAME}` binding.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D1Database } from '../../../src/runtime/cloudflare/bindings.ts';
import { d1Driver } from '../../../src/runtime/cloudflare/d1.ts';
import { SqlOutbox } from '../../../src/store/outbox.ts';
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

    // The next delivery message (the Queue holds it for its backoff; here delivered by hand) succeeds.
    hookStatus = 200;
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
});

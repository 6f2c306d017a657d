/**
 * The cron handler and the queue consumer in workerd, with the Queue and D1 bindings spied on
 * (testkit/workerd-spy.ts): how many sendBatch calls, which messages, which D1 round trips. The
 * Worker does not consume its own queue here; the consumer is handed a batch by the test.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D1Database } from '../../../src/runtime/cloudflare/bindings.ts';
import { d1Driver } from '../../../src/runtime/cloudflare/d1.ts';
import { SqlStore } from '../../../src/store/sql-store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { buildWorker, events, removeBundle, startWorker, type Bundle, type WorkerHarness } from './workerd.ts';

const DEMO = fileURLToPath(new URL('../../../data/demo/', import.meta.url));
const QUEUE = 'feedwright-refresh';
const AT = new Date('2026-01-01T10:31:00.000Z'); // the */30 schedule last fired at 10:30
const BEFORE = '2026-01-01T10:00:10.000Z'; // attempted before that fire: due
const AFTER = '2026-01-01T10:30:10.000Z'; // attempted after it: not due

let bundle: Bundle;
let worker: WorkerHarness;
let origin: Origin;
let store: SqlStore;

/** 245 D1 sources due (a third never ran), 5 paused, 5 that ran after the last fire; 5 bundled ones due, one push source. */
const dueD1 = Array.from({ length: 245 }, (_, i) => `d1-${String(i).padStart(3, '0')}`);
const paused = Array.from({ length: 5 }, (_, i) => `paused-${i}`);
const fresh = Array.from({ length: 5 }, (_, i) => `fresh-${i}`);
const bundled = Array.from({ length: 5 }, (_, i) => `file-${i}`);
/** Run by the consumer test (first, in a fresh isolate); attempted after AT, so no longer due at the cron. */
const consumed = ['run-0', 'run-1'];

beforeAll(async () => {
  [bundle, origin] = await Promise.all([buildWorker(), startOrigin({ root: DEMO })]);
  const config = ['allowPrivateNetworks: true', 'hostDelayMs: 0', 'sources:',
    ...bundled.map((id) => `  - { id: ${id}, url: "${origin.url}index.html?${id}" }`),
    '  - { id: pushed, type: push }',
    `  - { id: file-run, url: "${origin.url}index.html?file-run" }`,
  ].join('\n');
  worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: config }, { spy: { ids: true }, queueConsumer: false });
  const db = d1Driver((await worker.d1()) as unknown as D1Database);
  store = new SqlStore(db);
  const row = (id: string) => ({ sql: 'INSERT INTO sources (id, config, updated_at) VALUES (?, ?, ?)', params: [id, JSON.stringify({ url: `${origin.url}index.html?${id}` }), BEFORE] });
  const state = (id: string, at: string) => ({ sql: 'INSERT INTO sources_state (source_id, last_attempt, last_success) VALUES (?, ?, ?)', params: [id, at, at] });
  await db.batch([
    ...[...dueD1, ...paused, ...fresh, ...consumed].map(row),
    ...dueD1.filter((_, i) => i % 3 !== 0).map((id) => state(id, BEFORE)),
    ...paused.map((id) => state(id, BEFORE)),
    ...paused.map((id) => ({ sql: 'INSERT INTO sources_paused (source_id, paused_at) VALUES (?, ?)', params: [id, BEFORE] })),
    ...fresh.map((id) => state(id, AFTER)),
  ]);
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
  if (bundle) await removeBundle(bundle);
  await origin?.close();
});

describe('Worker cron handler and queue consumer in workerd', () => {
  it('a consumer batch of several refresh messages scrapes each source into D1, reading only its D1 row, and acks every message', async () => {
    const ids = [...consumed, 'file-run'];
    const spy = worker.spy!;
    spy.reset();
    const messages = ids.map((sourceId, i) => ({ id: `m${i}`, timestamp: AT, attempts: 1, body: { sourceId, enqueuedAt: AT.toISOString() } }));
    const result = await (await events(worker)).queue(QUEUE, messages);
    expect(result.outcome).toBe('ok');
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1', 'm2']);
    expect(result.retryMessages).toEqual([]);
    for (const id of ids) {
      expect((await store.getState(id))?.lastSuccess).toEqual(expect.any(String));
      expect((await store.listItems(id, 50)).length).toBeGreaterThan(0);
    }
    expect(origin.hits.filter((h) => h.startsWith('GET /index.html'))).toHaveLength(3);
    // The isolate's first events: each message read its own D1 row, never the whole sources table.
    const reads = spy.d1.map((e) => (e.sql ?? '').replace(/\s+/g, ' '));
    expect(reads.filter((sql) => /FROM sources WHERE id = \?/.test(sql))).toHaveLength(2);
    expect(reads.filter((sql) => /FROM sources ORDER BY id/.test(sql))).toEqual([]);
  });

  it('enqueues each of 250 due sources exactly once, in 3 sendBatch calls; paused, not-due and push sources are left out', async () => {
    const spy = worker.spy!;
    spy.reset();
    const ran = await (await events(worker)).scheduled({ cron: '*/5 * * * *', scheduledTime: AT });
    expect(ran.outcome).toBe('ok');
    const batches = spy.sendBatches;
    expect(batches.map((b) => b.messages)).toEqual([100, 100, 50]);
    expect(spy.entries.filter((e) => e.kind === 'send')).toEqual([]);
    const sent = batches.flatMap((b) => b.ids ?? []);
    expect(sent).toHaveLength(250);
    expect(new Set(sent).size).toBe(250);
    expect(new Set(sent)).toEqual(new Set([...bundled, ...dueD1]));
    for (const b of batches) expect(b.bytes!).toBeLessThan(256 * 1024);
    expect(spy.lines.join('\n')).toContain('enqueued 250 due source(s)');
  });

  it('reads D1 three times per tick once the isolate is up: the sources, every state in one query, the due notifications', async () => {
    const spy = worker.spy!;
    spy.reset();
    await (await events(worker)).scheduled({ cron: '*/5 * * * *', scheduledTime: AT });
    expect(spy.sendBatches.reduce((n, b) => n + b.messages!, 0)).toBe(250);
    const reads = spy.d1.map((e) => e.sql!.replace(/\s+/g, ' '));
    expect(reads).toHaveLength(3);
    expect(reads[0]).toMatch(/FROM sources ORDER BY id$/);
    expect(reads[1]).toMatch(/FROM sources_state s LEFT JOIN/);
    expect(reads[2]).toMatch(/FROM notify_outbox WHERE next_attempt <= \?/);
    expect(spy.d1.map((e) => e.rowsRead)).toEqual([257, expect.any(Number), expect.any(Number)]);
  });

});

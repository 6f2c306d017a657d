/**
 * The Worker's cron handler in workerd (Miniflare, the bundle `wrangler deploy` uploads): N
 * sources kept in D1 (how a Worker holds thousands: the admin API writes them there), each with a
 * state row, all due; the scheduled event is triggered and the Queue and D1 calls counted through
 * the spies of testkit/workerd-spy.ts. Nothing consumes the queue (nothing is scraped).
 *
 * CPU: the workerd process's user + system time around each event (bench/workerd-cpu.ts; includes
 * the local D1 and Queue simulators and workerd's RPC, so an upper bound on billed CPU). The
 * isolate's first event is one queue message (what a consumer pays in a fresh isolate, context
 * built: config, schema check); the first cron event then still reads and validates every D1 row,
 * later ones only re-read them.
 */
import { median } from '../testkit/stats.ts';
import { buildWorker, events, removeBundle, startWorker } from '../testkit/workerd.ts';
import { cpuMs, TICK_MS, workerdPids } from './workerd-cpu.ts';

export interface CronRun {
  cpuMs: number;
  wallMs: number;
  enqueued: number;
  sendBatches: number;
  largestBatch: number;
  largestBatchBytes: number;
  d1RoundTrips: number;
  d1RowsRead: number;
  queries: string[];
}

export interface CronWorkerdResult {
  sources: number;
  /** Every source due: the first event of the isolate, then the later ones. */
  runs: CronRun[];
  /** The same sources, none due (every state attempted after the last fire): reading and filtering only. */
  idle: CronRun[];
  /** The isolate's very first event: one refresh message (its fetch refused by the address policy, so no scrape). */
  consumer: { cpuMs: number; d1RoundTrips: number; d1RowsRead: number };
  tickMs: number;
}

/** Fill D1 with `n` sources (10 % hourly in Asia/Tokyo, the rest every 30 min) and their states, last attempted before `before`. */
function seed(n: number, before: Date): string[] {
  const last = new Date(before.getTime() - 32 * 60_000).toISOString();
  return [
    `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${n - 1})
     INSERT INTO sources (id, config, enabled, updated_at)
     SELECT printf('src-%05d', i), json_object('title', 'Source ' || i, 'url', printf('http://127.0.0.1:9/site-%d/list/%d', i % 100, i),
       'schedule', CASE WHEN i % 10 = 0 THEN '0 * * * *' ELSE '*/30 * * * *' END,
       'timezone', CASE WHEN i % 10 = 0 THEN 'Asia/Tokyo' ELSE 'UTC' END, 'article', json_object('fetch', json('false'))),
       1, '${last}' FROM k`,
    `INSERT INTO sources_state (source_id, last_attempt, last_success, consecutive_failures)
     SELECT id, '${last}', '${last}', 0 FROM sources`,
  ];
}

export async function measureCronInWorkerd(n: number, runs = 5): Promise<CronWorkerdResult> {
  const bundle = await buildWorker();
  const worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: 'sources: []\n' }, { spy: {}, queueConsumer: false });
  try {
    const at = new Date('2026-01-01T10:31:00.000Z');
    const db = await worker.d1();
    await db.batch(seed(n, at).map((sql) => db.prepare(sql)));
    const pids = workerdPids();
    const ev = await events(worker);
    const spy = worker.spy!;
    const tick = async (): Promise<CronRun> => {
      spy.reset();
      const cpu = cpuMs(pids);
      const t = performance.now();
      const outcome = await ev.scheduled({ cron: '*/5 * * * *', scheduledTime: at });
      const wallMs = performance.now() - t;
      if (outcome.outcome !== 'ok') throw new Error(`scheduled event failed: ${outcome.outcome} ${spy.lines.join('\n')}`);
      const batches = spy.sendBatches;
      return {
        cpuMs: cpuMs(pids) - cpu,
        wallMs,
        enqueued: batches.reduce((s, b) => s + (b.messages ?? 0), 0),
        sendBatches: batches.length,
        largestBatch: Math.max(0, ...batches.map((b) => b.messages ?? 0)),
        largestBatchBytes: Math.max(0, ...batches.map((b) => b.bytes ?? 0)),
        d1RoundTrips: spy.d1.length,
        d1RowsRead: spy.d1.reduce((s, e) => s + (e.rowsRead ?? 0), 0),
        queries: spy.d1.map((e) => `${e.method} (${e.rowsRead} rows): ${(e.sql ?? '').replace(/\s+/g, ' ').slice(0, 90)}`),
      };
    };
    // What a queue consumer's first message costs in a fresh isolate with this many sources.
    spy.reset();
    const before = cpuMs(pids);
    await ev.queue('feedwright-refresh', [{ id: 'first', timestamp: at, attempts: 1, body: { sourceId: 'src-00001', enqueuedAt: at.toISOString() } }]);
    const consumer = { cpuMs: cpuMs(pids) - before, d1RoundTrips: spy.d1.length, d1RowsRead: spy.d1.reduce((s, e) => s + (e.rowsRead ?? 0), 0) };
    // That run failed (as meant): give the source its seeded state back, so every source is due.
    await db.batch([db.prepare(`UPDATE sources_state SET last_attempt = last_success, consecutive_failures = 0, next_attempt = NULL WHERE source_id = 'src-00001'`)]);
    const result: CronRun[] = [];
    for (let r = 0; r < runs; r++) result.push(await tick());
    await db.batch([db.prepare(`UPDATE sources_state SET last_attempt = '${at.toISOString()}'`)]);
    const idle: CronRun[] = [];
    for (let r = 0; r < Math.max(1, runs - 1); r++) idle.push(await tick());
    return { sources: n, runs: result, idle, consumer, tickMs: TICK_MS };
  } finally {
    await worker.dispose();
    await removeBundle(bundle);
  }
}

/** The summary lines the bench prints. */
export function describeCronRuns({ sources, runs, idle, consumer, tickMs }: CronWorkerdResult): string[] {
  const [first, ...rest] = runs;
  const warm = rest.length ? rest : runs;
  const line = (label: string, r: CronRun) =>
    `${label}: ${r.cpuMs.toFixed(0)} ms CPU (workerd process), ${r.wallMs.toFixed(0)} ms wall; ${r.enqueued} messages in ${r.sendBatches} sendBatch calls ` +
    `(largest ${r.largestBatch} messages, ${(r.largestBatchBytes / 1024).toFixed(1)} KiB); D1: ${r.d1RoundTrips} round trips, ${r.d1RowsRead} rows read`;
  return [
    `Worker cron handler in workerd — ${sources} D1 sources with states, all due (clock tick ${tickMs} ms):`,
    line('  first cron event of the isolate', first),
    `  later events, median of ${warm.length}: ${median(warm.map((r) => r.cpuMs)).toFixed(0)} ms CPU, ${median(warm.map((r) => r.wallMs)).toFixed(0)} ms wall`,
    line('  last event', runs[runs.length - 1]),
    `  none due (reading and filtering only), median of ${idle.length}: ${median(idle.map((r) => r.cpuMs)).toFixed(0)} ms CPU, ${median(idle.map((r) => r.wallMs)).toFixed(0)} ms wall; ` +
      `${idle[0].enqueued} messages; D1: ${idle[0].d1RoundTrips} round trips, ${idle[0].d1RowsRead} rows read`,
    `  queue consumer, first message of a fresh isolate (fetch refused, no scrape): ${consumer.cpuMs.toFixed(0)} ms CPU; D1: ${consumer.d1RoundTrips} round trips, ${consumer.d1RowsRead} rows read`,
    '  D1 queries of the last event:',
    ...runs[runs.length - 1].queries.map((q) => `    ${q}`),
  ];
}

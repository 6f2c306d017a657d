/**
 * `npm run bench:worker`: the Worker's bundle size and its CPU cost in workerd (Miniflare).
 *
 * CPU is read from the workerd process itself (/proc/<pid>/stat, user+system), before and after
 * a batch of events, and divided by the batch size. It therefore includes workerd's own HTTP and
 * RPC overhead for each event, and the local D1 (SQLite) and KV simulators, which run inside the
 * same workerd process: an upper bound for what Cloudflare bills. The origin (a node:http server
 * in this process) is not counted. A 404 request gives the per-request baseline.
 * Linux only (needs /proc).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { D1Database } from '../src/runtime/cloudflare/bindings.ts';
import { d1Driver } from '../src/runtime/cloudflare/d1.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import { startOrigin } from '../testkit/origin.ts';
import { buildWorker, events, removeBundle, startWorker } from '../testkit/workerd.ts';
import { cpuMs, TICK_MS, workerdPids } from './workerd-cpu.ts';

const DEMO = fileURLToPath(new URL('../data/demo/', import.meta.url));
const SOURCES = 20;
const REQUESTS = 300;

const bundle = await buildWorker();
const gz = readdirSync(bundle.dir)
  .filter((f) => !f.endsWith('.map') && !f.endsWith('.md'))
  .reduce((n, f) => n + gzipSync(readFileSync(join(bundle.dir, f))).length, 0);
const MiB = 1024 * 1024;
console.log(`bundle: ${(bundle.bytes / MiB).toFixed(2)} MiB raw, ${(gz / MiB).toFixed(2)} MiB gzip ` +
  `(limits: 3 MiB free, 10 MiB paid, gzip; 64 MiB raw) — ${Math.round((gz / (3 * MiB)) * 100)}% of the free limit`);

const origin = await startOrigin({ root: DEMO });
const config = ['allowPrivateNetworks: true', 'hostDelayMs: 0', 'sources:',
  ...Array.from({ length: SOURCES }, (_, i) =>
    `  - { id: s${i}, title: S${i}, url: "${origin.url}index.html", schedule: "*/30 * * * *", timezone: Asia/Kolkata }`),
].join('\n');
const worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: config });
const pids = workerdPids();
const ev = await events(worker);
try {
  // One full refresh per source: listing + every article extracted, normalized, written to D1.
  // The first message warms the isolate up and is not counted.
  const deliver = (i: number) => ev.queue('feedwright-refresh', [
    { id: `m${i}`, timestamp: new Date(), attempts: 1, body: { sourceId: `s${i}`, enqueuedAt: new Date().toISOString() } },
  ]);
  await deliver(0);
  let cpu = cpuMs(pids);
  for (let i = 1; i < SOURCES; i++) await deliver(i);
  const perRefresh = (cpuMs(pids) - cpu) / (SOURCES - 1);
  const store = new SqlStore(d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database));
  const items = (await store.feedVersion('s1')).itemCount;
  console.log(`source refresh (cold: ${items} new articles each): ${perRefresh.toFixed(1)} ms CPU per source (workerd process, ${SOURCES - 1} runs)`);

  // Warm feed requests: rendered bytes come from KV (first request of each variant renders).
  const url = 'http://localhost/feeds/s1.json';
  await worker.mf.dispatchFetch(url).then((r) => r.arrayBuffer());
  cpu = cpuMs(pids);
  for (let i = 0; i < REQUESTS; i++) await worker.mf.dispatchFetch(url).then((r) => r.arrayBuffer());
  const perRequest = (cpuMs(pids) - cpu) / REQUESTS;
  // And a miss: every request renders (distinct ?limit= values are distinct cache keys).
  cpu = cpuMs(pids);
  for (let i = 0; i < 50; i++) await worker.mf.dispatchFetch(`${url}?limit=${i + 1}`).then((r) => r.arrayBuffer());
  const perMiss = (cpuMs(pids) - cpu) / 50;
  // Baseline: a 404 touches neither D1 nor KV; what is left is workerd's per-request overhead.
  cpu = cpuMs(pids);
  for (let i = 0; i < REQUESTS; i++) await worker.mf.dispatchFetch('http://localhost/feeds/none.json').then((r) => r.arrayBuffer());
  const perBaseline = (cpuMs(pids) - cpu) / REQUESTS;
  console.log(`baseline (404, no D1/KV): ${perBaseline.toFixed(2)} ms CPU per request`);
  console.log(`warm feed request (KV hit): ${perRequest.toFixed(2)} ms CPU; render on a miss: ${perMiss.toFixed(2)} ms CPU (workerd process, incl. its HTTP overhead)`);
  console.log(`(workerd processes: ${pids.length}; clock tick ${TICK_MS} ms; file sizes: ${readdirSync(bundle.dir).map((f) => `${f} ${statSync(join(bundle.dir, f)).size}`).join(', ')})`);
} finally {
  await worker.dispose();
  await origin.close();
  await removeBundle(bundle);
}

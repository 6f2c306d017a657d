/**
 * `npm run bench:scale` (part 2): the Worker's cron handler (enqueueDueSources) over N sources
 * (BENCH_SOURCES, default 10,000; half due), run on Node with an in-memory queue and states:
 * the handler's own CPU (cron math, filtering, batching), without D1 and Queues latency. Beside
 * it, the same handler computing every source's cron on its own (before previousRunsAt).
 * Then the whole scheduled event in workerd, with the N sources and their states in D1
 * (bench/cron-workerd.ts; BENCH_WORKERD=0 skips it). Needs tooling/ installed (`npm run bench:scale` does it).
 */
import type { SourceConfig } from '../src/config/types.ts';
import { isDue, isScheduled } from '../src/pipeline/due.ts';
import { emptyState } from '../src/pipeline/scrape.ts';
import type { Queue, RefreshMessage } from '../src/runtime/cloudflare/bindings.ts';
import type { WorkerContext } from '../src/runtime/cloudflare/context.ts';
import { enqueueDueSources } from '../src/runtime/cloudflare/cron-trigger.ts';
import { makeSource } from '../testkit/sources.ts';
import { median } from '../testkit/stats.ts';
import { describeCronRuns, measureCronInWorkerd } from './cron-workerd.ts';
import { machine } from './machine.ts';

const N = Number(process.env.BENCH_SOURCES ?? 10_000);
const now = new Date('2024-05-01T10:31:00.000Z');
const base = makeSource({ id: 'base', schedule: '*/30 * * * *' });
const sources: SourceConfig[] = Array.from({ length: N }, (_, i) => ({ ...base, id: `s${i}`, ...(i % 10 === 0 ? { schedule: '0 * * * *' } : {}) }));
const states = sources.map((s, i) => ({ ...emptyState(s.id), lastAttempt: i % 2 ? '2024-05-01T10:30:30.000Z' : '2024-05-01T10:00:30.000Z' }));
const ctx = { sources: async () => ({ sources }), store: { listStates: async () => states } } as unknown as WorkerContext;
let sent = 0;
const queue = { sendBatch: async (m: unknown[]) => void (sent += m.length) } as unknown as Queue<RefreshMessage>;

const ours: number[] = [];
const naive: number[] = [];
for (let round = 0; round < 5; round++) {
  let t = performance.now();
  await enqueueDueSources(ctx, queue, now);
  ours.push(performance.now() - t);
  t = performance.now();
  const byId = new Map(states.map((s) => [s.sourceId, s]));
  sources.filter((s) => isScheduled(s) && isDue(s, byId.get(s.id) ?? null, now));
  naive.push(performance.now() - t);
}
console.log(`Worker cron handler on Node — ${machine()}`);
console.log(`${N} sources, ${sent / 5} enqueued per run; median of 5: ${median(ours).toFixed(1)} ms; cron per source (reference, same run): ${median(naive).toFixed(1)} ms`);

if (process.env.BENCH_WORKERD !== '0') console.log(describeCronRuns(await measureCronInWorkerd(N)).join('\n'));

/**
 * The cron handler's whole job: find the sources that are due and enqueue one message each.
 * No scraping happens here, so the cron invocation stays tiny however many sources there are:
 * one read of the states, cron math once per distinct schedule, messages sent in batches.
 */
import { DEFAULTS } from '../../defaults.ts';
import { isDue, isScheduled, previousRunsAt } from '../../pipeline/due.ts';
import type { Queue, RefreshMessage } from './bindings.ts';
import type { WorkerContext } from './context.ts';

/** Enqueue every due source; returns their ids. */
export async function enqueueDueSources(ctx: WorkerContext, queue: Queue<RefreshMessage>, now: Date): Promise<string[]> {
  // Read D1 on every tick: sources added, changed or paused through the API count at once.
  const { sources } = await ctx.sources({ fresh: true });
  const states = new Map((await ctx.store.listStates()).map((s) => [s.sourceId, s]));
  const previous = previousRunsAt(now);
  const due = sources.filter((s) => isScheduled(s) && isDue(s, states.get(s.id) ?? null, now, previous)).map((s) => s.id);
  const enqueuedAt = now.toISOString();
  for (let i = 0; i < due.length; i += DEFAULTS.queueSendBatch) {
    await queue.sendBatch(due.slice(i, i + DEFAULTS.queueSendBatch).map((sourceId) => ({ body: { sourceId, enqueuedAt } })));
  }
  return due;
}

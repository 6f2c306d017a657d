/**
 * The cron handler's whole job: find the sources that are due and enqueue one message each.
 * No scraping happens here, so the cron invocation stays tiny however many sources there are.
 */
import { isDue } from '../../pipeline/schedule.ts';
import type { Queue, RefreshMessage } from './bindings.ts';
import type { WorkerContext } from './context.ts';

/** Queues accept at most 100 messages per sendBatch call. */
const SEND_BATCH = 100;

/** Enqueue every due source; returns their ids. */
export async function enqueueDueSources(ctx: WorkerContext, queue: Queue<RefreshMessage>, now: Date): Promise<string[]> {
  const { sources } = await ctx.sources();
  const states = new Map((await ctx.store.listStates()).map((s) => [s.sourceId, s]));
  // push sources receive articles through the API: never scheduled.
  const due = sources.filter((s) => s.type !== 'push' && isDue(s, states.get(s.id) ?? null, now)).map((s) => s.id);
  const enqueuedAt = now.toISOString();
  for (let i = 0; i < due.length; i += SEND_BATCH) {
    await queue.sendBatch(due.slice(i, i + SEND_BATCH).map((sourceId) => ({ body: { sourceId, enqueuedAt } })));
  }
  return due;
}

/**
 * Webhook delivery on Workers: a run's notifications go to the D1 outbox (the same table and code
 * as on Node), and the Queue carries one `{ kind: 'notify' }` message per entry. A failed attempt
 * is rescheduled as a new delayed message (not a Queue retry, so the refresh queue's max_retries
 * does not cut the outbox's own give-up bound short). Each cron run also attempts a few due
 * entries itself (`sweepOutbox`): those whose message was never sent (a Queue send that failed
 * after the row was written) or was lost. Every attempt first claims its entry in D1, so a
 * message and the sweep never post one entry twice.
 */
import type { SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import { deliver, queueNotifications, type DeliveryResult, type NotifyDeps } from '../../pipeline/notify/delivery.ts';
import { runTransitions } from '../../pipeline/notify/events.ts';
import type { ScrapeReport } from '../../pipeline/types.ts';
import { SqlOutbox, type OutboxEntry } from '../../store/outbox.ts';
import type { Message, NotifyMessage, Queue, QueueMessage } from './bindings.ts';
import type { WorkerContext } from './context.ts';

/** Longest delay Queues accept for a message (12 h). */
const MAX_DELAY_S = 12 * 3600;

/** What became of one message or swept entry: an attempt's result, or no attempt (gone, not due, taken by another). */
export type NotifyAttempt = DeliveryResult | 'gone' | 'not_due' | 'taken';

function deps(ctx: WorkerContext, now: () => Date): NotifyDeps {
  return {
    outbox: new SqlOutbox(ctx.db), now,
    policy: { allowPrivateNetworks: ctx.config.allowPrivateNetworks },
    log: (line) => console.warn(line),
    onResult: (result) => ctx.metrics.notification(result),
  };
}

/** Queues the notifications of a run and sends one message per delivery. */
export async function notifyRun(
  ctx: WorkerContext, queue: Queue<QueueMessage>, source: SourceConfig, report: ScrapeReport, base: string | null,
): Promise<number> {
  const entries = await queueNotifications({ outbox: new SqlOutbox(ctx.db) }, ctx.config, source, report, runTransitions(report), base ?? '');
  if (entries.length > 0) await queue.sendBatch(entries.map((e) => ({ body: { kind: 'notify', deliveryId: e.id } as NotifyMessage })));
  return entries.length;
}

/**
 * One delivery message: POST the entry if it is due and this message takes it; a failure is sent
 * again after its backoff. Always acked: an entry that is not due, or taken, has another carrier
 * (the message its last attempt sent, or the sweep).
 */
export async function handleNotify(
  ctx: WorkerContext, queue: Queue<QueueMessage>, message: Message<NotifyMessage>, now: () => Date = () => new Date(),
): Promise<NotifyAttempt> {
  const d = deps(ctx, now);
  const entry = await d.outbox.get(message.body.deliveryId);
  const result = entry ? await attempt(d, queue, entry, now) : 'gone'; // gone: delivered or given up already
  message.ack();
  return result;
}

/** The cron run's pass: attempts up to DEFAULTS.notifySweepBatch due entries, oldest first. */
export async function sweepOutbox(
  ctx: WorkerContext, queue: Queue<QueueMessage>, now: () => Date = () => new Date(),
): Promise<Record<NotifyAttempt, number>> {
  const d = deps(ctx, now);
  const counts: Record<NotifyAttempt, number> = { delivered: 0, failed: 0, gave_up: 0, gone: 0, not_due: 0, taken: 0 };
  for (const entry of await d.outbox.due(now(), DEFAULTS.notifySweepBatch)) counts[await attempt(d, queue, entry, now)]++;
  return counts;
}

/** Claims a due entry, posts it (deliver: the outbox's backoff and give-up rules), and sends its next message on failure. */
async function attempt(d: NotifyDeps, queue: Queue<QueueMessage>, entry: OutboxEntry, now: () => Date): Promise<NotifyAttempt> {
  const at = now();
  if (Date.parse(entry.nextAttempt) > at.getTime()) return 'not_due';
  if (!(await d.outbox.claim(entry, at, new Date(at.getTime() + DEFAULTS.notifyClaimMs)))) return 'taken';
  const outcome = await deliver(d, entry);
  if (outcome.result === 'failed') {
    const delaySeconds = Math.min(MAX_DELAY_S, Math.max(0, Math.ceil((outcome.retryAt.getTime() - now().getTime()) / 1000)));
    // Should this send fail, the entry is still in the outbox, due at retryAt: a later sweep takes it.
    await queue.send({ kind: 'notify', deliveryId: entry.id }, { delaySeconds });
  }
  return outcome.result;
}

/**
 * Webhook delivery on Workers: a run's notifications go to the D1 outbox (the same table and code
 * as on Node), and the Queue carries one `{ kind: 'notify' }` message per entry. A failed attempt
 * is rescheduled as a new delayed message (not a Queue retry, so the refresh queue's max_retries
 * does not cut the outbox's own give-up bound short).
 */
import type { SourceConfig } from '../../config/types.ts';
import { deliver, queueNotifications, type NotifyDeps } from '../../pipeline/notify/delivery.ts';
import { runTransitions } from '../../pipeline/notify/events.ts';
import type { ScrapeReport } from '../../pipeline/types.ts';
import { SqlOutbox } from '../../store/outbox.ts';
import type { Message, NotifyMessage, Queue, QueueMessage } from './bindings.ts';
import type { WorkerContext } from './context.ts';

/** Longest delay Queues accept for a message (12 h). */
const MAX_DELAY_S = 12 * 3600;

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

/** One delivery message: POST the entry; a failure is sent again after its backoff. Always acked. */
export async function handleNotify(
  ctx: WorkerContext, queue: Queue<QueueMessage>, message: Message<NotifyMessage>, now: () => Date = () => new Date(),
): Promise<'delivered' | 'failed' | 'gave_up' | 'gone'> {
  const d = deps(ctx, now);
  const entry = await d.outbox.get(message.body.deliveryId);
  if (!entry) {
    message.ack(); // delivered or given up already (a duplicate message)
    return 'gone';
  }
  const outcome = await deliver(d, entry);
  if (outcome.result === 'failed') {
    const delaySeconds = Math.min(MAX_DELAY_S, Math.max(0, Math.ceil((outcome.retryAt.getTime() - now().getTime()) / 1000)));
    await queue.send(message.body, { delaySeconds });
  }
  message.ack();
  return outcome.result;
}

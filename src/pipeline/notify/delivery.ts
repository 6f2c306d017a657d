/**
 * Webhook delivery through the outbox: a run's notifications are written to the database first
 * (`queueNotifications`, never blocking the run on the network), then POSTed by `deliver`, retried
 * with growing waits (utils/backoff.ts) and dropped with one log line once they have failed for
 * DEFAULTS.notifyGiveUpMs. Targets pass the same public-address check as every outgoing request.
 * Node drains the outbox on a timer (runtime/node/notifier.ts); Workers carry each entry in a
 * Queue message (runtime/cloudflare/queue-consumer.ts).
 */
import { maskWebhookUrl } from '../../config/mask.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import type { OutboxEntry, SqlOutbox } from '../../store/outbox.ts';
import { backoffDelayMs } from '../../utils/backoff.ts';
import { errorMessage } from '../../utils/errors.ts';
import { callbackProblem, type CallbackPolicy } from '../../websub/callback.ts';
import type { ScrapeReport } from '../types.ts';
import type { StateTransition } from '../../model.ts';
import { runNotifications, targetsFor } from './events.ts';
import { webhookRequest } from './formats.ts';

/** What became of one attempt; counted by `feedwright_notifications_total{result}`. */
export type DeliveryResult = 'delivered' | 'failed' | 'gave_up';

export interface NotifyDeps {
  outbox: SqlOutbox;
  /** Outgoing requests (Node: connections to public addresses only, unless allowed). */
  fetch?: typeof fetch;
  /** allowPrivateNetworks, and DNS on Node. */
  policy: CallbackPolicy;
  now?: () => Date;
  log?: (line: string) => void;
  random?: () => number;
  /** First retry wait, longest wait, and how long a delivery may keep failing. Default DEFAULTS.notify*. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  giveUpMs?: number;
  timeoutMs?: number;
  onResult?: (result: DeliveryResult) => void;
}

export type Outcome = { result: 'delivered' | 'gave_up' } | { result: 'failed'; retryAt: Date };

/**
 * Writes the notifications of one run to the outbox, one entry per webhook that wants each event
 * (`config.notify` and the source's own); returns them (Workers send one Queue message each).
 */
export async function queueNotifications(
  deps: Pick<NotifyDeps, 'outbox' | 'now'>,
  config: Pick<FeedwrightConfig, 'notify'>,
  source: SourceConfig,
  report: ScrapeReport,
  transitions: readonly StateTransition[],
  baseUrl: string,
): Promise<OutboxEntry[]> {
  if (!config.notify?.length && !source.notify?.length) return [];
  const now = (deps.now ?? (() => new Date()))();
  const entries: OutboxEntry[] = [];
  for (const n of runNotifications(source, report, transitions, baseUrl, now.toISOString())) {
    for (const target of targetsFor(n.event, config.notify, source.notify)) {
      const request = await webhookRequest(target, n);
      entries.push({
        id: crypto.randomUUID(), event: n.event, sourceId: source.id, ...request,
        attempts: 0, nextAttempt: now.toISOString(), createdAt: now.toISOString(), lastError: null,
      });
    }
  }
  await deps.outbox.add(entries);
  return entries;
}

/** One attempt at one entry: delivered (removed), failed (rescheduled), or given up on (removed, logged). */
export async function deliver(deps: NotifyDeps, entry: OutboxEntry): Promise<Outcome> {
  const now = deps.now ?? (() => new Date());
  const failure = await post(deps, entry);
  let outcome: Outcome;
  if (failure === null) {
    await deps.outbox.remove(entry.id);
    outcome = { result: 'delivered' };
  } else {
    const attempts = entry.attempts + 1;
    const wait = backoffDelayMs(attempts, { baseMs: deps.retryBaseMs ?? DEFAULTS.notifyRetryBaseMs, maxMs: deps.retryMaxMs ?? DEFAULTS.notifyRetryMaxMs }, deps.random);
    const at = new Date(now().getTime() + wait);
    const deadline = Date.parse(entry.createdAt) + (deps.giveUpMs ?? DEFAULTS.notifyGiveUpMs);
    if (failure.final || at.getTime() > deadline) {
      await deps.outbox.remove(entry.id);
      const since = Math.round((now().getTime() - Date.parse(entry.createdAt)) / 1000);
      (deps.log ?? ((l) => console.warn(l)))(
        `feedwright: notify: gave up on ${entry.event} of source "${entry.sourceId}" to ${maskWebhookUrl(entry.url)} after ${attempts} attempt(s) over ${since} s: ${failure.reason}`,
      );
      outcome = { result: 'gave_up' };
    } else {
      await deps.outbox.retryLater(entry.id, attempts, at, failure.reason);
      outcome = { result: 'failed', retryAt: at };
    }
  }
  deps.onResult?.(outcome.result);
  return outcome;
}

/** Delivers every entry due now (at most DEFAULTS.notifyBatch per call); returns how many were tried. */
export async function deliverDue(deps: NotifyDeps, limit: number = DEFAULTS.notifyBatch): Promise<number> {
  const due = await deps.outbox.due((deps.now ?? (() => new Date()))(), limit);
  for (const entry of due) await deliver(deps, entry);
  return due.length;
}

/** POSTs the entry; null when a 2xx came back, else why not (`final`: retrying cannot help). */
async function post(deps: NotifyDeps, entry: OutboxEntry): Promise<{ reason: string; final?: boolean } | null> {
  const problem = await callbackProblem(entry.url, deps.policy, 'the webhook URL');
  if (problem) return { reason: `${problem}; set allowPrivateNetworks: true to allow local webhooks`, final: true };
  const fetchImpl = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  try {
    const res = await fetchImpl(entry.url, {
      method: 'POST', headers: entry.headers, body: entry.body, redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs ?? DEFAULTS.notifyTimeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return null;
    return { reason: `HTTP ${res.status}`, final: res.status === 410 };
  } catch (err) {
    return { reason: errorMessage(err).replace(entry.url, maskWebhookUrl(entry.url)) };
  }
}

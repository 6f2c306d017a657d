/**
 * feedwright's own WebSub hub (W3C Recommendation, 2018):
 *
 *   POST /websub   hub.mode=subscribe|unsubscribe, hub.topic (one of our feed URLs),
 *                  hub.callback, hub.lease_seconds, hub.secret → 202, then verification of
 *                  intent in the background (GET callback?hub.challenge=… must echo it).
 *                  Bounded (HubLimits): a new subscription past the per-topic or total cap is
 *                  refused with 403 (or, when the cap filled during verification, denied with
 *                  GET callback?hub.mode=denied, §5.2); too many verifications at once → 503.
 *                  Renewals of a live subscription are always accepted (§5.1.2).
 *   feedChanged(sourceId) → each format's topic that has live subscribers gets the new feed body,
 *                  POSTed with its Content-Type, Link (hub, self) and, when the subscriber gave a
 *                  secret, `X-Hub-Signature: sha256=<HMAC>`; failed deliveries are retried with
 *                  backoff (delivery.ts); a 410 Gone ends the subscription; expired leases are
 *                  purged. At most `maxConcurrentDeliveries` requests are in flight.
 *
 * Background work goes through `background` (Workers: ctx.waitUntil) and is tracked for `idle()`.
 * Over 300 lines: one closure on purpose, since subscribe, verify and distribute share the cap
 * bookkeeping (reservations of subscriptions still being verified), which must be checked and
 * updated without an await; retries, tasks and callback checks already live beside it.
 */
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { createKeyedLimiter } from '../fetch/limiter.ts';
import type { FeedDocument } from '../render/document.ts';
import type { FeedFormat } from '../render/types.ts';
import { feedUrl } from '../render/urls.ts';
import { readCapped } from '../utils/bytes.ts';
import { errorMessage } from '../utils/errors.ts';
import { hmacSha256Hex, toHex } from '../utils/hash.ts';
import { callbackProblem, callbackSyntaxProblem } from './callback.ts';
import { outgoing, postWithRetries, type OutgoingOptions } from './delivery.ts';
import type { SubscriptionStore } from './subscriptions.ts';
import { Tasks } from './tasks.ts';
import { FORMATS, type WebSub } from './types.ts';

/** The body and Content-Type a subscriber receives. */
export type TopicContent = Pick<FeedDocument, 'body' | 'contentType'>;

export interface LeasePolicy {
  /** When the subscriber asks for none. Default 10 days. */
  defaultSeconds: number;
  minSeconds: number;
  maxSeconds: number;
}

const DEFAULT_LEASE: LeasePolicy = {
  defaultSeconds: DEFAULTS.websubLeaseSeconds,
  minSeconds: DEFAULTS.websubMinLeaseSeconds,
  maxSeconds: DEFAULTS.websubMaxLeaseSeconds,
};

/** Bounds on what strangers can make the built-in hub hold and send (config `websub.*`). */
export interface HubLimits {
  /** Live subscriptions per topic (one feed in one format). */
  maxSubscriptionsPerTopic: number;
  /** Live subscriptions in all. */
  maxSubscriptions: number;
  /** Subscribe/unsubscribe requests being verified at once; past it requests get 503. */
  maxPendingVerifications: number;
  /** Content deliveries (POSTs to callbacks) in flight at once; the rest wait their turn. */
  maxConcurrentDeliveries: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = {
  maxSubscriptionsPerTopic: DEFAULTS.websubMaxSubscriptionsPerTopic,
  maxSubscriptions: DEFAULTS.websubMaxSubscriptions,
  maxPendingVerifications: DEFAULTS.websubMaxPendingVerifications,
  maxConcurrentDeliveries: DEFAULTS.websubMaxConcurrentDeliveries,
};
/** Retry-After (seconds) when every verification slot is taken. */
const BUSY_RETRY_AFTER_S = 60;

export interface HubOptions extends OutgoingOptions {
  /** This hub's public URL, normally `${baseUrl}/websub`. */
  hubUrl: string;
  /** The sources whose feeds are topics (a function: Workers re-read them). */
  sources: () => SourceConfig[] | Promise<SourceConfig[]>;
  subscriptions: SubscriptionStore;
  /** The current feed document of a topic. */
  content: (source: SourceConfig, format: FeedFormat) => Promise<TopicContent>;
  lease?: Partial<LeasePolicy>;
  limits?: Partial<HubLimits>;
}

function form(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/** feedwright's own hub. */
export function createHub(options: HubOptions): WebSub {
  const { fetch, now, retryDelays, timeoutMs, userAgent, log, baseUrl } = outgoing(options);
  const lease: LeasePolicy = { ...DEFAULT_LEASE, ...options.lease };
  const limits: HubLimits = { ...DEFAULT_HUB_LIMITS };
  for (const key of Object.keys(limits) as (keyof HubLimits)[]) limits[key] = options.limits?.[key] ?? limits[key];
  const tasks = new Tasks(log);
  const store = options.subscriptions;
  const deliveries = createKeyedLimiter(limits.maxConcurrentDeliveries);
  let verifying = 0;
  /** New subscriptions accepted but not verified yet, per topic: they count against the caps. */
  const reserved = new Map<string, number>();
  let reservedTotal = 0;

  function reserve(topic: string, by: 1 | -1): void {
    const n = (reserved.get(topic) ?? 0) + by;
    if (n > 0) reserved.set(topic, n);
    else reserved.delete(topic);
    reservedTotal += by;
  }

  /** Live subscriptions stored for `topic`, and in all. */
  async function stored(topic: string, at: Date): Promise<{ forTopic: number; total: number }> {
    const [forTopic, total] = await Promise.all([store.countActive(at, topic), store.countActive(at)]);
    return { forTopic, total };
  }

  /**
   * Why one more subscription of `topic` does not fit (null: it fits), given the stored counts
   * and, with `withReserved`, those still being verified. Synchronous, so that a check and the
   * reservation that follows it cannot interleave with another request's.
   */
  function capProblem(topic: string, counts: { forTopic: number; total: number }, withReserved: boolean): string | null {
    const forTopic = counts.forTopic + (withReserved ? reserved.get(topic) ?? 0 : 0);
    const total = counts.total + (withReserved ? reservedTotal : 0);
    if (forTopic >= limits.maxSubscriptionsPerTopic) {
      return `hub.topic ${topic} already has the most subscriptions this hub accepts per topic (${limits.maxSubscriptionsPerTopic})`;
    }
    if (total >= limits.maxSubscriptions) {
      return `this hub already has the most subscriptions it accepts (${limits.maxSubscriptions})`;
    }
    return null;
  }

  /** A live subscription re-requested: a renewal, which takes no new place. */
  async function isLive(topic: string, callback: string, at: Date): Promise<boolean> {
    const existing = await store.get(topic, callback);
    return existing !== null && new Date(existing.leaseExpires) > at;
  }

  async function topics(): Promise<Map<string, { source: SourceConfig; format: FeedFormat }>> {
    const map = new Map<string, { source: SourceConfig; format: FeedFormat }>();
    for (const source of await options.sources()) {
      for (const format of FORMATS) map.set(feedUrl(baseUrl, source.id, format), { source, format });
    }
    return map;
  }

  /** Subscription denied (WebSub §5.2): tells the subscriber, best effort. */
  async function deny(topic: string, callback: string, reason: string): Promise<void> {
    const url = new URL(callback);
    url.searchParams.append('hub.mode', 'denied');
    url.searchParams.append('hub.topic', topic);
    url.searchParams.append('hub.reason', reason);
    try {
      const res = await fetch(url.href, {
        method: 'GET', redirect: 'manual', headers: { 'User-Agent': userAgent }, signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel().catch(() => {});
    } catch {
      // The subscriber learns nothing; the subscription is refused all the same.
    }
  }

  /** Verification of intent (WebSub §5.3): the subscriber must echo a random challenge. */
  async function verify(mode: 'subscribe' | 'unsubscribe', topic: string, callback: string, leaseSeconds: number, secret: string | null, isNew: boolean) {
    const problem = await callbackProblem(callback, options);
    if (problem) {
      log(`websub: ${mode} ${callback} refused: ${problem}`);
      return;
    }
    const challenge = toHex(crypto.getRandomValues(new Uint8Array(24)));
    const url = new URL(callback);
    url.searchParams.append('hub.mode', mode);
    url.searchParams.append('hub.topic', topic);
    url.searchParams.append('hub.challenge', challenge);
    if (mode === 'subscribe') url.searchParams.append('hub.lease_seconds', String(leaseSeconds));
    let answer = '';
    let status = 0;
    try {
      const res = await fetch(url.href, {
        method: 'GET',
        redirect: 'manual',
        headers: { 'User-Agent': userAgent },
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      answer = new TextDecoder().decode(await readCapped(res.body, challenge.length + 2, { overflow: 'truncate' }));
    } catch (err) {
      log(`websub: ${mode} ${callback}: verification request failed: ${errorMessage(err)}`);
      return;
    }
    if (status < 200 || status > 299 || answer !== challenge) {
      log(`websub: ${mode} ${callback} for ${topic} not verified (HTTP ${status}${status >= 200 && status < 300 ? ', challenge not echoed' : ''})`);
      return;
    }
    const at = now();
    if (mode === 'subscribe') {
      // The caps may have filled while this subscriber was being asked (other hub instances too).
      const full = isNew && !(await isLive(topic, callback, at)) ? capProblem(topic, await stored(topic, at), false) : null;
      if (full) {
        log(`websub: subscribe ${callback} for ${topic} denied: ${full}`);
        await deny(topic, callback, full);
        return;
      }
      await store.save({
        topic, callback, secret, leaseSeconds,
        leaseExpires: new Date(at.getTime() + leaseSeconds * 1000).toISOString(),
        createdAt: at.toISOString(),
      });
    } else {
      await store.remove(topic, callback);
    }
  }

  async function handle(request: Request, background?: (task: Promise<unknown>) => void): Promise<Response> {
    const text = await request.text();
    if (text.length > DEFAULTS.websubRequestMaxChars) return form(413, 'The request body is too large.');
    const params = new URLSearchParams(text);
    const mode = params.get('hub.mode');
    const topic = params.get('hub.topic') ?? '';
    const callback = params.get('hub.callback') ?? '';
    if (mode !== 'subscribe' && mode !== 'unsubscribe') {
      return form(400, 'hub.mode must be "subscribe" or "unsubscribe" (send the form as application/x-www-form-urlencoded).');
    }
    if (topic === '') return form(400, 'hub.topic is required.');
    if (!(await topics()).has(topic)) {
      return form(404, `hub.topic ${topic} is not a feed of this hub (topics are ${baseUrl}/feeds/<id>.rss, .atom or .json).`);
    }
    if (callback === '') return form(400, 'hub.callback is required.');
    const problem = callbackSyntaxProblem(callback, options);
    if (problem) return form(400, `${problem}.`);

    let leaseSeconds = lease.defaultSeconds;
    const rawLease = params.get('hub.lease_seconds');
    if (rawLease !== null && rawLease !== '') {
      if (!/^\d+$/.test(rawLease)) return form(400, 'hub.lease_seconds must be a whole number of seconds.');
      leaseSeconds = Math.min(lease.maxSeconds, Math.max(lease.minSeconds, Number(rawLease)));
    }
    const secret = params.get('hub.secret');
    if (secret !== null && new TextEncoder().encode(secret).byteLength > DEFAULTS.websubMaxSecretBytes) {
      return form(400, `hub.secret must be at most ${DEFAULTS.websubMaxSecretBytes} bytes.`);
    }
    // A subscription that is not a renewal must fit under the caps, counting those being verified.
    const at = now();
    const isNew = mode === 'subscribe' && !(await isLive(topic, callback, at));
    const counts = isNew ? await stored(topic, at) : null;
    // No await from here on: the checks and the reservations happen together.
    const full = counts ? capProblem(topic, counts, true) : null;
    if (full) return form(403, `Refused: ${full}. Try again when subscriptions have ended.`);
    if (verifying >= limits.maxPendingVerifications) {
      return form(503, `Busy: ${limits.maxPendingVerifications} requests are being verified; try again in a minute.`, {
        'Retry-After': String(BUSY_RETRY_AFTER_S),
      });
    }
    verifying += 1;
    if (isNew) reserve(topic, 1);
    const verification = verify(mode, topic, callback, leaseSeconds, secret === '' ? null : secret, isNew).finally(() => {
      verifying -= 1;
      if (isNew) reserve(topic, -1);
    });
    tasks.add(verification, background);
    return form(202, `Accepted: the ${mode} request will be verified with a GET to the callback.`);
  }

  /**
   * One delivery with retries; each attempt waits for a delivery slot (released while waiting to
   * retry), reads the subscription again and re-checks the callback.
   */
  function deliver(topic: string, callback: string, content: TopicContent): Promise<void> {
    return postWithRetries({
      fetch, timeoutMs, retryDelays, log,
      sleep: (ms) => tasks.sleep(ms),
      slot: () => deliveries.acquire(''),
      closed: () => tasks.closed,
      label: `delivery of ${topic} to ${callback}`,
      async attempt() {
        const sub = await store.get(topic, callback);
        if (!sub || new Date(sub.leaseExpires) <= now()) return 'stop';
        const problem = await callbackProblem(callback, options);
        if (problem) throw new Error(problem);
        const headers: Record<string, string> = {
          'Content-Type': content.contentType,
          Link: `<${options.hubUrl}>; rel="hub", <${topic}>; rel="self"`,
          'User-Agent': userAgent,
        };
        if (sub.secret) headers['X-Hub-Signature'] = `sha256=${await hmacSha256Hex(sub.secret, content.body)}`;
        return { url: callback, body: content.body, headers, redirect: 'manual' };
      },
      async classify(res) {
        if (res.status >= 200 && res.status < 300) return 'done';
        if (res.status !== 410) return 'retry';
        await store.remove(topic, callback);
        log(`websub: ${callback} answered 410 Gone: unsubscribed from ${topic}`);
        return 'stop';
      },
    });
  }

  /** Tracked as a task itself, so that `idle()` also waits for distributions still starting. */
  function feedChanged(sourceId: string, background?: (task: Promise<unknown>) => void): Promise<void> {
    const work = distribute(sourceId, background);
    tasks.add(work, background);
    return work;
  }

  async function distribute(sourceId: string, background?: (task: Promise<unknown>) => void): Promise<void> {
    const at = now();
    await store.purgeExpired(at);
    const source = (await options.sources()).find((s) => s.id === sourceId);
    if (!source) return;
    for (const format of FORMATS) {
      const topic = feedUrl(baseUrl, source.id, format);
      const subs = await store.active(topic, at);
      if (subs.length === 0) continue;
      const content = await options.content(source, format);
      for (const sub of subs) tasks.add(deliver(topic, sub.callback, content), background);
    }
  }

  return {
    hub: options.hubUrl,
    handle,
    feedChanged,
    idle: () => tasks.idle(),
    close: () => tasks.close(),
  };
}


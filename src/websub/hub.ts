/**
 * WebSub (W3C Recommendation, 2018): feedwright as the hub of its own feeds.
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
 *                  backoff; a 410 Gone ends the subscription; expired leases are purged. At most
 *                  `maxConcurrentDeliveries` requests are in flight; the rest wait their turn.
 *
 * Or, with an external hub configured, feedChanged pings it (`hub.mode=publish&hub.url=<topic>`).
 * Background work goes through `background` (Workers: ctx.waitUntil) and is tracked for `idle()`.
 */
import type { SourceConfig } from '../config/types.ts';
import type { FeedFormat } from '../render/types.ts';
import { feedUrl } from '../render/urls.ts';
import { createKeyedLimiter } from '../fetch/limiter.ts';
import { callbackProblem, callbackSyntaxProblem, type CallbackPolicy } from './callback.ts';
import type { TopicContent } from './content.ts';
import { hmacSha256Hex, toHex } from './hmac.ts';
import type { SubscriptionStore } from './subscriptions.ts';

export const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

export interface LeasePolicy {
  /** When the subscriber asks for none. Default 10 days. */
  defaultSeconds: number;
  minSeconds: number;
  maxSeconds: number;
}

export const DEFAULT_LEASE: LeasePolicy = { defaultSeconds: 10 * 86400, minSeconds: 300, maxSeconds: 30 * 86400 };
/** Waits before retry 1, 2, … of a failed delivery. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [5_000, 30_000, 120_000, 600_000];
export const MAX_SECRET_BYTES = 200;

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
  maxSubscriptionsPerTopic: 100,
  maxSubscriptions: 1000,
  maxPendingVerifications: 20,
  maxConcurrentDeliveries: 8,
};
/** Retry-After (seconds) when every verification slot is taken. */
const BUSY_RETRY_AFTER_S = 60;

interface CommonOptions extends CallbackPolicy {
  /** Public base URL of the service (topics are `${baseUrl}/feeds/<id>.<ext>`). */
  baseUrl: string;
  fetch?: typeof fetch;
  now?: () => Date;
  retryDelaysMs?: readonly number[];
  /** Per outgoing request. Default 10 s. */
  timeoutMs?: number;
  userAgent?: string;
  log?: (line: string) => void;
}

export interface HubOptions extends CommonOptions {
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

/** What the runtime holds: a change listener, and (own hub only) the POST /websub handler. */
export interface WebSub {
  /** The hub URL feeds announce. */
  hub: string;
  /** Handles POST /websub; absent when an external hub is used. */
  handle?: (request: Request, background?: (task: Promise<unknown>) => void) => Promise<Response>;
  /**
   * A source's items changed: distribute (own hub) or ping (external hub). Resolves when the work
   * is started; deliveries continue in the background. `background` keeps them alive on Workers.
   */
  feedChanged(sourceId: string, background?: (task: Promise<unknown>) => void): Promise<void>;
  /** Resolves when no verification or delivery is pending (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops waiting retries (shutdown). */
  close(): void;
}

/**
 * Tracks background tasks; `close()` cuts pending retry waits short. Plain flags and callbacks,
 * no AbortSignal: on Workers the hub outlives the request that created it, and workerd refuses
 * to touch an I/O object (such as an AbortSignal) from another request.
 */
class Tasks {
  readonly #pending = new Set<Promise<unknown>>();
  readonly #wakers = new Set<() => void>();
  #closed = false;
  constructor(private readonly log: (line: string) => void) {}

  get closed(): boolean {
    return this.#closed;
  }

  add(task: Promise<unknown>, background?: (task: Promise<unknown>) => void): void {
    const tracked = task.catch((err) => this.log(`websub: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    background?.(tracked);
  }

  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Waits `ms`; false when closed first. */
  sleep(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => { clearTimeout(timer); resolve(false); };
      const timer = setTimeout(() => { this.#wakers.delete(wake); resolve(true); }, ms);
      this.#wakers.add(wake);
    });
  }

  close(): void {
    this.#closed = true;
    for (const wake of this.#wakers) wake();
    this.#wakers.clear();
  }
}

function form(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/** Reads at most `max` bytes of a response body as text (the rest is dropped). */
async function readCapped(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all.subarray(0, Math.min(size, max)));
}

function setup(options: CommonOptions) {
  return {
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    now: options.now ?? (() => new Date()),
    retryDelays: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    timeoutMs: options.timeoutMs ?? 10_000,
    userAgent: options.userAgent ?? 'feedwright-websub/0.1',
    log: options.log ?? ((line: string) => console.warn(`feedwright: ${line}`)),
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
  };
}

/** feedwright's own hub. */
export function createHub(options: HubOptions): WebSub {
  const { fetch, now, retryDelays, timeoutMs, userAgent, log, baseUrl } = setup(options);
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
      answer = await readCapped(res, challenge.length + 2);
    } catch (err) {
      log(`websub: ${mode} ${callback}: verification request failed: ${err instanceof Error ? err.message : String(err)}`);
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
    if (text.length > 16 * 1024) return form(413, 'The request body is too large.');
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
    if (secret !== null && new TextEncoder().encode(secret).byteLength > MAX_SECRET_BYTES) {
      return form(400, `hub.secret must be at most ${MAX_SECRET_BYTES} bytes.`);
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
   * retry) and reads the subscription again.
   */
  async function deliver(topic: string, callback: string, content: TopicContent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const release = await deliveries.acquire('');
      if (tasks.closed) {
        release(); // closed while waiting: those queued behind pass through the same way
        return;
      }
      let outcome: string | null;
      try {
        outcome = await attemptDelivery(topic, callback, content);
      } finally {
        release();
      }
      if (outcome === null) return;
      if (attempt >= retryDelays.length) {
        log(`websub: delivery of ${topic} to ${callback} failed ${attempt + 1} times (${outcome}); giving up`);
        return;
      }
      if (!(await tasks.sleep(retryDelays[attempt]))) return;
    }
  }

  /** One attempt: null when done (delivered, gone, or no longer subscribed), else what failed. */
  async function attemptDelivery(topic: string, callback: string, content: TopicContent): Promise<string | null> {
    const sub = await store.get(topic, callback);
    if (!sub || new Date(sub.leaseExpires) <= now()) return null;
    const problem = await callbackProblem(callback, options);
    if (problem) return problem;
    const headers: Record<string, string> = {
      'Content-Type': content.contentType,
      Link: `<${options.hubUrl}>; rel="hub", <${topic}>; rel="self"`,
      'User-Agent': userAgent,
    };
    if (sub.secret) headers['X-Hub-Signature'] = `sha256=${await hmacSha256Hex(sub.secret, content.body)}`;
    try {
      const res = await fetch(callback, {
        method: 'POST', body: content.body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel().catch(() => {});
      if (res.status >= 200 && res.status < 300) return null;
      if (res.status === 410) {
        await store.remove(topic, callback);
        log(`websub: ${callback} answered 410 Gone: unsubscribed from ${topic}`);
        return null;
      }
      return `HTTP ${res.status}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
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

export interface ExternalHubOptions extends CommonOptions {
  /** The external hub's URL (config `websub.hub`). */
  hub: string;
  sources: () => SourceConfig[] | Promise<SourceConfig[]>;
}

/** Pings an external hub with `hub.mode=publish&hub.url=<topic>` for each format of a changed feed. */
export function externalHub(options: ExternalHubOptions): WebSub {
  const { fetch, retryDelays, timeoutMs, userAgent, log, baseUrl } = setup(options);
  const tasks = new Tasks(log);

  async function ping(topic: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let outcome: string;
      try {
        const res = await fetch(options.hub, {
          method: 'POST',
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': userAgent },
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel().catch(() => {});
        if (res.status >= 200 && res.status < 300) return;
        outcome = `HTTP ${res.status}`;
      } catch (err) {
        outcome = err instanceof Error ? err.message : String(err);
      }
      if (attempt >= retryDelays.length) {
        log(`websub: publish ping for ${topic} to ${options.hub} failed ${attempt + 1} times (${outcome}); giving up`);
        return;
      }
      if (!(await tasks.sleep(retryDelays[attempt]))) return;
    }
  }

  return {
    hub: options.hub,
    feedChanged(sourceId, background) {
      const work = (async () => {
        if (!(await options.sources()).some((s) => s.id === sourceId)) return;
        for (const format of FORMATS) tasks.add(ping(feedUrl(baseUrl, sourceId, format)), background);
      })();
      tasks.add(work, background);
      return work;
    },
    idle: () => tasks.idle(),
    close: () => tasks.close(),
  };
}

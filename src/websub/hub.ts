/**
 * WebSub (W3C Recommendation, 2018): feedwright as the hub of its own feeds.
 *
 *   POST /websub   hub.mode=subscribe|unsubscribe, hub.topic (one of our feed URLs),
 *                  hub.callback, hub.lease_seconds, hub.secret → 202, then verification of
 *                  intent in the background (GET callback?hub.challenge=… must echo it).
 *   feedChanged(sourceId) → each format's topic that has live subscribers gets the new feed body,
 *                  POSTed with its Content-Type, Link (hub, self) and, when the subscriber gave a
 *                  secret, `X-Hub-Signature: sha256=<HMAC>`; failed deliveries are retried with
 *                  backoff; a 410 Gone ends the subscription; expired leases are purged.
 *
 * Or, with an external hub configured, feedChanged pings it (`hub.mode=publish&hub.url=<topic>`).
 * Background work goes through `background` (Workers: ctx.waitUntil) and is tracked for `idle()`.
 */
import type { SourceConfig } from '../config/types.ts';
import type { FeedFormat } from '../render/types.ts';
import { feedUrl } from '../render/urls.ts';
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

/** Tracks background tasks; `close()` cuts pending retry waits short. */
class Tasks {
  readonly #pending = new Set<Promise<unknown>>();
  readonly #stop = new AbortController();
  constructor(private readonly log: (line: string) => void) {}

  get signal(): AbortSignal {
    return this.#stop.signal;
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

  sleep(ms: number): Promise<boolean> {
    if (this.#stop.signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.#stop.signal.removeEventListener('abort', onAbort); resolve(true); }, ms);
      const onAbort = () => { clearTimeout(timer); resolve(false); };
      this.#stop.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  close(): void {
    this.#stop.abort();
  }
}

function form(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
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
  const tasks = new Tasks(log);
  const store = options.subscriptions;

  async function topics(): Promise<Map<string, { source: SourceConfig; format: FeedFormat }>> {
    const map = new Map<string, { source: SourceConfig; format: FeedFormat }>();
    for (const source of await options.sources()) {
      for (const format of FORMATS) map.set(feedUrl(baseUrl, source.id, format), { source, format });
    }
    return map;
  }

  /** Verification of intent (WebSub §5.3): the subscriber must echo a random challenge. */
  async function verify(mode: 'subscribe' | 'unsubscribe', topic: string, callback: string, leaseSeconds: number, secret: string | null) {
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
    tasks.add(verify(mode, topic, callback, leaseSeconds, secret === '' ? null : secret), background);
    return form(202, `Accepted: the ${mode} request will be verified with a GET to the callback.`);
  }

  /** One delivery with retries; reads the subscription again before each attempt. */
  async function deliver(topic: string, callback: string, content: TopicContent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const sub = await store.get(topic, callback);
      if (!sub || new Date(sub.leaseExpires) <= now()) return;
      let outcome: string;
      const problem = await callbackProblem(callback, options);
      if (problem) outcome = problem;
      else {
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
          if (res.status >= 200 && res.status < 300) return;
          if (res.status === 410) {
            await store.remove(topic, callback);
            log(`websub: ${callback} answered 410 Gone: unsubscribed from ${topic}`);
            return;
          }
          outcome = `HTTP ${res.status}`;
        } catch (err) {
          outcome = err instanceof Error ? err.message : String(err);
        }
      }
      if (attempt >= retryDelays.length) {
        log(`websub: delivery of ${topic} to ${callback} failed ${attempt + 1} times (${outcome}); giving up`);
        return;
      }
      if (!(await tasks.sleep(retryDelays[attempt]))) return;
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

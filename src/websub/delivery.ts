/**
 * Outgoing WebSub requests: the options both hubs share, and the one retry loop behind content
 * deliveries (own hub) and publish pings (external hub).
 */
import { DEFAULTS } from '../defaults.ts';
import { errorMessage } from '../utils/errors.ts';
import type { CallbackPolicy } from './callback.ts';

export interface OutgoingOptions extends CallbackPolicy {
  /** Public base URL of the service (topics are `${baseUrl}/feeds/<id>.<ext>`). */
  baseUrl: string;
  fetch?: typeof fetch;
  now?: () => Date;
  retryDelaysMs?: readonly number[];
  /** Per outgoing request. Default DEFAULTS.websubTimeoutMs. */
  timeoutMs?: number;
  userAgent?: string;
  log?: (line: string) => void;
}

/** `options` with every default filled in. */
export function outgoing(options: OutgoingOptions) {
  return {
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    now: options.now ?? (() => new Date()),
    retryDelays: options.retryDelaysMs ?? DEFAULTS.websubRetryDelaysMs,
    timeoutMs: options.timeoutMs ?? DEFAULTS.websubTimeoutMs,
    userAgent: options.userAgent ?? DEFAULTS.userAgent,
    log: options.log ?? ((line: string) => console.warn(`feedwright: ${line}`)),
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
  };
}

/** One POST as an attempt sends it. */
export interface RequestSpec {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** `manual` for subscriber callbacks (a redirect could point anywhere). Default `follow`. */
  redirect?: RequestRedirect;
}

/** What an answer means: done, stop quietly (e.g. 410 Gone), or retry after the next wait. */
export type Verdict = 'done' | 'stop' | 'retry';

export interface PostWithRetriesOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Waits before retry 1, 2, …; one attempt more than there are waits. */
  retryDelays: readonly number[];
  /** Waits `ms`; resolves false when the hub closed meanwhile (no more attempts). */
  sleep: (ms: number) => Promise<boolean>;
  /**
   * Builds each attempt's request, again before every try (the own hub re-reads the subscription
   * and re-checks the callback). 'stop' ends quietly; a throw is a failed attempt.
   */
  attempt: () => Promise<RequestSpec | 'stop'>;
  /** Default: 2xx done, anything else retry. */
  classify?: (res: Response) => Verdict | Promise<Verdict>;
  /** Held during each attempt and released while waiting to retry (a delivery slot). */
  slot?: () => Promise<() => void>;
  /** True once the hub closed: an attempt that got its slot afterwards is not made. */
  closed?: () => boolean;
  log: (line: string) => void;
  /** Names the request in the give-up line, e.g. "delivery of <topic> to <callback>". */
  label: string;
}

const ok = (res: Response): Verdict => (res.status >= 200 && res.status < 300 ? 'done' : 'retry');

/** POSTs until an answer is final, the waits run out (logged), or the hub closes. */
export async function postWithRetries(options: PostWithRetriesOptions): Promise<void> {
  const classify = options.classify ?? ok;
  for (let attempt = 0; ; attempt++) {
    const release = options.slot ? await options.slot() : () => {};
    if (options.closed?.()) {
      release(); // closed while waiting: those queued behind pass through the same way
      return;
    }
    let failure: string | null;
    try {
      failure = await once(options, classify);
    } finally {
      release();
    }
    if (failure === null) return;
    if (attempt >= options.retryDelays.length) {
      options.log(`websub: ${options.label} failed ${attempt + 1} times (${failure}); giving up`);
      return;
    }
    if (!(await options.sleep(options.retryDelays[attempt]))) return;
  }
}

/** One attempt: null when finished (done or stop), else why it failed. */
async function once(options: PostWithRetriesOptions, classify: NonNullable<PostWithRetriesOptions['classify']>): Promise<string | null> {
  try {
    const spec = await options.attempt();
    if (spec === 'stop') return null;
    const res = await options.fetch(spec.url, {
      method: 'POST',
      body: spec.body,
      headers: spec.headers,
      redirect: spec.redirect ?? 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    return (await classify(res)) === 'retry' ? `HTTP ${res.status}` : null;
  } catch (err) {
    return errorMessage(err);
  }
}

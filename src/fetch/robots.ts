/**
 * Politeness for outbound requests: robots.txt (RFC 9309, parsed by robots-parser) and spacing
 * between requests to one host (the larger of a default delay and the site's Crawl-delay).
 * The result is a `beforeRequest` hook for `createFetcher`, run on every request hop.
 *
 * Runtime-neutral and in memory: on Node one policy serves the whole process; on Workers each
 * isolate keeps its own, so spacing there is best-effort.
 */
import robotsParser from 'robots-parser';
import { DEFAULTS } from '../defaults.ts';
import { abortable } from '../utils/bytes.ts';
import { WallError, type Challenge } from './challenge.ts';
import { FetchError, type Fetcher, type HopRequest } from './types.ts';

export interface RobotsPolicyOptions {
  /**
   * Fetches robots.txt. Use a fetcher with the same safety options but without this hook
   * (it would call itself); a small `maxBytes` (e.g. 512 KiB) is enough.
   */
  fetch: Fetcher;
  /**
   * The User-Agent sent with requests; its product token ("feedwright") picks the robots group,
   * unless a request carries a User-Agent of its own (a source's `request.userAgent`).
   */
  userAgent: string;
  /** Honour robots.txt rules (default true). False keeps only the spacing. */
  robots?: boolean;
  /** How long a fetched robots.txt is trusted. Default 1 hour. */
  cacheTtlMs?: number;
  /**
   * How long an earlier good copy stands in for a robots.txt that fails to refresh. Default 10
   * minutes. Without one, a failure is never remembered: the next request asks again, so a block
   * ends as soon as the site recovers.
   */
  errorTtlMs?: number;
  /** Minimum time between two requests to one host (host:port). Default 1000. 0 turns it off. */
  delayMs?: number;
  /** Ceiling on a site's Crawl-delay, so that one site cannot stall its source forever. Default 60000. */
  maxDelayMs?: number;
  /** robots.txt copies remembered at most, one per origin and set of request headers (oldest forgotten first). Default 1000. */
  maxOrigins?: number;
  now?: () => number;
  /** Waits `ms` (tests inject a fake clock). Rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A URL the site's robots.txt disallows for feedwright (a preview reports it as such). */
export class RobotsDisallowedError extends FetchError {}

export interface RobotsPolicy {
  /**
   * The hook for `createFetcher({ beforeRequest })`. Throws FetchError for a disallowed URL.
   * robots.txt is read with the request's own headers and proxy (a site may answer only with a
   * source's cookie), and remembered apart for each set of them.
   */
  beforeRequest(url: string, signal: AbortSignal, request?: HopRequest): Promise<void>;
}

type Robot = ReturnType<typeof robotsParser>;

/** What is known about one origin's robots.txt. */
interface RobotsEntry {
  /** Parsed rules; null means "no rules, allow everything" (missing robots.txt). */
  robot: Robot | null;
  expires: number;
}

/** robots.txt could not be read and no earlier copy exists: this request is refused. */
interface RobotsFailure {
  failure: Unreachable;
}

/** Why robots.txt could not be read: the site itself is down (no answer), or it answered an error. */
type Unreachable =
  | { kind: 'site-down'; error: FetchError | Error }
  | { kind: 'status'; status: number; retryAfter?: number; wall?: Challenge };

export function createRobotsPolicy(options: RobotsPolicyOptions): RobotsPolicy {
  const honourRobots = options.robots ?? DEFAULTS.robots;
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULTS.robotsCacheTtlMs;
  const errorTtlMs = options.errorTtlMs ?? DEFAULTS.robotsErrorTtlMs;
  const delayMs = options.delayMs ?? DEFAULTS.hostDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULTS.maxHostDelayMs;
  const maxOrigins = options.maxOrigins ?? DEFAULTS.robotsMaxOrigins;
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const cache = new Map<string, RobotsEntry>();
  const pending = new Map<string, Promise<RobotsEntry | RobotsFailure>>();
  /** Per host: when its latest request starts (a reservation when concurrent requests queue up). */
  const lastStart = new Map<string, number>();

  function remember(origin: string, entry: RobotsEntry): void {
    cache.delete(origin);
    cache.set(origin, entry);
    if (cache.size > maxOrigins) cache.delete(cache.keys().next().value!);
  }

  async function load(origin: string, host: string, previous: RobotsEntry | undefined, request: HopRequest, signal: AbortSignal): Promise<RobotsEntry | RobotsFailure> {
    const robotsUrl = `${origin}/robots.txt`;
    // The robots.txt request counts toward the host's spacing like any other.
    await waitForSlot(host, delayMs, signal);
    try {
      const res = await options.fetch(robotsUrl, { ...request, signal, truncate: true });
      // Past the size cap the first part is applied, as crawlers do, without its cut last line.
      const text = res.truncated ? res.text.slice(0, res.text.lastIndexOf('\n') + 1) : res.text;
      return { robot: robotsParser(robotsUrl, text), expires: now() + cacheTtlMs };
    } catch (error) {
      if (signal.aborted) throw error;
      const verdict = classifyFailure(error);
      if (verdict === 'allow') return { robot: null, expires: now() + cacheTtlMs };
      // RFC 9309 2.3.1.4: unreachable means "disallow all" — or keep using an earlier copy.
      if (previous) return { ...previous, expires: now() + errorTtlMs };
      return { failure: verdict };
    }
  }

  async function entryFor(url: URL, request: HopRequest, signal: AbortSignal): Promise<RobotsEntry | RobotsFailure> {
    const { origin, host } = url;
    const key = cacheKey(origin, request);
    const cached = cache.get(key);
    if (cached && cached.expires > now()) return cached;
    let loading = pending.get(key);
    if (!loading) {
      // Not tied to one caller's signal: other callers may wait on the same load (the robots
      // fetcher's own deadline bounds it). A failure is not remembered: the next request asks again.
      loading = load(origin, host, cached, request, new AbortController().signal)
        .then((entry) => {
          if (!('failure' in entry)) remember(key, entry);
          return entry;
        })
        .finally(() => pending.delete(key));
      pending.set(key, loading);
    }
    return abortable(loading, signal);
  }

  /** Reserve the first start time at least `delay` after the host's previous request, and wait for it. */
  async function waitForSlot(host: string, delay: number, signal: AbortSignal): Promise<void> {
    const t = now();
    const previous = lastStart.get(host);
    const at = previous === undefined ? t : Math.max(t, previous + delay);
    lastStart.delete(host); // re-insert: the map stays ordered by last use
    lastStart.set(host, at);
    if (lastStart.size > maxOrigins) lastStart.delete(lastStart.keys().next().value!);
    if (at > t) await wait(at - t, signal);
  }

  return {
    async beforeRequest(input: string, signal: AbortSignal, request: HopRequest = {}): Promise<void> {
      const url = new URL(input);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
      let delay = delayMs;
      if (honourRobots && url.pathname !== '/robots.txt') {
        const entry = await entryFor(url, request, signal);
        if ('failure' in entry) throw refusal(entry.failure, url, input);
        const agent = productToken(userAgentOf(request) ?? options.userAgent);
        if (entry.robot?.isDisallowed(input, agent)) {
          const line = entry.robot.getMatchingLineNumber(input, agent);
          throw new RobotsDisallowedError(`${input} is disallowed by robots.txt${line > 0 ? ` (line ${line})` : ''}`, input);
        }
        const crawlDelay = entry.robot?.getCrawlDelay(agent);
        if (crawlDelay !== undefined && Number.isFinite(crawlDelay) && crawlDelay > 0) {
          delay = Math.max(delay, Math.min(maxDelayMs, crawlDelay * 1000));
        }
      }
      await waitForSlot(url.host, delay, signal);
    },
  };
}

/** The User-Agent a request sends instead of the default (its last, whatever the case of the name). */
function userAgentOf(request: HopRequest): string | undefined {
  return Object.entries(request.headers ?? {}).findLast(([k]) => k.toLowerCase() === 'user-agent')?.[1];
}

/**
 * The name a User-Agent goes by in robots.txt: its product token (RFC 9309 2.2.1: letters, `_`
 * and `-`), so "MyReader/2.0 (+https://…)" is matched against `User-agent: MyReader` groups, case
 * aside. Without one the `*` group applies.
 */
export function productToken(userAgent: string): string {
  return /^\s*([A-Za-z_-]+)/.exec(userAgent)?.[1] ?? '*';
}

/**
 * Where an origin's robots.txt is remembered: requests with other headers or another proxy (one
 * source's cookie, another's none) may get another answer, so each set has its own entry.
 */
function cacheKey(origin: string, request: HopRequest): string {
  const headers = Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (headers.length === 0 && !request.proxy) return origin;
  return `${origin} ${JSON.stringify([headers, request.proxy ?? null])}`;
}

/**
 * RFC 9309 2.3.1: a robots.txt that is missing (4xx) or cannot be used for reasons of its own
 * (redirect loop, redirect to a refused address) means "no rules". A server error or 429 means
 * "unreachable": crawl nothing until it answers. No answer at all (DNS, refused connection,
 * timeout) means the site itself is down, and is reported as such.
 */
function classifyFailure(error: unknown): 'allow' | Unreachable {
  if (error instanceof FetchError) {
    const { status } = error;
    if (status !== undefined) {
      if (status >= 400 && status < 500 && status !== 429) return 'allow';
      // A bot wall in front of robots.txt (a 503 challenge) stands in front of the pages too.
      return { kind: 'status', status, retryAfter: error.retryAfter, ...(error instanceof WallError ? { wall: error.challenge } : {}) };
    }
    if (/larger than maxBytes|redirect|refusing to fetch/.test(error.message)) return 'allow';
    return { kind: 'site-down', error };
  }
  return { kind: 'site-down', error: error instanceof Error ? error : new Error(String(error)) };
}

/** The error a refused request gets: the site's own failure, or robots.txt's answer. */
function refusal(failure: Unreachable, url: URL, input: string): FetchError {
  if (failure.kind === 'site-down') return new FetchError(`cannot reach ${url.origin}: ${failure.error.message}`, input);
  if (failure.wall) return new WallError(failure.wall, `${url.origin}/robots.txt`, failure.status, failure.retryAfter);
  return new FetchError(
    `not fetching ${input}: ${url.origin}/robots.txt is unreachable (HTTP ${failure.status}); retrying later`,
    input, failure.status, failure.retryAfter,
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}


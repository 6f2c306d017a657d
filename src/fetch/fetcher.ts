/**
 * The outbound HTTP client: one function that fetches a URL with every safety limit applied
 * (scheme and private-address checks on each redirect hop, total deadline, decompressed size cap,
 * per-host concurrency) and returns the body decoded by its charset.
 *
 * Runtime-neutral: DNS and file reading are injected (see src/runtime/node/net.ts); without
 * `resolveHost` (Workers) only literal IPs and local hostnames are refused.
 */
import { DEFAULTS } from '../defaults.ts';
import { abortable, readCapped } from '../utils/bytes.ts';
import { errorMessage } from '../utils/errors.ts';
import { contentTypeForPath } from '../utils/mime.ts';
import { parseHostAddress, privateReason, resolvedReason } from './address.ts';
import { detectErrorPageWall, WallError } from './challenge.ts';
import { decodeBody } from './charset.ts';
import { createKeyedLimiter } from './limiter.ts';
import { parseRetryAfter } from './retry-after.ts';
import { FetchError, noProxyHere, tooLarge } from './types.ts';
import type { Fetcher, FetchOptions, FetchResult, HopRequest } from './types.ts';

export interface FetcherOptions {
  userAgent?: string;
  /** Total time for one call: every redirect hop, DNS and the whole body. Default 15000. */
  timeoutMs?: number;
  /** Body cap in bytes after decompression. Default 5 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Requests in flight per hostname. Default 2. */
  perHostConcurrency?: number;
  /** Allow loopback, private, link-local and other non-public addresses. Default false. */
  allowPrivateNetworks?: boolean;
  /** DNS lookup (Node). Every address must be public. Absent on Workers. */
  resolveHost?: (hostname: string) => Promise<string[]>;
  /** Reads a `file:` URL, failing past `maxBytes` (Node). Used only when `allowFile` is set. */
  readFile?: (url: string, maxBytes: number) => Promise<Uint8Array>;
  fetch?: typeof fetch;
  /** A fetch that goes through `proxy` (Node); without it, a request asking for a proxy fails. */
  proxied?: (proxy: string) => typeof fetch;
  /**
   * Politeness hook (robots.txt, per-host spacing) run before every request hop, after the URL
   * has passed the safety checks and before a host slot is taken, so the hook may itself use the
   * fetcher. `request` is what this hop carries of the caller's options: its extra headers (first
   * origin only) and proxy. Throw (ideally a FetchError) to refuse the URL. Its time does not
   * count toward `timeoutMs`.
   */
  beforeRequest?: (url: string, signal: AbortSignal, request: HopRequest) => void | Promise<void>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const TIMEOUT = Symbol('timeout');

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const userAgent = options.userAgent ?? DEFAULTS.userAgent;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.fetchTimeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULTS.fetchMaxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const allowPrivate = options.allowPrivateNetworks ?? false;
  const { resolveHost, readFile, beforeRequest } = options;
  // Called through a wrapper: Workers throw "Illegal invocation" on a detached global fetch.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const limiter = createKeyedLimiter(options.perHostConcurrency ?? DEFAULTS.perHostConcurrency);

  /** Scheme and literal-address checks, repeated on every hop. */
  function checkTarget(url: URL, from: string | null): void {
    const where = from ? `${url.href} (redirected from ${from})` : url.href;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError(`refusing to fetch ${where}: only http and https URLs are allowed`, url.href);
    }
    if (allowPrivate) return;
    const reason = privateReason(url.hostname);
    if (reason) throw refuse(url.href, where, reason);
  }

  /**
   * Every address the name resolves to must be public. The request then resolves the name again,
   * so a DNS server that answers differently the second time (rebinding) is not caught here; on
   * Node the injected `fetch` (publicOnlyFetch) checks again on the addresses it connects to.
   */
  async function checkDns(url: URL, from: string | null, signal: AbortSignal): Promise<void> {
    if (allowPrivate || !resolveHost || parseHostAddress(url.hostname)) return;
    let addresses: string[];
    try {
      addresses = await abortable(resolveHost(url.hostname), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new FetchError(`DNS lookup failed for ${url.hostname}: ${errorMessage(error)}`, url.href);
    }
    const reason = resolvedReason(url.hostname, addresses);
    if (reason) throw refuse(url.href, from ? `${url.href} (redirected from ${from})` : url.href, reason);
  }

  async function fetchFile(url: URL, fetchOptions: FetchOptions): Promise<FetchResult> {
    if (!fetchOptions.allowFile) {
      throw new FetchError(`refusing to fetch ${url.href}: file: URLs are only allowed for sources from a config file`, url.href);
    }
    if (!readFile) throw new FetchError(`refusing to fetch ${url.href}: this runtime cannot read files`, url.href);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(url.href, maxBytes);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(`cannot read ${url.href}: ${errorMessage(error)}`, url.href);
    }
    if (bytes.byteLength > maxBytes) throw tooLarge(url.href, maxBytes);
    const contentType = contentTypeForPath(url.pathname);
    return { url: url.href, status: 200, notModified: false, text: decodeBody(bytes, contentType), bytes, contentType, etag: null, lastModified: null };
  }

  function proxiedFetch(proxy: string, input: string): typeof fetch {
    if (!options.proxied) throw noProxyHere(input);
    return options.proxied(proxy);
  }

  return async function fetchUrl(input: string, fetchOptions: FetchOptions = {}): Promise<FetchResult> {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new FetchError(`invalid URL: ${input}`, input);
    }
    if (url.protocol === 'file:') return fetchFile(url, fetchOptions);
    const send = fetchOptions.proxy ? proxiedFetch(fetchOptions.proxy, input) : fetchImpl;

    const controller = new AbortController();
    const { signal } = controller;
    const callerSignal = fetchOptions.signal;
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    // The deadline runs only while a host slot is held: time queued behind other requests to the
    // same host is not the origin's fault.
    const clock = pausableTimer(timeoutMs, () => controller.abort(TIMEOUT));

    const headers: Record<string, string> = { 'user-agent': userAgent, accept: ACCEPT };
    if (fetchOptions.etag) headers['if-none-match'] = fetchOptions.etag;
    if (fetchOptions.lastModified) headers['if-modified-since'] = fetchOptions.lastModified;
    // The caller's headers (a source's request options, a site rule's http_header) replace the
    // defaults of the same name, and go to the first origin only: credentials must not follow a redirect away.
    const extra = lowercaseKeys(fetchOptions.headers);
    const firstOrigin = url.origin;

    let from: string | null = null;
    const seen = new Set<string>();
    try {
      for (let redirects = 0; ; redirects++) {
        checkTarget(url, from);
        const ownExtra = url.origin === firstOrigin ? extra : {};
        if (beforeRequest) await runHook(beforeRequest, url.href, signal, hopRequest(ownExtra, fetchOptions.proxy));
        const release = await limiter.acquire(url.hostname, signal);
        clock.resume();
        try {
          await checkDns(url, from, signal);
          const hopHeaders = { ...headers, ...ownExtra };
          const response = await send(url.href, { method: 'GET', headers: hopHeaders, redirect: 'manual', signal });
          const { status } = response;

          if (REDIRECT_STATUSES.has(status)) {
            const location = response.headers.get('location');
            response.body?.cancel().catch(() => {});
            if (!location) throw new FetchError(`redirect ${status} from ${url.href} has no Location`, url.href, status);
            let next: URL;
            try {
              next = new URL(location, url);
            } catch {
              throw new FetchError(`redirect from ${url.href} to an invalid URL: ${location}`, url.href, status);
            }
            seen.add(url.href);
            if (seen.has(next.href)) throw new FetchError(`redirect loop: ${url.href} → ${next.href}`, input);
            if (redirects >= maxRedirects) {
              throw new FetchError(`too many redirects (more than ${maxRedirects}) starting at ${input}`, input);
            }
            from = url.href;
            url = next;
            continue;
          }

          const etag = response.headers.get('etag');
          const lastModified = response.headers.get('last-modified');
          const contentType = response.headers.get('content-type');
          if (status === 304) {
            response.body?.cancel().catch(() => {});
            return {
              url: url.href,
              status,
              notModified: true,
              text: '',
              contentType,
              etag: etag ?? fetchOptions.etag ?? null,
              lastModified: lastModified ?? fetchOptions.lastModified ?? null,
            };
          }
          if (status < 200 || status > 299) {
            const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
            const wall = await errorPageWall(response, signal);
            if (wall) throw new WallError(wall, url.href, status, retryAfter);
            throw new FetchError(`HTTP ${status} from ${url.href}`, url.href, status, retryAfter);
          }
          const declared = Number(response.headers.get('content-length'));
          if (!fetchOptions.truncate && !response.headers.has('content-encoding') && declared > maxBytes) {
            response.body?.cancel().catch(() => {});
            throw tooLarge(url.href, maxBytes);
          }
          const bytes = await abortable(readCapped(response.body, maxBytes, {
            overflow: fetchOptions.truncate ? 'truncate' : 'throw',
            tooLarge: () => tooLarge(url.href, maxBytes),
          }), signal);
          const result: FetchResult = { url: url.href, status, notModified: false, text: decodeBody(bytes, contentType), bytes, contentType, etag, lastModified };
          if (fetchOptions.truncate && bytes.byteLength >= maxBytes) result.truncated = true;
          return result;
        } finally {
          clock.pause();
          release();
        }
      }
    } catch (error) {
      throw toFetchError(error, signal, url.href, timeoutMs);
    } finally {
      clock.pause();
      callerSignal?.removeEventListener('abort', onCallerAbort);
      // Tears down anything still running (a body stream after an error, a pending DNS lookup).
      if (!signal.aborted) controller.abort();
    }
  };
}

function hopRequest(headers: Record<string, string>, proxy: string | undefined): HopRequest {
  const request: HopRequest = {};
  if (Object.keys(headers).length > 0) request.headers = headers;
  if (proxy) request.proxy = proxy;
  return request;
}

/** The bot wall an error answer's HTML body shows (its first DEFAULTS.wallSampleBytes), if any. */
async function errorPageWall(response: Response, signal: AbortSignal) {
  const contentType = response.headers.get('content-type');
  if (contentType !== null && !/html/i.test(contentType)) {
    response.body?.cancel().catch(() => {});
    return null;
  }
  let bytes: Uint8Array;
  try {
    bytes = await abortable(readCapped(response.body, DEFAULTS.wallSampleBytes, { overflow: 'truncate' }), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return null; // a broken error body: the status is all there is to report
  }
  return detectErrorPageWall({ status: response.status, headers: response.headers, body: decodeBody(bytes, contentType) });
}

async function runHook(hook: NonNullable<FetcherOptions['beforeRequest']>, url: string, signal: AbortSignal, request: HopRequest): Promise<void> {
  try {
    await hook(url, signal, request);
  } catch (error) {
    if (error instanceof FetchError || signal.aborted) throw error;
    throw new FetchError(`beforeRequest refused ${url}: ${errorMessage(error)}`, url);
  }
}

function refuse(url: string, where: string, reason: string): FetchError {
  return new FetchError(`refusing to fetch ${where}: ${reason}; set allowPrivateNetworks: true to allow local sites`, url);
}

function toFetchError(error: unknown, signal: AbortSignal, url: string, timeoutMs: number): FetchError {
  if (error instanceof FetchError) return error;
  let wrapped: FetchError;
  if (signal.aborted && signal.reason === TIMEOUT) wrapped = new FetchError(`timed out after ${timeoutMs} ms fetching ${url}`, url);
  else if (signal.aborted) wrapped = new FetchError(`request for ${url} was aborted`, url);
  else wrapped = new FetchError(`network error fetching ${url}: ${errorMessage(error)}`, url);
  Object.defineProperty(wrapped, 'cause', { value: error, enumerable: false });
  return wrapped;
}

/** A countdown that can be paused and resumed; fires `onExpire` once the budget is spent. */
function pausableTimer(budgetMs: number, onExpire: () => void) {
  let remaining = budgetMs;
  let startedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    resume() {
      if (timer !== undefined) return;
      startedAt = Date.now();
      timer = setTimeout(onExpire, Math.max(0, remaining));
    },
    pause() {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      remaining -= Date.now() - startedAt;
    },
  };
}

function lowercaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  return headers ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) : {};
}

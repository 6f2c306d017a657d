/** Options for one request. Validators make the request conditional. */
export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  /** Allow `file:` URLs (only for URLs that came from a config file). */
  allowFile?: boolean;
  /** Keep the first `maxBytes` of a larger body instead of failing (robots.txt: crawlers apply the start). */
  truncate?: boolean;
  signal?: AbortSignal;
  /**
   * Extra request headers (a source's `request.headers`, `Cookie`, `User-Agent`, which replaces
   * feedwright's; a site rule's `http_header`). Sent to the URL's own origin only: a redirect to another origin drops them.
   */
  headers?: Record<string, string>;
  /** Proxy URL for this request (Node only: the runtime must give the fetcher `proxied`). */
  proxy?: string;
}

/** What one request hop carries of its caller's options (the politeness hook reads robots.txt with them). */
export type HopRequest = Pick<FetchOptions, 'headers' | 'proxy'>;

/** A fetched and decoded page. */
export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /** True on a 304 from the origin; `text` is then empty. */
  notModified: boolean;
  /** Body decoded to a string by the right charset. */
  text: string;
  /**
   * The body bytes `text` was decoded from (after any Content-Encoding), for callers that must
   * re-read them: raw gzip sitemaps, feeds whose declared charset is wrong. Absent on 304.
   */
  bytes?: Uint8Array;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** With FetchOptions.truncate: the body reached the fetcher's maxBytes, so it may have been cut there. */
  truncated?: boolean;
}

/** Fetches a URL with all safety limits applied. Throws FetchError on failure. */
export type Fetcher = (url: string, options?: FetchOptions) => Promise<FetchResult>;

export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    /** HTTP status when the origin answered, else undefined. */
    readonly status?: number,
    /** Seconds from a Retry-After header, when given. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** The error of a request through a proxy where the runtime has none (Workers). */
export function noProxyHere(url: string): FetchError {
  return new FetchError(`cannot fetch ${url} through a proxy: request.proxy and proxy work on Node only`, url);
}

/** The error of a body past the fetcher's `maxBytes` cap (after decompression). */
export function tooLarge(url: string, maxBytes: number): FetchError {
  return new FetchError(`response from ${url} is larger than maxBytes (${maxBytes} bytes)`, url);
}

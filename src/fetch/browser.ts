/**
 * Pages rendered in a headless browser, for sites that draw their content with JavaScript. The
 * runtime supplies the browser (`PageRenderer`: Playwright + Chromium on Node, Browser Rendering
 * on Workers); this wraps it in the fetcher's rules: http(s) and public addresses only, robots.txt
 * and spacing for the page URL (the same `beforeRequest` hook as static fetches), a deadline and
 * the byte cap on the rendered result. The result is a FetchResult: the rendered DOM goes into the
 * same list → extract → normalize path as static HTML.
 */
import { DEFAULTS } from '../defaults.ts';
import { errorMessage } from '../utils/errors.ts';
import { detectErrorPageWall, WallError } from './challenge.ts';
import type { RequestGuard } from './request-guard.ts';
import { requestHeaders } from './source-request.ts';
import { FetchError, tooLarge } from './types.ts';
import type { FetchResult, HopRequest } from './types.ts';

/**
 * Per-source request options a rendered page is opened with (pageRequestFor: only for a page on
 * the source's own hosts). Its requests to the page's origin carry them (pageRequestHeaders).
 */
export interface PageRequestOptions {
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  userAgent?: string;
}

/** What the runtime's browser is asked to do for one page. */
export interface RenderPageOptions {
  /** Everything, from navigation to the settled DOM. */
  timeoutMs: number;
  /** A CSS selector to wait for; otherwise the page is read once its network is idle. */
  waitFor?: string;
  /** Cap of each response the page receives. */
  maxBytes: number;
  /** Every request the page makes (document, scripts, XHR, each redirect hop) must pass it. */
  guard: RequestGuard;
  request?: PageRequestOptions;
  /** The source's `request.proxy`: every request of the page goes through it (Node only). */
  proxy?: string;
}

/** The page after its scripts ran: final URL, the document's HTTP status, the DOM as HTML. */
export interface RenderedPage {
  url: string;
  status: number;
  html: string;
}

/**
 * A runtime's browser (thin adapter; the rules live here and in the guard it is given). `render`
 * settles within `timeoutMs` of starting the page (time waiting for a free page of a pool does
 * not count: it is not the site's fault); `withRenderDeadline` enforces that.
 */
export interface PageRenderer {
  render(url: string, options: RenderPageOptions): Promise<RenderedPage>;
}

/** Options of one rendered page, from the source's `render` (and `request`) settings. */
export interface BrowserFetchOptions {
  waitFor?: string;
  /** Default `DEFAULTS.renderTimeoutMs`. */
  timeoutMs?: number;
  request?: PageRequestOptions;
  proxy?: string;
}

/** Renders a page in the browser, with every safety rule of the fetcher; throws FetchError. */
export type BrowserFetch = (url: string, options?: BrowserFetchOptions) => Promise<FetchResult>;

export interface BrowserFetchSetup {
  renderer: PageRenderer;
  guard: RequestGuard;
  /** robots.txt and spacing for the page URL (the polite fetcher's hook), told the page's request headers. */
  beforeRequest?: (url: string, signal: AbortSignal, request: HopRequest) => void | Promise<void>;
  /** Cap of the rendered HTML and of each response the page receives. Default `DEFAULTS.fetchMaxBytes`. */
  maxBytes?: number;
}

export function createBrowserFetch(setup: BrowserFetchSetup): BrowserFetch {
  const maxBytes = setup.maxBytes ?? DEFAULTS.fetchMaxBytes;
  return async (url, options = {}) => {
    if (/^file:/i.test(url)) {
      throw new FetchError(`cannot render ${url} in a browser: file: sources are read as they are (use render: static)`, url);
    }
    const refused = await setup.guard(url);
    if (refused) throw new FetchError(refused, url);
    const controller = new AbortController();
    try {
      const headers = options.request ? requestHeaders(options.request) : {};
      const hop: HopRequest = Object.keys(headers).length > 0 ? { headers } : {};
      if (options.proxy) hop.proxy = options.proxy;
      await setup.beforeRequest?.(url, controller.signal, hop);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(`beforeRequest refused ${url}: ${errorMessage(error)}`, url);
    }
    const timeoutMs = options.timeoutMs ?? DEFAULTS.renderTimeoutMs;
    const render: RenderPageOptions = { timeoutMs, maxBytes, guard: setup.guard };
    if (options.waitFor) render.waitFor = options.waitFor;
    if (options.request) render.request = options.request;
    if (options.proxy) render.proxy = options.proxy;
    let page: RenderedPage;
    try {
      page = await setup.renderer.render(url, render);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(`cannot render ${url} in the browser: ${errorMessage(error)}`, url);
    }
    if (page.status < 200 || page.status > 299) {
      const wall = detectErrorPageWall({ status: page.status, body: page.html });
      if (wall) throw new WallError(wall, page.url, page.status);
      throw new FetchError(`HTTP ${page.status} from ${page.url}`, page.url, page.status);
    }
    const bytes = new TextEncoder().encode(page.html);
    if (bytes.byteLength > maxBytes) throw tooLarge(page.url, maxBytes);
    return {
      url: page.url, status: page.status, notModified: false, text: page.html, bytes,
      contentType: 'text/html; charset=utf-8', etag: null, lastModified: null,
    };
  };
}

/** One request hop of a rendered page: the page's URL (as asked, before redirects), the URL the request started at, the hop's. */
export interface PageHop {
  pageUrl: string;
  firstUrl: string;
  url: string;
}

/**
 * The headers one request hop of a rendered page goes out with, from those the browser gave it.
 * Only the page's own origin gets the source's headers, cookies (after the page's own) and
 * User-Agent; other sites (scripts, CDNs, trackers) none, and feedwright's User-Agent. Credentials
 * the browser attached for the request's first URL do not follow a redirect to another origin.
 */
export function pageRequestHeaders(browserHeaders: Record<string, string>, hop: PageHop, request?: PageRequestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(browserHeaders)) out[k.toLowerCase()] = v;
  const origin = originOf(hop.url);
  if (origin === null || origin !== originOf(hop.firstUrl)) {
    delete out.cookie;
    delete out.authorization;
  }
  if (origin === null || origin !== originOf(hop.pageUrl)) {
    out['user-agent'] = DEFAULTS.userAgent;
    return out;
  }
  for (const [k, v] of Object.entries(request ? requestHeaders(request) : {})) {
    const key = k.toLowerCase();
    out[key] = key === 'cookie' && out.cookie ? `${out.cookie}; ${v}` : v;
  }
  return out;
}

function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin; // data:, blob: and the like have no origin to share
  } catch {
    return null;
  }
}

/** The error of a render that ran out of time, whichever clock noticed first (the deadline's or the browser's own). */
export function renderTimedOut(url: string, timeoutMs: number): FetchError {
  return new FetchError(`timed out after ${timeoutMs} ms rendering ${url}`, url);
}

/**
 * `promise` (one page being rendered), or the render's timeout error once `timeoutMs` have passed,
 * whatever the browser does (one that stopped answering included); `onTimeout` closes the page.
 */
export async function withRenderDeadline<T>(promise: Promise<T>, timeoutMs: number, url: string, onTimeout?: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(renderTimedOut(url, timeoutMs));
    }, timeoutMs);
  });
  promise.catch(() => {}); // settled after the deadline: nobody waits for it any more
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A source's `request` options applied to its fetches: its headers, cookies and User-Agent go to
 * the source's own hosts only (an article on another site never sees its cookie), its proxy to
 * every request of the source. robots.txt (read with the same options), spacing and cool-downs
 * still apply underneath.
 */
import type { SourceConfig } from '../config/types.ts';
import type { Fetcher } from './types.ts';

/** The headers a source's `request` adds: its `headers`, `Cookie`, `User-Agent` (when set). */
export function requestHeaders(request: PageRequest): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  const cookies = Object.entries(request.cookies ?? {});
  if (cookies.length > 0) headers.cookie = cookies.map(([k, v]) => `${k}=${v}`).join('; ');
  if (request.userAgent) headers['user-agent'] = request.userAgent;
  return headers;
}

/** What a rendered page is opened with of a source's `request` (the proxy is the runtime's business). */
export type PageRequest = Pick<NonNullable<SourceConfig['request']>, 'headers' | 'cookies' | 'userAgent'>;

type RequestingSource = Pick<SourceConfig, 'url' | 'urls' | 'request'>;

/** The hosts (host:port) of a source's `url`/`urls`: the only ones its headers and cookies go to. */
function ownHosts(source: RequestingSource): Set<string> {
  const hosts = new Set<string>();
  for (const u of [source.url, ...(source.urls ?? [])]) {
    try {
      if (u) hosts.add(new URL(u).host);
    } catch {
      // validated by the config
    }
  }
  return hosts;
}

function isOwn(hosts: Set<string>, url: string): boolean {
  try {
    return hosts.has(new URL(url).host);
  } catch {
    return false; // the fetcher reports the invalid URL
  }
}

/** `fetch` with `source.request` applied; the same fetcher when the source sets none. */
export function sourceFetcher(fetch: Fetcher, source: RequestingSource): Fetcher {
  const { request } = source;
  if (!request) return fetch;
  const hosts = ownHosts(source);
  const headers = requestHeaders(request);
  const hasHeaders = Object.keys(headers).length > 0;
  return (url, options = {}) => {
    const withRequest = { ...options };
    if (hasHeaders && isOwn(hosts, url)) withRequest.headers = { ...headers, ...options.headers };
    if (request.proxy) withRequest.proxy = request.proxy;
    return fetch(url, withRequest);
  };
}

/**
 * The request options a browser opens the page at `url` with, as sourceFetcher would send them:
 * the source's headers, cookies and User-Agent for a page on one of its own hosts, none for a page
 * of another site (an article it links to). Inside the page they go to the page's origin only.
 */
export function pageRequestFor(source: RequestingSource, url: string): PageRequest | undefined {
  const { request } = source;
  if (!request || !isOwn(ownHosts(source), url)) return undefined;
  const page: PageRequest = {};
  if (request.headers) page.headers = request.headers;
  if (request.cookies) page.cookies = request.cookies;
  if (request.userAgent) page.userAgent = request.userAgent;
  return page;
}

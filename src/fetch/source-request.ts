/**
 * A source's `request` options applied to its fetches: its headers, cookies and User-Agent go to
 * the source's own hosts only (an article on another site never sees its cookie), its proxy to
 * every request of the source. robots.txt (read with the same options), spacing and cool-downs
 * still apply underneath.
 */
import type { SourceConfig } from '../config/types.ts';
import type { Fetcher } from './types.ts';

/** The headers a source's `request` adds: its `headers`, `Cookie`, `User-Agent` (when set). */
export function requestHeaders(request: Pick<NonNullable<SourceConfig['request']>, 'headers' | 'cookies' | 'userAgent'>): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  const cookies = Object.entries(request.cookies ?? {});
  if (cookies.length > 0) headers.cookie = cookies.map(([k, v]) => `${k}=${v}`).join('; ');
  if (request.userAgent) headers['user-agent'] = request.userAgent;
  return headers;
}

/** `fetch` with `source.request` applied; the same fetcher when the source sets none. */
export function sourceFetcher(fetch: Fetcher, source: Pick<SourceConfig, 'url' | 'urls' | 'request'>): Fetcher {
  const { request } = source;
  if (!request) return fetch;
  const hosts = new Set<string>();
  for (const u of [source.url, ...(source.urls ?? [])]) {
    try {
      if (u) hosts.add(new URL(u).host);
    } catch {
      // validated by the config
    }
  }
  const headers = requestHeaders(request);
  const hasHeaders = Object.keys(headers).length > 0;
  return (url, options = {}) => {
    let own = false;
    try {
      own = hosts.has(new URL(url).host);
    } catch {
      // the fetcher reports the invalid URL
    }
    const withRequest = { ...options };
    if (own && hasHeaders) withRequest.headers = { ...headers, ...options.headers };
    if (request.proxy) withRequest.proxy = request.proxy;
    return fetch(url, withRequest);
  };
}

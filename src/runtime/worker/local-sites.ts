/**
 * Local sites on Workers (the bundled demo): as on Node, a bundled `file:` source is published at
 * `${base}/local/<id>/` and scraped under that address, so its items link to pages and images a
 * feed reader can open. The files come from the assets binding (assets.ts): fetches of mount URLs
 * are answered by reading the matching `file:///data/…` URL, and GET /local/<id>/… serves it.
 * The rewrite and the traversal checks are shared with Node (config/local-sites.ts).
 */
import { LOCAL_ROUTE, localFileUrl, mountFileSources, mountOf, publishedType, type LocalMount } from '../../config/local-sites.ts';
import type { SourceConfig } from '../../config/types.ts';
import { FetchError, type Fetcher } from '../../fetch/types.ts';
import { assetsPath } from './assets.ts';
import type { Fetchable } from './bindings.ts';
import type { WorkerSources } from './sources.ts';

export interface MountedSources {
  sources: SourceConfig[];
  mounts: LocalMount[];
}

const memo = new WeakMap<WorkerSources, Map<string, MountedSources>>();

/** The sources with bundled `file:` ones published under `base` (memoized per snapshot and base). */
export function mountBundled(ws: WorkerSources, base: string): MountedSources {
  let byBase = memo.get(ws);
  if (!byBase) memo.set(ws, (byBase = new Map()));
  let mounted = byBase.get(base);
  if (!mounted) {
    mounted = mountFileSources(ws.sources, base, (id) => ws.bundledIds.has(id));
    byBase.set(base, mounted);
  }
  return mounted;
}

/**
 * A Fetcher that answers mount URLs by reading the file behind them through `inner` (whose
 * `readFile` is the assets reader) and passes every other URL on. The result keeps the mount URL,
 * so links found in the page resolve under the mount too.
 */
export function localSiteFetcher(mounts: readonly LocalMount[], inner: Fetcher): Fetcher {
  if (mounts.length === 0) return inner;
  return async (url, options = {}) => {
    if (!mountOf(mounts, url)) return inner(url, options);
    const file = localFileUrl(mounts, url);
    if (!file) {
      throw new FetchError(`HTTP 404 (the local site publishes no such file: ${url}; only web pages, images, stylesheets and feeds inside its folder)`, url, 404);
    }
    const result = await inner(file, { ...options, etag: null, lastModified: null, allowFile: true });
    return { ...result, url };
  };
}

/**
 * GET|HEAD /local/<id>/… from the assets binding (AppDeps.localSites), or null for anything the
 * local sites do not publish (the app answers its JSON 404).
 */
export async function serveLocalSite(
  request: Request, mounts: readonly LocalMount[], assets: Fetchable | undefined,
): Promise<Response | null> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${LOCAL_ROUTE}/`)) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const id = url.pathname.slice(LOCAL_ROUTE.length + 1).split('/')[0];
  const site = mounts.find((m) => new URL(m.mount).pathname === `${LOCAL_ROUTE}/${id}/`);
  if (!site || !assets) return null;
  const file = localFileUrl([site], site.mount + url.pathname.slice(new URL(site.mount).pathname.length));
  const path = file ? assetsPath(file) : null;
  if (!path) return null;
  const res = await assets.fetch(new Request(new URL(path, 'https://assets.invalid/'), { method: request.method }));
  if (!res.ok) return null;
  const headers = new Headers({
    'Content-Type': publishedType(path) ?? 'application/octet-stream',
    'Cache-Control': 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
  });
  for (const h of ['content-length', 'etag', 'last-modified']) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(request.method === 'HEAD' ? null : res.body, { status: 200, headers });
}

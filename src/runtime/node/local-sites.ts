/**
 * Local sites: sources whose `url` is a `file:` URL (only a config file may say so), like the
 * bundled demo. A feed reader cannot open `file:` links or images, so the Node runtime publishes
 * each such folder at `${baseUrl}/local/<id>/` and scrapes it under that address: links and
 * images in the feed then work in any reader. The fetcher reads those addresses straight from
 * disk (no network, no private-address exception needed). The rewriting and the address → file
 * mapping are shared with the Worker (config/local-sites.ts); this module adds the disk side.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { LOCAL_ROUTE, localFileUrl, mountFileSources, mountOf, type LocalMount } from '../../config/local-sites.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import { decodeBody } from '../../fetch/charset.ts';
import { FetchError, type Fetcher } from '../../fetch/types.ts';

export { LOCAL_ROUTE };

export interface LocalSite extends LocalMount {
  /** Folder on disk holding the site. */
  dir: string;
}

const MAX_BYTES = 20 * 1024 * 1024;

/** Rewrites `file:` sources to their published address; returns the new sources and the mounts. */
export function mountLocalSites(sources: SourceConfig[], baseUrl: string): { sources: SourceConfig[]; sites: LocalSite[] } {
  const { sources: out, mounts } = mountFileSources(sources, baseUrl);
  const sites = mounts.map((m) => ({ ...m, dir: fileURLToPath(m.folder).replace(/[\\/]+$/, '') }));
  return { sources: out, sites };
}

export function withLocalSites(config: FeedwrightConfig, baseUrl: string): { config: FeedwrightConfig; sites: LocalSite[] } {
  const { sources, sites } = mountLocalSites(config.sources, baseUrl);
  return { config: { ...config, sources }, sites };
}

/** The file a URL under a mount points at, or null (outside every mount, or escaping its folder). */
export function localPath(sites: LocalSite[], url: string): string | null {
  const file = localFileUrl(sites, url);
  const site = mountOf(sites, url) as LocalSite | undefined;
  if (!file || !site) return null;
  const path = fileURLToPath(file);
  return path.startsWith(site.dir + sep) ? path : null;
}

/** A Fetcher that answers URLs under a mount from disk and passes every other URL on. */
export function localSiteFetcher(sites: LocalSite[], inner: Fetcher): Fetcher {
  if (sites.length === 0) return inner;
  return async (url, options) => {
    if (!mountOf(sites, url)) return inner(url, options);
    const path = localPath(sites, url);
    if (!path) throw new FetchError(`not inside the local site: ${url}`, url, 404);
    let bytes: Buffer;
    try {
      if ((await stat(path)).size > MAX_BYTES) throw new FetchError(`file larger than ${MAX_BYTES} bytes: ${url}`, url);
      bytes = await readFile(path);
    } catch (err) {
      if (err instanceof FetchError) throw err;
      throw new FetchError(`HTTP 404 (no such file: ${path})`, url, 404);
    }
    return {
      url, status: 200, notModified: false, text: decodeBody(new Uint8Array(bytes), null),
      contentType: null, etag: null, lastModified: null,
    };
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.js': 'text/javascript; charset=utf-8',
};

/** Routes publishing the local sites' files at `/local/<id>/…`. */
export function localSiteRoutes(sites: LocalSite[]): Hono {
  const app = new Hono();
  app.get(`${LOCAL_ROUTE}/:id/*`, async (c) => {
    const site = sites.find((s) => s.id === c.req.param('id'));
    if (!site) return c.notFound();
    const rel = new URL(c.req.url).pathname.slice(`${LOCAL_ROUTE}/${encodeURIComponent(site.id)}/`.length);
    const path = localPath(sites, site.mount + rel);
    if (!path) return c.notFound();
    try {
      const body = await readFile(path);
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'public, max-age=300',
      });
    } catch {
      return c.notFound();
    }
  });
  return app;
}

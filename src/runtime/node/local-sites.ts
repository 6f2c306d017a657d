/**
 * Local sites: sources whose `url` is a `file:` URL (only a config file may say so), like the
 * bundled demo. A feed reader cannot open `file:` links or images, so the Node runtime publishes
 * each such folder at `${baseUrl}/local/<id>/` and scrapes it under that address: links and
 * images in the feed then work in any reader. The fetcher reads those addresses straight from
 * disk (no network, no private-address exception needed). The rewriting and the address → file
 * mapping are shared with the Worker (config/local-sites.ts); this module adds the disk side.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_ROUTE, localFileUrl, mountFileSources, mountOf, publishedType, type LocalMount } from '../../config/local-sites.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import { decodeBody } from '../../fetch/charset.ts';
import { FetchError, type Fetcher } from '../../fetch/types.ts';

export { LOCAL_ROUTE };

export interface LocalSite extends LocalMount {
  /** Folder on disk holding the site. */
  dir: string;
  /** Files never published even inside the folder: the config, the database and its journals. */
  privateFiles: string[];
}

const MAX_BYTES = 20 * 1024 * 1024;
/** SQLite's companions of a database file. */
const DB_SUFFIXES = ['', '-wal', '-shm', '-journal'];

/**
 * Rewrites `file:` sources to their published address; returns the new sources and the mounts.
 * `privateFiles` (the config file, the database) are never published, whatever their name.
 */
export function mountLocalSites(
  sources: SourceConfig[], baseUrl: string, privateFiles: string[] = [],
): { sources: SourceConfig[]; sites: LocalSite[] } {
  const { sources: out, mounts } = mountFileSources(sources, baseUrl);
  const hidden = privateFiles.flatMap((f) => DB_SUFFIXES.map((suffix) => resolve(f) + suffix));
  const sites = mounts.map((m) => ({ ...m, dir: fileURLToPath(m.folder).replace(/[\\/]+$/, ''), privateFiles: hidden }));
  return { sources: out, sites };
}

export function withLocalSites(
  config: FeedwrightConfig, baseUrl: string, privateFiles: string[] = [],
): { config: FeedwrightConfig; sites: LocalSite[] } {
  const { sources, sites } = mountLocalSites(config.sources, baseUrl, privateFiles);
  return { config: { ...config, sources }, sites };
}

/** `path` with symbolic links resolved in its folder (the file itself may not exist yet). */
async function realInFolder(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(await realpath(dirname(path)).catch(() => dirname(path)), basename(path));
  }
}

/**
 * The file on disk a URL under a mount points at, or null when the site does not publish it:
 * outside every mount, escaping the folder (also through a symbolic link), not a published type
 * or a dotfile (config/local-sites.ts), one of `privateFiles`, or not a regular file.
 */
export async function localFile(sites: LocalSite[], url: string): Promise<{ path: string; size: number } | null> {
  const file = localFileUrl(sites, url);
  const site = mountOf(sites, url) as LocalSite | undefined;
  if (!file || !site) return null;
  let path: string;
  let root: string;
  try {
    [path, root] = await Promise.all([realpath(fileURLToPath(file)), realpath(site.dir)]);
  } catch {
    return null; // no such file (or folder)
  }
  if (!path.startsWith(root + sep)) return null;
  // Where a link inside the folder leads must be publishable too.
  if (path.slice(root.length + 1).split(sep).some((seg) => seg.startsWith('.')) || !publishedType(path)) return null;
  const hidden = await Promise.all(site.privateFiles.map(realInFolder));
  if (hidden.includes(path)) return null;
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? { path, size: info.size } : null;
}

/** A Fetcher that answers URLs under a mount from disk and passes every other URL on. */
export function localSiteFetcher(sites: LocalSite[], inner: Fetcher): Fetcher {
  if (sites.length === 0) return inner;
  return async (url, options) => {
    if (!mountOf(sites, url)) return inner(url, options);
    const file = await localFile(sites, url);
    if (!file) {
      throw new FetchError(`HTTP 404 (the local site publishes no such file: ${url}; only web pages, images, stylesheets and feeds inside its folder)`, url, 404);
    }
    if (file.size > MAX_BYTES) throw new FetchError(`file larger than ${MAX_BYTES} bytes: ${url}`, url);
    const bytes = await readFile(file.path);
    return {
      url, status: 200, notModified: false, text: decodeBody(new Uint8Array(bytes), null),
      contentType: null, etag: null, lastModified: null,
    };
  };
}

/**
 * GET|HEAD `/local/<id>/…`: the local sites' published files (AppDeps.localSites), or null for
 * anything they do not publish (the app answers its JSON 404).
 */
export function localSiteHandler(sites: LocalSite[]): (request: Request) => Promise<Response | null> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    const site = sites.find((s) => pathname.startsWith(`${LOCAL_ROUTE}/${encodeURIComponent(s.id)}/`));
    if (!site) return null;
    const file = await localFile(sites, site.mount + pathname.slice(`${LOCAL_ROUTE}/${encodeURIComponent(site.id)}/`.length));
    if (!file || file.size > MAX_BYTES) return null;
    const body = await readFile(file.path).catch(() => null);
    if (!body) return null;
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': publishedType(file.path) ?? 'application/octet-stream',
        'Cache-Control': 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}

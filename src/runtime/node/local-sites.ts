/**
 * Local sites on Node: the disk side. Sources whose `url` is a `file:` URL are published at
 * `${baseUrl}/local/<id>/` and scraped under that address (config/local-mounts.ts rewrites them,
 * fetch/mounted-files.ts and server/local-site-route.ts map the addresses back to files). This
 * module adds the folders on disk and the one reader both the fetcher and the route use: it refuses
 * what a folder must not publish even when the address looks fine (a symbolic link leading out of
 * the folder or to a private file, the config, the database and its journals).
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mountFileSources, publishedType, type LocalMount } from '../../config/local-mounts.ts';
import type { FeedwrightConfig, SourceConfig } from '../../config/types.ts';
import type { ReadLocalFile } from '../../fetch/mounted-files.ts';
import { FetchError } from '../../fetch/types.ts';
import { readFile } from './net.ts';

export interface LocalSite extends LocalMount {
  /** Folder on disk holding the site. */
  dir: string;
  /** Files never published even inside the folder: the config, the database and its journals. */
  privateFiles: string[];
}

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
 * The file on disk behind a `file:` URL inside a site's folder, or null when the site does not
 * publish it: missing, escaping the folder through a symbolic link, a dotfile or not a published
 * type once links are resolved, one of `privateFiles`, or not a regular file.
 */
async function publishedFile(site: LocalSite, fileUrl: string): Promise<string | null> {
  let path: string;
  let root: string;
  try {
    [path, root] = await Promise.all([realpath(fileURLToPath(fileUrl)), realpath(site.dir)]);
  } catch {
    return null; // no such file (or folder)
  }
  if (!path.startsWith(root + sep)) return null;
  // Where a link inside the folder leads must be publishable too.
  if (path.slice(root.length + 1).split(sep).some((seg) => seg.startsWith('.')) || !publishedType(path)) return null;
  const hidden = await Promise.all(site.privateFiles.map(realInFolder));
  if (hidden.includes(path)) return null;
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? path : null;
}

/**
 * The Node reader of `file:` URLs (createFetcher's `readFile`, localSiteRoute's reader): a file
 * inside a local site's folder is read only when the site publishes it (publishedFile); any other
 * `file:` URL of a config source is read as is. Reads stop past `maxBytes`.
 */
export function localSiteReader(sites: readonly LocalSite[], read: ReadLocalFile = readFile): ReadLocalFile {
  return async (fileUrl, maxBytes) => {
    const site = sites.find((s) => fileUrl.startsWith(s.folder));
    if (!site) return read(fileUrl, maxBytes);
    const path = await publishedFile(site, fileUrl);
    if (!path) {
      throw new FetchError(`HTTP 404 (the local site publishes no such file: ${fileUrl}; only web pages, images, stylesheets and feeds inside its folder)`, fileUrl, 404);
    }
    return read(pathToFileURL(path).href, maxBytes);
  };
}

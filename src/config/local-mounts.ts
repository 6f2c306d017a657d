/**
 * Local sites, the runtime-agnostic part: sources whose `url` is a `file:` URL (only a config
 * file may say so), like the bundled demo. A feed reader cannot open `file:` links or images, so
 * each runtime publishes such a folder at `${baseUrl}/local/<id>/` and scrapes it under that
 * address. This module rewrites the sources and maps a published address back to the `file:` URL
 * inside the folder (refusing anything that would leave it). Reading the files is the runtime's
 * job: the disk on Node (runtime/node/local-sites.ts), the assets binding on Workers
 * (runtime/cloudflare/assets.ts).
 */
import { contentTypeForPath } from '../utils/mime.ts';
import type { SourceConfig } from './types.ts';

export const LOCAL_ROUTE = '/local';

export interface LocalMount {
  id: string;
  /** `file:` URL of the folder holding the site, ending in "/". */
  folder: string;
  /** Absolute URL prefix (ending in "/") the folder is published and scraped under. */
  mount: string;
}

const isFile = (u: string | undefined): u is string => u !== undefined && /^file:/i.test(u);

/** `${baseUrl}/local/<id>/` */
function mountUrl(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${LOCAL_ROUTE}/${encodeURIComponent(id)}/`;
}

/**
 * Rewrites `file:` sources to their published address; returns the new sources and the mounts.
 * `only` limits the rewrite to some source ids (Workers: the bundled ones). Other `file:` URLs of a
 * source's `urls` inside the same folder are published under the mount too.
 */
export function mountFileSources(
  sources: readonly SourceConfig[], baseUrl: string, only?: (id: string) => boolean,
): { sources: SourceConfig[]; mounts: LocalMount[] } {
  const mounts: LocalMount[] = [];
  const out = sources.map((source) => {
    if (!isFile(source.url) || (only && !only(source.id))) return source;
    const mount: LocalMount = { id: source.id, folder: new URL('./', source.url).href, mount: mountUrl(baseUrl, source.id) };
    mounts.push(mount);
    const mounted = (u: string) => (isFile(u) && u.startsWith(mount.folder) ? mount.mount + u.slice(mount.folder.length) : u);
    const rewritten: SourceConfig = { ...source, url: mounted(source.url) };
    if (source.urls) rewritten.urls = source.urls.map(mounted);
    return rewritten;
  });
  return { sources: out, mounts };
}

/**
 * What a local site publishes, by extension: web pages, images, stylesheets and feeds. Anything
 * else in the folder (a config, a database and its journals, scripts, archives) stays private,
 * and so do dotfiles and dot-folders. Their types come from utils/mime.ts.
 */
const PUBLISHED_EXTENSIONS = new Set([
  'html', 'htm', 'xhtml', 'css',
  'jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'svg', 'ico',
  'xml', 'rss', 'atom', 'json',
]);

/**
 * The Content-Type a local site serves a file name with, or null when it does not publish it.
 * The site's pages and stylesheets are served as UTF-8.
 */
export function publishedType(name: string): string | null {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  const type = ext !== undefined && PUBLISHED_EXTENSIONS.has(ext) ? contentTypeForPath(name) : null;
  return type?.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/** The mount a URL lies under, if any. */
export function mountOf(mounts: readonly LocalMount[], url: string): LocalMount | undefined {
  return mounts.find((m) => url.startsWith(m.mount));
}

/**
 * The `file:` URL that a URL under a mount points at, or null: outside every mount, a directory,
 * escaping the folder (`..`, encoded slashes or backslashes, NUL), a dotfile or inside a
 * dot-folder, or not a published type (publishedType). The path is taken as sent, before any `..`
 * normalization, so `/local/a/../b` is refused rather than silently re-rooted. Symbolic links are
 * the runtime's to check (Node resolves them and refuses one that leads out of the folder).
 */
export function localFileUrl(mounts: readonly LocalMount[], url: string): string | null {
  const site = mountOf(mounts, url);
  if (!site) return null;
  let rest = url.slice(site.mount.length).replace(/[?#].*$/s, '');
  if (rest === '') rest = 'index.html';
  const segments: string[] = [];
  let name = '';
  for (const raw of rest.split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '' || seg.startsWith('.') || /[/\\\0]/.test(seg)) return null;
    segments.push(encodeURIComponent(seg));
    name = seg;
  }
  if (publishedType(name) === null) return null;
  const file = new URL(segments.join('/'), site.folder).href;
  return file.startsWith(site.folder) ? file : null;
}

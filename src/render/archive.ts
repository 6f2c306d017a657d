/**
 * RFC 5005 archived feeds over the stored history. Pages are counted from the OLDEST stored item:
 * page 1 holds the oldest `size` items, page 2 the next `size`, and so on; only complete pages are
 * published, so a page never changes when new items arrive (it changes only when an item older
 * than its end is added or removed: a backdated article, pruning past `maxItems`, a deletion).
 * The page size is DEFAULTS.archivePageSize, or the feed's `limit` when smaller, so the items past
 * the last complete page always fit in the current feed and a reader walking the chain sees
 * every stored item.
 */
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { ensureRootNamespace } from './feed-escapes.ts';
import type { ArchiveLinks, FeedFormat } from './types.ts';
import { FEED_EXTENSIONS } from './urls.ts';
import { escapeXml } from './xml-chars.ts';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/** Items per archive page of `source` (see the module comment). */
export function archivePageSize(source: Pick<SourceConfig, 'limit'>, feedLimit: number = source.limit): number {
  return Math.max(1, Math.min(DEFAULTS.archivePageSize, source.limit, feedLimit));
}

/** Complete archive pages of a source with `itemCount` stored items; bundles have none. */
export function archivePageCount(source: Pick<SourceConfig, 'limit' | 'type'>, itemCount: number): number {
  return source.type === 'merge' ? 0 : Math.floor(itemCount / archivePageSize(source));
}

/** Absolute URL of archive page `page` (1 = oldest). */
export function archiveUrl(baseUrl: string, id: string, page: number, format: FeedFormat): string {
  return `${baseUrl}/feeds/${encodeURIComponent(id)}/archive/${page}.${FEED_EXTENSIONS[format]}`;
}

/** Writes the links into a rendered document: atom:link in RSS and Atom, `fh:archive`, JSON Feed's `next_url`. */
export function withArchiveLinks(format: FeedFormat, body: string, links: ArchiveLinks | undefined): string {
  if (!links || (!links.prevArchive && !links.nextArchive && !links.current)) return body;
  if (format === 'json') {
    const doc = JSON.parse(body) as Record<string, unknown>;
    // JSON Feed pages towards older items with next_url; it has no other archive vocabulary.
    const { items, ...head } = doc;
    return JSON.stringify({ ...head, ...(links.prevArchive ? { next_url: links.prevArchive } : {}), items }, null, 2);
  }
  const rels: [string, string | undefined][] = [['current', links.current], ['prev-archive', links.prevArchive], ['next-archive', links.nextArchive]];
  const prefix = format === 'rss' ? 'atom:' : '';
  const tags = rels.filter(([, href]) => href).map(([rel, href]) => `<${prefix}link rel="${rel}" href="${escapeXml(href!)}"/>`);
  if (links.current) tags.push('<fh:archive/>');
  const root = format === 'rss' ? 'rss' : 'feed';
  let xml = ensureRootNamespace(body, root, 'fh', HISTORY_NS);
  if (!links.current) xml = xml.replace(` xmlns:fh="${HISTORY_NS}"`, '');
  if (format === 'rss') xml = ensureRootNamespace(xml, 'rss', 'atom', ATOM_NS);
  // Feed-level metadata, after the feed's own links: before the first item/entry, else the end.
  const [item, end] = format === 'rss' ? ['<item>', '</channel>'] : ['<entry>', '</feed>'];
  let at = xml.indexOf(item);
  if (at < 0) at = xml.lastIndexOf(end);
  if (at < 0) return xml;
  const indent = /[ \t]*$/.exec(xml.slice(0, at))![0];
  return `${xml.slice(0, at)}${tags.join(`\n${indent}`)}\n${indent}${xml.slice(at)}`;
}

/**
 * One feed document for every consumer: GET /feeds/<id>.<ext>, the WebSub delivery body and the
 * static `build` output take their metadata, item cap and listing entries from here, so the
 * three never disagree on siteUrl, updated or the number of items.
 */
import { mergeMembers } from '../config/merge.ts';
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import type { FeedVersion, Item } from '../model.ts';
import type { Store } from '../store/store.ts';
import { archivePageCount, archivePageSize, archiveUrl } from './archive.ts';
import { renderFeed } from './feed.ts';
import { compileFilters, shapeItems, type FeedQuery, type ItemTest } from './filters.ts';
import type { FeedListing } from './listing.ts';
import { FEED_STYLESHEET_HREF } from './stylesheet.ts';
import type { FeedFormat, FeedMeta } from './types.ts';
import { FEED_CONTENT_TYPES, feedUrl } from './urls.ts';

/** A rendered feed and what it was rendered from. */
export interface FeedDocument {
  body: string;
  contentType: string;
  meta: FeedMeta;
  /** Items asked of the store. */
  limit: number;
}

export interface FeedMetaOptions {
  /** Public base URL of the service (a trailing slash is ignored). */
  baseUrl: string;
  /** WebSub hub announced in the feed, or null. */
  hub: string | null;
  /** With `itemCount`, the feed links its newest archive page (RFC 5005 prev-archive). */
  version: Pick<FeedVersion, 'lastModified'> & Partial<Pick<FeedVersion, 'itemCount'>>;
  /** `updated` of a feed without items: when the service (or the build) started. */
  startedAt: Date;
  /** The document's own URL; default `${baseUrl}/feeds/<id>.<ext>`. */
  selfUrl?: string;
}

/**
 * Items in a served feed: the source's `limit`, or fewer when `requested` asks for fewer, never
 * more than `max` (DEFAULTS.maxFeedItems).
 */
export function feedItemLimit(source: Pick<SourceConfig, 'limit'>, requested?: number, max: number = DEFAULTS.maxFeedItems): number {
  const limit = Math.min(source.limit, max);
  return requested === undefined ? limit : Math.min(requested, limit);
}

/** When the feed last changed: its last item change, else `startedAt` (never the epoch). */
export function feedLastModified(version: Pick<FeedVersion, 'lastModified'>, startedAt: Date): Date {
  const at = version.lastModified ? new Date(version.lastModified) : null;
  return at && !Number.isNaN(at.getTime()) ? at : startedAt;
}

/** The feed-level metadata of `source` in `format`. */
export function feedMeta(source: SourceConfig, format: FeedFormat, options: FeedMetaOptions): FeedMeta {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  return {
    id: source.id,
    title: source.title,
    siteUrl: source.url ?? `${baseUrl}/`, // push sources may have no site page
    baseUrl,
    language: source.language ?? null,
    updated: feedLastModified(options.version, options.startedAt).toISOString(),
    hub: options.hub,
    selfUrl: options.selfUrl ?? feedUrl(baseUrl, source.id, format),
    stylesheet: FEED_STYLESHEET_HREF,
    ...archiveMeta(source, format, baseUrl, options.version.itemCount),
  };
}

function archiveMeta(source: SourceConfig, format: FeedFormat, baseUrl: string, itemCount: number | undefined): Pick<FeedMeta, 'archive'> {
  const pages = itemCount === undefined ? 0 : archivePageCount(source, itemCount);
  return pages > 0 ? { archive: { prevArchive: archiveUrl(baseUrl, source.id, pages, format) } } : {};
}

/**
 * Archive page `page` (1 = oldest, see render/archive.ts) of `source`, or null when there is no
 * such complete page. Its items are newest first like every feed.
 */
export async function renderArchiveDocument(
  store: Pick<Store, 'feedVersion' | 'listItemsFromOldest'>,
  source: SourceConfig,
  format: FeedFormat,
  page: number,
  options: Omit<FeedMetaOptions, 'version' | 'selfUrl'>,
): Promise<(FeedDocument & { items: Item[] }) | null> {
  const version = await store.feedVersion(source.id);
  const pages = archivePageCount(source, version.itemCount);
  if (!Number.isInteger(page) || page < 1 || page > pages) return null;
  const size = archivePageSize(source);
  const items = (await store.listItemsFromOldest(source.id, (page - 1) * size, size)).reverse();
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const newest = items[0]?.updated ?? null;
  const meta: FeedMeta = {
    ...feedMeta(source, format, { ...options, version: { lastModified: newest }, selfUrl: archiveUrl(baseUrl, source.id, page, format) }),
    archive: {
      current: feedUrl(baseUrl, source.id, format),
      ...(page > 1 ? { prevArchive: archiveUrl(baseUrl, source.id, page - 1, format) } : {}),
      ...(page < pages ? { nextArchive: archiveUrl(baseUrl, source.id, page + 1, format) } : {}),
    },
    hub: null, // archives never change, nothing to subscribe to
  };
  return { body: renderFeed(format, meta, items), contentType: FEED_CONTENT_TYPES[format], meta, limit: size, items };
}

export interface RenderFeedOptions extends Omit<FeedMetaOptions, 'version'> {
  /** The version already read (saves a read); default `readFeedVersion(store, source, sources)`. */
  version?: Pick<FeedVersion, 'lastModified'>;
  /** Items to list; default `feedItemLimit(source)`. */
  limit?: number;
  /** The request's filters (`?filter_title=…`, `brief`, …); the source's own `filters` always apply. */
  query?: FeedQuery;
  /** The instant `query.timeS` counts back from; default now. */
  now?: Date;
  /** Every configured source: a bundle (`type: merge`) finds its members here. */
  sources?: readonly SourceConfig[];
}

/** A source's configured filters, compiled; null without any. */
export function sourceItemTest(source: SourceConfig): ItemTest | null {
  if (!source.filters) return null;
  const compiled = compileFilters(source.filters);
  if ('problems' in compiled) throw new Error(`source "${source.id}": filters.${compiled.problems.join(`; filters.`)}`);
  return compiled.test;
}

/**
 * The version of what `source`'s feed shows. A bundle's is its members' together: the counters
 * summed (each member's only grows, so the sum moves whenever any member changes), the latest
 * change, the items counted.
 */
export async function readFeedVersion(
  store: Pick<Store, 'feedVersion'>,
  source: SourceConfig,
  sources: readonly SourceConfig[] = [],
): Promise<FeedVersion> {
  if (source.type !== 'merge') return store.feedVersion(source.id);
  const versions = await Promise.all(mergeMembers(source, sources).map((m) => store.feedVersion(m.id)));
  const changes = versions.flatMap((v) => (v.lastModified ? [v.lastModified] : [])).sort();
  return {
    version: versions.reduce((sum, v) => sum + v.version, 0),
    lastModified: changes.at(-1) ?? null,
    itemCount: versions.reduce((sum, v) => sum + v.itemCount, 0),
  };
}

/** A bundle's newest items, each tagged with its member's title as the first category. */
async function bundleItems(store: Pick<Store, 'listItemsAcross'>, source: SourceConfig, sources: readonly SourceConfig[], limit: number): Promise<Item[]> {
  const members = mergeMembers(source, sources);
  const titles = new Map(members.map((m) => [m.id, m.title]));
  const items = await store.listItemsAcross(members.map((m) => m.id), limit);
  return items.map((item) => {
    const origin = titles.get(item.sourceId);
    return origin ? { ...item, categories: [origin, ...item.categories.filter((c) => c !== origin)] } : item;
  });
}

/** Reads the items and renders the feed document as served. */
export async function renderFeedDocument(
  store: Pick<Store, 'feedVersion' | 'listItems' | 'listItemsAcross'>,
  source: SourceConfig,
  format: FeedFormat,
  options: RenderFeedOptions,
): Promise<FeedDocument> {
  const sources = options.sources ?? [];
  const version = options.version ?? await readFeedVersion(store, source, sources);
  const meta = feedMeta(source, format, { ...options, version });
  const limit = options.limit ?? feedItemLimit(source);
  const query = options.query;
  const sourceTest = sourceItemTest(source);
  const filtered = sourceTest !== null || query?.filters !== undefined || query?.timeS !== undefined;
  // Filter first, then limit (as RSSHub): a filtered variant reads further back for its matches.
  const count = filtered ? Math.max(limit, DEFAULTS.filterScanItems) : limit;
  const listed = source.type === 'merge'
    ? await bundleItems(store, source, sources, count)
    : await store.listItems(source.id, count);
  const items = sourceTest || query ? shapeItems(listed, { source: sourceTest, query, limit, now: options.now ?? new Date() }) : listed;
  return { body: renderFeed(format, meta, items), contentType: FEED_CONTENT_TYPES[format], meta, limit };
}

/** A source as the index page and the OPML list show it; with its version, the item facts too. */
export function feedListing(source: SourceConfig, version?: Pick<FeedVersion, 'itemCount' | 'lastModified'>): FeedListing {
  const listing: FeedListing = { id: source.id, title: source.title, siteUrl: source.url ?? '' }; // '': no link
  if (version) {
    listing.itemCount = version.itemCount;
    listing.updated = version.lastModified;
  }
  return listing;
}

/** Every source's listing with its current item count and last change. */
export async function feedListings(store: Pick<Store, 'feedVersion'>, sources: SourceConfig[]): Promise<FeedListing[]> {
  const versions = await Promise.all(sources.map((s) => readFeedVersion(store, s, sources)));
  return sources.map((s, i) => feedListing(s, versions[i]));
}

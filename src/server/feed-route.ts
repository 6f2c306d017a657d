/**
 * GET|HEAD /feeds/<id>.rss|.atom|.json[?limit=N&filter…]: the feeds, with validators (304s) and
 * compression. Polls are most of what a feed service answers, so a poll's work is kept to a
 * minimum: the variant (source × format × query string) is parsed once; its ETag, Last-Modified
 * and response headers are computed once per feed version (and per minute for `filter_time`);
 * a request then costs one `store.feedVersion()` (a memory read on SQLite, see
 * store/version-cache.ts), a map lookup and, for a 200, the bytes from the FeedCache. Items are
 * listed and rendered only on a cache miss, once per version and variant.
 */
import type { Context, Hono } from 'hono';
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import type { FeedVersion } from '../model.ts';
import { feedItemLimit, feedLastModified, feedMeta, readFeedVersion, renderFeedDocument, type RenderFeedOptions } from '../render/document.ts';
import { parseFeedQuery, type FeedQuery } from '../render/filters.ts';
import type { FeedFormat } from '../render/types.ts';
import { FEED_DOCUMENT_CONTENT_TYPES, feedUrl } from '../render/urls.ts';
import type { Store } from '../store/store.ts';
import type { CachedFeed, FeedCache } from './cache.ts';
import { httpDate, isNotModified, strongEtag } from './conditional.ts';
import { feedBytes, negotiateCoding, type Coding, type Compressors } from './encoding.ts';
import { feedMaxAge } from './max-age.ts';
import { singleFlight } from './single-flight.ts';

export interface FeedRouteDeps {
  /** The source behind an id, as served now (sources change at runtime: config/catalog.ts). */
  byId: { get(id: string): SourceConfig | undefined };
  /** Every source now (a bundle reads its members'). */
  sources: () => readonly SourceConfig[];
  store: Store;
  cache: FeedCache;
  baseUrl: string;
  hub: string | null;
  startedAt: Date;
  now: () => Date;
  compressors: Compressors;
  maxLimit: number;
  /** Part of every ETag and cache key (the app's render revision). */
  revision: string;
  notFound: (c: Context, message: string) => Response;
}

const EXT_TO_FORMAT: Record<string, FeedFormat> = { rss: 'rss', atom: 'atom', json: 'json' };

/** A parsed request variant: what the query string asks of one source's feed in one format. */
interface Variant {
  source: SourceConfig;
  format: FeedFormat;
  limit: number;
  query: FeedQuery;
  params: [string, string][];
  selfUrl: string;
  /** Validators and headers of the version last served. */
  served?: Served;
}

interface Served {
  version: number;
  lastModifiedIso: string | null;
  itemCount: number | undefined;
  /** Start of the minute `filter_time` counted back from (0 without it). */
  minute: number;
  etag: string;
  lastModified: Date;
  key: string;
  options: RenderFeedOptions;
  /** 304 headers per coding, Cache-Control aside (it counts down to the next scrape). */
  headers: Partial<Record<Coding, Record<string, string>>>;
}

export function feedRoute(app: Hono, deps: FeedRouteDeps): void {
  const codings = Object.keys(deps.compressors) as Coding[];
  const renderOnce = singleFlight<CachedFeed>();
  const variants = new Map<string, Variant>();
  const acceptEncodings = new Map<string, Coding>();

  const coding = (acceptEncoding: string | undefined): Coding => {
    if (!acceptEncoding) return 'identity';
    let known = acceptEncodings.get(acceptEncoding);
    if (known === undefined) {
      known = negotiateCoding(acceptEncoding, codings);
      if (acceptEncodings.size >= DEFAULTS.feedVariantEntries) acceptEncodings.clear();
      acceptEncodings.set(acceptEncoding, known);
    }
    return known;
  };

  app.get('/feeds/:file', async (c) => {
    const file = c.req.param('file');
    const dot = file.lastIndexOf('.');
    const format = dot > 0 ? EXT_TO_FORMAT[file.slice(dot + 1)] : undefined;
    const source = format ? deps.byId.get(file.slice(0, dot)) : undefined;
    if (!format || !source) {
      return deps.notFound(c, `No feed at ${c.req.path}. Feeds are /feeds/<id>.rss, .atom or .json; see / or /feeds.opml for the list.`);
    }
    const url = c.req.url;
    const q = url.indexOf('?');
    const variantKey = `${file}${q < 0 ? '' : url.slice(q)}`;
    let variant = variants.get(variantKey);
    if (variant?.source !== source) {
      const parsed = parseVariant(c, source, format, deps);
      if ('error' in parsed) return parsed.error;
      variant = parsed;
      if (variants.size >= DEFAULTS.feedVariantEntries) variants.delete(variants.keys().next().value as string);
      variants.set(variantKey, variant);
    }

    const at = deps.now();
    const version = await readFeedVersion(deps.store, source, deps.sources()); // a bundle's: its members'
    // `filter_time` counts back from the start of the minute: one variant (and ETag) per minute.
    const minute = variant.query.timeS !== undefined ? Math.floor(at.getTime() / 60_000) * 60_000 : 0;
    let served = variant.served;
    if (!served || !sameVersion(served, version, minute)) {
      served = await serve(variant, version, minute, deps);
      variant.served = served;
    }

    const chosen = coding(c.req.header('accept-encoding'));
    const validators = served.headers[chosen] ??= {
      ETag: chosen === 'identity' ? served.etag : `W/${served.etag}`, // another representation: weak (as hono's compress does)
      'Last-Modified': httpDate(served.lastModified),
      Vary: 'Accept-Encoding, Sec-Fetch-Dest',
      'Access-Control-Allow-Origin': '*',
    };
    const cacheControl = `public, max-age=${feedMaxAge(source, at)}`;
    if (isNotModified(c.req.raw.headers, { etag: served.etag, lastModified: served.lastModified }, at)) {
      return new Response(null, { status: 304, headers: { ...validators, 'Cache-Control': cacheControl } });
    }

    const current = served;
    // A miss renders once however many readers asked for this version meanwhile (single-flight.ts).
    const cached = (await deps.cache.get(current.key)) ?? await renderOnce(current.key, async () => {
      const { body, contentType } = await renderFeedDocument(deps.store, source, variant.format, current.options);
      const fresh = { body, etag: current.etag, lastModified: httpDate(current.lastModified), contentType } satisfies CachedFeed;
      await deps.cache.put(current.key, fresh);
      return fresh;
    });
    // Bytes, not the string: Node's Response streams string bodies slowly; encoded once per version.
    const bytes = await feedBytes(cached, chosen, deps.compressors);
    // Only a browser's top-level navigation says `Sec-Fetch-Dest: document`; feed readers never do.
    const opened = c.req.header('sec-fetch-dest') === 'document';
    const headers: Record<string, string> = {
      ...validators,
      'Cache-Control': cacheControl,
      'Content-Type': opened ? FEED_DOCUMENT_CONTENT_TYPES[variant.format] : cached.contentType,
      'Content-Length': String(bytes.byteLength),
    };
    if (chosen !== 'identity') headers['Content-Encoding'] = chosen;
    return new Response(bytes, { status: 200, headers });
  });
}

function parseVariant(c: Context, source: SourceConfig, format: FeedFormat, deps: FeedRouteDeps): Variant | { error: Response } {
  const limitParam = c.req.query('limit');
  // `?limit=` asks for fewer items, never more: each value is a cache entry of its own.
  let limit = feedItemLimit(source, undefined, deps.maxLimit);
  if (limitParam !== undefined) {
    if (!/^\d+$/.test(limitParam) || Number(limitParam) < 1) {
      return { error: c.json({ error: 'bad_request', message: `limit must be a positive integer (at most ${limit} for this feed).` }, 400) };
    }
    limit = feedItemLimit(source, Number(limitParam), deps.maxLimit);
  }
  // RSSHub's filter parameters (render/filters.ts): each combination is a variant of its own.
  const parsed = parseFeedQuery((name) => c.req.query(name));
  if (parsed.error !== undefined) return { error: c.json({ error: 'bad_request', message: parsed.error }, 400) };
  const params: [string, string][] = [...(limitParam !== undefined ? [['limit', String(limit)] as [string, string]] : []), ...parsed.params];
  const selfUrl = feedUrl(deps.baseUrl, source.id, format) + (params.length > 0 ? `?${new URLSearchParams(params)}` : '');
  return { source, format, limit, query: parsed.query, params: parsed.params, selfUrl };
}

function sameVersion(served: Served, version: FeedVersion, minute: number): boolean {
  return served.version === version.version && served.lastModifiedIso === version.lastModified
    && served.itemCount === version.itemCount && served.minute === minute;
}

/** The validators of a variant at a version: everything the bytes depend on, items aside. */
async function serve(variant: Variant, version: FeedVersion, minute: number, deps: FeedRouteDeps): Promise<Served> {
  const { source, format, limit, query, params } = variant;
  const lastModified = feedLastModified(version, deps.startedAt);
  const options: RenderFeedOptions & { version: FeedVersion } = {
    baseUrl: deps.baseUrl,
    hub: deps.hub,
    startedAt: deps.startedAt,
    version,
    limit,
    query,
    now: new Date(minute || deps.now().getTime()),
    sources: deps.sources(),
    selfUrl: variant.selfUrl,
  };
  const meta = feedMeta(source, format, options);
  const etag = await strongEtag([
    deps.revision,
    source.id,
    format,
    String(limit),
    String(version.version),
    version.lastModified ?? '',
    JSON.stringify(meta),
    // The plain feed's ETag stays as it was; a filtered variant's also names its filters, and a
    // source's configured filters count too (an edited config must not answer a stale 304).
    ...(params.length > 0 ? [JSON.stringify(params)] : []),
    ...(source.filters ? [JSON.stringify(source.filters)] : []),
    ...(query.timeS !== undefined ? [new Date(minute).toISOString()] : []),
  ]);
  return {
    version: version.version,
    lastModifiedIso: version.lastModified,
    itemCount: version.itemCount,
    minute,
    etag,
    lastModified,
    key: `${source.id}:${format}:${limit}:${version.version}:${etag.slice(1, -1)}`,
    options,
    headers: {},
  };
}

/**
 * The answer to GET|HEAD /feeds/<id>.rss|.atom|.json[?limit=N&filter…], from plain request data to
 * plain response data, so that every server answers feeds alike: the Hono route (feed-route.ts,
 * both runtimes) and the Node listener's direct path (runtime/node/feed-listener.ts).
 *
 * Polls are most of what a feed service answers, so a poll's work is kept to a minimum: the
 * variant (source × format × query string) is parsed once; its ETag, Last-Modified and response
 * headers are computed once per feed version (and per minute for `filter_time`), the header
 * objects once per max-age value; a request then costs one `store.feedVersion()` (a memory read
 * on SQLite, see store/version-cache.ts), a map lookup and, for a 200, the bytes from the
 * FeedCache. Items are listed and rendered only on a cache miss, once per version and variant.
 */
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import type { FeedVersion } from '../model.ts';
import { feedItemLimit, feedLastModified, feedMeta, readFeedVersion, renderFeedDocument, type RenderFeedOptions } from '../render/document.ts';
import { parseFeedQuery, type FeedQuery } from '../render/filters.ts';
import type { FeedFormat } from '../render/types.ts';
import { FEED_DOCUMENT_CONTENT_TYPES, feedUrl } from '../render/urls.ts';
import type { Store } from '../store/store.ts';
import type { CachedFeed, FeedCache } from './cache.ts';
import { httpDate, notModified, strongEtag } from './conditional.ts';
import { feedBytes, negotiateCoding, type Coding, type Compressors } from './encoding.ts';
import { feedMaxAge } from './max-age.ts';
import { singleFlight } from './single-flight.ts';

export interface FeedAnswerDeps {
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
}

/** What a feed answer reads of a request. */
export interface FeedRequest {
  /** The last path segment, decoded: `<id>.<ext>`. */
  file: string;
  /** The query string with its `?`, or ''. */
  search: string;
  /** A query parameter as the router reads it (the first value, decoded). */
  query(name: string): string | undefined;
  /** A request header by lower-case name. */
  header(name: 'accept-encoding' | 'if-none-match' | 'if-modified-since' | 'sec-fetch-dest'): string | undefined;
}

/**
 * 200 (body: the bytes; a HEAD sends none) or 304 with its headers, which callers must not modify
 * (they are shared by the polls of one variant); or what is wrong with the request.
 */
export type FeedAnswer =
  | { status: 200 | 304; headers: Readonly<Record<string, string>>; body: Uint8Array<ArrayBuffer> | null }
  | { status: 404 }
  | { status: 400; message: string };

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
  /** Response headers per coding, for the max-age last served (it counts down to the next scrape). */
  headers: Partial<Record<Coding, VariantHeaders>>;
}

/** The header objects of one variant, version and coding at one max-age. */
interface VariantHeaders {
  maxAge: number;
  notModified: Record<string, string>;
  /** Per Content-Type and body length: a feed reader's and a browser's (Sec-Fetch-Dest: document). */
  ok: Map<string, Record<string, string>>;
}

/** The feed answerer of an app: one per app, since it keeps the variants it has seen. */
export function feedAnswerer(deps: FeedAnswerDeps): (request: FeedRequest) => Promise<FeedAnswer> {
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

  return async (request) => {
    const { file } = request;
    const variantKey = request.search === '' ? file : file + request.search;
    const dot = file.lastIndexOf('.');
    const format = dot > 0 ? EXT_TO_FORMAT[file.slice(dot + 1)] : undefined;
    const source = format ? deps.byId.get(file.slice(0, dot)) : undefined;
    if (!format || !source) return { status: 404 };
    let variant = variants.get(variantKey);
    if (variant?.source !== source) {
      const parsed = parseVariant(request, source, format, deps);
      if ('message' in parsed) return parsed;
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

    const chosen = coding(request.header('accept-encoding'));
    const maxAge = feedMaxAge(source, at);
    let headers = served.headers[chosen];
    if (headers?.maxAge !== maxAge) headers = served.headers[chosen] = newHeaders(served, chosen, maxAge);
    const validators = { etag: served.etag, lastModified: served.lastModified };
    if (notModified(request.header('if-none-match'), request.header('if-modified-since'), validators, at)) {
      return { status: 304, headers: headers.notModified, body: null };
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
    const contentType = request.header('sec-fetch-dest') === 'document' ? FEED_DOCUMENT_CONTENT_TYPES[variant.format] : cached.contentType;
    const okKey = `${contentType}\u0000${bytes.byteLength}`;
    let ok = headers.ok.get(okKey);
    if (!ok) {
      ok = { ...headers.notModified, 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength) };
      if (chosen !== 'identity') ok['Content-Encoding'] = chosen;
      if (headers.ok.size >= 4) headers.ok.clear(); // two content types; a re-rendered body keeps its length
      headers.ok.set(okKey, ok);
    }
    return { status: 200, headers: ok, body: bytes };
  };
}

function newHeaders(served: Served, chosen: Coding, maxAge: number): VariantHeaders {
  return {
    maxAge,
    notModified: {
      ETag: chosen === 'identity' ? served.etag : `W/${served.etag}`, // another representation: weak (as hono's compress does)
      'Last-Modified': httpDate(served.lastModified),
      Vary: 'Accept-Encoding, Sec-Fetch-Dest',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': `public, max-age=${maxAge}`,
    },
    ok: new Map(),
  };
}

function parseVariant(request: FeedRequest, source: SourceConfig, format: FeedFormat, deps: FeedAnswerDeps): Variant | { status: 400; message: string } {
  const limitParam = request.query('limit');
  // `?limit=` asks for fewer items, never more: each value is a cache entry of its own.
  let limit = feedItemLimit(source, undefined, deps.maxLimit);
  if (limitParam !== undefined) {
    if (!/^\d+$/.test(limitParam) || Number(limitParam) < 1) {
      return { status: 400, message: `limit must be a positive integer (at most ${limit} for this feed).` };
    }
    limit = feedItemLimit(source, Number(limitParam), deps.maxLimit);
  }
  // RSSHub's filter parameters (render/filters.ts): each combination is a variant of its own.
  const parsed = parseFeedQuery((name) => request.query(name));
  if (parsed.error !== undefined) return { status: 400, message: parsed.error };
  const params: [string, string][] = [...(limitParam !== undefined ? [['limit', String(limit)] as [string, string]] : []), ...parsed.params];
  const selfUrl = feedUrl(deps.baseUrl, source.id, format) + (params.length > 0 ? `?${new URLSearchParams(params)}` : '');
  return { source, format, limit, query: parsed.query, params: parsed.params, selfUrl };
}

function sameVersion(served: Served, version: FeedVersion, minute: number): boolean {
  return served.version === version.version && served.lastModifiedIso === version.lastModified
    && served.itemCount === version.itemCount && served.minute === minute;
}

/** The validators of a variant at a version: everything the bytes depend on, items aside. */
async function serve(variant: Variant, version: FeedVersion, minute: number, deps: FeedAnswerDeps): Promise<Served> {
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

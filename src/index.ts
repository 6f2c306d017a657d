/**
 * feedwright as a library: the runtime-agnostic core (no Node-only code is reachable from here).
 * The Node server and CLI live in src/runtime/node and src/cli; the Worker in src/runtime/cloudflare.
 */

// Article extraction: one page in, one normalized article out.
export { extractArticle } from './extract/index.ts';
export type { ExtractOptions } from './extract/options.ts';
export { parseDate, type DateParseOptions } from './utils/dates/parse.ts';

// Finding article links on a listing page.
export { findLinks } from './list/index.ts';

// Configuration.
export { parseConfig } from './config/parse-config.ts';
export { ConfigError } from './config/messages.ts';
export { parseSource, type ParseSourceOptions, type ParsedSource } from './config/source.ts';
export type { FeedwrightConfig, SourceConfig, ListSelectors, ArticleSelectors, FieldSelector } from './config/types.ts';

// The pipeline and its parts.
export { createFetcher, type FetcherOptions } from './fetch/fetcher.ts';
export { FetchError, type Fetcher, type FetchOptions, type FetchResult } from './fetch/types.ts';
export { scrapeSource } from './pipeline/scrape.ts';
export type { ScrapeDeps, ScrapeReport } from './pipeline/types.ts';
export { SourceRunner } from './pipeline/runner.ts';
export { isDue, backoffUntil } from './pipeline/due.ts';
export { nextRun } from './utils/cron.ts';
export { normalizeItem } from './normalize/item.ts';
export { sanitizeContent } from './html/sanitize.ts';
export { htmlToText } from './html/to-text.ts';
export { SqlStore, type SqlDriver } from './store/sql-store.ts';
export type { Store, UpsertResult } from './store/store.ts';

// Rendering and serving.
export { renderFeed } from './render/feed.ts';
export type { FeedFormat, FeedMeta } from './render/types.ts';
export { createApp, type AppDeps } from './server/app.ts';
export { MemoryFeedCache, type FeedCache, type CachedFeed } from './server/cache.ts';

export type { ExtractedArticle, Item, ListedLink, SourceState, FeedVersion } from './model.ts';

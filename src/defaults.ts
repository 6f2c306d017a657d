/**
 * Every default of feedwright in one place, each with what it bounds. Config parsing, the stages
 * and the runtimes read these; README's tables cite the key names. Pure data: no imports.
 */

const KiB = 1024;
const MiB = 1024 * KiB;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_S = 86_400;

export const DEFAULTS = {
  // ── a source (config keys) ──────────────────────────────────────────────────────────────────
  /** Cron expression of a source without `schedule` (every 30 minutes). */
  schedule: '*/30 * * * *',
  /** IANA time zone of the schedule and of dates written without an offset. */
  timezone: 'UTC',
  /** Items a feed shows when the source sets no `limit`. */
  limit: 50,
  /** Largest `limit` a source may set. */
  maxLimit: 1000,
  /** Items kept in the store per source when `maxItems` is not set (oldest pruned). */
  maxItems: 5000,
  /** Sources one `type: merge` bundle may list. */
  maxMergeSources: 50,

  // ── a scrape run ───────────────────────────────────────────────────────────────────────────
  /** New article pages opened per run; the rest wait for the next run. */
  articlesPerRun: 30,
  /** Already-stored articles re-read per run to pick up edits. */
  refreshKnownPerRun: 3,
  /** Article pages fetched at once within one source (the fetcher also caps per host). */
  articleConcurrency: 4,
  /** Items stored per write while a run reads pages: a crash loses at most one batch. */
  batchSize: 5,
  /** Article links read from one listing page. */
  maxLinks: 200,
  /** Largest site rule file (ftr-site-config `.txt`) read; real ones are a few hundred bytes. */
  maxSiteConfigBytes: 256 * KiB,
  /** Pages one article may span when a site rule's next_page_link joins them (the first included). */
  maxArticlePages: 10,
  /** Sources scraped at once by `runAll` (CLI `scrape --all`, Node startup). */
  runAllParallel: 4,
  /** Largest gzip-inflated document (sitemap.xml.gz) accepted; the sitemap protocol's limit is 50 MB. */
  maxInflatedBytes: 50 * MiB,
  /** Child sitemaps of a sitemap index read per run (newest by lastmod). */
  maxChildSitemaps: 5,
  /** Newest sitemap entries considered per run. */
  maxSitemapEntries: 1000,
  /** Earlier failed article pages remembered per source (retried with backoff). */
  maxFailedArticles: 100,
  /** First wait after a failed run; doubles per consecutive failure (±20% jitter). */
  backoffBaseMs: MINUTE_MS,
  /** Longest wait between failed runs. */
  backoffMaxMs: 6 * HOUR_MS,
  /** Longest origin `Retry-After` honoured, in seconds. */
  maxRetryAfterS: DAY_S,

  // ── politeness (top-level config keys) ─────────────────────────────────────────────────────
  /** Honour robots.txt (`robots: false` turns it off). */
  robots: true,
  /** Minimum spacing between requests to one host (`hostDelayMs`); robots.txt Crawl-delay may raise it. */
  hostDelayMs: 1000,
  /** Largest spacing between requests to one host, whatever Crawl-delay asks; also `hostDelayMs`'s upper bound. */
  maxHostDelayMs: 60_000,
  /** How long a read robots.txt is trusted. */
  robotsCacheTtlMs: HOUR_MS,
  /** How long an unreadable robots.txt (5xx, network error) is remembered before asking again. */
  robotsErrorTtlMs: 10 * MINUTE_MS,
  /** Origins whose robots.txt is kept in memory. */
  robotsMaxOrigins: 1000,
  /** Largest robots.txt read (Google reads 500 KiB). */
  robotsMaxBytes: 512 * KiB,

  // ── the fetcher ────────────────────────────────────────────────────────────────────────────
  /** Total time for one fetch: every redirect hop, DNS and the whole body. */
  fetchTimeoutMs: 15_000,
  /** Body cap in bytes after decompression; also the cap on a `file:` source's files when scraping. */
  fetchMaxBytes: 5 * MiB,
  /** Redirects followed per fetch. */
  maxRedirects: 5,
  /** Requests in flight per hostname. */
  perHostConcurrency: 2,
  /** User-Agent of every outgoing request (keep the version in step with package.json). */
  userAgent: 'feedwright/0.1.0 (+https://github.com/feedwright/feedwright)',

  // ── serving ────────────────────────────────────────────────────────────────────────────────
  /** Upper bound of a feed's `?limit=`. */
  maxFeedItems: 500,
  /** Items per RFC 5005 archive page, counted from the oldest stored item. */
  archivePageSize: 50,
  /** `Cache-Control: max-age` of an archive page, in seconds (a day: old pages do not change). */
  archiveMaxAgeS: DAY_S,
  /** Memory the in-process cache of rendered feeds may hold (estimated), in bytes (Node). */
  feedCacheMaxBytes: 64 * 1024 * 1024,
  /** Rendered feeds (format × limit × version) the in-process cache keeps at most (Node). */
  feedCacheMaxEntries: 500,
  /** Longest request URL, in characters. */
  maxUrlLength: 4096,
  /** Largest request header block, in bytes. */
  maxHeaderBytes: 8 * KiB,
  /** Largest request body outside the push API, in bytes. */
  maxBodyBytes: 1 * MiB,
  /** Entries per push request. */
  maxPushItems: 100,
  /** Push request body cap, in bytes. */
  maxPushBytes: 5 * MiB,
  /** Shortest `Cache-Control: max-age` of a feed, in seconds. */
  minFeedMaxAgeS: 60,
  /** Longest `Cache-Control: max-age` of a feed, in seconds. */
  maxFeedMaxAgeS: DAY_S,
  /** Longest feed filter pattern (`?filter_title=…`, a source's `filters`), in characters. */
  maxFilterPatternChars: 1000,
  /** Stored items a filtered feed reads to find its `limit` matches (the variant renders once per version). */
  filterScanItems: 1000,
  /** Smallest and largest `?brief=N` (characters of the plain-text summary). */
  minBriefChars: 100,
  maxBriefChars: 100_000,
  /** Largest file served from a local site at `/local/<id>/…` (Node). */
  localFileServeMaxBytes: 20 * MiB,

  // ── WebSub (built-in hub; config `websub.*`) ───────────────────────────────────────────────
  /** Lease granted when a subscriber asks for none, in seconds (10 days). */
  websubLeaseSeconds: 10 * DAY_S,
  /** Shortest lease granted, in seconds. */
  websubMinLeaseSeconds: 300,
  /** Longest lease granted, in seconds (30 days). */
  websubMaxLeaseSeconds: 30 * DAY_S,
  /** Waits before retry 1, 2, … of a failed delivery or ping. */
  websubRetryDelaysMs: [5_000, 30_000, 120_000, 600_000],
  /** Time allowed per outgoing WebSub request. */
  websubTimeoutMs: 10_000,
  /** Largest POST /websub (subscribe/unsubscribe form) body, in characters. */
  websubRequestMaxChars: 16 * KiB,
  /** Longest `hub.secret` accepted, in bytes. */
  websubMaxSecretBytes: 200,
  /** Live subscriptions per topic (`websub.maxSubscriptionsPerTopic`). */
  websubMaxSubscriptionsPerTopic: 100,
  /** Live subscriptions in all (`websub.maxSubscriptions`). */
  websubMaxSubscriptions: 1000,
  /** Verifications in progress at once (`websub.maxPendingVerifications`); past it, 503. */
  websubMaxPendingVerifications: 20,
  /** Deliveries in flight at once (`websub.maxConcurrentDeliveries`). */
  websubMaxConcurrentDeliveries: 8,

  // ── Node runtime ───────────────────────────────────────────────────────────────────────────
  /** HTTP port (`PORT`, `--port`). */
  port: 8787,
  /** Sources file (`FEEDWRIGHT_CONFIG`, `--config`). */
  configPath: 'data/sources.yaml',
  /** SQLite database (`FEEDWRIGHT_DB`, `--db`). */
  dbPath: 'data/feedwright.db',
  /** Threads parsing listings and articles (`FEEDWRIGHT_EXTRACT_THREADS`; 0 = main thread). */
  extractThreads: 1,

  // ── Cloudflare runtime (platform-bound values) ─────────────────────────────────────────────
  /** How long a Worker isolate reuses the sources it read from D1. */
  workerSourcesTtlMs: 30_000,
  /** How long a queued refresh holds its source's lease (no second consumer meanwhile). */
  workerLeaseMs: 15 * MINUTE_MS,
  /** Messages per Queue `sendBatch` call (the platform's maximum). */
  queueSendBatch: 100,
} as const;

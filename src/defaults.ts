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
  /**
   * How deep parsed elements nest (Chromium's parser bound): what a page opens deeper goes beside
   * its siblings at this depth, so no walk of a page can overflow the stack.
   */
  maxNestingDepth: 512,
  /** Largest site rule file (ftr-site-config `.txt`) read; real ones are a few hundred bytes. */
  maxSiteConfigBytes: 256 * KiB,
  /** Pages one article may span when a site rule's next_page_link joins them (the first included). */
  maxArticlePages: 10,
  /**
   * Longest article excerpt kept: the whole description or first paragraph up to this, as Reader
   * View keeps it (some run past 10,000 characters); feed summaries are cut far shorter.
   */
  maxExcerptChars: 20_000,
  /** Longest item summary in a feed (the excerpt or listing summary, cut at a word). */
  maxSummaryChars: 500,
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
  /** First cool-down of a source or host that answered 403 or 429; doubles each time (±20% jitter). */
  cooldownBaseMs: 15 * MINUTE_MS,
  /** Longest cool-down after 403/429. */
  cooldownMaxMs: DAY_S * 1000,

  // ── source states (/health, /metrics) ──────────────────────────────────────────────────────
  /** Stored items a run reads to judge the source's rhythm (stale) and its usual fields (drift). */
  stateSampleItems: 30,
  /** Items needed before a rhythm or a usual field is judged at all. */
  stateMinItems: 5,
  /** Stale: no new item for this many times the usual gap between items… */
  staleGapFactor: 4,
  /** …and for at least this many scheduled runs. */
  staleMinRuns: 3,
  /** Drift: a field at least this share of earlier items have (date, author, content, image)… */
  driftUsualShare: 0.8,
  /** …is missing on more than this share of the run's new items (at least `driftMinNewItems`). */
  driftMissingShare: 0.5,
  driftMinNewItems: 3,

  /** Upper bounds (seconds) of the `feedwright_scrape_duration_seconds` histogram's buckets. */
  scrapeDurationBucketsS: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],

  // ── scheduling (top-level config keys; the Node scheduler) ─────────────────────────────────
  /** Sources scraped at once by the scheduler (`scrapeConcurrency`); the rest wait their turn. */
  scrapeConcurrency: 8,
  /** Sources of one host scraped at once (`scrapeConcurrencyPerHost`); hosts take turns. */
  scrapeConcurrencyPerHost: 2,
  /** Longest shift of a source's runs from its cron times, spreading sources over their interval (ms). */
  scheduleSpreadMaxMs: HOUR_MS,
  /** How often the Node scheduler looks for due sources (ms): the resolution of 6-field cron schedules. */
  schedulerTickMs: 1000,

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
  /** Of an HTML error answer (a 503, a 403), the start read to tell a bot wall from an ordinary error page. */
  wallSampleBytes: 64 * KiB,
  /** Redirects followed per fetch. */
  maxRedirects: 5,
  /** Requests in flight per hostname. */
  perHostConcurrency: 2,
  /** User-Agent of every outgoing request (keep the version in step with package.json). */
  userAgent: 'feedwright/0.1.0 (+https://github.com/feedwright/feedwright)',

  // ── pages rendered in a browser (source `render`) ────────────────────────────────────────────
  /** Time to render one page in the browser (`render.timeout`), navigation to the settled DOM. */
  renderTimeoutMs: 15_000,
  /** Longest `render.timeout` a source may set. */
  maxRenderTimeoutMs: 120_000,
  /** `render: auto`: an article page whose extracted text is shorter than this has no body (try the browser). */
  renderMinArticleChars: 100,
  /** Pages the shared browser renders at once (`FEEDWRIGHT_BROWSER_PAGES`, Node). */
  browserPages: 2,
  /** Pages one browser process renders before it is replaced (memory a long-lived browser gathers). */
  browserRestartAfterPages: 200,
  /** Resident memory of the browser's processes past which it is replaced after its current pages (Node, Linux). */
  browserMaxMemoryBytes: 1024 * MiB,

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
  /** Feed variants (source × format × query string) whose validators and headers are kept between polls. */
  feedVariantEntries: 30_000,
  /** Feeds per page of the index page (`GET /?page=N`). */
  indexPageSize: 100,
  /** Longest index search (`GET /?q=…`), in characters. */
  maxIndexQueryChars: 200,
  /** Longest request URL, in characters. */
  maxUrlLength: 4096,
  /** Largest request header block, in bytes. */
  maxHeaderBytes: 8 * KiB,
  /** Largest request body outside the push API, in bytes. */
  maxBodyBytes: 1 * MiB,
  /** Largest source entry sent to the admin API (POST/PUT /api/sources), in bytes. */
  maxSourceBytes: 64 * KiB,
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

  // ── preview (POST /api/preview, `feedwright preview`) ──────────────────────────────────────
  /** Article pages a preview reads when the request does not say. */
  previewArticles: 3,
  /** Most article pages one preview reads. */
  maxPreviewArticles: 10,
  /** Previews running at once per admin token; past it, 429. */
  previewConcurrency: 2,
  /** `Retry-After` of a refused preview, in seconds. */
  previewRetryAfterS: 5,
  /** Largest preview request body, in bytes. */
  maxPreviewBodyBytes: 64 * KiB,
  /** Candidate link groups a preview reports. */
  previewGroups: 10,
  /** Sample titles per reported group. */
  previewSampleTitles: 3,
  /** Characters of an article's text a preview shows. */
  previewTextChars: 2000,
  /** Longest a preview reads, all pages together (robots.txt Crawl-delay can space requests a minute apart). */
  previewTimeoutMs: 60_000,

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

  // ── the studio (/admin/) ───────────────────────────────────────────────────────────────────
  /** How long a studio sign-in lasts. */
  studioSessionSeconds: 12 * 3600,
  /** Failed studio sign-ins accepted per window (per server process or Worker isolate); then 429. */
  studioSignInAttempts: 10,
  /** The window of `studioSignInAttempts`. */
  studioSignInWindowMs: 15 * MINUTE_MS,
  /** Quiet time after the last edit before the studio refreshes its preview. */
  studioPreviewDebounceMs: 500,

  // ── notifications (config `notify`) ─────────────────────────────────────────────────────────
  /** Events a webhook gets when it lists none. */
  notifyEvents: ['source.state', 'items.new', 'items.updated'],
  /** Webhooks at the top level, and per source. */
  maxNotifyTargets: 20,
  /** Items listed in one items.new / items.updated notification (the count says how many there were). */
  notifyMaxItems: 50,
  /** Time allowed per webhook request. */
  notifyTimeoutMs: 10_000,
  /** Wait before the first retry of a failed delivery; doubles per attempt (±20% jitter). */
  notifyRetryBaseMs: 30_000,
  /** Longest wait between two attempts of one delivery. */
  notifyRetryMaxMs: HOUR_MS,
  /** A delivery still failing this long after it was queued is dropped, with a log line. */
  notifyGiveUpMs: DAY_S * 1000,
  /** Deliveries attempted per pass over the outbox. */
  notifyBatch: 20,
  /** Due deliveries a Worker's cron run attempts itself (those whose Queue message was lost). */
  notifySweepBatch: 10,
  /** How long a Worker's attempt holds its delivery (past notifyTimeoutMs); one that died is taken again after it. */
  notifyClaimMs: MINUTE_MS,

  // ── Node runtime ───────────────────────────────────────────────────────────────────────────
  /** HTTP port (`PORT`, `--port`). */
  port: 8787,
  /** Sources file (`FEEDWRIGHT_CONFIG`, `--config`). */
  configPath: 'data/sources.yaml',
  /** Quiet time after the last change to the config file before it is reloaded (editors write in bursts). */
  configReloadDebounceMs: 250,
  /** How often `serve` checks the database's sources table for changes made by another process (the CLI). */
  storedSourcesPollMs: 5_000,
  /** SQLite database (`FEEDWRIGHT_DB`, `--db`). */
  dbPath: 'data/feedwright.db',
  /** Threads parsing listings and articles (`FEEDWRIGHT_EXTRACT_THREADS`; 0 = main thread). */
  extractThreads: 1,
  /** Answers kept per memoized check (cron expressions, time zones): distinct values a config uses. */
  memoEntries: 1_000,
  /** Feed versions a SQLite store keeps in memory (polls then need no read; see store/version-cache.ts). */
  feedVersionCacheEntries: 100_000,
  /** How long a poll may trust feed versions in memory before asking SQLite whether another process wrote (ms). */
  feedVersionRecheckMs: 1,

  // ── Cloudflare runtime (platform-bound values) ─────────────────────────────────────────────
  /** How long a Worker isolate reuses the sources it read from D1. */
  workerSourcesTtlMs: 30_000,
  /** How long a queued refresh holds its source's lease (no second consumer meanwhile). */
  workerLeaseMs: 15 * MINUTE_MS,
  /** Messages per Queue `sendBatch` call (the platform's maximum). */
  queueSendBatch: 100,
} as const;

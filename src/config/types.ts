/**
 * The shape of a validated configuration. `config/parse-config.ts` turns raw YAML/JSON into this;
 * every other module receives these plain objects and never reads files or env vars itself.
 * Key names are a public contract (users' configs depend on them): extend, never rename.
 */

/**
 * A configured `sel@attr` selector, split once at load (config/selectors.ts#parseSelector):
 * `selector` is the CSS part (empty for `@attr` alone: the listing item itself), `attr` the
 * attribute to read instead of the text, or null.
 */
export interface FieldSelector {
  selector: string;
  attr: string | null;
}

/** CSS selectors for a listing page, each relative to `item`. `sel@attr` reads an attribute. */
export interface ListSelectors {
  item: string;
  link?: FieldSelector;
  title?: FieldSelector;
  date?: FieldSelector;
  summary?: FieldSelector;
  image?: FieldSelector;
}

/** How to read each article page. Selectors override automatic extraction. */
export interface ArticleSelectors {
  /** Open each new article page (default true). False: items come from the listing alone. */
  fetch: boolean;
  content?: string;
  /** Selectors dropped from the content before sanitizing. */
  remove?: string[];
  title?: FieldSelector;
  date?: FieldSelector;
  author?: FieldSelector;
}

/**
 * Where a source's articles come from: `html` scrapes a listing page (default), `feed` reads
 * RSS/Atom/RDF/JSON Feed documents, `sitemap` reads a (news) sitemap or sitemap index, `push`
 * receives articles through the API and is never fetched or scheduled, `merge` bundles the items
 * of other sources (`sources`) into one feed and is never fetched or scheduled either.
 */
export type SourceType = 'html' | 'feed' | 'sitemap' | 'push' | 'merge';

/**
 * How a source's pages are read: `static` (HTTP only, default), `browser` (rendered in a headless
 * browser, for sites that draw their content with JavaScript) or `auto` (static first, the browser
 * only when the static page yields no article links or no article body).
 */
export type RenderMode = 'static' | 'browser' | 'auto';

/** A source's `render` setting, normalized (`render: auto` → `{ mode: 'auto' }`). */
export interface RenderConfig {
  mode: RenderMode;
  /** CSS selector to wait for; otherwise the page is read once the network is idle. */
  waitFor?: string;
  /** Time for one rendered page in ms (default `DEFAULTS.renderTimeoutMs`). */
  timeout?: number;
}

export interface SourceConfig {
  /** URL-safe, unique; used in routes (`/feeds/<id>.rss`) and storage. */
  id: string;
  title: string;
  /** Absent means `html` (parseConfig always sets it; hand-built configs may omit it). */
  type?: SourceType;
  /**
   * The listing page (html), the first feed or sitemap (feed/sitemap: `urls[0]` when only `urls`
   * was given), or for push an optional public page of the site, never fetched. Absent only for
   * push sources. `file:` URLs are accepted here (config files only), never from the API.
   */
  url?: string;
  /** feed/sitemap: every document to read, merged into one feed (includes `url`). */
  urls?: string[];
  /** merge: the ids of the sources bundled into this feed (none of them a merge). */
  sources?: string[];
  /** Cron expression (5 or 6 fields). Default every 30 minutes. */
  schedule: string;
  /** IANA zone for dates written without an offset. Default UTC. */
  timezone: string;
  language?: string;
  /** Items in the rendered feed. Default 50. */
  limit: number;
  /** Items kept in storage; past it the oldest (by publication) are pruned. Default 5000 when absent. */
  maxItems?: number;
  list?: ListSelectors;
  article: ArticleSelectors;
  /** Which stored items the feed shows (applied when rendering; nothing is dropped from storage). */
  filters?: ItemFilters;
  /** How pages are read; absent means static. */
  render?: RenderConfig;
  /** Extra request settings for this source's pages (headers, cookies, User-Agent, proxy). */
  request?: RequestOptions;
  /** Webhooks told about this source, besides the top-level ones. */
  notify?: NotifyTarget[];
  /** A site rule file (ftr-site-config format) for this source's article pages, as a `file:` URL. */
  siteConfig?: string;
}

/**
 * How this source's requests are made. Values may be written `${ENV_NAME}` in the file; the
 * runtime resolves them (config/env-refs.ts) before anything else sees the config.
 */
export interface RequestOptions {
  /** Sent with every request to the source's own hosts. */
  headers?: Record<string, string>;
  /** Sent as one `Cookie` header to the source's own hosts. */
  cookies?: Record<string, string>;
  /** Replaces feedwright's User-Agent for this source. */
  userAgent?: string;
  /** HTTP(S) proxy URL for this source's requests (Node only). */
  proxy?: string;
}

/** What a webhook can be told about. */
export type NotifyEvent = 'source.state' | 'items.new' | 'items.updated';

/** `json`: feedwright's own payload; the others: that service's message shape. */
export type NotifyFormat = 'json' | 'slack' | 'discord' | 'ntfy';

/** One webhook. */
export interface NotifyTarget {
  url: string;
  /** Default: every event. */
  events: NotifyEvent[];
  /** Signs each body: `X-Feedwright-Signature: sha256=<HMAC>`. */
  secret?: string;
  format: NotifyFormat;
}

/**
 * Regular expressions (RE2 syntax) over an item's fields; `text` is title or description
 * (RSSHub's `filter`), `category` matches when any category does.
 */
export interface FieldPatterns {
  text?: string;
  title?: string;
  description?: string;
  author?: string;
  category?: string;
}

/** Keep items matching every `include` pattern and none of the `exclude` ones. */
export interface ItemFilters {
  include?: FieldPatterns;
  exclude?: FieldPatterns;
  /** Default true (as RSSHub's `filter_case_sensitive`). */
  caseSensitive?: boolean;
}

export interface FeedwrightConfig {
  /** Public URL used in feed self links; the Node entry defaults it to http://localhost:PORT. */
  baseUrl?: string;
  /** When false (default), sources on loopback/private addresses are refused. */
  allowPrivateNetworks: boolean;
  /** Honour robots.txt (rules and Crawl-delay). Default true when absent. */
  robots?: boolean;
  /** Minimum time between two requests to one host, in ms. Default 1000 when absent. */
  hostDelayMs?: number;
  /** `public`: /health shows error details and source URLs to everyone; default: only with the admin token. */
  health?: 'public' | 'private';
  /** Sources the Node scheduler scrapes at once. Default 8 when absent. */
  scrapeConcurrency?: number;
  /** Sources of one host the Node scheduler scrapes at once (hosts take turns). Default 2 when absent. */
  scrapeConcurrencyPerHost?: number;
  sources: SourceConfig[];
  /** WebSub. Without `hub`, feedwright is its own hub at `${baseUrl}/websub`. */
  websub?: WebSubConfig;
  /** Webhooks told about every source. */
  notify?: NotifyTarget[];
  /** HTTP(S) proxy for every source without its own (Node only). */
  proxy?: string;
  /** A directory of site rule files (ftr-site-config), matched by host, as a `file:` URL. */
  siteConfig?: string;
}

export interface WebSubConfig {
  /** External hub to announce and ping (`hub.mode=publish`) instead of the built-in one. */
  hub?: string;
  /** Built-in hub limits (websub/own-hub.ts HubLimits); absent ones take its defaults. */
  maxSubscriptions?: number;
  maxSubscriptionsPerTopic?: number;
  maxPendingVerifications?: number;
  maxConcurrentDeliveries?: number;
}

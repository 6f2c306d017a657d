/**
 * The shape of a validated configuration. `config/schema.ts` turns raw YAML/JSON into this;
 * every other module receives these plain objects and never reads files or env vars itself.
 * Key names are a public contract (users' configs depend on them): extend, never rename.
 */

/** CSS selectors for a listing page, each relative to `item`. `sel@attr` reads an attribute. */
export interface ListSelectors {
  item: string;
  link?: string;
  title?: string;
  date?: string;
  summary?: string;
  image?: string;
}

/** How to read each article page. Selectors override automatic extraction. */
export interface ArticleSelectors {
  /** Open each new article page (default true). False: items come from the listing alone. */
  fetch: boolean;
  content?: string;
  /** Selectors dropped from the content before sanitizing. */
  remove?: string[];
  title?: string;
  date?: string;
  author?: string;
}

export interface SourceConfig {
  /** URL-safe, unique; used in routes (`/feeds/<id>.rss`) and storage. */
  id: string;
  title: string;
  /** The listing page. `file:` URLs are accepted here (config files only), never from the API. */
  url: string;
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
  sources: SourceConfig[];
}

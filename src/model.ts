/**
 * The data that flows through the pipeline:
 * fetch → list (ListedLink) → article (ExtractedArticle) → normalize (Item) → store → render.
 */

/** A link found on a listing page, with whatever the listing itself says about it. */
export interface ListedLink {
  url: string;
  title?: string;
  /** Raw date text or ISO string as found on the listing (normalized later). */
  date?: string;
  summary?: string;
  image?: string;
}

/** What `extractArticle(html, url, options)` returns (public API, see extract/index.ts). */
export interface ExtractedArticle {
  title: string | null;
  /** The byline for display, as the page writes it ("By Jane Doe, MD"); see `authors` for names. */
  author: string | null;
  /**
   * The people who wrote it, one name each, split once by the extractor (extract/author-names.ts).
   * `extractArticle` always sets it; when absent (an article built by hand), `author` is read
   * with the same splitter.
   */
  authors?: string[];
  /** ISO 8601 with offset, or null. */
  date: string | null;
  /** The page's own last-modification date (JSON-LD dateModified, article:modified_time…), or null. */
  modified?: string | null;
  /** Main content as plain text. */
  text: string;
  /** Main content as sanitized HTML with absolute URLs. */
  html: string;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  image: string | null;
  /**
   * The content's first picture (not an icon, logo or avatar; extract/lead-image.ts), when the page
   * names no image: the item's image when its listing names none either.
   */
  contentImage?: string | null;
  canonicalUrl: string | null;
  categories: string[];
  /** Configured selectors (`content`, `title`, `date`, `author`) that matched nothing on this page. */
  unmatchedSelectors?: string[];
  /** Which rule gave each field; only with `ExtractOptions.provenance` (previews). */
  provenance?: ArticleProvenance;
}

/**
 * Where an extracted field came from: `selector` (configured), `json-ld`, `meta` (OpenGraph and
 * other meta tags), `markup` (`<time>`, itemprop), `byline`, `title` (the document title), `url`,
 * `script` (inline data), `text` (date-like text), `modified` (the modification date).
 */
export type ArticleProvenance = Partial<Record<'title' | 'author' | 'date' | 'image' | 'excerpt', string>>;

/** A normalized, storable feed item. All instants are ISO 8601 UTC strings. */
export interface Item {
  /** Stable id derived from the canonical URL. */
  id: string;
  sourceId: string;
  /** Canonical URL without tracking parameters. */
  url: string;
  title: string;
  authors: string[];
  /** Publication instant (page date, or first-seen time when the page has none). */
  published: string;
  /**
   * Last change: the article's own modification date, else its publication date (so firstSeen
   * when it has none); moves only when an edit is seen.
   */
  updated: string;
  /**
   * The UTC offset (minutes east) the page wrote `published` / `updated` in, or the source zone's
   * at that instant; null or absent when unknown (no offset, or UTC): feeds then show UTC.
   * Never changes the instant, only how feeds write it.
   */
  publishedOffset?: number | null;
  updatedOffset?: number | null;
  firstSeen: string;
  /** Plain text. */
  summary: string | null;
  /** Sanitized HTML. */
  contentHtml: string | null;
  image: string | null;
  categories: string[];
  language: string | null;
  /** Hash of the fields that matter to readers; a change means "edited". */
  contentHash: string;
  /**
   * Other ids the item is known by: the ids of listing URLs that led to it when its canonical
   * URL differs. Stored so that the next run recognizes the link without fetching the page.
   * Written by upsertItems, never read back or rendered.
   */
  aliases?: string[];
}

/** Per-source run bookkeeping, reported by /health and used for backoff and conditional fetches. */
export interface SourceState {
  sourceId: string;
  lastAttempt: string | null;
  lastSuccess: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Earliest time the next attempt may run (backoff after failures). */
  nextAttempt: string | null;
  /** Origin validators of the listing page, for conditional requests. */
  originEtag: string | null;
  originLastModified: string | null;
  /** Article pages that failed: retried with backoff whatever the listing answers. */
  failedArticles?: FailedArticle[];
  /** Configured selectors that matched nothing in the last run, said for people. */
  unmatchedSelectors?: string[];
  /** Set while the source is paused (no scheduled runs): its state is then `paused`. */
  pausedAt?: string | null;
  /** The source's condition after its last run (absent: `new`), since when, and why in a sentence. */
  state?: SourceStateName;
  stateSince?: string | null;
  stateReason?: string | null;
  /** Article links the last run that read the listing found (null: none read yet); tells `empty` from a source that never listed anything. */
  lastFound?: number | null;
  /** `render: auto`: how the listing and the article pages were last read successfully. */
  rendered?: RenderedBy;
}

/**
 * What a source's condition is. `ok`; `new` (never run); `paused`; `failing` (down, DNS, 5xx,
 * timeouts); `blocked` (401/403/429/451 or a bot wall); `empty` (no article links where earlier
 * runs found some); `drift` (configured selectors match nothing, or fields most items have are
 * missing on new ones); `stale` (no new item for much longer than the source's rhythm).
 */
export type SourceStateName = 'ok' | 'new' | 'paused' | 'failing' | 'blocked' | 'empty' | 'drift' | 'stale';

/** A change of a source's state, reported once by the run that caused it. */
export interface StateTransition {
  sourceId: string;
  from: SourceStateName;
  to: SourceStateName;
  /** Why the source is now in `to`, for people. */
  reason: string;
  /** ISO instant of the change (the new state's `stateSince`). */
  at: string;
}

/** `render: auto`'s memory: which way (static or browser) produced a usable page, per page kind. */
export interface RenderedBy {
  listing?: 'static' | 'browser';
  article?: 'static' | 'browser';
}

/** An article page that could not be read, waiting for its next try. */
export interface FailedArticle {
  /** The link as the listing gave it (read again as is). */
  listed: ListedLink;
  failures: number;
  /** Earliest next try (ISO instant). */
  nextAttempt: string;
  error: string;
}

/** What the store says about a source's items: changes whenever any item changes. */
export interface FeedVersion {
  /** Monotonic counter bumped on every item write for the source. */
  version: number;
  /** ISO instant of the last item change (null when the source has no items). */
  lastModified: string | null;
  itemCount: number;
}

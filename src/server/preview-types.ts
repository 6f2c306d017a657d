/**
 * The dry run behind `POST /api/preview` and `feedwright preview`: what is asked and what is
 * answered. The pipeline implements it (pipeline/preview/), the runtimes inject it into the app,
 * and the studio and the CLI show it. Plain JSON both ways.
 */

/** The request body: a source as it would be configured, minus id and schedule. */
export interface PreviewRequest {
  url: string;
  /** `html`, `feed` or `sitemap`; detected from the response when absent. */
  type?: string;
  /** Listing selectors, as in the config (`item`, `link`, `title`, `date`, `summary`, `image`). */
  list?: unknown;
  /** Article selectors, as in the config (`fetch`, `content`, `title`, `date`, `author`, `remove`). */
  article?: unknown;
  timezone?: string;
  language?: string;
  /** Items listed at most, as the feed's `limit` (default DEFAULTS.limit). */
  limit?: number;
  /** Article pages read (default DEFAULTS.previewArticles, at most DEFAULTS.maxPreviewArticles). */
  articles?: number;
  /** `static` (default), `browser` or `auto`, or `{ mode, waitFor, timeout }`, as in the config. */
  render?: unknown;
}

/** Which rule gave a field. */
export type PreviewProvenance =
  | 'selector' // the configured selector
  | 'rule' // the site's rule file (siteConfig, Full-Text RSS format)
  | 'json-ld' // JSON-LD structured data
  | 'meta' // OpenGraph, Dublin Core, Twitter and other <meta> tags
  | 'markup' // <time>, itemprop, data attributes in the page's markup
  | 'byline' // the page's byline (rel=author, .byline, "By …" text)
  | 'title' // the document <title> or its sole heading
  | 'url' // a date in the article's URL
  | 'script' // inline script data
  | 'text' // date-like text in the page
  | 'modified' // the page's modification date stood in for the publication date
  | 'content' // automatic content extraction
  | 'listing'; // the listing page, feed entry or sitemap entry

export interface PreviewField<T = string> {
  value: T | null;
  /** Null when `value` is null. */
  from: PreviewProvenance | null;
}

/** A candidate group of article links found by automatic detection (best first). */
export interface PreviewGroup {
  score: number;
  links: number;
  /** Whether automatic detection uses this group (the best one, and groups merged with it). */
  chosen: boolean;
  /** Taken for a menu (never chosen automatically). */
  menu: boolean;
  /** The first few titles (or URLs when a link has no title). */
  sample: string[];
  /**
   * `list` selectors that yield this group's links, in order, when configured; `exact` is false
   * when no selector tried reproduced them exactly (then these are the closest).
   */
  list: { item: string; link?: string };
  exact: boolean;
}

/** An entry as the feed would list it. */
export interface PreviewItem {
  url: string;
  title: string;
  /** ISO 8601 UTC; null when neither the listing nor the page gave a date (the feed then uses the first-seen time). */
  date: string | null;
  summary: string | null;
  image: string | null;
}

/** One article page read as the scraper reads it. */
export interface PreviewArticle {
  url: string;
  /** Null when the page failed; `error` then says why. */
  error: string | null;
  title: PreviewField;
  authors: PreviewField<string[]>;
  date: PreviewField;
  image: PreviewField;
  summary: PreviewField;
  /** The reading text (first DEFAULTS.previewTextChars characters). */
  text: PreviewField;
  /** Words in the whole text. */
  words: number;
}

export interface PreviewWarning {
  kind: 'unmatched-selector' | 'missing-field' | 'robots' | 'challenge' | 'fetch' | 'empty' | 'site-rules';
  /** The field concerned (`list.item`, `article.author`, `date`…), when there is one. */
  field?: string;
  message: string;
}

/** The answer of `POST /api/preview` (200) and `feedwright preview --json`. */
export interface PreviewResult {
  /** The URL asked for, and where it landed after redirects (null when it could not be fetched). */
  url: string;
  finalUrl: string | null;
  type: 'html' | 'feed' | 'sitemap';
  /** Whether `type` was detected (true) or given (false). */
  detected: boolean;
  /** Which way read the pages: over HTTP, or rendered in the browser (`render: browser`, or `auto` when the static page gave nothing). */
  readBy: 'static' | 'browser';
  /** Feeds the page advertises (`<link rel="alternate">`). */
  feeds: { url: string; type: string; title: string | null }[];
  /** Automatic detection's candidate groups, best first (html only). */
  groups: PreviewGroup[];
  items: PreviewItem[];
  articles: PreviewArticle[];
  warnings: PreviewWarning[];
  /** Why nothing could be read (the URL failed), else null. */
  error: string | null;
}

/** A field problem in the request, as the config loader words it. */
export interface PreviewProblem {
  source: string;
  field: string;
  message: string;
}

/** What the injected preview function answers: a result, or the request's problems (422). */
export type PreviewOutcome = { ok: true; result: PreviewResult } | { ok: false; problems: PreviewProblem[] };

/** The dry run as the app receives it from the runtime (as `refresh`). */
export type PreviewFn = (request: unknown, signal?: AbortSignal) => Promise<PreviewOutcome>;

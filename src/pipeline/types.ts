/**
 * The pipeline's shapes: what a run needs (ScrapeDeps), what it reports (ScrapeReport,
 * ScrapeProgress), and the contract between the shared collector and each source type's
 * discoverer. Types only, so every pipeline module can import them without a cycle.
 */
import type { SourceConfig } from '../config/types.ts';
import type { ExtractOptions } from '../extract/options.ts';
import type { BrowserFetch } from '../fetch/browser.ts';
import type { Fetcher } from '../fetch/types.ts';
import type { UnmatchedSelector } from '../list/selectors.ts';
import type { ExtractedArticle, Item, ListedLink, RenderedBy, SourceState, SourceStateName, StateTransition } from '../model.ts';
import type { NormalizeContext, NormalizeInput } from '../normalize/item.ts';
import type { Store } from '../store/store.ts';
import type { ParseListingFn } from './listing.ts';
import type { ApplyRulesFn, SiteRuleResolver } from './site-rules.ts';

export interface ScrapeDeps {
  fetch: Fetcher;
  /** Pages rendered in a browser (sources with `render: browser` or `auto`); absent: this runtime has none. */
  browser?: BrowserFetch;
  /** Why there is no browser and how to get one, for people (told to `render: browser` sources). */
  noBrowser?: string;
  store: Store;
  now?: () => Date;
  /** `file:` URLs are allowed only for sources that came from a config file. */
  allowFileUrls?: boolean;
  /** New article pages opened per run (the rest wait for the next run). Default `DEFAULTS.articlesPerRun`. */
  maxArticlesPerRun?: number;
  /** Already-stored articles re-read per run to pick up edits. Default `DEFAULTS.refreshKnownPerRun`. */
  refreshKnownPerRun?: number;
  /** Article pages fetched at once (the fetcher also caps per host). Default `DEFAULTS.articleConcurrency`. */
  concurrency?: number;
  /** Article links read from one listing page. Default `DEFAULTS.maxLinks`. */
  maxLinks?: number;
  /** Article items stored per write while a run reads pages: a crash loses at most one batch. Default `DEFAULTS.batchSize`. */
  batchSize?: number;
  /**
   * Article extraction. Default: `extractArticle` in-process (Workers). The Node runtime passes a
   * worker-thread pool so that parsing pages does not stall the request loop.
   */
  extract?: ExtractFn;
  /**
   * Parsing the listing document (html listing page, feed, sitemap). Default: in-process
   * (Workers). The Node runtime passes the same worker-thread pool as `extract`.
   */
  parseListing?: ParseListingFn;
  /**
   * Normalizing what a run read into items (`normalizeItems`). Default: in-process (Workers). The
   * Node runtime passes the extract pool, so that the request loop only writes the items.
   */
  normalize?: NormalizeFn;
  /**
   * Site rules (ftr-site-config files) for an article page: the runtime builds it with
   * `siteRuleResolver` over its file reader and the config's rule directory. Absent: no rules.
   */
  siteRules?: SiteRuleResolver;
  /**
   * Applying a site rule file to a page (`applySiteRules`, the rules as plain data). Default:
   * in-process (Workers). The Node runtime passes the same worker-thread pool as `extract`.
   */
  applyRules?: ApplyRulesFn;
  /** Reports a problem once per run (set by scrapeSource; site rules that cannot be evaluated). */
  warnOnce?: (message: string) => void;
  /** Told how far a run is as it goes (the CLI shows it); must not throw. */
  onProgress?: (progress: ScrapeProgress) => void;
}

/** How far one run is: reading the listing, reading article pages (done of total), finished. */
export interface ScrapeProgress {
  sourceId: string;
  phase: 'listing' | 'articles' | 'done';
  /** Article links found (0 until the listing, feed or sitemap was read). */
  found: number;
  /** Article pages this run reads, and how many of them are done (read or failed). */
  total: number;
  done: number;
  /** Set in the `done` phase: whether the run succeeded. */
  ok?: boolean;
}

/** `normalizeItems` (plain data in and out, so it may run in another thread). */
export type NormalizeFn = (inputs: NormalizeInput[], ctx: NormalizeContext) => Promise<Item[]>;

/** Extracts one article page; takes and gives plain data only (it may run in another thread). */
export type ExtractFn = (html: string, url: string, options: ExtractOptions) => Promise<ExtractedArticle>;

/** What one run of a source did; printed by the CLI and logged by the server. */
export interface ScrapeReport {
  sourceId: string;
  ok: boolean;
  /** The listing answered 304: nothing to do. */
  notModified: boolean;
  /** Article links found on the listing page. */
  found: number;
  /** Article pages fetched. */
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Source-level error (the run failed), if any. */
  error: string | null;
  /** Per-article problems that did not fail the run. */
  warnings: string[];
  /** Configured selectors that matched nothing (automatic detection was used instead), said for people. */
  unmatchedSelectors: string[];
  /** Article pages that failed and wait for a retry (with backoff, whatever the listing answers). */
  failedArticles: number;
  /** Pages rendered in the browser this run (sources with `render`); absent: none. */
  rendered?: number;
  /** Which way (static or browser) read the listing and the article pages this run (previews show it). */
  readBy?: RenderedBy;
  startedAt: string;
  durationMs: number;
  /** The first items this run created and updated (at most DEFAULTS.notifyMaxItems each; `created`/`updated` count them all). */
  changedItems?: { created: ChangedItem[]; updated: ChangedItem[] };
  /** The source's state after this run, and why. */
  state: SourceStateName;
  stateReason: string | null;
  /** Set when this run changed the state (logged once; notifications are built from it). */
  transition: StateTransition | null;
}

/** An item as notifications name it. */
export type ChangedItem = Pick<Item, 'id' | 'url' | 'title' | 'published'>;

/** What the shared collector gets for one run: it reads the source and returns the items to store. */
export interface CollectContext {
  source: SourceConfig;
  deps: ScrapeDeps;
  /** Mutable: the collector saves origin validators here once a document was understood. */
  state: SourceState;
  /** Mutable: the collector counts what was found and fetched, and adds per-article warnings. */
  report: ScrapeReport;
  now: () => Date;
  /**
   * Stores items during the run (readAll writes article items in batches through it); what the
   * collector returns is stored at the end. Absent: everything is stored at the end.
   */
  save?: (items: Item[]) => Promise<void>;
  /** Counts configured listing selectors that match nothing (article pages are counted by deps.extract). */
  selectors?: { listing(unmatched: UnmatchedSelector[]): void };
}

/** Reads one source type. Throws when the run failed (nothing usable); returns [] on 304. */
export type Collector = (ctx: CollectContext) => Promise<Item[]>;

/** An origin's validators for a conditional request. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/**
 * One article a discoverer found: the listed link, and what the listing document itself says
 * about the article when it says more than a link (a feed entry). `own` is computed on demand:
 * most entries of a feed are already stored and never need it.
 */
export type Entry = ListedLink & { own?: () => ExtractedArticle };

/** What a discoverer is given: the source, how to fetch and parse, and the saved validators. */
export interface DiscoverInput {
  source: SourceConfig;
  deps: Pick<ScrapeDeps, 'fetch' | 'browser' | 'noBrowser' | 'parseListing' | 'maxLinks'>;
  allowFile: boolean;
  /** `render: auto` remembers here which way read the listing (mutable). */
  state?: SourceState;
  /** Counts pages rendered in the browser and says which way read the listing (mutable). */
  report?: { rendered?: number; readBy?: RenderedBy };
  validators: Validators;
  /** A problem that does not fail the run (one feed of several, a child sitemap, skipped entries). */
  warn: (message: string) => void;
}

/** What a discoverer found: nothing new (the listing answered 304), or the entries to consider. */
export type Discovered =
  | { notModified: true }
  | {
    notModified?: false;
    entries: Entry[];
    /** Saved for the next run's conditional request; null forgets them; absent leaves them as they are. */
    validators?: Validators | null;
    /** Configured listing selectors that matched nothing. */
    unmatched?: UnmatchedSelector[];
    /** Set when finding no entries means the run failed (why, for people); absent: an empty document is fine. */
    emptyError?: string;
  };

/**
 * Reads a source type's listing document(s) and says which articles it lists. It returns results
 * and never touches the report or the state (the shared `collect` does); it throws when the run
 * failed.
 */
export type Discover = (input: DiscoverInput) => Promise<Discovered>;

import type { SourceStateName } from '../model.ts';

/** One feed as listed by the index page and the OPML export. */
export interface FeedListing {
  id: string;
  title: string;
  /** The site's listing page (`file:` URLs are not linked). */
  siteUrl: string;
  /** Optional facts shown on the index page. */
  itemCount?: number;
  /** ISO instant of the last item change. */
  updated?: string | null;
  /** How the source's scraping goes, shown on the index page in words. */
  status?: FeedStatus;
}

/** A source's scrape state as the index page shows it (ISO instants). */
export interface FeedStatus {
  /**
   * pending: never run yet; push: items arrive through the push API, never scraped; bundle: the
   * items of other sources (`type: merge`), never run itself.
   */
  state: 'ok' | 'failing' | 'pending' | 'push' | 'bundle';
  /** Bundles: what they gather, in words ("bundle of 2 sources: Alpha, Beta"). */
  description?: string;
  /** Bundles: whether a member's last run failed. */
  memberFailing?: boolean;
  lastSuccess: string | null;
  /** The last failure's message, without its timestamp. */
  lastError: string | null;
  /** When the last failure happened. */
  lastErrorAt: string | null;
  consecutiveFailures: number;
  /** When the next run is expected (the schedule, or the retry after a failure). */
  nextRun: string | null;
  /** The source's state (failing, blocked, empty, drift, stale, …), since when and why. */
  sourceState?: SourceStateName;
  stateSince?: string | null;
  stateReason?: string | null;
}

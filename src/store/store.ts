import type { FeedVersion, Item, SourceState } from '../model.ts';

/** Result of writing a batch of normalized items. */
export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Ids of the items created and updated by this write (SqlStore always sets them). */
  createdIds?: string[];
  updatedIds?: string[];
}

export interface UpsertOptions {
  /** Items kept for the source; the oldest (feed order: published, then firstSeen) beyond it are pruned. */
  maxItems?: number;
}

/** A row of the `sources` table: a source kept in the database, its entry as JSON (sources.yaml's keys). */
export interface StoredSource {
  id: string;
  config: string;
  /** False: left out (set by hand in the table), as if absent. */
  enabled: boolean;
  updatedAt: string;
}

/**
 * Persistence for items and source state. Async so that the same interface fits SQLite on Node
 * (better-sqlite3) and D1 on Workers. Both adapters run the same SQL (store/migrations.ts).
 */
export interface Store {
  /** Create or upgrade the schema; idempotent. */
  migrate(): Promise<void>;
  /**
   * Insert new items and update changed ones in place (matched by `id`), in one transaction.
   * An unchanged item (same contentHash) is left alone; a changed one keeps `firstSeen` and
   * `published`, and its `updated` becomes the item's own (its page's new modification date) when
   * that is later than the stored one and not past `now`, else `now`. Bumps the source's FeedVersion when anything changed.
   * With `maxItems`, the source's oldest items past that count are deleted in the same transaction.
   */
  upsertItems(sourceId: string, items: Item[], now: Date, options?: UpsertOptions): Promise<UpsertResult>;
  /** Newest first (by published, then firstSeen). */
  listItems(sourceId: string, limit: number): Promise<Item[]>;
  /**
   * The newest items across several sources (a bundle), newest first, one per URL: of items
   * sharing a canonical URL the newest is kept (on a tie, the first source listed).
   */
  listItemsAcross(sourceIds: string[], limit: number): Promise<Item[]>;
  /** How many distinct URLs the items of these sources have: what a bundle of them holds. */
  countItemsAcross(sourceIds: string[]): Promise<number>;
  /**
   * Oldest first, skipping the `offset` oldest: the store's history in fixed pages (archives).
   * The exact reverse of `listItems`' order, so pages and the current feed never disagree.
   */
  listItemsFromOldest(sourceId: string, offset: number, limit: number): Promise<Item[]>;
  /** Which of these item ids are already stored for the source. */
  knownIds(sourceId: string, ids: string[]): Promise<Set<string>>;
  getItem(sourceId: string, id: string): Promise<Item | null>;
  /** The id of the stored item each of these URLs belongs to (URLs without an item are absent). */
  idsForUrls(sourceId: string, urls: string[]): Promise<Map<string, string>>;
  deleteItem(sourceId: string, id: string): Promise<boolean>;
  feedVersion(sourceId: string): Promise<FeedVersion>;
  getState(sourceId: string): Promise<SourceState | null>;
  saveState(state: SourceState): Promise<void>;
  listStates(): Promise<SourceState[]>;
  /** Pause a source (`at`, an ISO instant) or resume it (null); kept apart from what runs save. */
  setPaused(sourceId: string, at: string | null): Promise<void>;
  /** The database's sources (`sources` table), by id. */
  listStoredSources(): Promise<StoredSource[]>;
  /** One database source, or null (a reader that needs one row need not read them all). */
  getStoredSource(id: string): Promise<StoredSource | null>;
  /** Add or replace a database source (enabled). */
  putStoredSource(id: string, config: string, now: Date): Promise<void>;
  /** A cheap fingerprint of the `sources` table: it changes when a row is added, edited or removed. */
  storedSourcesRevision(): Promise<string>;
  /**
   * Forget a source in one transaction: its database row (if any), items, state, pause and lease.
   * Its feed version moves on (to no items), so no cache or client keeps the old feed as current.
   */
  removeSource(sourceId: string): Promise<void>;
  close(): Promise<void>;
}

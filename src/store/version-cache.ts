/**
 * Feed versions kept in memory, so that a poll needs no database read to know whether a feed
 * changed. Correct across processes only with a change token from the database: SQLite's
 * `PRAGMA data_version` changes whenever another connection commits, so a changed token drops
 * every entry; this process's own writes drop their source's entry (`forget`). A read that
 * raced a write is not kept (`epoch`), so an entry never outlives the write that made it stale.
 * The token is read at most once per `recheckMs` (reading it costs about as much as the poll
 * itself): another process's write is seen within that time, as if the poll had come that much
 * earlier; this process's own writes are seen at once.
 */
import { DEFAULTS } from '../defaults.ts';
import type { FeedVersion } from '../model.ts';

export class FeedVersionCache {
  readonly #versions = new Map<string, Readonly<FeedVersion>>();
  readonly #changeToken: () => number;
  readonly #maxEntries: number;
  readonly #recheckMs: number;
  readonly #clock: () => number;
  #token: number | undefined;
  #checkedAt = -Infinity;
  #epoch = 0;

  /**
   * `changeToken`: a number that changes whenever another connection has written the database;
   * `clock`: milliseconds, monotonic.
   */
  constructor(changeToken: () => number, options: { maxEntries?: number; recheckMs?: number; clock?: () => number } = {}) {
    this.#changeToken = changeToken;
    this.#maxEntries = options.maxEntries ?? DEFAULTS.feedVersionCacheEntries;
    this.#recheckMs = options.recheckMs ?? DEFAULTS.feedVersionRecheckMs;
    this.#clock = options.clock ?? (() => performance.now());
  }

  /** Changes whenever an entry may have gone stale; pass the value read before a query to `set`. */
  get epoch(): number {
    this.#sync();
    return this.#epoch;
  }

  get(sourceId: string): Readonly<FeedVersion> | undefined {
    this.#sync();
    return this.#versions.get(sourceId);
  }

  /** Keeps a version read from the database, unless something was written since `epoch`. */
  set(sourceId: string, version: FeedVersion, epoch: number): void {
    this.#sync();
    if (epoch !== this.#epoch) return;
    if (this.#versions.size >= this.#maxEntries) this.#versions.clear();
    this.#versions.set(sourceId, Object.freeze(version));
  }

  /** This process wrote the source's items. */
  forget(sourceId: string): void {
    this.#epoch++;
    this.#versions.delete(sourceId);
  }

  clear(): void {
    this.#epoch++;
    this.#versions.clear();
  }

  #sync(): void {
    const now = this.#clock();
    if (now - this.#checkedAt < this.#recheckMs) return;
    this.#checkedAt = now;
    const token = this.#changeToken();
    if (token === this.#token) return;
    this.#token = token;
    this.clear();
  }
}

import { DEFAULTS } from '../defaults.ts';

/** Rendered bytes of one feed variant, with the validators served alongside. */
export interface CachedFeed {
  body: string;
  etag: string;
  lastModified: string;
  contentType: string;
}

/**
 * Cache of rendered feeds. Keys embed the source's FeedVersion, so an entry never goes stale:
 * new items mean a new key. Memory on Node, KV on Workers.
 */
export interface FeedCache {
  get(key: string): Promise<CachedFeed | null>;
  put(key: string, value: CachedFeed): Promise<void>;
}

export interface MemoryFeedCacheOptions {
  /** Upper bound of the memory the entries hold, as estimated by `feedCost` (default `DEFAULTS.feedCacheMaxBytes`, 64 MiB). */
  maxBytes?: number;
  /** Upper bound of the number of entries (default `DEFAULTS.feedCacheMaxEntries`, 500). */
  maxEntries?: number;
}


/**
 * Memory one entry holds: the body string (up to 2 bytes a character) and its encoded bytes,
 * which encoding.ts keeps alongside each entry (about 1 byte a character, more for non-Latin
 * text; the compressed variants are a fraction of that).
 */
export function feedCost(value: CachedFeed): number {
  return value.body.length * 4 + value.etag.length + value.lastModified.length + value.contentType.length + 256;
}

/**
 * A bounded in-memory FeedCache, least recently used out first. The bound is in bytes: a feed of
 * 500 long articles weighs megabytes, so counting entries alone would let readers asking for
 * many variants grow the process without limit. An entry larger than the whole bound is not kept.
 */
export class MemoryFeedCache implements FeedCache {
  #map = new Map<string, { value: CachedFeed; cost: number }>();
  #bytes = 0;
  readonly maxBytes: number;
  readonly maxEntries: number;

  constructor(options: MemoryFeedCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULTS.feedCacheMaxBytes;
    this.maxEntries = options.maxEntries ?? DEFAULTS.feedCacheMaxEntries;
  }

  /** Estimated memory the entries hold now (see feedCost). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#map.size;
  }

  async get(key: string): Promise<CachedFeed | null> {
    const hit = this.#map.get(key);
    if (!hit) return null;
    this.#map.delete(key);
    this.#map.set(key, hit);
    return hit.value;
  }

  async put(key: string, value: CachedFeed): Promise<void> {
    this.#drop(key);
    const cost = feedCost(value);
    if (cost > this.maxBytes) return;
    this.#map.set(key, { value, cost });
    this.#bytes += cost;
    while (this.#bytes > this.maxBytes || this.#map.size > this.maxEntries) {
      this.#drop(this.#map.keys().next().value as string);
    }
  }

  #drop(key: string): void {
    const old = this.#map.get(key);
    if (!old) return;
    this.#map.delete(key);
    this.#bytes -= old.cost;
  }
}

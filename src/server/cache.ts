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

/** A bounded in-memory FeedCache (LRU by insertion order). */
export class MemoryFeedCache implements FeedCache {
  #map = new Map<string, CachedFeed>();
  constructor(private readonly maxEntries = 500) {}
  async get(key: string): Promise<CachedFeed | null> {
    const hit = this.#map.get(key);
    if (!hit) return null;
    this.#map.delete(key);
    this.#map.set(key, hit);
    return hit;
  }
  async put(key: string, value: CachedFeed): Promise<void> {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.maxEntries) {
      const oldest = this.#map.keys().next().value as string;
      this.#map.delete(oldest);
    }
  }
}

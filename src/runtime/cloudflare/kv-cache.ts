/** FeedCache over Workers KV: rendered feeds with their validators, shared by every isolate. */
import type { CachedFeed, FeedCache } from '../../server/cache.ts';
import type { KVNamespace } from './bindings.ts';

/**
 * Keys embed the source's FeedVersion, so an entry never goes stale; the TTL only lets KV drop
 * versions nobody asks for any more. KV is eventually consistent across locations (up to ~60 s),
 * which is harmless here: a miss just renders again from D1.
 */
export class KvFeedCache implements FeedCache {
  constructor(
    private readonly kv: KVNamespace,
    private readonly ttlSeconds = 7 * 24 * 3600,
    private readonly prefix = 'feed:',
  ) {}

  async get(key: string): Promise<CachedFeed | null> {
    const text = await this.kv.get(this.prefix + key, 'text');
    if (text === null) return null;
    try {
      const v = JSON.parse(text) as Partial<CachedFeed>;
      if (typeof v.body !== 'string' || typeof v.etag !== 'string') return null;
      return {
        body: v.body,
        etag: v.etag,
        lastModified: String(v.lastModified ?? ''),
        contentType: String(v.contentType ?? 'text/plain'),
      };
    } catch {
      return null; // a corrupt entry is a miss; the next put overwrites it
    }
  }

  async put(key: string, value: CachedFeed): Promise<void> {
    // KV's minimum TTL is 60 s.
    await this.kv.put(this.prefix + key, JSON.stringify(value), { expirationTtl: Math.max(60, this.ttlSeconds) });
  }
}

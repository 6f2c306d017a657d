import type { CachedFeed } from './cache.ts';

/** Content-codings a feed can be sent in. */
export type Coding = 'br' | 'gzip' | 'deflate' | 'identity';

/** Compresses a whole body. The runtime decides which codings it can produce. */
export type Compressor = (bytes: Uint8Array<ArrayBuffer>) => Promise<Uint8Array<ArrayBuffer>>;
export type Compressors = Partial<Record<Exclude<Coding, 'identity'>, Compressor>>;

/** gzip or deflate through CompressionStream: available on Node 20 and on Workers. */
const streamCompressor = (format: 'gzip' | 'deflate'): Compressor => async (bytes) => {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

/** What every runtime has. The Node entry adds brotli (node:zlib); CompressionStream lacks it. */
export const DEFAULT_COMPRESSORS: Compressors = { gzip: streamCompressor('gzip'), deflate: streamCompressor('deflate') };

/**
 * The content-coding to answer with: among the codings we can produce, the one Accept-Encoding
 * rates highest (explicitly or via `*`), brotli before gzip before deflate on a tie; identity when none is
 * acceptable with q > 0.
 */
export function negotiateCoding(acceptEncoding: string | null, available: readonly Coding[] = ['gzip']): Coding {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.trim().toLowerCase().split(';');
    const name = rawName === 'x-gzip' ? 'gzip' : rawName;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isNaN(value) ? 0 : value);
  }
  let best: Coding = 'identity';
  let bestQ = 0;
  for (const coding of (['br', 'gzip', 'deflate'] as const).filter((c) => available.includes(c))) {
    const value = q.get(coding) ?? q.get('*') ?? 0;
    if (value > bestQ) [best, bestQ] = [coding, value];
  }
  return best;
}

// Keyed by the cached object: MemoryFeedCache hands back the same object on every hit, so each
// feed version is encoded and compressed once per process. (A KV hit is a new object: done per hit.)
const memo = new WeakMap<CachedFeed, Map<Coding, Promise<Uint8Array<ArrayBuffer>>>>();

/** The body of a cached feed in the given coding, memoized per cached object. */
export function feedBytes(
  feed: CachedFeed, coding: Coding, compressors: Compressors = DEFAULT_COMPRESSORS,
): Promise<Uint8Array<ArrayBuffer>> {
  let entry = memo.get(feed);
  if (!entry) {
    entry = new Map([['identity', Promise.resolve(new TextEncoder().encode(feed.body))]]);
    memo.set(feed, entry);
  }
  const known = entry.get(coding);
  if (known) return known;
  const compress = coding === 'identity' ? undefined : compressors[coding];
  if (!compress) return Promise.reject(new Error(`no compressor for ${coding}`));
  const e = entry;
  const pending = e.get('identity')!.then(compress).catch((err: unknown) => {
    e.delete(coding); // do not memoize a failure
    throw err;
  });
  e.set(coding, pending);
  return pending;
}

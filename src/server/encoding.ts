import type { CachedFeed } from './cache.ts';

export type Coding = 'gzip' | 'identity';

/**
 * The content-coding to answer with: gzip when Accept-Encoding allows it (explicitly or via `*`)
 * with q > 0, else identity. Brotli is not offered: CompressionStream has no brotli on Node 20.
 */
export function negotiateCoding(acceptEncoding: string | null): Coding {
  if (!acceptEncoding) return 'identity';
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (name === 'gzip' || name === 'x-gzip') gzip = Number.isNaN(q) ? 0 : q;
    else if (name === '*') star = Number.isNaN(q) ? 0 : q;
  }
  return (gzip ?? star ?? 0) > 0 ? 'gzip' : 'identity';
}

interface Encoded {
  identity: Uint8Array<ArrayBuffer>;
  gzip?: Promise<Uint8Array<ArrayBuffer>>;
}

// Keyed by the cached object: MemoryFeedCache hands back the same object on every hit, so each
// feed version is encoded and gzipped once per process. (A KV hit is a new object: done per hit.)
const memo = new WeakMap<CachedFeed, Encoded>();

/** The body of a cached feed in the given coding, memoized per cached object. */
export function feedBytes(feed: CachedFeed, coding: Coding): Promise<Uint8Array<ArrayBuffer>> {
  let entry = memo.get(feed);
  if (!entry) {
    entry = { identity: new TextEncoder().encode(feed.body) };
    memo.set(feed, entry);
  }
  if (coding === 'identity') return Promise.resolve(entry.identity);
  const e = entry;
  e.gzip ??= gzip(e.identity).catch((err: unknown) => {
    e.gzip = undefined; // do not memoize a failure
    throw err;
  });
  return e.gzip;
}

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Request coalescing: while a call for `key` is in flight, later callers with the same key share
 * its promise instead of starting their own. The feed route uses it on a cache miss, so the
 * readers that all poll a feed right after a scrape changed it cause one render, not one each
 * (without it, N readers of a just-changed feed cost N renders and stall the event loop).
 */
export type SingleFlight<T> = (key: string, fn: () => Promise<T>) => Promise<T>;

export function singleFlight<T>(): SingleFlight<T> {
  const inflight = new Map<string, Promise<T>>();
  return (key, fn) => {
    let p = inflight.get(key);
    if (!p) {
      p = fn().finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  };
}

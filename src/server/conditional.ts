/**
 * HTTP validators for feed responses (RFC 9110 §8.8, §13).
 *
 * Feed ETags are strong and derived from what determines the bytes (source id, FeedVersion,
 * format, limit, feed metadata, renderer revision), not from the bytes themselves: a poll can then
 * be answered 304 from `store.feedVersion()` alone, without scanning items or rendering.
 */
import { sha256, toHex } from '../utils/hash.ts';

/** A strong entity tag: the first 128 bits of SHA-256 over the parts (Web Crypto: Node and Workers). */
export async function strongEtag(parts: readonly string[]): Promise<string> {
  const key = parts.join('\u0000');
  const known = etags.get(key);
  if (known) return known;
  const etag = `"${toHex((await sha256(key)).subarray(0, 16))}"`;
  if (etags.size > 5_000) etags.clear();
  etags.set(key, etag);
  return etag;
}

// Polls repeat the same inputs until the feed changes: hash each distinct input once.
const etags = new Map<string, string>();

/** The entity tags of an If-None-Match / If-Match value, or '*' (opaque tags may contain commas). */
export function parseEtagList(header: string): string[] | '*' {
  if (header.trim() === '*') return '*';
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

/** Weak comparison (RFC 9110 §8.8.3.2): opaque tags equal, ignoring W/ on either side. */
export function weakMatch(a: string, b: string): boolean {
  return a.replace(/^W\//, '') === b.replace(/^W\//, '');
}

/** IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT". */
export function httpDate(d: Date): string {
  return d.toUTCString();
}

export interface Validators {
  etag: string;
  lastModified: Date;
}

/**
 * Whether a GET/HEAD should be answered 304 Not Modified (RFC 9110 §13.2.2): If-None-Match when
 * present (weak comparison, lists and `*`), otherwise If-Modified-Since at one-second precision;
 * an unparseable or future If-Modified-Since is ignored.
 */
export function isNotModified(headers: Headers, v: Validators, now: Date): boolean {
  return notModified(headers.get('if-none-match') ?? undefined, headers.get('if-modified-since') ?? undefined, v, now);
}

/** `isNotModified` from the two header values (undefined when absent). */
export function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, v: Validators, now: Date): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = parseEtagList(ifNoneMatch);
    return tags === '*' || tags.some((t) => weakMatch(t, v.etag));
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since) || since > now.getTime()) return false;
  return Math.floor(v.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

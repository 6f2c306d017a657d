/** URL normalization: which URL identifies an item, without tracking noise, and its stable id. */
import { sha256Hex } from '../utils/hash.ts';
import { stripTracking } from '../utils/url.ts';

function siteKey(u: URL): string {
  return `${u.hostname.toLowerCase().replace(/^www\./, '')}:${u.port}`;
}

/**
 * The URL an item is known by: the page's declared canonical (`<link rel=canonical>` / og:url)
 * when it stays on the fetched page's site (same host, ignoring `www.`; http→https is fine),
 * else the fetched URL. A canonical pointing at the site root from a deeper page is a common
 * CMS bug (every article would collapse into one item), so it is ignored too.
 */
export function canonicalUrl(candidate: string | null, fetchedUrl: string): string {
  const fetched = stripTracking(fetchedUrl);
  if (!candidate || candidate.trim() === '') return fetched;
  let base: URL;
  let c: URL;
  try {
    base = new URL(fetchedUrl);
    c = new URL(candidate.trim(), base);
  } catch {
    return fetched;
  }
  if (c.protocol !== 'http:' && c.protocol !== 'https:') return fetched;
  if (siteKey(c) !== siteKey(base)) return fetched;
  if ((c.pathname === '/' || c.pathname === '') && base.pathname !== '/' && !c.search) return fetched;
  return stripTracking(c.href);
}

/** Stable item id: hex SHA-256 of the canonical URL, first 32 digits (128 bits). */
export async function itemId(url: string): Promise<string> {
  return (await sha256Hex(url)).slice(0, 32);
}

/** URL normalization: which URL identifies an item, without tracking noise, and its stable id. */

/** Query parameters that only track the click, never select content (compared lowercased). */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid',
  'li_fat_id', 'igshid', 'igsh', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'hsctatracking',
  'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'rb_clickid', 'ref_src', 'ref_url',
  'wt_mc', 'wt.mc_id', 'sr_share', 'at_medium', 'at_campaign',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'itm_'];

function isTrackingParam(rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    name = rawName.toLowerCase();
  }
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((p) => name.startsWith(p));
}

/**
 * Drop tracking parameters and the fragment; other parameters keep their order and spelling.
 * A string that is not an absolute URL is returned trimmed but otherwise unchanged.
 */
export function stripTracking(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  u.hash = '';
  // Work on the raw query so that kept parameters are not re-encoded.
  const kept = u.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(pair.split('=')[0]));
  u.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return u.href;
}

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
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(url));
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex.slice(0, 32);
}

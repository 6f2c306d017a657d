/**
 * URL primitives: resolving a value against a base with an explicit protocol set, the named
 * http(s) forms the stages use, and tracking-parameter removal. No I/O.
 */

/** Protocols a URL may have to count as absolute http(s). */
const HTTP_PROTOCOLS: readonly string[] = ['http:', 'https:'];

/**
 * `value` resolved against `base` (null: `value` must be absolute), as its normalized href, or
 * null when it is empty, unparsable or its protocol is not in `protocols`.
 */
export function resolveUrl(value: string | null | undefined, base: string | null, protocols: readonly string[]): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  try {
    const u = base === null ? new URL(trimmed) : new URL(trimmed, base);
    return protocols.includes(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

/** `value` resolved against `base` when it is an http(s) URL there, else null. */
export function absoluteHttpUrl(value: string | null | undefined, base: string | null = null): string | null {
  return resolveUrl(value, base, HTTP_PROTOCOLS);
}

/** Whether `value` is by itself an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return absoluteHttpUrl(value) !== null;
}

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

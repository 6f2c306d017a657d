/**
 * Secrets of a config shown as `***`: request headers and cookies, webhook secrets, the paths of
 * webhook URLs (Slack, Discord and ntfy put their token there) and proxy credentials. Everything
 * that shows a config or a log line to people (the API, /health, the studio, exports, logs) masks
 * it here, so there is one list of what is secret.
 */
import type { FeedwrightConfig, NotifyTarget, RequestOptions, SourceConfig } from './types.ts';

export const MASK = '***';

/**
 * A value written as a `${NAME}` reference (an entry as written, before the runtime resolves it)
 * names a secret without holding it: shown as is, so an export still round-trips.
 */
const isReference = (v: string) => /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(v);

/** A webhook URL without what identifies the hook: `https://hooks.slack.com/***`. */
export function maskWebhookUrl(url: string): string {
  if (isReference(url)) return url;
  try {
    return `${new URL(url).origin}/${MASK}`;
  } catch {
    return MASK;
  }
}

/** A proxy URL without its credentials: `http://***@proxy:3128/`. */
export function maskProxyUrl(url: string): string {
  if (isReference(url)) return url;
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return u.href;
    u.username = MASK;
    u.password = '';
    return u.href;
  } catch {
    return MASK;
  }
}

const maskValues = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, isReference(String(v)) ? v : MASK]));

function maskRequest(r: RequestOptions): RequestOptions {
  const out: RequestOptions = { ...r };
  if (r.headers) out.headers = maskValues(r.headers);
  if (r.cookies) out.cookies = maskValues(r.cookies);
  if (r.proxy !== undefined) out.proxy = maskProxyUrl(r.proxy);
  return out;
}

function maskTarget(t: NotifyTarget): NotifyTarget {
  const out: NotifyTarget = { ...t, url: maskWebhookUrl(t.url) };
  if (t.secret !== undefined) out.secret = isReference(t.secret) ? t.secret : MASK;
  return out;
}

/** A source as it may be shown to people. */
export function maskSource<S extends Partial<SourceConfig>>(source: S): S {
  const out: S = { ...source };
  if (source.request) out.request = maskRequest(source.request);
  if (source.notify) out.notify = source.notify.map(maskTarget);
  return out;
}

/** A config as it may be shown to people. */
export function maskConfig(config: FeedwrightConfig): FeedwrightConfig {
  const out: FeedwrightConfig = { ...config, sources: config.sources.map(maskSource) };
  if (config.notify) out.notify = config.notify.map(maskTarget);
  if (config.proxy !== undefined) out.proxy = maskProxyUrl(config.proxy);
  return out;
}

/** Every secret value of a config (resolved), for `redact`. Short values are left out: masking "1" would garble every line. */
export function secretValues(config: FeedwrightConfig): string[] {
  const out = new Set<string>();
  const targets = [...(config.notify ?? []), ...config.sources.flatMap((s) => s.notify ?? [])];
  for (const t of targets) {
    if (t.secret) out.add(t.secret);
    try {
      const u = new URL(t.url);
      if (u.pathname.length > 1) out.add(u.pathname.slice(1) + u.search);
      if (u.search) out.add(u.search.slice(1));
    } catch {
      // not a URL: nothing to take apart
    }
  }
  const proxies = [config.proxy, ...config.sources.map((s) => s.request?.proxy)];
  for (const p of proxies) {
    if (!p) continue;
    try {
      const u = new URL(p);
      if (u.password) out.add(decodeURIComponent(u.password));
      if (u.username) out.add(decodeURIComponent(u.username));
    } catch {
      // not a URL
    }
  }
  for (const s of config.sources) {
    for (const v of [...Object.values(s.request?.headers ?? {}), ...Object.values(s.request?.cookies ?? {})]) out.add(v);
  }
  return [...out].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
}

/** The secret values of one source (its request headers, cookies, proxy credentials, webhooks). */
export const sourceSecrets = (source: SourceConfig): string[] => secretValues({ allowPrivateNetworks: false, sources: [source] });

/** `text` with each of `secrets` replaced by `***` (longest first, so that no part of one survives). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/**
 * An edited entry with the masked values it was shown put back: wherever `next` still holds a value
 * containing `***` that `previous` has at the same place, the previous value stays. So a form that
 * showed `***` and saved it unchanged keeps the secret instead of storing the mask.
 */
export function restoreMasked(next: unknown, previous: unknown): unknown {
  if (typeof next === 'string') return next.includes(MASK) && typeof previous === 'string' ? previous : next;
  if (Array.isArray(next)) return next.map((v, i) => restoreMasked(v, Array.isArray(previous) ? previous[i] : undefined));
  if (next !== null && typeof next === 'object') {
    const prev = previous !== null && typeof previous === 'object' && !Array.isArray(previous) ? previous as Record<string, unknown> : {};
    return Object.fromEntries(Object.entries(next).map(([k, v]) => [k, restoreMasked(v, prev[k])]));
  }
  return next;
}

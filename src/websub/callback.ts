/**
 * Safety checks for subscriber callbacks: the hub makes requests to URLs strangers give it, so
 * the same SSRF rules as the fetcher apply (no loopback, private, link-local … addresses unless
 * `allowPrivateNetworks`). Literal hosts are checked synchronously; names are resolved when the
 * runtime can (Node), right before each request.
 */
import { privateReason } from '../fetch/address.ts';

export interface CallbackPolicy {
  allowPrivateNetworks?: boolean;
  /** DNS lookup (Node); absent on Workers, where only literal and local hosts are refused. */
  resolveHost?: (hostname: string) => Promise<string[]>;
}

const MAX_CALLBACK_LENGTH = 2048;

/**
 * Why `callback` is not acceptable (syntax and literal address), or null. `name` is what the
 * messages call it (webhooks of notifications use the same rules).
 */
export function callbackSyntaxProblem(callback: string, policy: CallbackPolicy, name = 'hub.callback'): string | null {
  if (callback.length > MAX_CALLBACK_LENGTH) return `${name} is longer than ${MAX_CALLBACK_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return `${name} must be an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${name} must be an http or https URL`;
  if (url.username || url.password) return `${name} must not contain credentials`;
  if (!policy.allowPrivateNetworks) {
    const reason = privateReason(url.hostname);
    if (reason) return `${name} points at a ${reason}`;
  }
  return null;
}

/** Like callbackSyntaxProblem, and also resolves the host name when the runtime can. */
export async function callbackProblem(callback: string, policy: CallbackPolicy, name = 'hub.callback'): Promise<string | null> {
  const syntax = callbackSyntaxProblem(callback, policy, name);
  if (syntax || policy.allowPrivateNetworks || !policy.resolveHost) return syntax;
  const host = new URL(callback).hostname;
  let addresses: string[];
  try {
    addresses = await policy.resolveHost(host);
  } catch {
    return `cannot resolve ${host}`;
  }
  for (const a of addresses) {
    const reason = privateReason(a);
    if (reason) return `${name} resolves to a ${reason} (${a})`;
  }
  return null;
}

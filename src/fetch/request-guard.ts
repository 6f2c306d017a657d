/**
 * The address check for requests the fetcher does not make itself: those of a page rendered in a
 * browser (its document, scripts, XHR, every redirect hop). The same rules as the fetcher's:
 * http(s) only, no loopback, private, link-local or other reserved address, literal or resolved.
 */
import { abortable } from '../utils/bytes.ts';
import { errorMessage } from '../utils/errors.ts';
import { parseHostAddress, privateReason, resolvedReason } from './address.ts';

export interface RequestGuardOptions {
  /** Config `allowPrivateNetworks`: every http(s) address is allowed. */
  allowPrivateNetworks?: boolean;
  /** DNS lookup (Node); without it (Workers) only literal addresses and local names are refused. */
  resolveHost?: (hostname: string) => Promise<string[]>;
}

/** Says why a request to `url` must not go out, for people; null when it may. */
export type RequestGuard = (url: string, signal?: AbortSignal) => Promise<string | null>;

export function createRequestGuard(options: RequestGuardOptions): RequestGuard {
  const { allowPrivateNetworks = false, resolveHost } = options;
  const refuse = (url: string, reason: string) =>
    `refusing to fetch ${url}: ${reason}; set allowPrivateNetworks: true to allow local sites`;
  return async (input, signal) => {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return `invalid URL: ${input}`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return `refusing to fetch ${url.href}: only http and https URLs are allowed`;
    }
    if (allowPrivateNetworks) return null;
    const literal = privateReason(url.hostname);
    if (literal) return refuse(url.href, literal);
    if (!resolveHost || parseHostAddress(url.hostname)) return null;
    let addresses: string[];
    try {
      addresses = await (signal ? abortable(resolveHost(url.hostname), signal) : resolveHost(url.hostname));
    } catch (error) {
      return `DNS lookup failed for ${url.hostname}: ${errorMessage(error)}`;
    }
    const reason = resolvedReason(url.hostname, addresses);
    return reason ? refuse(url.href, reason) : null;
  };
}

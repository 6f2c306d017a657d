/**
 * The fetcher every runtime scrapes with: the safety limits of createFetcher, plus politeness
 * (robots.txt and per-host spacing as its `beforeRequest` hook, robots.txt read by a fetcher of
 * its own with the same safety options and a small cap), plus local sites when `mounts` are given.
 */
import { DEFAULTS } from '../defaults.ts';
import type { LocalMount } from '../config/local-mounts.ts';
import { createFetcher, type FetcherOptions } from './fetcher.ts';
import { mountedFileFetcher, type ReadLocalFile } from './mounted-files.ts';
import { createRobotsPolicy } from './robots.ts';
import type { Fetcher } from './types.ts';

export interface PoliteFetcherOptions {
  /** Allow loopback and private addresses (config `allowPrivateNetworks`). */
  allowPrivateNetworks?: boolean;
  /** DNS lookup for the private-address check (Node); absent on Workers. */
  resolveHost?: FetcherOptions['resolveHost'];
  /** The network fetch (Node: publicOnlyFetch). */
  fetch?: typeof fetch;
  /** The runtime's reader of `file:` URLs. */
  readFile?: ReadLocalFile;
  /** Honour robots.txt (config `robots`). */
  robots?: boolean;
  /** Spacing between requests to one host (config `hostDelayMs`). */
  hostDelayMs?: number;
  /** A fetch through a proxy, for sources with `request.proxy` (Node). */
  proxied?: FetcherOptions['proxied'];
  /** Local sites whose mount URLs are read from their files (mountedFileFetcher). */
  mounts?: readonly LocalMount[];
}

/** One policy per fetcher: its robots.txt cache and spacing live as long as the fetcher. */
export function createPoliteFetcher(options: PoliteFetcherOptions): Fetcher {
  return createPoliteFetchers(options).fetch;
}

/**
 * The polite fetcher and its politeness hook, for a browser that opens pages of the same sites
 * (createBrowserFetch): one robots.txt cache and one spacing per host for both.
 */
export function createPoliteFetchers(options: PoliteFetcherOptions): { fetch: Fetcher; beforeRequest: FetcherOptions['beforeRequest'] } {
  const safety: FetcherOptions = { allowPrivateNetworks: options.allowPrivateNetworks };
  if (options.resolveHost) safety.resolveHost = options.resolveHost;
  if (options.fetch) safety.fetch = options.fetch;
  const politeness = createRobotsPolicy({
    // The source's proxy reaches robots.txt too (the hook passes each request's headers and proxy).
    fetch: createFetcher({ ...safety, proxied: options.proxied, maxBytes: DEFAULTS.robotsMaxBytes }),
    userAgent: DEFAULTS.userAgent,
    robots: options.robots,
    delayMs: options.hostDelayMs,
  });
  const fetcher = createFetcher({ ...safety, proxied: options.proxied, readFile: options.readFile, beforeRequest: politeness.beforeRequest });
  // Local files are read without robots.txt or spacing: the hook runs for http(s) hops only.
  return { fetch: mountedFileFetcher(options.mounts ?? [], fetcher), beforeRequest: politeness.beforeRequest };
}

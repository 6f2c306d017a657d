/**
 * The Node runtime's browser for `render: browser|auto` sources, assembled from the settings: the
 * Chromium found on the machine (or FEEDWRIGHT_CHROMIUM) behind the pool, wrapped in the
 * fetcher's rules (createBrowserFetch). Without a Chromium, `noBrowser` says how to install one.
 */
import { createBrowserFetch, type BrowserFetch } from '../../fetch/browser.ts';
import { createRequestGuard } from '../../fetch/request-guard.ts';
import type { FetcherOptions } from '../../fetch/fetcher.ts';
import { createBrowserPool, type BrowserPool } from './browser-pool.ts';
import { NO_CHROMIUM } from './chromium.ts';
import { resolveHost } from './net.ts';

export interface NodeBrowser {
  browser?: BrowserFetch;
  noBrowser?: string;
  pool?: BrowserPool;
  close(): Promise<void>;
}

export function nodeBrowser(options: {
  /** The browser executable (settings.chromium), or null when none was found. */
  executablePath: string | null;
  pages?: number;
  allowPrivateNetworks: boolean;
  /** The network the pages' requests go out on: the scraper's (public addresses only unless private networks are allowed; the config's proxy). */
  fetch?: typeof fetch;
  /** The scraper's network through a source's `request.proxy`. */
  proxied?: (proxy: string) => typeof fetch;
  /** robots.txt and spacing, shared with the static fetcher. */
  beforeRequest?: FetcherOptions['beforeRequest'];
  log?: (line: string) => void;
}): NodeBrowser {
  if (!options.executablePath) return { noBrowser: NO_CHROMIUM, async close() {} };
  const guard = createRequestGuard({ allowPrivateNetworks: options.allowPrivateNetworks, resolveHost });
  const pool = createBrowserPool({ executablePath: options.executablePath, pages: options.pages, fetch: options.fetch, proxied: options.proxied, log: options.log });
  return {
    browser: createBrowserFetch({ renderer: pool, guard, beforeRequest: options.beforeRequest }),
    pool,
    close: () => pool.close(),
  };
}

/**
 * Local sites, the fetch side: a source whose `url` is a `file:` URL is published and scraped
 * under `${baseUrl}/local/<id>/` (config/local-mounts.ts). A fetch of such a mount URL is answered
 * by fetching the `file:` URL behind it through the inner fetcher, whose `readFile` is the
 * runtime's reader (the disk on Node, the assets binding on Workers). So a local file gets what
 * any fetched file gets: its bytes (gzip inflation and charset repair downstream), a content type
 * by extension and the fetcher's size cap.
 */
import { localFileUrl, mountOf, type LocalMount } from '../config/local-mounts.ts';
import { FetchError, type Fetcher } from './types.ts';

/** A runtime's reader of `file:` URLs, failing past `maxBytes` (createFetcher's `readFile`). */
export type ReadLocalFile = (fileUrl: string, maxBytes: number) => Promise<Uint8Array>;

/**
 * A Fetcher that answers URLs under a mount from the file behind them and passes every other URL
 * on. The result keeps the mount URL, so links found in the page resolve under the mount too.
 */
export function mountedFileFetcher(mounts: readonly LocalMount[], inner: Fetcher): Fetcher {
  if (mounts.length === 0) return inner;
  return async (url, options = {}) => {
    if (!mountOf(mounts, url)) return inner(url, options);
    const file = localFileUrl(mounts, url);
    if (!file) {
      throw new FetchError(`HTTP 404 (the local site publishes no such file: ${url}; only web pages, images, stylesheets and feeds inside its folder)`, url, 404);
    }
    // Files carry no validators: every read is a full one.
    const result = await inner(file, { ...options, etag: null, lastModified: null, allowFile: true });
    return { ...result, url };
  };
}

import type { FeedFormat } from './types.ts';

/** File extension of each feed format in routes (`/feeds/<id>.<ext>`). */
export const FEED_EXTENSIONS: Record<FeedFormat, string> = { rss: 'rss', atom: 'atom', json: 'json' };

/** Served Content-Type of each feed format. */
export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/**
 * Content-Type of each format for a browser that opens the feed as a page: browsers download
 * `application/rss+xml` and `application/atom+xml` instead of showing them, but render the same
 * bytes as `application/xml` (applying the feed's stylesheet) and show JSON as text.
 */
export const FEED_DOCUMENT_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/xml; charset=utf-8',
  atom: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Absolute URL of a feed on this service (`baseUrl` without trailing slash). */
export function feedUrl(baseUrl: string, id: string, format: FeedFormat): string {
  return `${baseUrl}/feeds/${encodeURIComponent(id)}.${FEED_EXTENSIONS[format]}`;
}

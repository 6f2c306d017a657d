export type FeedFormat = 'rss' | 'atom' | 'json';

/** Everything a renderer needs about the feed itself (items are passed separately). */
export interface FeedMeta {
  id: string;
  title: string;
  /** The site's page the feed is about (the listing URL). */
  siteUrl: string;
  /** Public base URL of this service, without trailing slash. */
  baseUrl: string;
  description?: string;
  language?: string | null;
  /** ISO instant of the last change, used for feed-level updated/lastBuildDate. */
  updated: string | null;
  /** WebSub hub URL to announce, if any. */
  hub?: string | null;
  /**
   * The exact URL this document is served at (its self link). Default
   * `${baseUrl}/feeds/${id}.<ext>`; differs when the request carried e.g. `?limit=`.
   */
  selfUrl?: string;
  /**
   * XSLT stylesheet that browsers apply to RSS and Atom (`<?xml-stylesheet?>`; readers ignore it),
   * e.g. FEED_STYLESHEET_HREF. Absent: none.
   */
  stylesheet?: string | null;
  /** RFC 5005 links (render/archive.ts): prev-archive of a current feed, or an archive page's links. */
  archive?: ArchiveLinks;
}

/** RFC 5005 links of a current feed or an archive page (absent: no such link). */
export interface ArchiveLinks {
  /** The next older archive page. */
  prevArchive?: string;
  /** The next newer archive page (archives only). */
  nextArchive?: string;
  /** The current feed (archives only); its presence marks the document as an archive (`fh:archive`). */
  current?: string;
}

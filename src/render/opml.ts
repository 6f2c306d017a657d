import type { FeedFormat } from './types.ts';
import type { FeedListing } from './listing.ts';
import { absoluteHttpUrl } from '../utils/url.ts';
import { feedUrl } from './urls.ts';
import { escapeXml, stripXmlIllegal } from './xml-chars.ts';

export interface OpmlOptions {
  /** Public base URL of this service, without trailing slash. */
  baseUrl: string;
  title?: string;
  /** Where each feed lives; default the server's routes (`${baseUrl}/feeds/<id>.<ext>`). */
  feedUrl?: (id: string, format: FeedFormat) => string;
  /** ISO instant written as `dateCreated` (omitted when absent, so output stays deterministic). */
  dateCreated?: string;
}

/** OPML 2.0 subscription list: one `type="rss"` outline per feed, pointing at its RSS variant. */
export function renderOpml(feeds: FeedListing[], options: OpmlOptions): string {
  const urlOf = options.feedUrl ?? ((id: string, format: FeedFormat) => feedUrl(options.baseUrl, id, format));
  const attr = (s: string) => escapeXml(stripXmlIllegal(s));
  const head = [`    <title>${attr(options.title ?? 'feedwright feeds')}</title>`];
  if (options.dateCreated) {
    const d = new Date(options.dateCreated);
    if (!Number.isNaN(d.getTime())) head.push(`    <dateCreated>${d.toUTCString()}</dateCreated>`);
  }
  head.push('    <docs>http://opml.org/spec2.opml</docs>');
  const outlines = feeds.map((f) => {
    const parts = [
      `type="rss"`,
      `text="${attr(f.title)}"`,
      `title="${attr(f.title)}"`,
      `xmlUrl="${attr(urlOf(f.id, 'rss'))}"`,
    ];
    const html = absoluteHttpUrl(f.siteUrl);
    if (html) parts.push(`htmlUrl="${attr(html)}"`);
    return `    <outline ${parts.join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '  <head>',
    ...head,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

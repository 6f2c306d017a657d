import type { FeedListing } from './listing.ts';
import type { FeedFormat } from './types.ts';
import { absoluteHttpUrl, feedUrl } from './urls.ts';
import { escapeXml, stripXmlIllegal } from './xml-chars.ts';

export interface IndexPageOptions {
  /** Public base URL of this service, without trailing slash. */
  baseUrl: string;
  title?: string;
  /** Where each feed lives; default the server's routes (`${baseUrl}/feeds/<id>.<ext>`). */
  feedUrl?: (id: string, format: FeedFormat) => string;
}

const FORMATS: { format: FeedFormat; label: string; type: string }[] = [
  { format: 'rss', label: 'RSS', type: 'application/rss+xml' },
  { format: 'atom', label: 'Atom', type: 'application/atom+xml' },
  { format: 'json', label: 'JSON Feed', type: 'application/feed+json' },
];

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}ul{list-style:none;padding:0}li{padding:.6rem 0;border-bottom:1px solid #ddd}
.feed{font-weight:600}.links a{margin-right:.8rem}.meta{color:#666;font-size:.875rem}`;

/**
 * The `GET /` page: every feed with its three variants, plus one autodiscovery
 * `<link rel="alternate">` per feed and format so that readers pointed at the service find them.
 * Self-contained (inline CSS, no scripts or external assets).
 */
export function renderIndexPage(feeds: FeedListing[], options: IndexPageOptions): string {
  const urlOf = options.feedUrl ?? ((id: string, format: FeedFormat) => feedUrl(options.baseUrl, id, format));
  const esc = (s: string) => escapeXml(stripXmlIllegal(s));
  const title = options.title ?? 'feedwright';
  const discovery = feeds.flatMap((f) =>
    FORMATS.map(
      ({ format, label, type }) =>
        `<link rel="alternate" type="${type}" title="${esc(`${f.title} (${label})`)}" href="${esc(urlOf(f.id, format))}">`,
    ),
  );
  const rows = feeds.map((f) => {
    const site = absoluteHttpUrl(f.siteUrl);
    const name = site ? `<a class="feed" href="${esc(site)}">${esc(f.title)}</a>` : `<span class="feed">${esc(f.title)}</span>`;
    const links = FORMATS.map(
      ({ format, label, type }) => `<a href="${esc(urlOf(f.id, format))}" type="${type}">${label}</a>`,
    ).join('');
    const facts: string[] = [];
    if (f.itemCount !== undefined) facts.push(`${f.itemCount} item${f.itemCount === 1 ? '' : 's'}`);
    if (f.updated) facts.push(`updated <time datetime="${esc(f.updated)}">${esc(f.updated.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}</time>`);
    const meta = facts.length ? `<div class="meta">${facts.join(' · ')}</div>` : '';
    return `<li>${name}<div class="links">${links}</div>${meta}</li>`;
  });
  const body = feeds.length ? `<ul>\n${rows.join('\n')}\n</ul>` : '<p>No feeds are configured.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${discovery.join('\n')}
<link rel="outline" type="text/x-opml" title="All feeds (OPML)" href="${esc(`${options.baseUrl}/feeds.opml`)}">
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>${feeds.length} feed${feeds.length === 1 ? '' : 's'} · <a href="${esc(`${options.baseUrl}/feeds.opml`)}">OPML</a> · <a href="${esc(`${options.baseUrl}/health`)}">health</a></p>
${body}
</body>
</html>
`;
}

import type { FeedListing, FeedStatus } from './listing.ts';
import type { FeedFormat } from './types.ts';
import { absoluteHttpUrl } from '../utils/url.ts';
import { feedUrl } from './urls.ts';
import { escapeXml, stripXmlIllegal } from './xml-chars.ts';

export interface IndexPageOptions {
  /** Public base URL of this service, without trailing slash. */
  baseUrl: string;
  title?: string;
  /** Where each feed lives; default the server's routes (`${baseUrl}/feeds/<id>.<ext>`). */
  feedUrl?: (id: string, format: FeedFormat) => string;
  /** The health page linked from the header; default `${baseUrl}/health`, null: no link. */
  healthUrl?: string | null;
  /** How to add a site, one paragraph of plain text; default: the config file, see the README. */
  howToAdd?: string;
  /** `feeds` is one page of a longer list (the server's `/?page=N&q=…`): a search form and page links. */
  pagination?: IndexPagination;
}

export interface IndexPagination {
  /** 1-based. */
  page: number;
  pages: number;
  /** Feeds matching `query` (all feeds without one). */
  matching: number;
  /** Feeds configured. */
  total: number;
  /** The search text ('' for none). */
  query: string;
}

/** Default of IndexPageOptions.howToAdd. */
export const HOW_TO_ADD = 'To add a site, add an entry with an id and the url of its listing page under sources: ' +
  'in the config file (data/sources.yaml unless FEEDWRIGHT_CONFIG says otherwise) and restart the server; ' +
  'on Cloudflare Workers, redeploy or insert a row into the D1 sources table. ' +
  'The README (Configuration) lists every key.';

const FORMATS: { format: FeedFormat; label: string; type: string }[] = [
  { format: 'rss', label: 'RSS', type: 'application/rss+xml' },
  { format: 'atom', label: 'Atom', type: 'application/atom+xml' },
  { format: 'json', label: 'JSON Feed', type: 'application/feed+json' },
];

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}ul{list-style:none;padding:0}li{padding:.6rem 0;border-bottom:1px solid #ddd}
.feed{font-weight:600}.links a{margin-right:.8rem}.meta{color:#666;font-size:.875rem}
.state{font-size:.875rem}.ok{color:#1a7f37}.failing{color:#b42318;font-weight:600}.warn{color:#9a6700;font-weight:600}.pending,.push,.bundle{color:#666}
.error{color:#b42318;font-size:.875rem;overflow-wrap:anywhere}.add{margin-top:2rem;color:#444}`;

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
    if (f.updated) facts.push(`updated ${timeHtml(f.updated, esc)}`);
    const meta = facts.length ? `<div class="meta">${facts.join(' · ')}</div>` : '';
    return `<li>${name}<div class="links">${links}</div>${meta}${f.status ? statusHtml(f.status, esc) : ''}</li>`;
  });
  const body = feeds.length ? `<ul>\n${rows.join('\n')}\n</ul>` : '<p>No feeds are configured.</p>';
  const healthUrl = options.healthUrl === undefined ? `${options.baseUrl}/health` : options.healthUrl;
  const health = healthUrl ? ` · <a href="${esc(healthUrl)}">health</a>` : '';
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
<p>${options.pagination?.total ?? feeds.length} feed${(options.pagination?.total ?? feeds.length) === 1 ? '' : 's'} · <a href="${esc(`${options.baseUrl}/feeds.opml`)}">OPML</a>${health}</p>
${options.pagination ? paginationHtml(options.pagination, options.baseUrl, esc).search : ''}${body}${options.pagination ? paginationHtml(options.pagination, options.baseUrl, esc).pages : ''}
<p class="add">${esc(options.howToAdd ?? HOW_TO_ADD)}</p>
</body>
</html>
`;
}

/** The search form and the page links of a paginated index. */
function paginationHtml(p: IndexPagination, baseUrl: string, esc: (s: string) => string): { search: string; pages: string } {
  const link = (page: number) => `${baseUrl}/?${new URLSearchParams([...(p.query ? [['q', p.query]] : []), ['page', String(page)]])}`;
  const found = p.query ? `<p class="meta">${p.matching} feed${p.matching === 1 ? '' : 's'} match “${esc(p.query)}”</p>\n` : '';
  const search = `<form method="get" action="${esc(`${baseUrl}/`)}" role="search"><input type="search" name="q" value="${esc(p.query)}" ` +
    `aria-label="Search feeds by title or id" placeholder="Search feeds"> <button type="submit">Search</button></form>\n${found}`;
  if (p.pages <= 1) return { search, pages: '' };
  const prev = p.page > 1 ? `<a rel="prev" href="${esc(link(p.page - 1))}">previous</a> · ` : '';
  const next = p.page < p.pages ? ` · <a rel="next" href="${esc(link(p.page + 1))}">next</a>` : '';
  return { search, pages: `\n<nav class="pages">${prev}page ${p.page} of ${p.pages}${next}</nav>` };
}

/** A source's state in words: ok (or drift, stale, paused), failing or blocked or empty (since when, how often, the last error), next run. */
function statusHtml(s: FeedStatus, esc: (s: string) => string): string {
  const parts: string[] = [];
  const warning = s.sourceState && s.sourceState !== 'ok' && s.sourceState !== 'new' ? s.sourceState : null;
  switch (s.state) {
    case 'ok':
      // A run that succeeded may still find the source drifted, stale or paused.
      if (warning) parts.push(`<span class="warn">${esc(warning)}</span>${s.stateSince ? ` since ${timeHtml(s.stateSince, esc)}` : ''}`);
      else parts.push('<span class="ok">ok</span>');
      if (s.lastSuccess) parts.push(`last run ${timeHtml(s.lastSuccess, esc)}`);
      break;
    case 'failing': {
      const since = s.lastSuccess ? `no success since ${timeHtml(s.lastSuccess, esc)}` : 'never succeeded';
      const attempts = `${s.consecutiveFailures} failed attempt${s.consecutiveFailures === 1 ? '' : 's'} in a row`;
      parts.push(`<span class="failing">${esc(warning ?? 'failing')}</span>: ${since} (${attempts})`);
      break;
    }
    case 'pending':
      parts.push('<span class="pending">waiting for its first run</span>');
      break;
    case 'push':
      parts.push('<span class="push">items arrive through the push API</span>');
      break;
    case 'bundle':
      parts.push(`<span class="bundle">${esc(s.description ?? 'bundle')}</span>`);
      if (s.memberFailing) parts.push('<span class="failing">a member source is failing</span>');
      break;
  }
  if (s.nextRun) parts.push(`${s.state === 'failing' ? 'next try' : 'next run'} ${timeHtml(s.nextRun, esc)}`);
  const error = s.state === 'failing' && s.lastError
    ? `<div class="error">last error${s.lastErrorAt ? ` (${timeHtml(s.lastErrorAt, esc)})` : ''}: ${esc(s.lastError)}</div>`
    : s.state === 'ok' && warning && s.stateReason ? `<div class="error">${esc(s.stateReason)}</div>` : '';
  return `<div class="state">${parts.join(' · ')}</div>${error}`;
}

/** An ISO instant as a `<time>` reading "2024-03-05 12:00 UTC". */
function timeHtml(iso: string, esc: (s: string) => string): string {
  const d = new Date(iso);
  const text = Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<time datetime="${esc(iso)}">${esc(text)}</time>`;
}

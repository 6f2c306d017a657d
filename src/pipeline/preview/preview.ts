/**
 * The dry run of a source (POST /api/preview, `feedwright preview`): fetch the URL as the scraper
 * would, say what it is, which feeds it advertises and which link groups detection sees, list the
 * items the feed would have, read the first article pages with each field's provenance, and warn
 * about what would go wrong. Nothing is stored: it is given no store.
 */
import type { SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import type { BrowserFetch } from '../../fetch/browser.ts';
import { detectChallenge, WallError } from '../../fetch/challenge.ts';
import { RobotsDisallowedError } from '../../fetch/robots.ts';
import { pageRequestFor, sourceFetcher } from '../../fetch/source-request.ts';
import { FetchError, type FetchOptions, type FetchResult, type Fetcher } from '../../fetch/types.ts';
import { linkGroups } from '../../list/groups.ts';
import type { PreviewOutcome, PreviewResult, PreviewWarning } from '../../server/preview-types.ts';
import { errorMessage } from '../../utils/errors.ts';
import { discoverFeed } from '../collect/feed-documents.ts';
import { discoverHtml } from '../collect/listing-page.ts';
import { discoverSitemap } from '../collect/sitemaps.ts';
import type { ParseListingFn } from '../listing.ts';
import type { ApplyRulesFn, SiteRuleResolver } from '../site-rules.ts';
import { SelectorTally } from '../selector-tally.ts';
import type { Discovered, Entry, ExtractFn } from '../types.ts';
import { listedItem, previewItem, readPreviewArticle } from './article.ts';
import { advertisedFeeds, detectType, type FetchedType } from './page.ts';
import { readPreviewRequest } from './request.ts';

export interface PreviewDeps {
  /**
   * The one fetch step: the runtime's scraping fetcher (address checks, size and time caps,
   * robots.txt and spacing).
   */
  fetch: Fetcher;
  /** The runtime's browser for `render: browser | auto` (same safety rules), or why there is none. */
  browser?: BrowserFetch;
  noBrowser?: string;
  /** Article extraction (default in-process; Node passes its worker threads). */
  extract?: ExtractFn;
  /** Listing parsing (default in-process). */
  parseListing?: ParseListingFn;
  /**
   * The runtime's site rules (top-level `siteConfig`): article pages of a site with a rule file
   * are read under it, as a run reads them. A preview's source cannot name a file of its own.
   */
  siteRules?: SiteRuleResolver;
  /** `applySiteRules` where the runtime extracts (Node: its extraction threads). */
  applyRules?: ApplyRulesFn;
  now?: () => Date;
  /** Article links read from one listing page (default DEFAULTS.maxLinks). */
  maxLinks?: number;
  /** Longest the whole preview reads (default DEFAULTS.previewTimeoutMs); pages not read by then are reported as failed. */
  timeoutMs?: number;
}

const DISCOVERERS = { html: discoverHtml, feed: discoverFeed, sitemap: discoverSitemap } as const;

/** Runs the dry run for a request body (validated as a source; problems come back, not thrown). */
export async function previewSource(body: unknown, deps: PreviewDeps, signal?: AbortSignal): Promise<PreviewOutcome> {
  const input = readPreviewRequest(body);
  if (!input.ok) return input;
  const render = input.source.render;
  const browser = deps.browser;
  const rendered: Fetcher | null = browser
    ? (url) => browser(url, { waitFor: render?.waitFor, timeoutMs: render?.timeout, request: pageRequestFor(input.source, url), proxy: input.source.request?.proxy })
    : null;
  const mode = render?.mode ?? 'static';
  if (mode === 'browser' && !rendered) {
    const result = emptyResult(input, 'static');
    result.error = deps.noBrowser ?? 'render: browser needs a browser, and this runtime has none';
    result.warnings.push({ kind: 'fetch', message: result.error });
    return { ok: true, result };
  }
  if (mode === 'browser') return previewWith(input, { ...deps, fetch: rendered! }, 'browser', signal);
  // Read as a run reads: with the source's request options (headers, cookies, User-Agent, proxy).
  const first = await previewWith(input, { ...deps, fetch: sourceFetcher(deps.fetch, input.source) }, 'static', signal);
  // `auto`: the browser only when the static page yields nothing, as a run would.
  if (mode === 'auto' && rendered && first.ok && first.result.items.length === 0) {
    return previewWith(input, { ...deps, fetch: rendered }, 'browser', signal);
  }
  return first;
}

type PreviewInput = Extract<ReturnType<typeof readPreviewRequest>, { ok: true }>;

function emptyResult(input: PreviewInput, readBy: 'static' | 'browser'): PreviewResult {
  return {
    url: input.source.url!, finalUrl: null, type: (input.source.type ?? 'html') as FetchedType, detected: !input.typeGiven, readBy,
    feeds: [], groups: [], items: [], articles: [], warnings: [], error: null,
  };
}

async function previewWith(input: PreviewInput, deps: PreviewDeps, readBy: 'static' | 'browser', signal?: AbortSignal): Promise<PreviewOutcome> {
  const { articles, typeGiven } = input;
  const url = input.source.url!;
  // Bot walls met on the way (the listing, child documents, article pages), by URL.
  const walls = new Map<string, string>();
  const timeoutMs = deps.timeoutMs ?? DEFAULTS.previewTimeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const fetch = fetchingOnce(deps.fetch, signal ? AbortSignal.any([signal, deadline]) : deadline, (url, wall) => walls.set(url, wall));
  const result = emptyResult(input, readBy);
  const warn = (w: PreviewWarning) => void result.warnings.push(w);
  const finish = (): PreviewOutcome => {
    if (deadline.aborted) warn({ kind: 'fetch', message: `the preview stopped reading after ${timeoutMs / 1000} s: pages not read by then are missing` });
    for (const [at, wall] of walls) {
      warn({ kind: 'challenge', message: `${at} looks like a bot challenge or block page, not the site's content: ${wall}` });
    }
    return { ok: true, result };
  };

  let page: FetchResult;
  try {
    page = await fetch(url);
  } catch (err) {
    result.error = errorMessage(err);
    warn(fetchWarning(err));
    return finish();
  }
  result.finalUrl = page.url;
  if (!typeGiven) result.type = detectType(page);
  // The render mode is settled (previewSource picked the fetcher): the readers below fetch plainly.
  const { render: _settled, ...asked } = input.source;
  const source: SourceConfig = { ...asked, type: result.type };
  if (result.type === 'html') {
    result.feeds = advertisedFeeds(page.text, page.url);
    result.groups = linkGroups(page.text, page.url).map(({ urls, ...g }) => ({ ...g, links: urls.length }));
  }

  let found: Discovered;
  try {
    found = await DISCOVERERS[result.type]({
      source, deps: { fetch, parseListing: deps.parseListing, maxLinks: deps.maxLinks }, allowFile: false,
      validators: { etag: null, lastModified: null }, warn: (message) => warn({ kind: 'fetch', message }),
    });
  } catch (err) {
    result.error = errorMessage(err);
    warn(fetchWarning(err));
    return finish();
  }
  const entries: Entry[] = found.notModified ? [] : found.entries;
  const tally = new SelectorTally(source);
  if (!found.notModified) {
    tally.listing(found.unmatched ?? []);
    if (entries.length === 0) warn({ kind: 'empty', message: found.emptyError ?? `no articles found in this ${result.type === 'html' ? 'page' : result.type}` });
  }

  const fetchedAt = (deps.now ?? (() => new Date()))();
  const reading = source.article.fetch ? entries.slice(0, articles) : [];
  // Each rule problem once (a rule file's skipped lines, an expression that fails), as a run warns.
  const ruleWarnings = new Set<string>();
  const warnRule = (message: string) => {
    if (!ruleWarnings.has(message)) warn({ kind: 'site-rules', message });
    ruleWarnings.add(message);
  };
  const articleDeps = { fetch, extract: deps.extract, siteRules: deps.siteRules, applyRules: deps.applyRules, warn: warnRule };
  const read = await Promise.all(reading.map((e) => readPreviewArticle(e, source, articleDeps, fetchedAt)));
  for (const r of read) {
    result.articles.push(r.article);
    if ('item' in r) tally.page(r.unmatched);
    else warn(fetchWarning(r.error, r.article.url));
  }
  // As many items as the feed shows (the source's `limit`), in the order the listing gives them.
  for (const [i, entry] of entries.slice(0, source.limit).entries()) {
    const r = read[i];
    const item = r && 'item' in r ? r.item : await listedItem(entry, source, fetchedAt);
    result.items.push(previewItem(item, item.published !== fetchedAt.toISOString()));
  }
  for (const u of tally.unmatched()) warn({ kind: 'unmatched-selector', field: u.field, message: u.message });
  missingFields(result, warn);
  return finish();
}

/**
 * Fields most items lack: dates (of the items read from their pages, when any were: the others
 * would be read by a real run), authors (of the article pages read).
 */
function missingFields(result: PreviewResult, warn: (w: PreviewWarning) => void): void {
  const read = result.articles.filter((a) => a.error === null);
  const dates = read.length > 0 ? read.map((a) => a.date.value) : result.items.map((i) => i.date);
  const undated = dates.filter((d) => d === null).length;
  if (undated * 2 > dates.length) {
    const what = read.length > 0 ? 'article pages read' : 'items';
    warn({ kind: 'missing-field', field: 'date', message: `${undated} of ${dates.length} ${what} have no date: the feed will date them when first seen (set list.date or article.date)` });
  }
  const anonymous = read.filter((a) => a.authors.value === null).length;
  if (read.length > 0 && anonymous * 2 > read.length) {
    warn({ kind: 'missing-field', field: 'author', message: `${anonymous} of ${read.length} article pages read name no author (set article.author if they show one)` });
  }
}

function fetchWarning(err: unknown, url?: string): PreviewWarning {
  if (err instanceof RobotsDisallowedError) return { kind: 'robots', message: `${err.message}: the scraper will not read it` };
  const message = errorMessage(err);
  return { kind: 'fetch', message: url && !message.includes(url) ? `${url}: ${message}` : message };
}

/**
 * The fetcher, reading each URL at most once per preview (detection and the discoverer share the
 * first fetch), telling `onWall` about responses that are bot walls (fetch/challenge.ts).
 */
function fetchingOnce(fetch: Fetcher, signal: AbortSignal, onWall: (url: string, reason: string) => void): Fetcher {
  const seen = new Map<string, Promise<FetchResult>>();
  return (url: string, options: FetchOptions = {}) => {
    const key = `${url} ${options.truncate ? 1 : 0}`;
    let res = seen.get(key);
    if (!res) {
      // A preview asks unconditionally: no origin validators.
      res = fetch(url, { allowFile: false, truncate: options.truncate, signal });
      res.then(
        (r) => {
          const wall = detectChallenge({ status: r.status, body: r.text, headers: { 'content-type': r.contentType } });
          if (wall) onWall(url, wall.reason);
        },
        (err) => {
          const wall = err instanceof WallError ? err.challenge
            : err instanceof FetchError && err.status !== undefined ? detectChallenge({ status: err.status }) : null;
          if (wall) onWall(url, wall.reason);
        },
      );
      seen.set(key, res);
    }
    return res;
  };
}

import type { SourceConfig } from '../config/types.ts';
import { extractArticle } from '../extract/index.ts';
import { FetchError, type Fetcher } from '../fetch/types.ts';
import { findLinks } from '../list/index.ts';
import type { Item, ListedLink, SourceState } from '../model.ts';
import { normalizeItem } from '../normalize/item.ts';
import { itemId, stripTracking } from '../normalize/url.ts';
import type { Store } from '../store/store.ts';
import { backoffUntil } from './schedule.ts';

export interface ScrapeDeps {
  fetch: Fetcher;
  store: Store;
  now?: () => Date;
  /** `file:` URLs are allowed only for sources that came from a config file. */
  allowFileUrls?: boolean;
  /** New article pages opened per run (the rest wait for the next run). Default 30. */
  maxArticlesPerRun?: number;
  /** Already-stored articles re-read per run to pick up edits. Default 3. */
  refreshKnownPerRun?: number;
  /** Article pages fetched at once (the fetcher also caps per host). Default 4. */
  concurrency?: number;
}

/** What one run of a source did; printed by the CLI and logged by the server. */
export interface ScrapeReport {
  sourceId: string;
  ok: boolean;
  /** The listing answered 304: nothing to do. */
  notModified: boolean;
  /** Article links found on the listing page. */
  found: number;
  /** Article pages fetched. */
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Source-level error (the run failed), if any. */
  error: string | null;
  /** Per-article problems that did not fail the run. */
  warnings: string[];
  startedAt: string;
  durationMs: number;
}

/**
 * Run one source once: fetch the listing → find article links → read new articles → normalize →
 * store. Never throws: failures are recorded in the source's state (for /health and backoff) and
 * in the report, and the items already stored stay untouched.
 */
export async function scrapeSource(source: SourceConfig, deps: ScrapeDeps): Promise<ScrapeReport> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const report: ScrapeReport = {
    sourceId: source.id, ok: false, notModified: false, found: 0, fetched: 0,
    created: 0, updated: 0, unchanged: 0, error: null, warnings: [],
    startedAt: started.toISOString(), durationMs: 0,
  };
  const previous = await deps.store.getState(source.id);
  const state: SourceState = previous ?? emptyState(source.id);
  state.lastAttempt = started.toISOString();
  let retryAfter: number | undefined;
  try {
    const items = await collectItems(source, deps, state, report, now);
    if (items.length) Object.assign(report, await deps.store.upsertItems(source.id, items, now()));
    report.ok = true;
    state.lastSuccess = now().toISOString();
    state.lastError = null;
    state.consecutiveFailures = 0;
    state.nextAttempt = null;
  } catch (err) {
    report.error = describe(err);
    retryAfter = err instanceof FetchError ? err.retryAfter : undefined;
    state.lastError = `${started.toISOString()} ${report.error}`;
    state.consecutiveFailures += 1;
    state.nextAttempt = backoffUntil(state.consecutiveFailures, now(), retryAfter).toISOString();
  }
  await deps.store.saveState(state);
  report.durationMs = now().getTime() - started.getTime();
  return report;
}

async function collectItems(
  source: SourceConfig, deps: ScrapeDeps, state: SourceState, report: ScrapeReport, now: () => Date,
): Promise<Item[]> {
  const allowFile = deps.allowFileUrls ?? false;
  const listing = await deps.fetch(source.url, {
    allowFile, etag: state.originEtag, lastModified: state.originLastModified,
  });
  if (listing.notModified) {
    report.notModified = true;
    return [];
  }
  const links = findLinks(listing.text, listing.url, source.list);
  report.found = links.length;
  if (links.length === 0) {
    throw new Error(source.list
      ? `listing selectors found no articles (item: "${source.list.item}")`
      : 'no article links found on the listing page');
  }
  // Validators are saved only once the listing was understood, so a broken page is re-read next time.
  state.originEtag = listing.etag;
  state.originLastModified = listing.lastModified;

  if (!source.article.fetch) {
    const fetchedAt = now();
    return Promise.all(links.map((listed) => normalizeItem({ listed }, { source, fetchedAt })));
  }

  const ids = await Promise.all(links.map((l) => itemId(stripTracking(l.url))));
  const known = await deps.store.knownIds(source.id, ids);
  const fresh = links.filter((_, i) => !known.has(ids[i]));
  const refresh = links.filter((_, i) => known.has(ids[i]));
  const queue = [
    ...fresh.slice(0, deps.maxArticlesPerRun ?? 30),
    ...refresh.slice(0, deps.refreshKnownPerRun ?? 3),
  ];
  // Slots keep listing order (newest first on most sites) whatever order the pages arrive in.
  const slots: (Item | undefined)[] = new Array(queue.length);
  await forEachLimited(queue.map((listed, i) => ({ listed, i })), deps.concurrency ?? 4, async ({ listed, i }) => {
    try {
      slots[i] = await readArticle(listed, source, deps.fetch, allowFile, now);
      report.fetched += 1;
    } catch (err) {
      report.warnings.push(`${listed.url}: ${describe(err)}`);
    }
  });
  const items = slots.filter((x): x is Item => x !== undefined);
  if (items.length === 0 && queue.length > 0) {
    throw new Error(`every article failed (${report.warnings[0] ?? 'unknown error'})`);
  }
  return items;
}

async function readArticle(
  listed: ListedLink, source: SourceConfig, fetch: Fetcher, allowFile: boolean, now: () => Date,
): Promise<Item> {
  const page = await fetch(listed.url, { allowFile });
  const fetchedAt = now();
  const article = extractArticle(page.text, page.url, {
    timezone: source.timezone, selectors: source.article, now: fetchedAt,
  });
  return normalizeItem({ article, listed, fetchedUrl: page.url }, { source, fetchedAt });
}

async function forEachLimited<T>(list: T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, list.length) }, async () => {
    while (next < list.length) await fn(list[next++]);
  });
  await Promise.all(workers);
}

function emptyState(sourceId: string): SourceState {
  return {
    sourceId, lastAttempt: null, lastSuccess: null, lastError: null, consecutiveFailures: 0,
    nextAttempt: null, originEtag: null, originLastModified: null,
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

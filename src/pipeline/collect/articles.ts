/** Helpers every collector shares: reading article pages, bounded parallelism, known/new split. */
import type { SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import { extractArticle } from '../../extract/index.ts';
import { sourceExtractOptions, type ExtractOptions } from '../../extract/options.ts';
import { refuseWall } from '../../fetch/challenge.ts';
import { extractRuledArticle, followRuledPage, ruleFetchOptions } from './ruled-page.ts';
import type { FetchResult } from '../../fetch/types.ts';
import type { ExtractedArticle, Item, ListedLink } from '../../model.ts';
import { normalizeItems } from '../../normalize/item.ts';
import { itemId } from '../../normalize/url.ts';
import type { UnmatchedSelector } from '../../list/selectors.ts';
import { orderedBatches } from '../batches.ts';
import { dueFailures, recordFailure, recordSuccess, waitingUrls } from '../failed-articles.ts';
import { unmatchedMessage } from '../selector-tally.ts';
import type { CollectContext, ScrapeDeps } from '../types.ts';
import { readPage, type PageReading } from './render.ts';
import { errorMessage } from '../../utils/errors.ts';
import { stripTracking } from '../../utils/url.ts';

/**
 * Fetch (or render, by the source's `render`) and extract one article page; `fallback` (e.g. a
 * feed entry) fills what the page lacks. `reading` carries `auto`'s memory and the report.
 */
export async function readArticle(
  listed: ListedLink, source: SourceConfig,
  deps: Pick<ScrapeDeps, 'fetch' | 'extract' | 'normalize' | 'browser' | 'noBrowser' | 'siteRules' | 'applyRules' | 'warnOnce'>,
  allowFile: boolean, now: () => Date, merge?: (page: ExtractedArticle) => ExtractedArticle, reading?: Pick<PageReading, 'state' | 'report'>,
): Promise<Item> {
  const warn = deps.warnOnce ?? (() => {});
  const resolved = deps.siteRules ? await deps.siteRules(listed.url, source.siteConfig) : null;
  resolved?.problems.forEach(warn);
  let fetchedAt = now();
  // The listing's summary stands in for a body the page lacks, except where `auto` must see that
  // the static page has none (and render it).
  const summary = source.render?.mode === 'auto' ? undefined : listed.summary;
  // Feed items carry the headline the article shows, not Reader View's title with the site's name.
  const extract = (html: string, url: string, options: ExtractOptions) => {
    const withHeadline = { ...options, headlineTitle: true };
    return deps.extract ? deps.extract(html, url, withHeadline) : Promise.resolve(extractArticle(html, url, withHeadline));
  };
  const rules = resolved?.rules;
  // The page is read as the source's `render` says; a site rule file then reads it (and fetches
  // its single-page version or next pages itself).
  const { value: { page, extracted, articleUrl } } = await readPage(
    { source, deps, ...reading }, 'article', listed.url, rules ? ruleFetchOptions(rules, allowFile) : { allowFile },
    async (fetched) => {
      const first = refuseWall(fetched);
      const ruledPage = rules ? await followRuledPage(first, rules, deps, allowFile, warn) : null;
      // A single-page version is another page, checked in turn.
      const page = ruledPage && ruledPage.page !== first ? refuseWall(ruledPage.page) : first;
      fetchedAt = now();
      const extracted = ruledPage && rules
        ? await extractRuledArticle(ruledPage.ruled, page.url, rules, source, { now: fetchedAt, summary }, extract)
        : await extract(page.text, page.url, sourceExtractOptions(source, fetchedAt, summary));
      const value = { page, extracted, articleUrl: ruledPage?.articleUrl ?? page.url };
      return { value, usable: extracted.text.trim().length >= DEFAULTS.renderMinArticleChars };
    },
  );
  const article = merge ? merge(extracted) : extracted;
  // A single-page version is read, but the item links to the article's own address.
  const input = { article, listed, fetchedUrl: articleUrl };
  const [item] = await (deps.normalize ?? normalizeItems)([input], { source, fetchedAt });
  // The listing may link to the article by another address than its canonical URL (the id):
  // remember that address, or the link would look new, and be fetched again, on every run.
  const listedId = await listedItemId(listed.url);
  if (listedId !== item.id) item.aliases = [listedId];
  return item;
}

/** The id a listing link would have if its page declared no other canonical URL. */
function listedItemId(url: string): Promise<string> {
  return itemId(stripTracking(url));
}

async function forEachLimited<T>(list: T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, list.length) }, async () => {
    while (next < list.length) await fn(list[next++]);
  });
  await Promise.all(workers);
}

/**
 * The links whose pages are read this run: new ones first, then earlier failures whose backoff
 * has elapsed (with `retry`, which turns a remembered link into a queue entry), up to
 * maxArticlesPerRun together; then a few already-stored ones to pick up edits
 * (refreshKnownPerRun). Input order is kept within each group; a failed link still in its
 * backoff waits. `backlog`: new links were left for a later run.
 */
export async function articleQueue<T extends { url: string }>(
  ctx: CollectContext, links: T[], retry?: (failed: ListedLink) => T,
): Promise<T[] & { backlog?: boolean }> {
  const at = ctx.now();
  const waiting = waitingUrls(ctx.state, at);
  const listed = new Set(links.map((l) => l.url));
  const retries = retry ? dueFailures(ctx.state, at).filter((f) => !listed.has(f.listed.url)).map((f) => retry(f.listed)) : [];
  const all = [...links, ...retries];
  const ids = await Promise.all(all.map((l) => listedItemId(l.url)));
  const known = await ctx.deps.store.knownIds(ctx.source.id, ids);
  const fresh = all.filter((l, i) => !known.has(ids[i]) && !waiting.has(l.url));
  const refresh = links.filter((_, i) => known.has(ids[i]));
  const max = ctx.deps.maxArticlesPerRun ?? DEFAULTS.articlesPerRun;
  const queue: T[] & { backlog?: boolean } = [...fresh.slice(0, max), ...refresh.slice(0, ctx.deps.refreshKnownPerRun ?? DEFAULTS.refreshKnownPerRun)];
  queue.backlog = fresh.length > max;
  // A remembered failure that is stored by now (under another address) needs no retry.
  for (const [i, l] of all.entries()) if (known.has(ids[i])) recordSuccess(ctx.state, l.url);
  return queue;
}

/**
 * Only the earlier failures whose backoff has elapsed (the listing answered 304): read like new
 * links. Their failing again is a warning, never the run's failure.
 */
export async function retryFailed(ctx: CollectContext, read: (listed: ListedLink) => Promise<Item>): Promise<Item[]> {
  if (!ctx.source.article.fetch) return [];
  const queue = await articleQueue(ctx, [], (failed) => failed);
  return queue.length ? readAll(ctx, queue, read) : [];
}

/**
 * Run `read` over the queue with the configured concurrency, keeping queue order (newest first on
 * most sites) whatever order the pages arrive in. A failed read is a warning; when every read
 * fails the run fails.
 */
export async function readAll<T extends { url: string }>(
  ctx: CollectContext, queue: T[], read: (entry: T) => Promise<Item>,
): Promise<Item[]> {
  // Links that failed on an earlier run: failing again does not fail this run.
  const retrying = new Set((ctx.state.failedArticles ?? []).map((f) => f.listed.url));
  const slots: (Item | undefined)[] = new Array(queue.length);
  // With ctx.save, items are stored in batches while later pages are still read (crash safety).
  const batches = ctx.save ? orderedBatches<Item>(queue.length, ctx.deps.batchSize ?? DEFAULTS.batchSize, ctx.save) : null;
  let done = 0;
  const progress = () => ctx.deps.onProgress?.({
    sourceId: ctx.source.id, phase: 'articles', found: ctx.report.found, total: queue.length, done,
  });
  progress();
  await forEachLimited(queue.map((entry, i) => ({ entry, i })), ctx.deps.concurrency ?? DEFAULTS.articleConcurrency, async ({ entry, i }) => {
    try {
      slots[i] = await read(entry);
      recordSuccess(ctx.state, entry.url);
    } catch (err) {
      ctx.report.warnings.push(`${entry.url}: ${errorMessage(err)}`);
      recordFailure(ctx.state, entry, errorMessage(err), ctx.now());
    }
    done += 1;
    progress();
    batches?.complete(i, slots[i]);
  });
  const items = slots.filter((x): x is Item => x !== undefined);
  if (items.length === 0 && queue.some((entry) => !retrying.has(entry.url))) {
    throw new Error(`every article failed (${ctx.report.warnings[0] ?? 'unknown error'})`);
  }
  if (batches) {
    await batches.finish();
    return [];
  }
  return items;
}

/** The documents a feed/sitemap source reads (`urls`, else `url`). */
export function sourceUrls(source: SourceConfig): string[] {
  if (source.urls && source.urls.length > 0) return source.urls;
  if (source.url) return [source.url];
  throw new Error(`source "${source.id}" has no url`);
}

/**
 * Forget the origin validators, so the next run re-reads a document that answered 304 although
 * work is left (new articles beyond this run's cap, children of a sitemap index).
 */
export function forgetValidators(ctx: CollectContext): void {
  ctx.state.originEtag = null;
  ctx.state.originLastModified = null;
}

/** Unmatched listing selectors in words: `list.link "h3 a" matched nothing in 5 of 5 items`. */
export function unmatchedText(unmatched: UnmatchedSelector[]): string {
  return unmatched.map((u) => unmatchedMessage(u.field, u)).join('; ');
}

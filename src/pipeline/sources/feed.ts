/**
 * `type: feed`: one or more RSS/RDF/Atom/JSON feeds → items. Several `urls` merge into one feed,
 * de-duplicated by canonical URL (the earlier URL's entry wins). With `article.fetch` (default
 * true) each new entry's page is read like a scraped article, so truncated summaries become full
 * text; a page that fails falls back to what the feed itself carries.
 */
import { parseDate } from '../../extract/date.ts';
import type { FetchResult } from '../../fetch/types.ts';
import type { ExtractedArticle, Item, ListedLink } from '../../model.ts';
import { normalizeItem } from '../../normalize/item.ts';
import { canonicalUrl } from '../../normalize/url.ts';
import { documentText } from './document.ts';
import { parseListing } from '../listing.ts';
import { feedArticle, type FeedEntry, type ParsedFeed } from './feed-parse.ts';
import { articleQueue, describe, forgetValidators, readAll, readArticle, sourceUrls } from './shared.ts';
import type { CollectContext } from './types.ts';

interface MergedEntry extends FeedEntry {
  feed: Pick<ParsedFeed, 'title' | 'language'>;
}

export async function collectFeed(ctx: CollectContext): Promise<Item[]> {
  const { source, deps, state, report, now } = ctx;
  const allowFile = deps.allowFileUrls ?? false;
  const urls = sourceUrls(source);
  // One set of origin validators per source: conditional requests only when there is one feed.
  const single = urls.length === 1;

  const results = await Promise.allSettled(urls.map(async (url): Promise<{ res: FetchResult; feed: ParsedFeed | null }> => {
    const res = await deps.fetch(url, single ? { allowFile, etag: state.originEtag, lastModified: state.originLastModified } : { allowFile });
    if (res.notModified) return { res, feed: null };
    try {
      return { res, feed: await parseListing(deps, 'feed', await documentText(res), res.url) };
    } catch (err) {
      throw new Error(`${res.url}: ${describe(err)}`);
    }
  }));

  const entries: MergedEntry[] = [];
  const seen = new Set<string>();
  let failures = 0;
  for (const [i, r] of results.entries()) {
    if (r.status === 'rejected') {
      failures += 1;
      // A failing feed among several is a warning; all failing fails the run.
      if (single || failures === urls.length) throw r.reason;
      report.warnings.push(`${urls[i]}: ${describe(r.reason)}`);
      continue;
    }
    const { res, feed } = r.value;
    if (!feed) {
      report.notModified = true;
      return [];
    }
    if (feed.skipped) report.warnings.push(`${res.url}: ${feed.skipped} item(s) without a usable link skipped`);
    for (const entry of feed.entries) {
      const key = canonicalUrl(null, entry.url);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ ...entry, feed });
    }
    if (single) {
      // Saved only once the feed was understood, so a broken feed is re-read next time.
      state.originEtag = res.etag;
      state.originLastModified = res.lastModified;
    }
  }
  report.found = entries.length;

  const fromFeed = (entry: MergedEntry, fetchedAt: Date) =>
    normalizeItem({ article: feedArticle(entry, entry.feed), listed: listedOf(entry), fetchedUrl: entry.url }, { source, fetchedAt });

  if (!source.article.fetch) {
    const fetchedAt = now();
    return Promise.all(entries.map((e) => fromFeed(e, fetchedAt)));
  }

  const queue = await articleQueue(ctx, entries);
  if (queue.backlog) forgetValidators(ctx);
  return readAll(ctx, queue, async (entry) => {
    const own = feedArticle(entry, entry.feed);
    try {
      const item = await readArticle(listedOf(entry), source, deps, allowFile, now, (page) => mergeArticle(own, page, source.timezone));
      report.fetched += 1;
      return item;
    } catch (err) {
      report.warnings.push(`${entry.url}: article page failed, kept the feed's content (${describe(err)})`);
      return fromFeed(entry, now());
    }
  });
}

function listedOf(entry: FeedEntry): ListedLink {
  const listed: ListedLink = { url: entry.url };
  if (entry.title) listed.title = entry.title;
  if (entry.date) listed.date = entry.date;
  if (entry.image) listed.image = entry.image;
  return listed;
}

/**
 * Feed entry + its page. The feed's own metadata (title, valid date, authors) is explicit, so it
 * wins; the content is whichever is longer (a truncated summary loses to the page's full text, a
 * full content:encoded wins over a poor extraction).
 */
export function mergeArticle(own: ExtractedArticle, page: ExtractedArticle, timezone: string): ExtractedArticle {
  const feedDateOk = own.date !== null && parseDate(own.date, { timezone }) !== null;
  const pageLonger = page.text.length > own.text.length;
  return {
    ...page,
    title: own.title ?? page.title,
    author: own.author ?? page.author,
    date: feedDateOk ? own.date : page.date ?? own.date,
    modified: own.modified ?? page.modified,
    html: pageLonger ? page.html : own.html,
    text: pageLonger ? page.text : own.text,
    excerpt: own.excerpt ?? page.excerpt,
    siteName: page.siteName ?? own.siteName,
    lang: page.lang ?? own.lang,
    image: page.image ?? own.image,
    categories: [...new Set([...own.categories, ...page.categories])],
  };
}


/**
 * `type: feed`: one or more RSS/RDF/Atom/JSON feeds → entries. Several `urls` merge into one feed,
 * de-duplicated by canonical URL (the earlier URL's entry wins). Each entry carries the feed's own
 * article, so with `article.fetch` (default true) the shared collector merges it with the page
 * (truncated summaries become full text) and keeps it when the page fails.
 */
import { refuseWall } from '../../fetch/challenge.ts';
import type { FetchResult } from '../../fetch/types.ts';
import type { ListedLink } from '../../model.ts';
import { canonicalUrl } from '../../normalize/url.ts';
import { errorMessage } from '../../utils/errors.ts';
import { parseListing } from '../listing.ts';
import type { Discover, Entry } from '../types.ts';
import { documentText } from '../../fetch/document-text.ts';
import { feedArticle, type FeedEntry, type ParsedFeed } from './feed-parse.ts';
import { sourceUrls } from './articles.ts';

export const discoverFeed: Discover = async ({ source, deps, allowFile, validators, warn }) => {
  const urls = sourceUrls(source);
  // One set of origin validators per source: conditional requests only when there is one feed.
  const single = urls.length === 1;

  const results = await Promise.allSettled(urls.map(async (url): Promise<{ res: FetchResult; feed: ParsedFeed | null }> => {
    const res = refuseWall(await deps.fetch(url, single ? { allowFile, ...validators } : { allowFile }), { htmlOnly: true });
    if (res.notModified) return { res, feed: null };
    try {
      return { res, feed: await parseListing(deps, 'feed', await documentText(res), res.url) };
    } catch (err) {
      throw new Error(`${res.url}: ${errorMessage(err)}`);
    }
  }));

  const entries: Entry[] = [];
  const seen = new Set<string>();
  let failures = 0;
  let saved: FetchResult | null = null;
  for (const [i, r] of results.entries()) {
    if (r.status === 'rejected') {
      failures += 1;
      // A failing feed among several is a warning; all failing fails the run.
      if (single || failures === urls.length) throw r.reason;
      warn(`${urls[i]}: ${errorMessage(r.reason)}`);
      continue;
    }
    const { res, feed } = r.value;
    if (!feed) return { notModified: true };
    if (feed.skipped) warn(`${res.url}: ${feed.skipped} item(s) without a usable link skipped`);
    for (const entry of feed.entries) {
      const key = canonicalUrl(null, entry.url);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ ...listedOf(entry), own: () => feedArticle(entry, feed) });
    }
    if (single) saved = res;
  }
  return {
    entries,
    ...(saved ? { validators: { etag: saved.etag, lastModified: saved.lastModified } } : {}),
  };
};

function listedOf(entry: FeedEntry): ListedLink {
  const listed: ListedLink = { url: entry.url };
  if (entry.title) listed.title = entry.title;
  if (entry.date) listed.date = entry.date;
  if (entry.image) listed.image = entry.image;
  return listed;
}

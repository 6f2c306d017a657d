/**
 * The one collector every fetched source type shares. A discoverer (html listing page, feeds,
 * sitemaps) says which articles the source lists; this owns everything after that: the report
 * and the origin validators, the path without article pages, the queue (new links, retries,
 * refreshes) and its backlog, and reading the pages.
 */
import { parseDate } from '../../utils/dates/parse.ts';
import type { ExtractedArticle, Item, ListedLink } from '../../model.ts';
import { normalizeItem, normalizeItems } from '../../normalize/item.ts';
import { errorMessage } from '../../utils/errors.ts';
import { articleQueue, forgetValidators, readAll, readArticle, retryFailed } from './articles.ts';
import { EmptyListingError } from '../source-state.ts';
import type { CollectContext, Discover, Entry } from '../types.ts';

export async function collect(ctx: CollectContext, discover: Discover): Promise<Item[]> {
  const { source, deps, state, report, now } = ctx;
  const allowFile = deps.allowFileUrls ?? false;
  const read = articleReader(ctx, allowFile);
  const found = await discover({
    source, deps, allowFile, state, report,
    validators: { etag: state.originEtag, lastModified: state.originLastModified },
    warn: (message) => void report.warnings.push(message),
  });
  if (found.notModified) {
    report.notModified = true;
    return retryFailed(ctx, read);
  }
  const { entries } = found;
  ctx.selectors?.listing(found.unmatched ?? []);
  report.found = entries.length;
  if (entries.length === 0 && found.emptyError) throw new EmptyListingError(found.emptyError);
  // Saved only once the document was understood, so a broken one is re-read next time.
  if (found.validators !== undefined) {
    state.originEtag = found.validators?.etag ?? null;
    state.originLastModified = found.validators?.lastModified ?? null;
  }

  if (!source.article.fetch) {
    const inputs = entries.map((entry) => {
      const { own, listed } = split(entry);
      return { article: own?.(), listed };
    });
    return (deps.normalize ?? normalizeItems)(inputs, { source, fetchedAt: now() });
  }

  const queue = await articleQueue(ctx, entries, (failed) => failed);
  // New links are left for the next run: its listing must not answer 304, or they would wait.
  if (queue.backlog) forgetValidators(ctx);
  return readAll(ctx, queue, read);
}

/**
 * Reads one entry's article page. With the listing's own article (a feed entry), the two are
 * merged, and a page that fails keeps what the listing carried (a warning, not a failure).
 */
function articleReader(ctx: CollectContext, allowFile: boolean): (entry: Entry) => Promise<Item> {
  const { source, deps, report, now } = ctx;
  return async (entry) => {
    const { own, listed } = split(entry);
    const article = own?.();
    try {
      const merge = article ? (page: ExtractedArticle) => mergeArticle(article, page, source.timezone) : undefined;
      const item = await readArticle(listed, source, deps, allowFile, now, merge, ctx);
      report.fetched += 1;
      return item;
    } catch (err) {
      if (!article) throw err;
      report.warnings.push(`${listed.url}: article page failed, kept the feed's content (${errorMessage(err)})`);
      return normalizeItem({ article, listed }, { source, fetchedAt: now() });
    }
  };
}

function split(entry: Entry): { own: Entry['own']; listed: ListedLink } {
  const { own, ...listed } = entry;
  return { own, listed };
}

/** `ExtractedArticle.authors` where the model has it (a feed names each author on its own). */
type WithAuthors = ExtractedArticle & { authors?: string[] };

/**
 * The listing's own article + its page. The listing's metadata (title, valid date, authors) is
 * explicit, so it wins; the content is whichever is longer (a truncated summary loses to the
 * page's full text, a full content:encoded wins over a poor extraction).
 */
export function mergeArticle(own: WithAuthors, page: WithAuthors, timezone: string): WithAuthors {
  const feedDateOk = own.date !== null && parseDate(own.date, { timezone }) !== null;
  const pageLonger = page.text.length > own.text.length;
  const merged: WithAuthors = {
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
  const authors = own.authors?.length ? own.authors : page.authors;
  if (authors) merged.authors = authors;
  return merged;
}

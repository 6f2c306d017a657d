/** `type: html` (default): a listing page → article links → each new article page. */
import type { Item, ListedLink } from '../../model.ts';
import { normalizeItem } from '../../normalize/item.ts';
import { parseListing } from '../listing.ts';
import { articleQueue, readAll, readArticle, retryFailed, sourceUrls, unmatchedText } from './shared.ts';
import type { CollectContext } from './types.ts';

export async function collectHtml(ctx: CollectContext): Promise<Item[]> {
  const { source, deps, state, report, now } = ctx;
  const allowFile = deps.allowFileUrls ?? false;
  const listing = await deps.fetch(sourceUrls(source)[0], {
    allowFile, etag: state.originEtag, lastModified: state.originLastModified,
  });
  const read = async (listed: ListedLink) => {
    const item = await readArticle(listed, source, deps, allowFile, now);
    report.fetched += 1;
    return item;
  };
  if (listing.notModified) {
    report.notModified = true;
    return retryFailed(ctx, read);
  }
  const { links, unmatched } = await parseListing(deps, 'html', listing.text, listing.url, source.list, { maxLinks: deps.maxLinks });
  ctx.selectors?.listing(unmatched);
  report.found = links.length;
  if (links.length === 0) {
    throw new Error(source.list
      ? `listing selectors found no articles (${unmatchedText(unmatched) || `item: "${source.list.item}"`})`
      : 'no article links found on the listing page');
  }
  // Validators are saved only once the listing was understood, so a broken page is re-read next time.
  state.originEtag = listing.etag;
  state.originLastModified = listing.lastModified;

  if (!source.article.fetch) {
    const fetchedAt = now();
    return Promise.all(links.map((listed) => normalizeItem({ listed }, { source, fetchedAt })));
  }

  const queue = await articleQueue(ctx, links, (failed) => failed);
  return readAll(ctx, queue, read);
}

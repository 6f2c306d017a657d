/** `type: html` (default): a listing page → article links (each page is read by the shared collector). */
import { DEFAULTS } from '../../defaults.ts';
import { refuseWall } from '../../fetch/challenge.ts';
import { parseListing } from '../listing.ts';
import type { FetchResult } from '../../fetch/types.ts';
import type { ListedLink } from '../../model.ts';
import type { UnmatchedSelector } from '../../list/selectors.ts';
import type { Discover } from '../types.ts';
import { sourceUrls, unmatchedText } from './articles.ts';
import { readPage } from './render.ts';

/** A read listing page: its links, or null when it answered 304. */
interface ListingRead {
  listing: FetchResult;
  links: ListedLink[] | null;
  unmatched: UnmatchedSelector[];
}

export const discoverHtml: Discover = async ({ source, deps, allowFile, validators, state, report }) => {
  const { value: read } = await readPage<ListingRead>({ source, deps, state, report }, 'listing', sourceUrls(source)[0], {
    allowFile, etag: validators.etag, lastModified: validators.lastModified,
  }, async (fetched) => {
    const listing = refuseWall(fetched);
    if (listing.notModified) return { value: { listing, links: null, unmatched: [] }, usable: true };
    const parsed = await parseListing(deps, 'html', listing.text, listing.url, source.list, {
      maxLinks: deps.maxLinks ?? DEFAULTS.maxLinks,
    });
    return { value: { listing, ...parsed }, usable: parsed.links.length > 0 };
  });
  const { listing } = read;
  if (read.links === null) return { notModified: true };
  return {
    entries: read.links,
    validators: { etag: listing.etag, lastModified: listing.lastModified },
    unmatched: read.unmatched,
    emptyError: source.list
      ? `listing selectors found no articles (${unmatchedText(read.unmatched) || `item: "${source.list.item}"`})`
      : 'no article links found on the listing page',
  };
};

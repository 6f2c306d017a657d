/** `type: html` (default): a listing page → article links (each page is read by the shared collector). */
import { DEFAULTS } from '../../defaults.ts';
import { refuseWall } from '../../fetch/challenge.ts';
import { parseListing } from '../listing.ts';
import type { Discover } from '../types.ts';
import { sourceUrls, unmatchedText } from './articles.ts';

export const discoverHtml: Discover = async ({ source, deps, allowFile, validators }) => {
  const listing = refuseWall(await deps.fetch(sourceUrls(source)[0], {
    allowFile, etag: validators.etag, lastModified: validators.lastModified,
  }));
  if (listing.notModified) return { notModified: true };
  const { links, unmatched } = await parseListing(deps, 'html', listing.text, listing.url, source.list, {
    maxLinks: deps.maxLinks ?? DEFAULTS.maxLinks,
  });
  return {
    entries: links,
    validators: { etag: listing.etag, lastModified: listing.lastModified },
    unmatched,
    emptyError: source.list
      ? `listing selectors found no articles (${unmatchedText(unmatched) || `item: "${source.list.item}"`})`
      : 'no article links found on the listing page',
  };
};

/**
 * Listing documents (an html listing page, a feed, a sitemap) → plain entries. Like article
 * extraction (`ScrapeDeps.extract`), parsing one can take seconds for a big document, so a runtime
 * may run it in another thread (`ScrapeDeps.parseListing`; Node uses the extract pool); by default
 * (Workers) it runs in-process. Plain data in and out either way.
 */
import { readListing } from '../list/index.ts';
import { parseFeedDocument } from './collect/feed-parse.ts';
import { parseSitemap } from './collect/sitemap-parse.ts';

/** The parser of each listing kind (the source type that reads it). */
export const LISTING_PARSERS = {
  html: readListing,
  feed: parseFeedDocument,
  sitemap: parseSitemap,
};

export type ListingParsers = typeof LISTING_PARSERS;
export type ListingKind = keyof ListingParsers;

/** Parses one listing document; takes and gives plain data only (it may run in another thread). */
export type ParseListingFn = <K extends ListingKind>(
  kind: K, ...args: Parameters<ListingParsers[K]>
) => Promise<ReturnType<ListingParsers[K]>>;

/** `LISTING_PARSERS[kind](...args)`, in this thread. */
export function parseListingHere<K extends ListingKind>(kind: K, ...args: Parameters<ListingParsers[K]>): ReturnType<ListingParsers[K]> {
  // TypeScript cannot correlate the parser with its own argument tuple; the table guarantees it.
  const parser = LISTING_PARSERS[kind] as unknown as (...a: Parameters<ListingParsers[K]>) => ReturnType<ListingParsers[K]>;
  return parser(...args);
}

/** Parses a listing with the runtime's `deps.parseListing`, else in-process. */
export async function parseListing<K extends ListingKind>(
  deps: { parseListing?: ParseListingFn }, kind: K, ...args: Parameters<ListingParsers[K]>
): Promise<ReturnType<ListingParsers[K]>> {
  return deps.parseListing ? deps.parseListing(kind, ...args) : parseListingHere(kind, ...args);
}

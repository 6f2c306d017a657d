/** One feed as listed by the index page and the OPML export. */
export interface FeedListing {
  id: string;
  title: string;
  /** The site's listing page (`file:` URLs are not linked). */
  siteUrl: string;
  /** Optional facts shown on the index page. */
  itemCount?: number;
  /** ISO instant of the last item change. */
  updated?: string | null;
}

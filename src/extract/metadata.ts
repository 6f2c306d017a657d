// STUB — to be implemented (issue 3, metadata & dates). Signature is the contract.
import type { CheerioAPI } from 'cheerio';
import type { ExtractOptions } from './options.ts';

/** Everything about an article page except its body, read from markup. */
export interface PageMetadata {
  title: string | null;
  author: string | null;
  /** ISO 8601 with offset, or null. */
  date: string | null;
  /** ISO 8601 with offset, or null. */
  modified: string | null;
  siteName: string | null;
  lang: string | null;
  image: string | null;
  canonicalUrl: string | null;
  categories: string[];
  /** Page description (og:description, meta description), if any. */
  description: string | null;
}

export function extractMetadata($: CheerioAPI, url: string, options: ExtractOptions = {}): PageMetadata {
  void $; void url; void options;
  return { title: null, author: null, date: null, modified: null, siteName: null, lang: null, image: null, canonicalUrl: null, categories: [], description: null };
}

import type { ArticleSelectors } from '../config/types.ts';

/** Options for extractArticle. */
export interface ExtractOptions {
  /** IANA time zone for dates written without an offset (default UTC). */
  timezone?: string;
  /** Per-source selectors from the config (`article` block). */
  selectors?: Partial<ArticleSelectors>;
  /** Reference instant for relative dates ("2 hours ago") and the sanity window. Default now. */
  now?: Date;
}

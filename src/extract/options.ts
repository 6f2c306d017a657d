import type { ArticleSelectors, FieldSelector, SourceConfig } from '../config/types.ts';

/**
 * Article selectors as `extractArticle` takes them: as the config stores them (title, date and
 * author split into `FieldSelector`), or written (`"meta[name=x]@content"`), split on use.
 */
export type ArticleSelectorsInput = Partial<Omit<ArticleSelectors, 'title' | 'date' | 'author'>> & {
  title?: FieldSelector | string;
  date?: FieldSelector | string;
  author?: FieldSelector | string;
};

/** Options for extractArticle. */
export interface ExtractOptions {
  /** IANA time zone for dates written without an offset (default UTC). */
  timezone?: string;
  /**
   * The source's `language` (a BCP 47 tag): the language of the page's dates when the page names
   * none, and which English a page that says only "en" writes ("en-GB": 06/09/2020 is 6 September).
   * The page's own regional tag (`lang="en-US"`) still wins.
   */
  language?: string;
  /** Per-source selectors from the config (`article` block). */
  selectors?: ArticleSelectorsInput;
  /** Reference instant for relative dates ("2 hours ago") and the sanity window. Default now. */
  now?: Date;
  /** Also say which rule gave each field (`ExtractedArticle.provenance`). */
  provenance?: boolean;
  /**
   * What the listing (or feed) says about the article: the last resort for the content when the
   * page's own body cannot be found (see content-fallback.ts).
   */
  summary?: string;
  /**
   * Site rules' `prune` for what the content selector matched: true cleans it as automatic
   * content is (forms, navigation, link-heavy blocks go), false keeps it as matched (sanitized);
   * absent, a configured selector's own blocks are kept whatever their shape.
   */
  pruneContent?: boolean;
  /**
   * Give the headline the article shows (title-site.ts): its own <h1> when that shares words with
   * og:title/<title>, else that title without a site name an <h1> confirms ("Story | Site" →
   * "Story"). Absent, the title is Firefox Reader View's (the site name a title carries stays). The
   * service sets it for what readers see: feed items, the preview and `feedwright extract`.
   */
  headlineTitle?: boolean;
}

/** What a source's config tells extraction: its time zone, its selectors and its language. */
export function sourceExtractOptions(
  source: Pick<SourceConfig, 'timezone' | 'article' | 'language'>, now: Date, summary?: string,
): ExtractOptions {
  return {
    timezone: source.timezone, selectors: source.article, now,
    ...(source.language ? { language: source.language } : {}),
    ...(summary !== undefined ? { summary } : {}),
  };
}

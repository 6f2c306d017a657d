/**
 * The schema.org types that say what a page is, read alike from JSON-LD (`@type`, jsonld.ts) and
 * from microdata (`itemtype`, page-index.ts).
 */

/** A thread's page: a forum topic, a question with its answers. */
export const THREAD_TYPE = /^(?:DiscussionForumPosting|QAPage)$/;
/** A shop's page: a product, or a group of its variants. */
export const PRODUCT_TYPE = /^Product(?:Group)?$/;

/**
 * A type's own name: "schema:NewsArticle", "http://schema.org/NewsArticle" and an `itemtype` with a
 * stray quote ("https://schema.org/Product\"") all name NewsArticle or Product.
 */
export function schemaTypeName(type: string): string {
  return type.replace(/"+$/, '').replace(/^.*[/:#"]/, '');
}

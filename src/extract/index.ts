/**
 * `extractArticle(html, url, options)`: one article page in, one normalized article out.
 *
 * The page is parsed once (htmlparser2, as cheerio does: tolerant, fast, runs on Workers). Metadata
 * reads the untouched tree first; the content extractor then mutates the same tree.
 * Config selectors (`title`, `author`, `date`) are applied by `extractMetadata`, ahead of every
 * automatic source; `content` and `remove` by the content extractor.
 */
import { parseHtml } from '../html/parse.ts';
import { absoluteUrl } from '../html/sanitize.ts';
import { repairMojibake, repairMojibakeIn } from '../html/mojibake.ts';
import { sanitizeNodes } from '../html/sanitize-nodes.ts';
import { nodesToText } from '../html/to-text.ts';
import type { Element } from 'domhandler';
import { siteOf } from '../list/url.ts';
import type { ExtractedArticle } from '../model.ts';
import { extractContentNodes } from './content.ts';
import { removeAuthorBio } from './content-bio.ts';
import { isTiny, secondStrategy } from './content-fallback.ts';
import { articleExcerpt } from './excerpt.ts';
import { readJsonLd } from './jsonld.ts';
import { leadImage } from './lead-image.ts';
import { extractMetadata } from './metadata.ts';
import { pageIndexer } from './page-index.ts';
import type { ExtractOptions } from './options.ts';

export function extractArticle(html: string, url: string, options: ExtractOptions = {}): ExtractedArticle {
  // The parser hands each element to the page index as it creates it (page-index.ts): the
  // elements metadata reads by name are found without a walk of their own.
  const indexer = pageIndexer();
  const doc = parseHtml(html, indexer.visit);
  const index = indexer.index();
  // Relative URLs in the page resolve against <base href> when there is one.
  const base = absoluteUrl(index.baseHref, url) || url;
  const meta = extractMetadata(doc, url, options, index);

  const unmatched = [...meta.unmatchedSelectors];
  const selectors = { content: options.selectors?.content, remove: options.selectors?.remove, prune: options.pruneContent };
  // A forum topic's or a question's page: its replies are content (content.ts ContentMode).
  const jsonLd = readJsonLd(doc, index);
  const thread = index.thread || jsonLd.thread;
  // SEO plugins write og:type "article" on every page; a JSON-LD product, category, service or plain
  // WebPage with no article says more, and so does a page with no date of publication (a service's
  // page has at most the date it was last modified): an article is dated.
  const dated = !!meta.provenance.date && meta.provenance.date !== 'modified';
  const notArticle = !jsonLd.article && (jsonLd.notArticle || !dated || !index.metas.some((m) => ogType(m, 'article')));
  // A shop's page: its customers' reviews are comments (a review article names its product too).
  const product = !jsonLd.article && (jsonLd.product || index.product || index.metas.some((m) => ogType(m, 'product')));
  let nodes = extractContentNodes(doc, selectors, unmatched, { thread, notArticle, product, streamed: index.streamed, site: siteOfUrl(url), title: meta.title });
  if (!selectors.content || unmatched.includes('content')) removeAuthorBio(nodes, meta.authors);
  // Text its CMS encoded twice ("doesnâ€™t") reads as written (html/mojibake.ts), before the text
  // is read from it: each node is judged by its own letters, its no-break spaces are still
  // themselves, and a run repaired to a ZWJ is trimmed with the line it ends.
  repairMojibakeIn(nodes);
  // The reading text, from the same nodes (sanitizing drops no text that is not already gone).
  // Captions and credits stay in `html` (inside their figures), not in `text`.
  let text = nodesToText(nodes, { captions: false });
  // A content selector that matched is the user's word on what the body is, however short.
  const selected = !!selectors.content && !unmatched.includes('content');
  if (!selected && isTiny(text)) {
    const articleBody = () => readJsonLd(doc, index).article?.articleBody;
    ({ nodes, text } = secondStrategy({ nodes, text }, { html, selectors, articleBody, summary: options.summary, thread, notArticle }));
    // What the second strategy read (another block, the JSON-LD body) is repaired too.
    repairMojibakeIn(nodes);
  }
  // And a run the text joins across nodes (split by inline markup), or the JSON-LD body's.
  text = repairMojibake(text);
  const contentHtml = sanitizeNodes(nodes, base);

  return {
    title: meta.title,
    author: meta.author,
    authors: meta.authors,
    date: meta.date,
    modified: meta.modified,
    text,
    html: contentHtml,
    excerpt: articleExcerpt(meta.description, nodes, text),
    siteName: meta.siteName,
    lang: meta.lang,
    image: meta.image,
    // A page that names no image: its content's first picture may stand for it (normalize ranks it
    // after the listing's image).
    contentImage: meta.image ? null : leadImage(nodes, base),
    canonicalUrl: meta.canonicalUrl,
    categories: meta.categories,
    ...(unmatched.length ? { unmatchedSelectors: unmatched } : {}),
    ...(options.provenance ? { provenance: meta.provenance } : {}),
  };
}

/**
 * `<meta property="og:type" content="article">` (or a subtype: "article:news", "product.item"…):
 * the page says it is an article, or a product.
 */
function ogType(meta: Element, type: 'article' | 'product'): boolean {
  const a = meta.attribs;
  return (a.property ?? a.name)?.toLowerCase() === 'og:type' && (a.content ?? '').toLowerCase().includes(type);
}

/** The registrable domain of the page's URL, or '' when it has none. */
function siteOfUrl(url: string): string {
  try {
    return siteOf(new URL(url).hostname);
  } catch {
    return '';
  }
}

// Article title, following Firefox Reader View (Readability.js) so titles match what readers know:
//   1. JSON-LD article `name`/`headline` (headline when it, and not name, resembles <title>);
//   2. dc:title, og:title, meta title, twitter:title, parsely-title;
//   3. <title> cleaned: a site-name part after a separator ( | - / > » ) is dropped, a "Site: Title"
//      prefix is dropped unless a heading repeats the whole <title>, and a too short or too long
//      <title> gives way to the page's only <h1>.
import type { ParentNode } from 'domhandler';
import type { JsonLdArticle } from './jsonld.ts';
import { lastMeta, type MetaTags } from './meta-tags.ts';
import { pageIndex, textOf, type PageIndex } from './page-index.ts';
import { collapse } from '../utils/text.ts';

const META_TITLE_KEYS = [
  'dc:title', 'dc.title', 'dcterm:title', 'dcterms.title', 'og:title', 'weibo:article:title', 'weibo:webpage:title',
  'title', 'twitter:title', 'parsely-title',
];

export function extractTitle(
  doc: ParentNode,
  meta: MetaTags,
  article: JsonLdArticle | null,
  index: PageIndex = pageIndex(doc),
): string | null {
  let title: string | null = null;
  if (article) {
    const { name, headline } = article;
    if (name && headline && name !== headline) {
      const fromDocument = documentTitle(doc, index);
      const headlineMatches = textSimilarity(headline, fromDocument) > 0.75;
      const nameMatches = textSimilarity(name, fromDocument) > 0.75;
      title = headlineMatches && !nameMatches ? headline : name;
    } else title = name ?? headline ?? null;
  }
  title ??= lastMeta(meta, META_TITLE_KEYS);
  title ??= documentTitle(doc, index) || null;
  return title ? collapse(title) : null;
}

/** Which rule `extractTitle` takes its title from, in its order: `json-ld`, `meta` or the document `title`. */
export function titleSource(meta: MetaTags, article: JsonLdArticle | null): 'json-ld' | 'meta' | 'title' {
  if (article && (article.name ?? article.headline)) return 'json-ld';
  return lastMeta(meta, META_TITLE_KEYS) ? 'meta' : 'title';
}

const wordCount = (s: string): number => s.split(/\s+/).length;

/** Readability's `_getArticleTitle`: the <title> with the site name taken off. */
function documentTitle(doc: ParentNode, index: PageIndex = pageIndex(doc)): string {
  const origTitle = collapseKeepingEdges(index.title ? textOf(index.title) : '').trim();
  let cur = origTitle;
  let hierarchical = false;

  if (/ [|\-\\/>»] /.test(cur)) {
    hierarchical = / [\\/>»] /.test(cur);
    const separators = [...origTitle.matchAll(/ [|\-\\/>»] /g)];
    cur = origTitle.substring(0, separators[separators.length - 1].index);
    if (wordCount(cur) < 3) cur = origTitle.replace(/^[^|\-\\/>»]*[|\-\\/>»]/, '');
  } else if (cur.includes(': ')) {
    const trimmed = cur.trim();
    const headingRepeatsTitle = index.h1h2.some((h) => textOf(h).trim() === trimmed);
    if (!headingRepeatsTitle) {
      cur = origTitle.substring(origTitle.lastIndexOf(':') + 1);
      if (wordCount(cur) < 3) cur = origTitle.substring(origTitle.indexOf(':') + 1);
      else if (wordCount(origTitle.substring(0, origTitle.indexOf(':'))) > 5) cur = origTitle;
    }
  } else if (cur.length > 150 || cur.length < 15) {
    if (index.h1.length === 1) cur = collapse(textOf(index.h1[0]));
  }

  cur = cur.trim().replace(/\s{2,}/g, ' ');
  const curWords = wordCount(cur);
  if (curWords <= 4 && (!hierarchical || curWords !== wordCount(origTitle.replace(/[|\-\\/>»]+/g, '')) - 1)) {
    cur = origTitle;
  }
  return cur;
}

// <title> text as the DOM gives it (document.title): runs of ASCII whitespace become one space; a
// no-break space stays, so "Title&nbsp;- Site" has no separator for Readability's regexes.
function collapseKeepingEdges(s: string): string {
  return s.replace(/[\t\n\f\r ]+/g, ' ');
}

/** Share of B's tokens also in A, weighted by length (Readability's `_textSimilarity`). */
function textSimilarity(a: string, b: string): number {
  const tokensA = a.toLowerCase().split(/\W+/).filter(Boolean);
  const tokensB = b.toLowerCase().split(/\W+/).filter(Boolean);
  if (!tokensA.length || !tokensB.length) return 0;
  const uniqB = tokensB.filter((t) => !tokensA.includes(t));
  return 1 - uniqB.join(' ').length / tokensB.join(' ').length;
}

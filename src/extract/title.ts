// Article title, following Firefox Reader View (Readability.js) so titles match what readers know:
//   1. JSON-LD article `name`/`headline` (headline when it, and not name, resembles <title>), unless
//      it is cut short: Google's guideline long capped `headline` at 110 characters, and CMSs and
//      SEO plugins still cut it there mid-sentence, where the page's own titles go on;
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

/** The article title and the rule it came from, in `extractTitle`'s order. */
export interface TitleReading {
  title: string;
  source: 'json-ld' | 'meta' | 'title';
}

export function extractTitle(
  doc: ParentNode,
  meta: MetaTags,
  article: JsonLdArticle | null,
  index: PageIndex = pageIndex(doc),
): TitleReading | null {
  let found: TitleReading | null = null;
  if (article) {
    const { name, headline } = article;
    let title: string | null;
    if (name && headline && name !== headline) {
      const fromDocument = documentTitle(doc, index);
      const headlineMatches = textSimilarity(headline, fromDocument) > 0.75;
      const nameMatches = textSimilarity(name, fromDocument) > 0.75;
      title = headlineMatches && !nameMatches ? headline : name;
    } else title = name ?? headline ?? null;
    if (title) found = uncut(title, doc, meta, index);
  }
  if (!found) {
    const fromMeta = lastMeta(meta, META_TITLE_KEYS);
    found = fromMeta ? { title: fromMeta, source: 'meta' } : { title: documentTitle(doc, index), source: 'title' };
  }
  return found.title ? { title: collapse(found.title), source: found.source } : null;
}

/** Google's former cap on a structured-data `headline`, still applied by SEO plugins and CMSs. */
const HEADLINE_CAP = 110;
/** What may follow a title in a longer one without it being the same title cut: a site-name separator. */
const SEPARATOR_NEXT = /^\s*[|\-\u2013\u2014\\/>»~•·:(\[]/;

/**
 * The JSON-LD title, or the page's own title it was cut from: a meta title or the <title> that
 * starts with it (an ellipsis it ends with aside) and goes on with more words, not with a site name.
 */
function uncut(title: string, doc: ParentNode, meta: MetaTags, index: PageIndex): TitleReading {
  const own: TitleReading = { title, source: 'json-ld' };
  const whole = collapse(title);
  const cut = whole.replace(/\s*(?:\.{3}|\u2026)$/, '');
  if (cut.length > HEADLINE_CAP || cut.length < 20) return own;
  let best: TitleReading | null = null;
  // The <title> is cleaned (documentTitle) only when it holds the cut title at all.
  const raw = index.title ? collapse(textOf(index.title)) : '';
  const others: TitleReading[] = [
    { title: lastMeta(meta, META_TITLE_KEYS) ?? '', source: 'meta' },
    { title: raw.includes(cut) ? documentTitle(doc, index) : '', source: 'title' },
  ];
  for (const other of others) {
    const full = collapse(other.title);
    if (full.length <= cut.length || !full.startsWith(cut)) continue;
    const rest = full.slice(cut.length);
    // The cut falls between words (or inside one, where an ellipsis marks it).
    if (!(/^\s/.test(rest) || cut.length < whole.length) || SEPARATOR_NEXT.test(rest)) continue;
    if (!best || full.length < best.title.length) best = { title: full, source: other.source };
  }
  return best ?? own;
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

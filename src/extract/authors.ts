// Who wrote the article: two answers, as metadata.ts documents them.
//   `author`   the byline for display, as Reader View shows it (the readability set's truth is its
//              output): a date, a "By" or a role written beside the name stay.
//   `authors`  the names, from the best source: JSON-LD names also behind `@id` references (which
//              Reader View does not follow), a microdata author meta, the element an author box
//              names as the name (not the role beside it); no date (byline-date.ts).
import type { ParentNode } from 'domhandler';
import type { JsonLdArticle } from './jsonld.ts';
import type { PageIndex } from './page-index.ts';
import { lastMeta, metaValues, type MetaTags } from './meta-tags.ts';
import { bylineNames, markedBylineParts } from './byline.ts';
import { cleanAuthors, splitAuthors } from './author-names.ts';
import { linkedAuthors, textByline } from './byline-unmarked.ts';
import { bylineWithoutDate } from './byline-date.ts';
import { looksLikeUrl, withoutMarkup } from './meta-text.ts';
import { collapse } from '../utils/text.ts';
import { lazy } from '../utils/memo.ts';

/** Author metas Reader View reads too (a microdata `itemprop=author` meta it does not). */
const AUTHOR_KEYS = [
  'dc:creator', 'dc.creator', 'dcterm:creator', 'dcterms.creator', 'dcterms:creator', 'author', 'parsely-author',
  'article:author',
];
/** Author meta tags Reader View does not read: used only when the page shows no byline either. */
const WEAK_AUTHOR_KEYS = ['byl', 'sailthru.author', 'citation_author', 'name:article:author', 'dc.contributor'];
/**
 * Keys written once per author (Dublin Core's creator, Google Scholar's citation_author): all their
 * values are the names. Of any other key stated twice, the later value is the page's own (and
 * Reader View's): a theme's site-wide default comes first.
 */
const PER_AUTHOR_KEYS = new Set(['dc:creator', 'dc.creator', 'dcterm:creator', 'dcterms.creator', 'dcterms:creator', 'citation_author', 'dc.contributor']);

// A newsroom's collective name: "Us Weekly Staff", "The Editorial Team", "News Desk".
const STAFF = /(?:^|\s)(?:staff|team|desk|newsroom|editors|redaktion|rédaction|redacción|redazione)$/i;

/**
 * Longer than this, a byline or an author's name is something else (a description put in the
 * wrong field, a template's garbage): the longest of 2,611 corpus pages' author lines is 117
 * characters. The bound also keeps the name patterns (author-names.ts, byline-date.ts) on short text.
 */
const MAX_AUTHOR_CHARS = 200;

export interface PageAuthors {
  author: string | null;
  authors: string[];
  /** Where the names came from (the preview's provenance): selector, json-ld, meta or byline. */
  source: string | null;
}

/**
 * The page's byline and author names. `article` is the page's JSON-LD article as we read it,
 * `readerView` as Reader View does (jsonld.ts); `selected` what a configured author selector matched.
 */
export function pageAuthors(
  doc: ParentNode,
  index: PageIndex,
  meta: MetaTags,
  article: JsonLdArticle | null | undefined,
  readerView: JsonLdArticle | null,
  selected: string | null,
): PageAuthors {
  // (A name that begins with a comma is a template's empty name before its affiliation: ", USA TODAY".)
  const ldAuthors = article?.authors.map(withoutMarkup).filter((n) => fitsAuthor(n) && !/^\s*,/.test(n)) ?? [];
  const ldByline = joined(ldAuthors);
  const strong = metaAuthor(meta, AUTHOR_KEYS);
  // For the names, Open Graph's `article:author` (one meta per author) comes first: it names this
  // article's authors, where a template's `author` is often the whole site's (its publisher's).
  const ogAuthors = metaValues(meta, ['article:author']).filter((v) => !looksLikeUrl(v) && fitsAuthor(v));
  const microdata = metaAuthor(meta, ['itemprop:author']);
  // A template's author meta naming the newsroom ("Us Weekly Staff") yields to a byline's person.
  const newsroomMeta = !ogAuthors.length && STAFF.test(collapse(strong ?? microdata ?? ''));
  // Each of these searches the page: done only when an answer gets that far down its chain.
  const marked = lazy(() => markedBylineParts(doc));
  const weakNames = lazy(() => metaAuthors(meta, WEAK_AUTHOR_KEYS));
  const weak = lazy(() => joined(weakNames()));
  const text = lazy(() => textByline(doc, index));
  const linked = lazy(() => linkedAuthors(index));

  let authors: string[] = [];
  let source: string | null = null;
  let named: string | null;
  if (selected) {
    named = selected;
    source = 'selector';
  } else if (ldByline) {
    authors = cleanAuthors(ldAuthors.flatMap(listedNames));
    named = ldByline;
    source = 'json-ld';
  } else if ((ogAuthors.length || strong || microdata) && !(newsroomMeta && marked())) {
    const names = ogAuthors.length ? ogAuthors : strong ? metaAuthors(meta, AUTHOR_KEYS) : [];
    if (names.length > 1) authors = cleanAuthors(names);
    named = ogAuthors.length ? ogAuthors.join(', ') : strong ?? microdata;
    source = 'meta';
  } else if (marked()) {
    named = marked()!.name;
    source = 'byline';
  } else if (weak()) {
    if (weakNames().length > 1) authors = cleanAuthors(weakNames());
    named = weak();
    source = 'meta';
  } else if (text()) {
    named = text();
    source = 'byline';
  } else {
    // (Names only: Reader View shows no byline here.)
    named = linked() || null;
    if (named) source = 'byline';
  }
  named = asText(named);
  if (named && !selected) {
    if (!fitsAuthor(named)) {
      named = null;
      authors = [];
    } else {
      // A date written into the byline is not part of a name (the user's selector is taken as is).
      const cut = bylineWithoutDate(named);
      if (cut !== named) authors = [];
      named = cut;
    }
  }
  if (!authors.length) authors = splitAuthors(named);
  // A byline that is only its label ("By", "About the Author") or its date (a forum post's
  // "Sun Dec 17, 2023 11:23 am"): the names are the next byline's.
  if (!authors.length && source === 'byline' && marked()) authors = bylineNames(doc);
  // A paper's page lists its authors in citation_author metas, its byline often only the first
  // (the rest in markup of their own): the list, when it names the byline's author.
  if (source === 'byline' && authors.length === 1) {
    const cited = metaValues(meta, ['citation_author']).filter(isAuthorValue);
    if (cited.length > 1 && cited.some((n) => collapse(n).toLowerCase() === authors[0].toLowerCase())) authors = cleanAuthors(cited);
  }
  if (!authors.length && !named) source = null;

  const byline = asText(
    selected ?? joined(readerView?.authors) ?? strong ?? marked()?.shown ?? microdata ?? weak() ?? text() ?? ldByline,
  );
  return { author: byline && (selected || fitsAuthor(byline)) ? byline : null, authors, source };
}

/**
 * The names in one JSON-LD author name that lists several, with their newspaper ("Manoj Jain and
 * Jagpreet Chhatwal, The Commercial Appeal": a network's template); any other name as it is (its
 * job title goes in cleanAuthors).
 */
function listedNames(name: string): string[] {
  const names = splitAuthors(name);
  return names.length > 1 && names.every((n) => n.includes(' ')) ? names : [name];
}

const joined = (names: string[] | undefined): string | null => (names?.length ? names.join(', ') : null);

/** Collapsed text, markup taken out; null when nothing is left. */
const asText = (value: string | null): string | null => (value && (collapse(withoutMarkup(value)) || null));

const fitsAuthor = (value: string): boolean => value.length <= MAX_AUTHOR_CHARS || collapse(value).length <= MAX_AUTHOR_CHARS;

/** The first of `keys` whose value (its later one, when stated twice: as Reader View reads it) names an author. */
function authorKey(meta: MetaTags, keys: readonly string[]): string | null {
  return keys.find((key) => isAuthorValue(lastMeta(meta, [key]) ?? '')) ?? null;
}

/** That key's value. */
function metaAuthor(meta: MetaTags, keys: readonly string[]): string | null {
  const key = authorKey(meta, keys);
  return key && lastMeta(meta, [key]);
}

/** That key's names: every value of a key written once per author, else its value. */
function metaAuthors(meta: MetaTags, keys: readonly string[]): string[] {
  const key = authorKey(meta, keys);
  if (!key) return [];
  return PER_AUTHOR_KEYS.has(key) ? metaValues(meta, [key]).filter(isAuthorValue) : [lastMeta(meta, [key])!];
}

const isAuthorValue = (value: string): boolean => value !== '' && !looksLikeUrl(value) && fitsAuthor(value);

// Page metadata: everything about an article page except its body.
//
// Sources and their order of preference (first non-empty wins):
//   title       config selector › JSON-LD name/headline (as Reader View reads JSON-LD, see jsonld.ts
//               readerView; with headlineTitle, as we do) › dc:title, og:title, meta title,
//               twitter:title › cleaned <title> / sole <h1> (see title.ts); then, with headlineTitle, the
//               article's own <h1> when it shares words with that, or it without a site name an
//               <h1> confirms (title-site.ts)
//   authors     config selector › JSON-LD author(s) › article:author metas (not URLs; each one
//               a name), dc:creator, meta author, parsely-author, microdata author meta › page byline marked up as such
//               (see byline.ts) › other author metas (byl, sailthru.author…) › "By Jane Doe" text;
//               a date written into it cut (byline-date.ts)
//   author      (the byline for display, as Reader View shows it) selector › JSON-LD author named in
//               the article node › the author metas above (article:author last) › the marked byline's whole text › the
//               others, as for authors
//   date        config selector › (wiki revision permalink: the modification date)
//               › JSON-LD article datePublished › published meta tags
//               (article:published_time, og:published_time, DC.date.issued…, see PUBLISHED_KEYS);
//               one no earlier than the modification date gives way to an earlier date the
//               page shows, unless the page also shows its day (published-date.ts shownBefore)
//               › itemprop=datePublished, <time>, epoch data-* time attributes in the page
//               (page-date.ts) › JSON-LD dateCreated, loose metas (date, DC.date…,
//               WEAK_PUBLISHED_KEYS), JSON-LD WebPage datePublished › a full date in the URL
//               › publication keys in inline script data (script-date.ts)
//               › date-like text in elements named "date"/"time"… (a stated date before an
//               "ago"; a part labelled as the update left out, see date-labels.ts)
//               › the modification date, then a date the page labels as the update
//               › any short text (or small script literal) with a date in it (last resort);
//               never from comments, related stories or a sidebar (page-date.ts)
//   modified    JSON-LD dateModified › article:modified_time, og:updated_time, DC.date.modified…
//   siteName    JSON-LD publisher named in the article › og:site_name › application-name
//               › a JSON-LD publisher reached through an @id
//   lang        <html lang> › og:locale › content-language › JSON-LD inLanguage
//   image       og:image › JSON-LD image › twitter:image (absolute); extractArticle adds the
//               content's first picture as `contentImage` (lead-image.ts)
//   canonical   <link rel=canonical> › og:url (absolute)
//   categories  article:section, article:tag, JSON-LD articleSection/keywords, meta keywords…
//   description JSON-LD description (as Reader View reads JSON-LD) › og:description › meta description
//               › twitter:description
// A meta key stated twice gives its later value for title, description and site name (meta-tags.ts lastMeta).
// Dates come out as ISO 8601 in the offset they were written in, or the source zone's when written
// without one or in UTC (see presentInLocalDay: configured zone › URL day › the page's own offsets
// › its language's zone, for a language of one zone: utils/dates/zone.ts languageZone).
import type { AnyNode, Element, ParentNode } from 'domhandler';
import type { ArticleProvenance } from '../model.ts';
import { cheerioOf } from '../html/parse.ts';
import { nodesToText } from '../html/to-text.ts';
import type { ExtractOptions } from './options.ts';
import { fieldSelector } from '../config/selectors.ts';
import type { FieldSelector } from '../config/types.ts';
import type { DateParseOptions } from '../utils/dates/parse.ts';
import { dateReadingLang } from '../utils/dates/english-order.ts';
import { formatWithOffset, languageZone, scriptLanguage } from '../utils/dates/zone.ts';
import { readJsonLd } from './jsonld.ts';
import { contains, readNodes } from './content-dom.ts';
import { pageIndex, textOf, type PageIndex } from './page-index.ts';
import { collectMeta, firstMeta, lastMeta, metaValues, type MetaTags } from './meta-tags.ts';
import { extractTitle } from './title.ts';
import { articleTitle } from './title-site.ts';
import { pageAuthors } from './authors.ts';
import { dateFromUrl } from './url-date.ts';
import { inPageZone, pageZone, presentInLocalDay } from './date-zone.ts';
import { parseFirst, pickPublished } from './published-date.ts';
import { collapse } from '../utils/text.ts';
import { cleanMetaText, uniqueCategories } from './meta-text.ts';
import { absoluteHttpUrl } from '../utils/url.ts';

/** Everything about an article page except its body, read from markup. */
export interface PageMetadata {
  title: string | null;
  /** The byline as the page writes it (may read "By Jane Doe, MD"); see `authors` for names. */
  author: string | null;
  /** Author names separated and cleaned ("By" dropped); empty when unknown. */
  authors: string[];
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
  /** Configured selectors (`title`, `author`, `date`) that matched nothing here (automatic used instead). */
  unmatchedSelectors: string[];
  /** Which rule gave each field that has a value (see ArticleProvenance). */
  provenance: ArticleProvenance;
}

const MODIFIED_KEYS = [
  'article:modified_time', 'article:modified', 'og:updated_time', 'datemodified', 'dc.date.modified',
  'dcterms.modified', 'dcterms:modified', 'last-modified', 'lastmod', 'article_date_updated', 'og:article:modified_time',
  'modified_time', 'dateupdated', 'article:updated_time',
];
const SITE_NAME_KEYS = ['og:site_name', 'application-name', 'twitter:site:name'];
const DESCRIPTION_KEYS = [
  'dc:description', 'dc.description', 'dcterm:description', 'dcterms.description', 'og:description',
  'weibo:article:description', 'weibo:webpage:description', 'description', 'twitter:description',
];

export function extractMetadata(
  doc: ParentNode,
  url: string,
  options: ExtractOptions = {},
  /** The page's index when the caller already built it (the tree must be unchanged since). */
  index: PageIndex = pageIndex(doc),
): PageMetadata {
  const meta = collectMeta(doc, index);
  const ld = readJsonLd(doc, index);
  // A question page's question names the page's title and asker as an article does.
  const article = ld.article ?? ld.question ?? null;
  const base = absoluteHttpUrl(index.baseHref, url) ?? url;
  const selectors = options.selectors ?? {};

  const lang = pageLang(index, meta, article?.inLanguage);
  // The source's `language` stands in for a page that names none, and tells which English an "en" page writes.
  const dateLang = dateReadingLang(lang ?? options.language ?? null, url, options.language, firstMeta(meta, ['og:locale']));
  const dateOptions: DateParseOptions = { timezone: options.timezone, now: options.now, lang: dateLang };

  const unmatchedSelectors: string[] = [];
  const selected = (field: 'title' | 'author' | 'date'): string | null => {
    const selector = selectors[field];
    if (!selector) return null;
    const value = bySelector(doc, fieldSelector(selector), field === 'date');
    if (!value) unmatchedSelectors.push(field);
    return value;
  };

  const provenance: ArticleProvenance = {};

  // Title
  const titleSelected = selected('title');
  // Reader View's title reads JSON-LD as Reader View does; the headline (feeds) as we do.
  const reading = titleSelected ? null : extractTitle(doc, meta, options.headlineTitle ? article : ld.readerView, index);
  const title = titleSelected || reading?.title || null;
  if (title) provenance.title = reading?.source ?? 'selector';

  // Author
  const people = pageAuthors(doc, index, meta, article, ld.readerView, selected('author'));
  if (people.source) provenance.author = people.source;

  // Dates
  const modifiedParsed =
    parseFirst([article?.dateModified, ...metaValues(meta, MODIFIED_KEYS), ld.pageDateModified], dateOptions);
  const selectedDate = selected('date');
  const picked = pickPublished(doc, index, url, meta, ld, selectedDate, dateOptions, modifiedParsed);
  // A date selector that finds text but no date is as good as no match.
  if (selectedDate && picked?.source !== 'selector') unmatchedSelectors.push('date');
  if (picked) provenance.date = picked.source;
  // (A page that declares no language: its title's script, for the zone only.)
  const zone = pageZone(index, languageZone(lang ?? scriptLanguage(title)));
  const dateParsed = picked && presentInLocalDay(picked, dateFromUrl(url), options.timezone, zone);
  const modifiedInZone = modifiedParsed && inPageZone(modifiedParsed, options.timezone, zone);
  // A publication time written without a zone that a full stamp names in UTC ("2019-11-19 02:24:00"
  // beside "… 02:24:00 UTC") is a server's UTC: the modification written the same way is too.
  const utcClocks = modifiedInZone !== modifiedParsed && !!picked?.wallClock && zone.states(picked.date);
  const modifiedShown = utcClocks ? modifiedParsed : modifiedInZone;

  // Site, language, links
  // A publisher the article names itself is its site; one reached through an @id is an organisation
  // record (often its legal name, "… GmbH", "… S.L."): og:site_name names the site better then.
  const inlinePublisher = article?.publisherInline ? article.publisher : undefined;
  const siteName = inlinePublisher || lastMeta(meta, SITE_NAME_KEYS) || article?.publisher || null;
  const ogImage = firstMeta(meta, ['og:image', 'og:image:url', 'og:image:secure_url']);
  const otherImage = ogImage ?? article?.image ?? firstMeta(meta, ['twitter:image', 'twitter:image:src', 'thumbnail']);
  const image = absoluteHttpUrl(otherImage ?? index.imageSrcHref, base);
  if (image) provenance.image = otherImage === undefined || otherImage === null ? 'markup' : !ogImage && otherImage === article?.image ? 'json-ld' : 'meta';
  const canonicalUrl = absoluteHttpUrl(index.canonicalHref ?? firstMeta(meta, ['og:url']), base);

  const categories = uniqueCategories([
    ...metaValues(meta, ['article:section']),
    ...(article?.sections ?? []),
    ...metaValues(meta, ['article:tag']),
    ...(article?.keywords ?? []),
    ...metaValues(meta, ['news_keywords', 'keywords']).flatMap((v) => v.split(',')),
  ]);

  // The excerpt is Reader View's: JSON-LD it reads, then the description metas.
  const ldDescription = ld.readerView?.description;
  const description = ldDescription ?? lastMeta(meta, DESCRIPTION_KEYS);
  if (description) provenance.excerpt = ldDescription ? 'json-ld' : 'meta';

  return {
    title:
      titleSelected || !options.headlineTitle ? cleanMetaText(title) : withoutSiteName(cleanMetaText(title), index, meta, article?.publisher, url),
    author: cleanMetaText(people.author),
    authors: people.authors.flatMap((name) => cleanMetaText(name) ?? []),
    date: dateParsed ? formatWithOffset(dateParsed.date, dateParsed.offset) : null,
    modified: modifiedShown ? formatWithOffset(modifiedShown.date, modifiedShown.offset) : null,
    siteName: cleanMetaText(siteName),
    lang,
    image,
    canonicalUrl,
    categories,
    description: cleanMetaText(description),
    unmatchedSelectors,
    provenance,
  };
}

/** The title without a site name the page confirms (see title-site.ts). */
function withoutSiteName(
  title: string | null,
  index: PageIndex,
  meta: MetaTags,
  publisher: string | undefined,
  url: string,
): string | null {
  if (!title) return null;
  const siteNames = [publisher, ...SITE_NAME_KEYS.flatMap((k) => metaValues(meta, [k]))].filter((v): v is string => !!v);
  // A line break in a heading separates words ("Data Analytics<br>Agency"). Its text is what a
  // screen reader reads, when that is not nothing (content-dom readNodes).
  const headingText = (h: Element, read = readNodes(h)): string => cleanMetaText(nodesToText(read)) || cleanMetaText(nodesToText([h])) || '';
  const headings = index.h1.slice(0, 5).map((h) => headingText(h));
  const scope = index.mainScope;
  const own = (scope && index.h1.find((h) => contains(scope, h))) ?? (index.h1.length === 1 ? index.h1[0] : null);
  const read = own ? readNodes(own) : [];
  const headline = own ? headingText(own, read) : null;
  const headlineParts = own ? partsOf(read[0] === own ? own.children : read).map((p) => cleanMetaText(p) ?? '') : [];
  return articleTitle(title, { headings, headline, headlineParts, siteNames: siteNames.map((n) => cleanMetaText(n) ?? ''), url }) || title;
}

/** Texts of `nodes` and of the elements and text nodes under them, each on its own. */
function partsOf(nodes: readonly AnyNode[]): string[] {
  const out: string[] = [];
  for (const c of nodes) {
    if (c.type === 'text') out.push(c.data);
    else if (c.type === 'tag') out.push(textOf(c), ...partsOf(c.children));
  }
  return out;
}

function pageLang(index: PageIndex, meta: MetaTags, ldLang: string | undefined): string | null {
  const attrs = index.html?.attribs;
  const html = (attrs?.lang ?? attrs?.['xml:lang'])?.trim();
  if (html) return html;
  const value = firstMeta(meta, ['og:locale', 'content-language', 'language', 'dc.language', 'dc:language']) ?? ldLang;
  return value ? value.trim().replace(/_/g, '-') : null;
}

/**
 * A configured `selector` / `selector@attr`: text (or attribute) of the first match. With
 * `datetime`, a `<time>` match gives its `datetime` (as list selectors do): the visible text often
 * lacks the time of day or the zone. `@attr` alone names no element on an article page: no match.
 */
function bySelector(doc: ParentNode, { selector, attr }: FieldSelector, datetime = false): string | null {
  if (!selector) return null;
  try {
    const el = cheerioOf(doc)(selector).first();
    if (!el.length) return null;
    const value = attr ? el.attr(attr) : (datetime && el.is('time') && el.attr('datetime')?.trim()) || el.text();
    return value ? collapse(value) || null : null;
  } catch {
    return null; // an invalid selector given to the library must not break extraction
  }
}


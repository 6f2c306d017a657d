// Page metadata: everything about an article page except its body.
//
// Sources and their order of preference (first non-empty wins):
//   title       config selector › JSON-LD name/headline › dc:title, og:title, meta title, twitter:title
//               › cleaned <title> / sole <h1> (see title.ts)
//   author      config selector › JSON-LD author(s) › dc:creator, meta author, parsely-author,
//               article:author (not a URL) › page byline marked up as such (see byline.ts)
//               › other author metas (byl, sailthru.author…) › "By Jane Doe" text
//   date        config selector › (wiki revision permalink: the modification date)
//               › JSON-LD article datePublished › published meta tags
//               (article:published_time, og:published_time, DC.date.issued…, see PUBLISHED_KEYS)
//               › itemprop=datePublished, <time>, epoch data-* time attributes in the page
//               (page-date.ts) › JSON-LD dateCreated, loose metas (date, DC.date…,
//               WEAK_PUBLISHED_KEYS), JSON-LD WebPage datePublished › a full date in the URL
//               › publication keys in inline script data (script-date.ts)
//               › date-like text in elements named "date"/"time"…
//               › the modification date › any short text (or small script literal) with a date
//               in it (last resort)
//   modified    JSON-LD dateModified › article:modified_time, og:updated_time, DC.date.modified…
//   siteName    JSON-LD publisher name › og:site_name › application-name
//   lang        <html lang> › og:locale › content-language › JSON-LD inLanguage
//   image       og:image › JSON-LD image › twitter:image (absolute)
//   canonical   <link rel=canonical> › og:url (absolute)
//   categories  article:section, article:tag, JSON-LD articleSection/keywords, meta keywords…
//   description JSON-LD description › og:description › meta description › twitter:description
// Dates come out as ISO 8601 in the offset they were written in, or the source zone's when written
// without one or in UTC (see presentInLocalDay: configured zone › URL day › the page's own offsets).
import type { ParentNode } from 'domhandler';
import { cheerioOf } from '../html/parse.ts';
import type { ExtractOptions } from './options.ts';
import { parseDateParts, type DateParseOptions, type ParsedDate } from './date.ts';
import { formatWithOffset, fromWallClock, zoneOffsetMinutes } from './date-zone.ts';
import { readJsonLd } from './jsonld.ts';
import { pageIndex, type PageIndex } from './page-index.ts';
import { collectMeta, firstMeta, type MetaTags } from './meta-tags.ts';
import { extractTitle } from './title.ts';
import { extractByline, splitAuthors, textByline } from './byline.ts';
import { dateFromUrl, type UrlDate } from './url-date.ts';
import { dateCandidates, type DateCandidate } from './page-date.ts';
import { scriptPublishedDates } from './script-date.ts';
import { absoluteUrl, collapse, looksLikeUrl, unescapeEntities } from './text.ts';

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
}

/** Meta tags that name the publication date of this article specifically. */
const PUBLISHED_KEYS = [
  'article:published_time', 'article:published', 'og:article:published_time', 'og:published_time',
  'datepublished', 'article.published', 'published_time', 'published-date', 'published_date', 'publish-date',
  'publish_date', 'publishdate', 'pubdate', 'pub_date', 'pub-date', 'parsely-pub-date', 'sailthru.date',
  'dc.date.issued', 'dc:date:issued', 'dcterms.issued', 'dcterms:issued', 'citation_publication_date',
  'originalpublicationdate', 'article_date_original', 'bt:pubdate', 'rnews:datepublished', 'date_published',
  'article:post_date', 'og:regdate', 'nv:date',
];
/** Looser date metas (often a site-wide or template value): after the page's own date markup. */
const WEAK_PUBLISHED_KEYS = [
  'dc.date.created', 'dcterms.created', 'dcterms:created', 'dc.date', 'dc:date', 'dcterms.date', 'citation_date',
  'datecreated', 'date', 'creation_date', 'content_create_date',
];
const MODIFIED_KEYS = [
  'article:modified_time', 'article:modified', 'og:updated_time', 'datemodified', 'dc.date.modified',
  'dcterms.modified', 'dcterms:modified', 'last-modified', 'lastmod', 'article_date_updated', 'og:article:modified_time',
  'modified_time', 'dateupdated', 'article:updated_time',
];
const AUTHOR_KEYS = [
  'dc:creator', 'dc.creator', 'dcterm:creator', 'dcterms.creator', 'dcterms:creator', 'author', 'parsely-author',
  'article:author',
];
/** Author meta tags Reader View does not read: used only when the page shows no byline either. */
const WEAK_AUTHOR_KEYS = ['byl', 'sailthru.author', 'citation_author', 'name:article:author', 'dc.contributor'];
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
  const article = ld.article;
  const base = absoluteUrl(index.baseHref, url) ?? url;
  const selectors = options.selectors ?? {};

  const lang = pageLang(index, meta, article?.inLanguage);
  const dateOptions: DateParseOptions = { timezone: options.timezone, now: options.now, lang };

  const unmatchedSelectors: string[] = [];
  const selected = (field: 'title' | 'author' | 'date'): string | null => {
    const selector = selectors[field];
    if (!selector) return null;
    const value = bySelector(doc, selector, field === 'date');
    if (!value) unmatchedSelectors.push(field);
    return value;
  };

  // Title
  const title = selected('title') || extractTitle(doc, meta, article, index);

  // Author
  let author = selected('author');
  let authors: string[] = [];
  if (!author && article?.authors.length) {
    authors = article.authors;
    author = authors.join(', ');
  }
  author ||= metaAuthor(meta, AUTHOR_KEYS) ?? extractByline(doc, false) ?? metaAuthor(meta, WEAK_AUTHOR_KEYS) ?? textByline(doc, index);
  if (author) author = collapse(author) || null;
  if (!authors.length) authors = splitAuthors(author);

  // Dates
  const modifiedParsed =
    parseFirst([article?.dateModified, ...metaValues(meta, MODIFIED_KEYS), ld.pageDateModified], dateOptions);
  const selectedDate = selected('date');
  const picked = pickPublished(doc, index, url, meta, ld, selectedDate, dateOptions, modifiedParsed);
  // A date selector that finds text but no date is as good as no match.
  if (selectedDate && picked?.source !== 'selector') unmatchedSelectors.push('date');
  const dateParsed = picked && presentInLocalDay(picked, dateFromUrl(url), options.timezone, () => pageZoneOffset(index));

  // Site, language, links
  const siteName = article?.publisher || firstMeta(meta, ['og:site_name', 'application-name', 'twitter:site:name']) || null;
  const image = absoluteUrl(
    firstMeta(meta, ['og:image', 'og:image:url', 'og:image:secure_url']) ?? article?.image ??
      firstMeta(meta, ['twitter:image', 'twitter:image:src', 'thumbnail']) ?? index.imageSrcHref,
    base,
  );
  const canonicalUrl = absoluteUrl(index.canonicalHref ?? firstMeta(meta, ['og:url']), base);

  const categories = uniqueCategories([
    ...metaValues(meta, ['article:section']),
    ...(article?.sections ?? []),
    ...metaValues(meta, ['article:tag']),
    ...(article?.keywords ?? []),
    ...metaValues(meta, ['news_keywords', 'keywords']).flatMap((v) => v.split(',')),
  ]);

  const description = article?.description ?? firstMeta(meta, DESCRIPTION_KEYS);

  // Pages often escape entities twice (JSON-LD and metas alike): decode once more, as Reader View does.
  const clean = (v: string | null | undefined): string | null => (v ? collapse(unescapeEntities(v)) || null : null);
  return {
    title: clean(title),
    author: clean(author),
    authors,
    date: dateParsed ? formatWithOffset(dateParsed.date, dateParsed.offset) : null,
    modified: modifiedParsed ? formatWithOffset(modifiedParsed.date, modifiedParsed.offset) : null,
    siteName: clean(siteName),
    lang,
    image,
    canonicalUrl,
    categories,
    description: clean(description),
    unmatchedSelectors,
  };
}

const REVISION_URL = /[?&](?:oldid|diff)=\d/;

function pickPublished(
  doc: ParentNode,
  index: PageIndex,
  url: string,
  meta: MetaTags,
  ld: ReturnType<typeof readJsonLd>,
  /** The configured date selector's text, if it matched. */
  selected: string | null,
  options: DateParseOptions,
  modified: ParsedDate | null,
): (ParsedDate & { source?: 'selector' }) | null {
  if (selected) {
    const fromSelector = parseFirst([selected], options);
    if (fromSelector) return { ...fromSelector, source: 'selector' };
  }
  // A permalink to one revision of a wiki page (MediaWiki `?oldid=` / `?diff=`) shows that
  // revision: its date is the page's modification date, not the day the page was first created.
  if (modified && REVISION_URL.test(url)) return modified;

  const machine = parseFirst([ld.article?.datePublished, ...metaValues(meta, PUBLISHED_KEYS)], options);
  if (machine) return machine;

  const candidates = dateCandidates(doc);
  const strict = { ...options, requireYear: true };
  const fromSource = (...sources: DateCandidate['source'][]): string[] =>
    candidates.filter((c) => sources.includes(c.source)).map((c) => c.value);
  const markup = parseFirst(fromSource('itemprop', 'time-pubdate', 'time-article', 'time', 'abbr', 'epoch'), strict);
  if (markup) return markup;
  const weak = parseFirst(
    [ld.article?.dateCreated, ...metaValues(meta, WEAK_PUBLISHED_KEYS), ld.pageDatePublished],
    options,
  );
  if (weak) return weak;

  const fromUrl = dateFromUrl(url);
  if (fromUrl) return { ...fromWallClock(fromUrl, options.timezone), hasTime: false };
  const inScript = parseFirst(scriptPublishedDates(index.inlineScripts), options);
  if (inScript) return inScript;

  return (
    parseFirst(fromSource('class-text'), strict) ?? modified ?? parseFirst(fromSource('text'), strict)
  );
}

/**
 * A time written in UTC says nothing about the publisher's calendar day. Show it in the source's
 * zone when one is configured. Otherwise, when the URL gives the publisher's day and the UTC day
 * is one off and the time is within 6 hours of midnight, in the nearest whole-hour offset that
 * falls on that day (the instant is unchanged). Without a URL day, in the offset the page writes
 * its other timestamps in (`pageOffset`, computed only when needed), if any.
 */
function presentInLocalDay(
  parsed: ParsedDate,
  urlDay: UrlDate | null,
  timezone: string | undefined,
  pageOffset: () => number | null,
): ParsedDate {
  if (parsed.offset !== 0 || !parsed.hasTime) return parsed;
  if (timezone && timezone !== 'UTC') return { ...parsed, offset: zoneOffsetMinutes(timezone, parsed.date) };
  if (!urlDay) {
    const offset = pageOffset();
    return offset ? { ...parsed, offset } : parsed;
  }
  const d = parsed.date;
  const utcDay = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const diffDays = (Date.UTC(urlDay.year, urlDay.month - 1, urlDay.day) - utcDay) / 86400000;
  const minutes = d.getUTCHours() * 60 + d.getUTCMinutes();
  let offset = 0;
  if (diffDays === -1) offset = -Math.ceil((minutes + 1) / 60) * 60;
  else if (diffDays === 1) offset = Math.ceil((1440 - minutes) / 60) * 60;
  // Only a time near midnight UTC is explained by the zone; farther off, the URL date is another day
  // (often the day the story was filed).
  return offset !== 0 && Math.abs(offset) <= 6 * 60 ? { ...parsed, offset } : parsed;
}

// A time with an offset, then what must precede it to make a full timestamp:
// `2020-05-01T23:00:00-04:00`, `Fri, 01 May 2020 23:00:00 -0400`. (Matching the time first is
// several times faster than a pattern that starts with the date.)
const OFFSET_TIME = /\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s?([+-])(\d{2}):?(\d{2})(?!\d)/g;
const STAMP_DATE = /(?:\d{4}-\d{2}-\d{2}T|\d{4} )$/;

/**
 * The zone the page writes its own timestamps in: the most frequent non-zero offset among full
 * timestamps in its scripts, metas and <time> elements (UTC ones say nothing: they are how
 * servers serialize, not where the publisher is). Null when the page writes none.
 */
function pageZoneOffset(index: PageIndex): number | null {
  const counts = new Map<number, number>();
  const scan = (text: string | undefined): void => {
    if (!text || text.length < 16) return;
    OFFSET_TIME.lastIndex = 0;
    for (let m = OFFSET_TIME.exec(text); m; m = OFFSET_TIME.exec(text)) {
      if (!STAMP_DATE.test(text.slice(Math.max(0, m.index - 11), m.index))) continue;
      const minutes = (+m[2] * 60 + +m[3]) * (m[1] === '-' ? -1 : 1);
      if (minutes !== 0 && Math.abs(minutes) <= 14 * 60) counts.set(minutes, (counts.get(minutes) ?? 0) + 1);
    }
  };
  for (const el of index.inlineScripts) {
    const child = el.children[0];
    if (child && child.type === 'text') scan(child.data);
  }
  for (const el of index.metas) scan(el.attribs.content);
  for (const el of index.times) scan(el.attribs.datetime);
  let best: number | null = null;
  let bestCount = 0;
  for (const [offset, count] of counts) {
    if (count > bestCount) [best, bestCount] = [offset, count];
  }
  return best;
}

function parseFirst(values: (string | undefined | null)[], options: DateParseOptions): ParsedDate | null {
  for (const v of values) {
    if (!v) continue;
    const parsed = parseDateParts(v, options);
    if (parsed) return parsed;
  }
  return null;
}

function metaAuthor(meta: MetaTags, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = firstMeta(meta, [key]);
    if (value && !looksLikeUrl(value)) return value;
  }
  return null;
}

function metaValues(meta: MetaTags, keys: readonly string[]): string[] {
  return keys.flatMap((k) => meta.get(k) ?? []);
}

function pageLang(index: PageIndex, meta: MetaTags, ldLang: string | undefined): string | null {
  const attrs = index.html?.attribs;
  const html = (attrs?.lang ?? attrs?.['xml:lang'])?.trim();
  if (html) return html;
  const value = firstMeta(meta, ['og:locale', 'content-language', 'language', 'dc.language', 'dc:language']) ?? ldLang;
  return value ? value.trim().replace(/_/g, '-') : null;
}

/**
 * `selector` or `selector@attr` from the config: text (or attribute) of the first match. With
 * `datetime`, a `<time>` match gives its `datetime` (as list selectors do): the visible text often
 * lacks the time of day or the zone.
 */
function bySelector(doc: ParentNode, selector: string, datetime = false): string | null {
  const at = selector.lastIndexOf('@');
  const css = at > 0 ? selector.slice(0, at) : selector;
  const attr = at > 0 ? selector.slice(at + 1) : null;
  try {
    const el = cheerioOf(doc)(css).first();
    if (!el.length) return null;
    const value = attr ? el.attr(attr) : (datetime && el.is('time') && el.attr('datetime')?.trim()) || el.text();
    return value ? collapse(value) || null : null;
  } catch {
    return null; // an invalid selector in the config must not break extraction
  }
}

function uniqueCategories(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = collapse(raw);
    if (!v || v.length > 80 || looksLikeUrl(v) || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

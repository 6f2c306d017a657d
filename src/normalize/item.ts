/**
 * Normalization: what the extractors found (article page and/or listing entry) → a storable Item.
 * Every stored string goes through `stripXmlInvalid`, so feeds never carry characters XML 1.0 forbids.
 */
import type { SourceConfig } from '../config/types.ts';
import { splitAuthors } from '../extract/author-names.ts';
import { parseDateParts } from '../utils/dates/parse.ts';
import { dateReadingLang } from '../utils/dates/english-order.ts';
import { shownOffset } from '../utils/dates/zone.ts';
import type { ExtractedArticle, Item, ListedLink } from '../model.ts';
import { DEFAULTS } from '../defaults.ts';
import { sha256Hex } from '../utils/hash.ts';
import { canonicalLanguage } from '../utils/locale.ts';
import { absoluteHttpUrl } from '../utils/url.ts';
import { truncateText } from '../utils/text.ts';
import { cleanText, cleanTitle, stripXmlInvalid } from './text.ts';
import { canonicalUrl, itemId } from './url.ts';

/** What is known about one article. At least one of `article` and `listed` must be present. */
export interface NormalizeInput {
  /** The extracted article page, when it was fetched. */
  article?: ExtractedArticle | null;
  /** The listing entry that linked to it; its fields fill gaps left by the article. */
  listed?: ListedLink | null;
  /** Final URL of the article page after redirects. Default: `listed.url`. */
  fetchedUrl?: string;
}

export interface NormalizeContext {
  source: SourceConfig;
  fetchedAt: Date;
}

const TITLE_FALLBACK_LENGTH = 80;


/** Plain text from a string that may still contain markup (listing summaries sometimes do). */
function plainText(s: string): string {
  return cleanText(s.replace(/<\/?[a-z][^<>]*>/gi, ' '));
}

/** Cleaned for storage, empties dropped, deduplicated case-insensitively; order kept. */
function dedupe(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const v = stripXmlInvalid(cleanText(raw));
    if (v === '' || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

/** The article's people: its author list, else its byline read by the extractor's splitter. */
function authorsOf(article: ExtractedArticle | null | undefined): string[] {
  if (!article) return [];
  return dedupe(article.authors ?? splitAuthors(article.author));
}

function nonEmpty(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const v = cleanText(s);
  return v === '' ? null : v;
}

/**
 * The hash that decides "this item was edited": what a reader sees (title, content, summary,
 * authors, image, categories). Dates and fetch times are left out on purpose.
 */
function contentHash(item: Pick<Item, 'title' | 'contentHtml' | 'summary' | 'authors' | 'image' | 'categories'>): Promise<string> {
  return sha256Hex(JSON.stringify([item.title, item.contentHtml, item.summary, item.authors, item.image, item.categories]));
}

/** An instant and the offset feeds show it in (see `Item.publishedOffset`). */
interface Dated {
  date: Date;
  offset: number | null;
}

/** Publication instant: article date → listing date (source zone) → first-seen time. */
function publishedAt(input: NormalizeInput, ctx: NormalizeContext, lang: string | null): Dated {
  const timezone = ctx.source.timezone;
  const options = { timezone, now: ctx.fetchedAt, lang };
  for (const text of [input.article?.date, input.listed?.date]) {
    if (!text || text.trim() === '') continue;
    const parsed = parseDateParts(text, options);
    if (parsed && !Number.isNaN(parsed.date.getTime())) return { date: parsed.date, offset: shownOffset(parsed.date, parsed.offset, timezone) };
  }
  return { date: ctx.fetchedAt, offset: shownOffset(ctx.fetchedAt, null, timezone) };
}

/**
 * Last change: the article's own modification date (never after the fetch, never before
 * publication), else the publication instant.
 */
function updatedAt(input: NormalizeInput, ctx: NormalizeContext, lang: string | null, published: Dated): Dated {
  const text = input.article?.modified;
  const timezone = ctx.source.timezone;
  const modified = text && text.trim() !== '' ? parseDateParts(text, { timezone, now: ctx.fetchedAt, lang }) : null;
  if (!modified || Number.isNaN(modified.date.getTime())) return published;
  const offset = shownOffset(modified.date, modified.offset, timezone) ?? published.offset;
  const capped = modified.date > ctx.fetchedAt ? ctx.fetchedAt : modified.date;
  return capped < published.date ? published : { date: capped, offset };
}

/** Builds the stored form of several articles read at one instant, in their order (plain data in and out). */
export function normalizeItems(inputs: NormalizeInput[], ctx: NormalizeContext): Promise<Item[]> {
  return Promise.all(inputs.map((input) => normalizeItem(input, ctx)));
}

/** Build the stored form of one article. */
export async function normalizeItem(input: NormalizeInput, ctx: NormalizeContext): Promise<Item> {
  const { article, listed } = input;
  const fetchedUrl = input.fetchedUrl ?? listed?.url;
  if (!fetchedUrl) throw new TypeError('normalizeItem: needs a fetchedUrl or a listed link');

  const url = stripXmlInvalid(canonicalUrl(article?.canonicalUrl ?? null, fetchedUrl));
  const language = canonicalLanguage(article?.lang) ?? canonicalLanguage(ctx.source.language);

  const rawSummary = nonEmpty(article?.excerpt) ?? nonEmpty(listed?.summary) ?? nonEmpty(article?.text);
  const summaryText = rawSummary === null ? null : plainText(rawSummary);
  const summary = summaryText ? stripXmlInvalid(truncateText(summaryText, DEFAULTS.maxSummaryChars)) : null;

  const rawTitle = nonEmpty(article?.title) ?? nonEmpty(listed?.title);
  let title = rawTitle ? stripXmlInvalid(cleanTitle(rawTitle, article?.siteName ?? ctx.source.title)) : '';
  // Never an empty title: fall back to the opening words, then to the URL.
  if (title === '') title = summaryText ? stripXmlInvalid(truncateText(summaryText, TITLE_FALLBACK_LENGTH)) : url;

  const authors = authorsOf(article);
  const contentHtml = article?.html && article.html.trim() !== '' ? stripXmlInvalid(article.html) : null;
  // The page's own image, the listing's, then the content's first picture.
  const imageUrl = absoluteHttpUrl(article?.image, fetchedUrl) ?? absoluteHttpUrl(listed?.image, fetchedUrl) ??
    absoluteHttpUrl(article?.contentImage, fetchedUrl);
  const image = imageUrl ? stripXmlInvalid(imageUrl) : null;
  const categories = dedupe(article?.categories ?? []);

  // A listing's "06/09/2020" on a .co.uk site, or a source set to `language: en-GB`, is 6 September (english-order.ts).
  const dateLang = dateReadingLang(language, fetchedUrl, ctx.source.language);
  const published = publishedAt(input, ctx, dateLang);
  const updated = updatedAt(input, ctx, dateLang, published);
  return {
    id: await itemId(url),
    sourceId: ctx.source.id,
    url,
    title,
    authors,
    published: published.date.toISOString(),
    updated: updated.date.toISOString(),
    publishedOffset: published.offset,
    updatedOffset: updated.offset,
    firstSeen: ctx.fetchedAt.toISOString(),
    summary,
    contentHtml,
    image,
    categories,
    language,
    contentHash: await contentHash({ title, contentHtml, summary, authors, image, categories }),
  };
}

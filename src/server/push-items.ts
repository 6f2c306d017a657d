/**
 * Articles pushed through the ingest API (`type: push` sources): the way one validated entry
 * (push-schema.ts) becomes a stored Item, through the same normalization as scraped items.
 */
import type { SourceConfig } from '../config/types.ts';
import { parseStatedDate } from '../utils/dates/parse.ts';
import { shownOffset } from '../utils/dates/zone.ts';
import { sanitizeContent } from '../html/sanitize.ts';
import { htmlToText, textToHtml } from '../html/to-text.ts';
import type { ExtractedArticle, Item } from '../model.ts';
import { normalizeItem } from '../normalize/item.ts';
import { canonicalUrl, itemId } from '../normalize/url.ts';
import { authorNames, describeIssues, pushItemSchema, type PushDefaults, type PushItem } from './push-schema.ts';

/** A valid entry; `explicitId` when the client named the item by `id` (else its URL names it). */
export type PushOutcome = { ok: true; item: Item; explicitId: boolean } | { ok: false; reason: string };

/** The first of two fields that mean the same, or why they conflict. */
function either<T>(a: [string, T | null | undefined], b: [string, T | null | undefined]): { value: T | null } | { reason: string } {
  if (a[1] != null && b[1] != null && a[1] !== b[1]) return { reason: `${a[0]} and ${b[0]} differ: send one of them` };
  return { value: a[1] ?? b[1] ?? null };
}

/**
 * A stated date field as an instant, with the offset feeds show it in; minutes ahead are clock
 * skew (the article is out now).
 */
function statedDate(
  field: string, text: string | null, p: PushItem, source: SourceConfig, now: Date,
): { date: Date; offset: number | null } | null | { reason: string } {
  if (text === null || text.trim() === '') return null;
  const stated = parseStatedDate(text, { timezone: source.timezone, now, lang: p.language ?? source.language ?? null });
  if (!stated.ok) return { reason: `${field}: ${JSON.stringify(text)} ${stated.problem}` };
  const date = stated.date > now ? now : stated.date;
  return { date, offset: shownOffset(date, stated.offset, source.timezone) };
}

/** Validate and normalize one pushed entry for `source`, as of `now`. */
export async function pushedItem(
  raw: unknown,
  source: SourceConfig,
  now: Date,
  defaults: PushDefaults = { authors: [], language: null },
): Promise<PushOutcome> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: 'expected a JSON object with at least "url"' };
  }
  const parsed = pushItemSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, raw) };
  const p = parsed.data;
  // A link post of JSON Feed may have only `external_url`: that is the page to link.
  const link = p.url ?? p.external_url;
  if (link == null) return { ok: false, reason: 'url: required (or external_url)' };
  const content = either(['content_html', p.content_html], ['contentHtml', p.contentHtml]);
  if ('reason' in content) return { ok: false, reason: content.reason };
  const dateText = either(['published', p.published], ['date_published', p.date_published]);
  if ('reason' in dateText) return { ok: false, reason: dateText.reason };
  const published = statedDate(dateText.value === p.published ? 'published' : 'date_published', dateText.value, p, source, now);
  if (published && 'reason' in published) return { ok: false, reason: published.reason };
  const modified = statedDate('date_modified', p.date_modified ?? null, p, source, now);
  if (modified && 'reason' in modified) return { ok: false, reason: modified.reason };

  const url = canonicalUrl(null, link);
  const rawHtml = content.value ?? (p.content_text ? textToHtml(p.content_text) : null);
  const html = rawHtml && rawHtml.trim() !== '' ? sanitizeContent(rawHtml, url) : '';
  const attachedImage = p.attachments?.find((a) => /^image\//i.test(a.mime_type))?.url;
  // Authors arrive as a list (or one string of names): kept as given, never re-split.
  const own = authorNames(p.authors, p.author);
  const authors = own.length > 0 ? own : defaults.authors;
  const article: ExtractedArticle = {
    title: p.title ?? null,
    author: authors.length > 0 ? authors.join(', ') : null,
    authors,
    date: null, // set below: a stated date is kept whatever its year
    text: html ? htmlToText(html) : '',
    html,
    excerpt: p.summary ?? null,
    siteName: null,
    lang: p.language ?? defaults.language,
    image: p.image ?? p.banner_image ?? attachedImage ?? null,
    canonicalUrl: null,
    categories: [...(p.categories ?? []), ...(p.tags ?? [])],
  };
  const item = await normalizeItem({ article, fetchedUrl: url }, { source, fetchedAt: now });

  if (published) {
    item.published = published.date.toISOString();
    item.publishedOffset = item.updatedOffset = published.offset;
  }
  // A new item's `updated` is its own modification time when it states one.
  if (modified) {
    const later = modified.date > new Date(item.published);
    item.updated = (later ? modified.date : new Date(item.published)).toISOString();
    item.updatedOffset = later ? modified.offset : item.publishedOffset;
  }
  item.id = p.id != null ? p.id : await itemId(item.url);
  return { ok: true, item, explicitId: p.id != null };
}

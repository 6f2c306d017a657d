/**
 * Articles pushed through the ingest API (`type: push` sources): the JSON schema, and the way
 * one validated entry becomes a stored Item (through the same normalization as scraped items).
 */
import { z } from 'zod';
import type { SourceConfig } from '../config/types.ts';
import { parseStatedDate } from '../extract/date.ts';
import type { ExtractedArticle, Item } from '../model.ts';
import { htmlToText, sanitizeContent } from '../normalize/html.ts';
import { contentHash, normalizeItem } from '../normalize/item.ts';
import { cleanText, stripXmlInvalid } from '../normalize/text.ts';
import { canonicalUrl, itemId } from '../normalize/url.ts';

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const httpUrl = z.string().trim().max(2048, { message: 'must be at most 2048 characters' })
  .refine(isHttpUrl, { error: (iss) => `must be an absolute http or https URL, got ${JSON.stringify(iss.input)}` });
const shortText = (max: number) => z.string().max(max, { message: `must be at most ${max} characters` });

/** Explicit item ids: printable ASCII without spaces, so they fit URLs (`DELETE …/items/<id>`). */
export const PUSH_ID_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** One pushed article: the fields of our item model (snake_case or camelCase for content HTML). */
export const pushItemSchema = z.strictObject({
  id: z.string().trim().regex(PUSH_ID_PATTERN, { message: 'must be 1–200 printable ASCII characters without spaces' }).nullish(),
  url: httpUrl,
  title: shortText(2000).nullish(),
  content_html: shortText(2_000_000).nullish(),
  contentHtml: shortText(2_000_000).nullish(),
  summary: shortText(20_000).nullish(),
  authors: z.union([shortText(500), z.array(shortText(500)).max(50, { message: 'at most 50 authors' })]).nullish(),
  published: shortText(200).nullish(),
  image: httpUrl.nullish(),
  categories: z.array(shortText(200)).max(100, { message: 'at most 100 categories' }).nullish(),
  language: shortText(35).nullish(),
});

export type PushItem = z.output<typeof pushItemSchema>;

/** One line per problem: `url: must be an absolute http or https URL, got "ftp://x"`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
    if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: required`;
    return path ? `${path}: ${issue.message}` : issue.message;
  }).join('; ');
}

/** A valid entry; `explicitId` when the client named the item by `id` (else its URL names it). */
export type PushOutcome = { ok: true; item: Item; explicitId: boolean } | { ok: false; reason: string };

/** Validate and normalize one pushed entry for `source`, as of `now`. */
export async function pushedItem(raw: unknown, source: SourceConfig, now: Date): Promise<PushOutcome> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: 'expected a JSON object with at least "url"' };
  }
  const parsed = pushItemSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  const p = parsed.data;
  if (p.content_html != null && p.contentHtml != null && p.content_html !== p.contentHtml) {
    return { ok: false, reason: 'content_html and contentHtml differ: send one of them' };
  }

  let published: Date | null = null;
  if (p.published != null && p.published.trim() !== '') {
    const stated = parseStatedDate(p.published, { timezone: source.timezone, now, lang: p.language ?? source.language ?? null });
    if (!stated.ok) return { ok: false, reason: `published: ${JSON.stringify(p.published)} ${stated.problem}` };
    // Minutes ahead are clock skew: the article is out now.
    published = stated.date > now ? now : stated.date;
  }

  const url = canonicalUrl(null, p.url);
  const rawHtml = p.content_html ?? p.contentHtml ?? null;
  const html = rawHtml && rawHtml.trim() !== '' ? sanitizeContent(rawHtml, url) : '';
  const article: ExtractedArticle = {
    title: p.title ?? null,
    author: null,
    date: null, // set below: a stated date is kept whatever its year
    text: html ? htmlToText(html) : '',
    html,
    excerpt: p.summary ?? null,
    siteName: null,
    lang: p.language ?? null,
    image: p.image ?? null,
    canonicalUrl: null,
    categories: p.categories ?? [],
  };
  const item = await normalizeItem({ article, fetchedUrl: url }, { source, fetchedAt: now });

  // Authors arrive as a list (or one string of names): keep the list, do not re-split names.
  const authorList = typeof p.authors === 'string' ? [p.authors] : (p.authors ?? []);
  const seen = new Set<string>();
  item.authors = [];
  for (const a of authorList) {
    const name = stripXmlInvalid(cleanText(a));
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    item.authors.push(name);
  }
  if (published) item.published = published.toISOString();
  item.contentHash = await contentHash(item);
  item.id = p.id != null ? p.id : await itemId(item.url);
  return { ok: true, item, explicitId: p.id != null };
}

/**
 * An RSS 0.9x/2.0, RSS 1.0 (RDF), Atom or JSON Feed document → plain entries, via feedsmith
 * (no Node APIs; runs on Workers). Links are resolved against xml:base or the document URL;
 * content is left as the feed wrote it (sanitized later, in feedArticle).
 */
import { parseFeed, type AtomFeed, type JsonFeed, type RdfFeed, type RssFeed } from 'feedsmith';
import type { ExtractedArticle } from '../../model.ts';
import { sanitizeContent } from '../../html/sanitize.ts';
import { htmlToText, textToHtml } from '../../html/to-text.ts';
import { errorMessage } from '../../utils/errors.ts';

/** One feed item as the feed itself describes it. */
export interface FeedEntry {
  /** Absolute http(s) URL of the article. */
  url: string;
  /** The base relative URLs in `html`/`summary` resolve against. */
  base: string;
  title: string | null;
  /** Date text as written (parsed later, with the source's time zone). */
  date: string | null;
  /** Last-modification date text as written (Atom updated, JSON Feed date_modified…), if any. */
  modified: string | null;
  authors: string[];
  /** Full content as HTML (content:encoded, Atom content, content_html), if any. */
  html: string | null;
  /** Short description as HTML or text (RSS description, Atom summary, JSON summary). */
  summary: string | null;
  image: string | null;
  categories: string[];
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  entries: FeedEntry[];
  /** Items dropped because they had no usable link. */
  skipped: number;
}

type DateString = string;

/** Parse a feed document; throws when it is not a feed at all. */
export function parseFeedDocument(text: string, documentUrl: string): ParsedFeed {
  let result: ReturnType<typeof parseFeed>;
  try {
    result = parseFeed(text.replace(/^\uFEFF/, '').trimStart());
  } catch (err) {
    throw new Error(`not a usable RSS, Atom or JSON feed (${errorMessage(err)})`);
  }
  switch (result.format) {
    case 'rss': return fromRss(result.feed as RssFeed.Feed<DateString>, documentUrl);
    case 'rdf': return fromRdf(result.feed as RdfFeed.Feed<DateString>, documentUrl);
    case 'atom': return fromAtom(result.feed as AtomFeed.Feed<DateString>, documentUrl);
    case 'json': return fromJson(result.feed as JsonFeed.Feed<DateString>, documentUrl);
  }
}

// ── per format ──────────────────────────────────────────────────────────────────────────────────

function fromRss(feed: RssFeed.Feed<DateString>, documentUrl: string): ParsedFeed {
  const out = emptyFeed('rss', feed.title, httpUrl(feed.link, documentUrl), feed.language ?? feed.dc?.languages?.[0]);
  for (const item of feed.items ?? []) {
    const guid = item.guid?.isPermaLink !== false ? item.guid?.value : undefined;
    const url = httpUrl(item.link, documentUrl) ?? httpUrl(guid, documentUrl) ?? httpUrl(alternate(item.atom?.links), documentUrl);
    if (!url) {
      out.skipped += 1;
      continue;
    }
    const content = item.content?.encoded ?? null;
    out.entries.push({
      url,
      base: documentUrl,
      title: titleText(item.title ?? item.dc?.titles?.[0]),
      date: first(item.pubDate, item.dc?.dates?.[0], item.dcterms?.created?.[0], item.dcterms?.modified?.[0], item.atom?.published, item.atom?.updated),
      modified: first(item.atom?.updated, item.dcterms?.modified?.[0]),
      authors: people([...(item.authors ?? []), ...(item.dc?.creators ?? [])]),
      html: nonEmpty(content) ?? nonEmpty(item.description),
      summary: content ? nonEmpty(item.description) : null,
      image: imageOf(item.enclosures, item.media, documentUrl),
      categories: (item.categories ?? []).map((c) => c.name ?? '').concat(item.dc?.subjects ?? []),
    });
  }
  return out;
}

function fromRdf(feed: RdfFeed.Feed<DateString>, documentUrl: string): ParsedFeed {
  const out = emptyFeed('rdf', feed.title, httpUrl(feed.link, documentUrl), feed.dc?.languages?.[0]);
  for (const item of feed.items ?? []) {
    const url = httpUrl(item.link, documentUrl) ?? httpUrl(item.rdf?.about, documentUrl);
    if (!url) {
      out.skipped += 1;
      continue;
    }
    const content = item.content?.encoded ?? null;
    out.entries.push({
      url,
      base: documentUrl,
      title: titleText(item.title ?? item.dc?.titles?.[0]),
      date: first(item.dc?.dates?.[0], item.dcterms?.created?.[0], item.dcterms?.modified?.[0]),
      modified: first(item.dcterms?.modified?.[0]),
      authors: people(item.dc?.creators ?? []),
      html: nonEmpty(content) ?? nonEmpty(item.description),
      summary: content ? nonEmpty(item.description) : null,
      image: imageOf(undefined, item.media, documentUrl),
      categories: item.dc?.subjects ?? [],
    });
  }
  return out;
}

function fromAtom(feed: AtomFeed.Feed<DateString>, documentUrl: string): ParsedFeed {
  const feedBase = resolve(xmlBase(feed), documentUrl) ?? documentUrl;
  const language = (feed as { xml?: { lang?: string } }).xml?.lang ?? feed.dc?.languages?.[0];
  const out = emptyFeed('atom', textOf(feed.title), httpUrl(alternate(feed.links), feedBase), language);
  for (const entry of feed.entries ?? []) {
    const base = resolve(xmlBase(entry), feedBase) ?? feedBase;
    const url = httpUrl(alternate(entry.links), base) ?? httpUrl(entry.id, base);
    if (!url) {
      out.skipped += 1;
      continue;
    }
    const content = entry.content?.src ? null : atomHtml(entry.content);
    out.entries.push({
      url,
      base,
      title: textOf(entry.title),
      date: first(entry.published, entry.dc?.dates?.[0], entry.updated),
      modified: first(entry.updated),
      // Entry authors, else the feed's (Atom inherits them).
      authors: people([...(entry.authors?.length ? entry.authors : feed.authors ?? []), ...(entry.dc?.creators ?? [])]),
      html: content,
      summary: content ? atomHtml(entry.summary) : null,
      image: imageOf(undefined, entry.media, base) ?? httpUrl(enclosure(entry.links, 'image/'), base),
      categories: (entry.categories ?? []).map((c) => c.label ?? c.term ?? ''),
    });
    // Atom without content: the summary is all there is.
    const last = out.entries[out.entries.length - 1];
    if (!last.html) last.html = atomHtml(entry.summary);
  }
  return out;
}

function fromJson(feed: JsonFeed.Feed<DateString>, documentUrl: string): ParsedFeed {
  const out = emptyFeed('json', feed.title, httpUrl(feed.home_page_url, documentUrl), feed.language);
  const feedAuthors = (feed.authors ?? []).map((a) => a.name ?? '');
  for (const item of feed.items ?? []) {
    const url = httpUrl(item.url, documentUrl) ?? httpUrl(item.external_url, documentUrl) ?? httpUrl(item.id, documentUrl);
    if (!url) {
      out.skipped += 1;
      continue;
    }
    const html = nonEmpty(item.content_html) ?? (item.content_text ? textToHtml(item.content_text) : null);
    const authors = (item.authors ?? []).map((a) => a.name ?? '');
    out.entries.push({
      url,
      base: url,
      title: titleText(item.title),
      date: first(item.date_published, item.date_modified),
      modified: first(item.date_modified),
      authors: people(authors.length ? authors : feedAuthors),
      html,
      summary: html ? nonEmpty(item.summary) : null,
      image: httpUrl(item.image, url) ?? httpUrl(item.banner_image, url) ??
        httpUrl(item.attachments?.find((a) => a.mime_type?.startsWith('image/'))?.url, url),
      categories: item.tags ?? [],
    });
    const last = out.entries[out.entries.length - 1];
    if (!last.html && item.summary) last.html = textToHtml(item.summary);
  }
  return out;
}

// ── entry → article ─────────────────────────────────────────────────────────────────────────────

/**
 * A feed entry in the shape the article extractor produces, sanitized like a scraped page. The
 * feed names each author on its own (`authors`), so a name with a comma stays one author; `author`
 * is the display string.
 */
export function feedArticle(entry: FeedEntry, feed: Pick<ParsedFeed, 'title' | 'language'>): ExtractedArticle & { authors: string[] } {
  const html = entry.html ? sanitizeContent(entry.html, entry.base) : '';
  const text = html ? htmlToText(html, { captions: false }) : '';
  const summary = entry.summary ? htmlToText(sanitizeContent(entry.summary, entry.base)) : null;
  return {
    title: entry.title,
    author: entry.authors.length ? entry.authors.join(', ') : null,
    authors: entry.authors,
    date: entry.date,
    modified: entry.modified,
    text,
    html,
    excerpt: summary && summary !== '' ? summary : null,
    siteName: feed.title,
    lang: feed.language,
    image: entry.image,
    canonicalUrl: null,
    categories: entry.categories.filter((c) => c.trim() !== ''),
  };
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

function emptyFeed(format: ParsedFeed['format'], title: string | null | undefined, siteUrl: string | null, language: string | null | undefined): ParsedFeed {
  return { format, title: titleText(title ?? null), siteUrl, language: nonEmpty(language), entries: [], skipped: 0 };
}

function nonEmpty(s: string | null | undefined): string | null {
  return typeof s === 'string' && s.trim() !== '' ? s : null;
}

function first(...values: (string | null | undefined)[]): string | null {
  for (const v of values) if (nonEmpty(v)) return v!.trim();
  return null;
}

function resolve(value: string | null | undefined, base: string): string | null {
  if (!nonEmpty(value)) return null;
  try {
    return new URL(value!.trim(), base).href;
  } catch {
    return null;
  }
}

/** Absolute http(s) URL, or null (tag: ids, mailto:, unparsable). */
function httpUrl(value: string | null | undefined, base: string): string | null {
  const u = resolve(value, base);
  return u && /^https?:/i.test(u) ? u : null;
}

function xmlBase(node: unknown): string | undefined {
  return (node as { xml?: { base?: string } }).xml?.base;
}

/** The `rel="alternate"` (or rel-less) link, preferring HTML. */
function alternate(links: { href?: string; rel?: string; type?: string }[] | undefined): string | undefined {
  const candidates = (links ?? []).filter((l) => l.href && (!l.rel || l.rel === 'alternate'));
  return (candidates.find((l) => !l.type || /html/i.test(l.type)) ?? candidates[0])?.href;
}

function enclosure(links: { href?: string; rel?: string; type?: string }[] | undefined, typePrefix: string): string | undefined {
  return links?.find((l) => l.rel === 'enclosure' && l.type?.startsWith(typePrefix))?.href;
}

/** Titles may carry markup (Atom type="html", RSS titles with tags): keep the text only. */
function titleText(s: string | null | undefined): string | null {
  const v = nonEmpty(s);
  if (!v) return null;
  return /<\/?[a-z][^<>]*>|&[#a-z0-9]+;/i.test(v) ? nonEmpty(htmlToText(v)) : v.trim();
}

function textOf(t: { value?: string; type?: string } | undefined): string | null {
  if (!t?.value) return null;
  return t.type === 'html' || t.type === 'xhtml' ? titleText(t.value) : nonEmpty(t.value.trim());
}

/** Atom text construct as HTML: html/xhtml as is, text escaped. */
function atomHtml(t: { value?: string; type?: string } | undefined): string | null {
  const v = nonEmpty(t?.value);
  if (!v) return null;
  if (!t?.type || t.type === 'text') return textToHtml(v);
  return v;
}

function people(names: (string | { name?: string } | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const name = typeof n === 'string' ? n : n?.name;
    // RSS <author> is "email (Name)" by the spec.
    const clean = name?.replace(/^\S+@\S+\s*\((.+)\)$/, '$1').trim();
    if (clean && !out.includes(clean)) out.push(clean);
  }
  return out;
}

type MediaLike = { thumbnails?: { url?: string }[]; contents?: { url?: string; medium?: string; type?: string; thumbnails?: { url?: string }[] }[]; groups?: { contents?: { url?: string; medium?: string; type?: string }[] }[] };

function imageOf(enclosures: { url?: string; type?: string }[] | undefined, media: unknown, base: string): string | null {
  const m = media as MediaLike | undefined;
  const isImage = (c: { url?: string; medium?: string; type?: string }) =>
    c.medium === 'image' || c.type?.startsWith('image/') || /\.(?:jpe?g|png|gif|webp|avif)(?:$|\?)/i.test(c.url ?? '');
  const candidates = [
    enclosures?.find(isImage)?.url,
    m?.contents?.find(isImage)?.url,
    m?.groups?.flatMap((g) => g.contents ?? []).find(isImage)?.url,
    m?.thumbnails?.[0]?.url,
    m?.contents?.find((c) => c.thumbnails?.length)?.thumbnails?.[0]?.url,
  ];
  for (const c of candidates) {
    const u = httpUrl(c, base);
    if (u) return u;
  }
  return null;
}

import { Feed } from 'feed';
import type { Author, Category, Extension, FeedOptions, Item as FeedItem } from 'feed';
import type { Item } from '../model.ts';
import { withArchiveLinks } from './archive.ts';
import { canonicalLanguage } from '../utils/locale.ts';
import { cdata, ensureRootNamespace, restore, restoreSlots, rssPlainCdata, rssText, SLOT, xmlAttr, xmlText } from './feed-escapes.ts';
import { imageMimeType } from '../utils/mime.ts';
import type { FeedFormat, FeedMeta } from './types.ts';
import { absoluteHttpUrl } from '../utils/url.ts';
import { feedUrl } from './urls.ts';
import { inOffset, shifted } from './feed-dates.ts';
import { escapeXml, stripXmlIllegal } from './xml-chars.ts';
import { collapseSpace } from '../utils/text.ts';

/**
 * Renders RSS 2.0, Atom 1.0 and JSON Feed 1.1 with the `feed` package, corrected where feed 6
 * (and the xml-js writer under it) falls short of what the W3C Feed Validation Service accepts:
 *
 * - escaping: xml-js turns an existing "&amp;" in text back into "&", escapes only `"` in
 *   attributes and splits only the first "]]>" of a CDATA section. Values are handed to feed with
 *   the affected characters replaced by reserved noncharacters (U+FDD0…, stripped from all input
 *   first, so they cannot occur otherwise) and restored, correctly escaped, after rendering;
 * - RSS: bare-name `<author>` is invalid, so authors go out as `<dc:creator>` (dc namespace added
 *   to the root when feed did not add it); the guid is the permalink (isPermaLink="true"); an item
 *   with content but no summary repeats the content as description (content:encoded without a
 *   preceding description draws NeedDescriptionBeforeContent);
 * - enclosures: feed derives the type from the extension ("image/jpg", "image/" + path). RSS gets
 *   our own type (feed lets it override) and length="0", which the RSS Best Practices Profile
 *   prescribes when the size is unknown and the W3C validator accepts (it flags only negative
 *   lengths); learning real sizes would mean fetching every image. Atom
 *   ignores the override, so the image link is written by us into a placeholder slot;
 * - Atom: titles and summaries are plain text but feed declares them type="html", so they are
 *   HTML-escaped; categories carry `term`; a feed-level author is added when an entry has none;
 *   `updated` is never earlier than `published`;
 * - dates: an entry's dates are written in the offset the page gave (feed-dates.ts), else in UTC;
 * - JSON: feed emits JSON Feed 1.0 (`author`, plain text as content_html); the document is
 *   upgraded to 1.1 (`authors`, `language`, `content_text`, `hubs`).
 *
 * Items keep the given order (the store returns newest first). Pure: the same input always gives
 * the same bytes.
 */
export function renderFeed(format: FeedFormat, meta: FeedMeta, items: Item[]): string {
  const ctx = prepare(format, meta, items);
  switch (format) {
    case 'rss':
      return withStylesheet(withArchiveLinks(format, renderRss(ctx), meta.archive), meta.stylesheet);
    case 'atom':
      return withStylesheet(withArchiveLinks(format, renderAtom(ctx), meta.archive), meta.stylesheet);
    case 'json':
      return withArchiveLinks(format, renderJson(ctx), meta.archive);
  }
}

/** Adds `<?xml-stylesheet?>` right after the XML declaration (a PI may not precede it). */
function withStylesheet(xml: string, href: string | null | undefined): string {
  if (!href) return xml;
  const pi = `<?xml-stylesheet type="text/xsl" href="${escapeXml(stripXmlIllegal(href))}"?>`;
  const decl = /^<\?xml[^?]*\?>\n?/.exec(xml);
  return decl ? `${decl[0]}${pi}\n${xml.slice(decl[0].length)}` : `${pi}\n${xml}`;
}

const GENERATOR = 'feedwright';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** Input cleaned once, shared by the three writers. */
interface Prepared {
  selfUrl: string;
  siteUrl: string;
  title: string;
  description: string;
  language: string | null;
  updated: Date;
  hub: string | null;
  entries: Entry[];
}

interface Entry {
  url: string;
  title: string;
  authors: string[];
  published: Date;
  updated: Date;
  summary: string | null;
  contentHtml: string | null;
  image: string | null;
  categories: string[];
}

function prepare(format: FeedFormat, meta: FeedMeta, items: Item[]): Prepared {
  const baseUrl = meta.baseUrl.replace(/\/+$/, '');
  const entries: Entry[] = [];
  const links = new Set<string>();
  for (const item of items) {
    const url = absoluteHttpUrl(item.url);
    if (!url) continue; // cannot be linked from a feed; never expected after normalize
    if (links.has(url)) continue; // the link is the entry id: one entry per link, the newest
    links.add(url);
    const publishedAt = toDate(item.published);
    const published = publishedAt ? inOffset(publishedAt, item.publishedOffset) : (toDate(item.firstSeen) ?? new Date(0));
    const updatedAt = toDate(item.updated);
    const updated = updatedAt ? inOffset(updatedAt, item.updatedOffset ?? item.publishedOffset) : published;
    const title = line(item.title) || url;
    const contentHtml = clean(item.contentHtml) || null;
    entries.push({
      url,
      title,
      authors: item.authors.map(line).filter(Boolean),
      published,
      updated: updated < published ? published : updated,
      // An entry needs some text besides its title (Atom: MissingTextualContent); the title is it.
      summary: clean(item.summary) || (contentHtml ? null : title),
      contentHtml,
      image: absoluteHttpUrl(item.image),
      categories: [...new Set(item.categories.map(line).filter(Boolean))],
    });
  }
  distinctUpdated(entries);
  const newest = entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null);
  const title = line(meta.title) || meta.id;
  return {

    selfUrl: absoluteHttpUrl(meta.selfUrl) ?? feedUrl(baseUrl, meta.id, format),
    // A `file:` listing (local configs) is not linkable: point at this service instead.
    siteUrl: absoluteHttpUrl(meta.siteUrl) ?? `${baseUrl}/`,
    title,
    description: clean(meta.description) || `${title}: articles collected by feedwright`,
    language: canonicalLanguage(meta.language),
    updated: toDate(meta.updated) ?? (newest ? new Date(newest.getTime()) : new Date(0)), // the feed's own date in UTC
    hub: absoluteHttpUrl(meta.hub),
    entries,
  };
}

/**
 * No two entries share an `updated` instant (Atom: DuplicateUpdated), as happens with dates known
 * only to the day or minute. A tie is broken by moving the newer entry (earlier in feed order) on by
 * a millisecond, the oldest keeping its time: existing entries stay put when new ones arrive, and
 * `updated` never drops below `published`.
 */
function distinctUpdated(entries: Entry[]): void {
  const taken = new Set<number>();
  for (let i = entries.length - 1; i >= 0; i--) {
    let t = entries[i].updated.getTime();
    while (taken.has(t)) t++;
    taken.add(t);
    if (t !== entries[i].updated.getTime()) entries[i].updated = shifted(entries[i].updated, t - entries[i].updated.getTime());
  }
}

function renderRss(p: Prepared): string {
  const feed = new Feed({ ...commonOptions(p, rssText), feedLinks: { rss: p.selfUrl } });
  for (const e of p.entries) {
    const extensions: Extension[] = [];
    if (e.authors.length > 0) {
      // Several dc:creator elements: xml-js writes an array value as repeated elements.
      const creators = e.authors.map((name) => ({ _text: rssText(name) }));
      extensions.push({ name: 'dc:creator', objects: creators as unknown as Record<string, unknown> });
    }
    const item: FeedItem = {
      title: rssPlainCdata(e.title), // feed wraps item titles in CDATA
      link: e.url, // no id/guid given: feed writes <guid isPermaLink="true">link</guid>
      date: e.updated,
      published: e.published,
      // The validator wants a description before content:encoded: without a summary, the content.
      description: e.summary ? cdata(escapeXml(e.summary)) : e.contentHtml ? cdata(e.contentHtml) : undefined,
      content: e.contentHtml ? cdata(e.contentHtml) : undefined,
      category: e.categories.map((name): Category => ({ name: rssText(name) })),
      extensions,
    };
    if (e.image) item.image = { url: e.image, type: imageMimeType(e.image), length: 0 };
    feed.addItem(item);
  }
  let xml = restore(feed.rss2());
  if (p.entries.some((e) => e.authors.length > 0)) xml = ensureRootNamespace(xml, 'rss', 'dc', DC_NS);
  return xml;
}

function renderAtom(p: Prepared): string {
  const options = { ...commonOptions(p, xmlText), id: xmlText(p.selfUrl), feedLinks: { atom: p.selfUrl } };
  // RFC 4287: every entry needs an author, directly or inherited from the feed.
  if (p.entries.some((e) => e.authors.length === 0)) options.author = { name: xmlText(p.title) };
  const feed = new Feed(options);
  const images: string[] = [];
  for (const e of p.entries) {
    const item: FeedItem = {
      title: cdata(escapeXml(e.title)), // feed declares type="html"
      id: e.url,
      link: e.url,
      date: e.updated,
      published: e.published,
      description: e.summary ? cdata(escapeXml(e.summary)) : undefined,
      content: e.contentHtml ? cdata(e.contentHtml) : undefined,
      author: e.authors.map((name): Author => ({ name: xmlText(name) })),
      category: e.categories.map((term): Category => ({ term: xmlAttr(term) })),
    };
    if (e.image) {
      // feed would derive the type from the extension; write the link ourselves (see restoreSlots).
      item.copyright = `${SLOT}${images.length}${SLOT}`;
      images.push(e.image);
    }
    feed.addItem(item);
  }
  return restoreSlots(restore(feed.atom1()), images);
}

function renderJson(p: Prepared): string {
  const feed = new Feed({ ...commonOptions(p, (s) => s), feedLinks: { json: p.selfUrl } });
  for (const e of p.entries) {
    feed.addItem({
      title: e.title,
      id: e.url,
      link: e.url,
      date: e.updated,
      published: e.published,
      description: e.summary ?? undefined,
      content: e.contentHtml ?? undefined,
      image: e.image ?? undefined,
      category: e.categories.map((name): Category => ({ name })),
    });
  }
  const v1 = JSON.parse(feed.json1()) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const doc: Record<string, unknown> = {
    version: JSON_FEED_VERSION,
    title: v1.title,
    home_page_url: v1.home_page_url,
    feed_url: v1.feed_url,
    description: v1.description,
  };
  if (p.language) doc.language = p.language;
  if (p.hub) doc.hubs = [{ type: 'WebSub', url: p.hub }];
  doc.items = v1.items.map((v1Item, i) => upgradeJsonItem(v1Item, p.entries[i]));
  return JSON.stringify(doc, null, 2);
}

/** JSON Feed 1.0 item from feed → 1.1: `authors`, and plain text never posing as HTML. */
function upgradeJsonItem(v1: Record<string, unknown>, e: Entry): Record<string, unknown> {
  const { author: _author, content_html: _html, summary: _summary, ...rest } = v1;
  const out: Record<string, unknown> = { ...rest };
  if (e.contentHtml) {
    out.content_html = e.contentHtml;
    if (e.summary) out.summary = e.summary;
  } else {
    out.content_text = e.summary ?? '';
  }
  if (e.authors.length > 0) out.authors = e.authors.map((name) => ({ name }));
  if (e.categories.length === 0) delete out.tags;
  return out;
}

function commonOptions(p: Prepared, text: (s: string) => string): FeedOptions {
  return {
    title: text(p.title),
    description: text(p.description),
    link: p.siteUrl,
    language: p.language ?? undefined,
    updated: p.updated,
    generator: GENERATOR,
    hub: p.hub ?? undefined,
  };
}

// ---- input cleaning (the escaping around feed/xml-js is in feed-escapes.ts) ----

function clean(s: string | null | undefined): string {
  return s ? stripXmlIllegal(s).trim() : '';
}

/** A single-line field (title, name, term): whitespace runs collapse to one space. */
function line(s: string | null | undefined): string {
  return collapseSpace(clean(s));
}

function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

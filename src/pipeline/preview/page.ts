/** What a fetched URL is (an html page, a feed, a sitemap), and the feeds an html page advertises. */
import type { SourceType } from '../../config/types.ts';
import type { FetchResult } from '../../fetch/types.ts';
import { loadHtml } from '../../html/parse.ts';
import { absoluteHttpUrl } from '../../utils/url.ts';

export type FetchedType = Extract<SourceType, 'html' | 'feed' | 'sitemap'>;

const FEED_TYPES = /\b(?:rss|atom|rdf)\+xml\b|\bfeed\+json\b/i;
/**
 * The root element of an XML document, after the declaration, comments and doctype. Each of those
 * ends at its first terminator (`?>`, `-->`): a lazy `[\s\S]*?` could also run on across several,
 * and on a head of comments with no root after them the engine tried every grouping (2^n).
 */
const XML_ROOT = /^(?:\s|<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->|<!DOCTYPE[^<>]*>)*<([\w:.-]+)/i;

/** The source type that reads this response: by its content type, then by its first element. */
export function detectType(res: FetchResult): FetchedType {
  if (FEED_TYPES.test(res.contentType ?? '')) return 'feed';
  const head = res.text.slice(0, 4096).replace(/^\uFEFF/, '');
  const root = XML_ROOT.exec(head)?.[1].toLowerCase();
  if (root === 'rss' || root === 'feed' || root === 'rdf:rdf') return 'feed';
  if (root === 'urlset' || root === 'sitemapindex') return 'sitemap';
  if (/^\s*\{/.test(head) && /"version"\s*:\s*"https?:\/\/jsonfeed\.org\//.test(head)) return 'feed';
  // A gzipped sitemap (sitemap.xml.gz) is not text until the sitemap reader inflates it.
  if (/gzip/i.test(res.contentType ?? '') || /\.xml\.gz$/i.test(new URL(res.url).pathname)) return 'sitemap';
  return 'html';
}

export interface AdvertisedFeed {
  url: string;
  /** The declared media type (`application/rss+xml`, …). */
  type: string;
  title: string | null;
}

/** `<link rel="alternate" type="…rss/atom/json…" href>` of a page, absolute, first of each URL. */
export function advertisedFeeds(html: string, pageUrl: string): AdvertisedFeed[] {
  const $ = loadHtml(html);
  const base = absoluteHttpUrl($('base[href]').first().attr('href'), pageUrl) ?? pageUrl;
  const out: AdvertisedFeed[] = [];
  const seen = new Set<string>();
  $('link[href]').each((_, el) => {
    const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
    const type = (el.attribs.type ?? '').trim().toLowerCase();
    if (!rel.includes('alternate') || !FEED_TYPES.test(type)) return;
    const url = absoluteHttpUrl(el.attribs.href, base);
    if (!url || seen.has(url)) return;
    seen.add(url);
    out.push({ url, type, title: el.attribs.title?.trim() || null });
  });
  return out;
}

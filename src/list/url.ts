/**
 * URL helpers for the list stage: resolving links against the page (and its `<base href>`),
 * telling whether a link stays on the same site, and recognizing URLs that are never articles.
 */
import type { CheerioAPI } from 'cheerio';
import { stripTracking } from '../utils/url.ts';

/** The URL relative links resolve against: `<base href>` (itself relative to the page) or the page. */
export function baseUrlOf($: CheerioAPI, pageUrl: string): string {
  const href = $('base[href]').first().attr('href')?.trim();
  if (href) {
    const resolved = safeUrl(href, pageUrl);
    if (resolved && /^https?:$/.test(resolved.protocol)) return resolved.href;
  }
  return pageUrl;
}

function safeUrl(href: string, base: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/**
 * Absolute http(s) URL for an href, fragment dropped; null for anchors-only, `mailto:`,
 * `javascript:`, `data:` and anything unparsable.
 */
export function absoluteUrl(href: string | undefined, base: string): string | null {
  return parseHref(href, base)?.href ?? null;
}

/** http(s) links; `file:` links only on a `file:` page (a local site named in a config file). */
function allowedProtocol(protocol: string, base: string): boolean {
  if (protocol === 'http:' || protocol === 'https:') return true;
  return protocol === 'file:' && base.startsWith('file:');
}

/** Like `absoluteUrl`, as a URL object. */
function parseHref(href: string | undefined, base: string): URL | null {
  if (href === undefined) return null;
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  const url = safeUrl(trimmed, base);
  if (!url || !allowedProtocol(url.protocol, base)) return null;
  url.hash = '';
  return url;
}

/**
 * An article link's URL: absolute, fragment dropped, tracking parameters removed, so that the
 * title link (`?utm_source=homepage`) and the image link of one entry are the same URL.
 */
export function linkUrl(href: string | undefined, base: string): URL | null {
  const url = parseHref(href, base);
  return url && url.search ? new URL(stripTracking(url.href)) : url;
}

/** Absolute URL for an image reference (src, data-src, srcset candidate); keeps http(s) only. */
export function absoluteImageUrl(src: string | undefined, base: string): string | null {
  return absoluteUrl(src, base);
}

// Second-level labels under which registrations happen (example.co.uk, example.com.au).
const SLD = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'mil', 'nic', 'gob', 'gv']);

/**
 * Approximation of the registrable domain without a public suffix list: the last two labels,
 * or three when the second-to-last is a common second-level label under a country code.
 * IP addresses and single-label hosts are returned as they are.
 */
const siteMemo = new Map<string, string>();

export function siteOf(host: string): string {
  let site = siteMemo.get(host);
  if (site === undefined) {
    site = computeSite(host);
    if (siteMemo.size > 1000) siteMemo.clear();
    siteMemo.set(host, site);
  }
  return site;
}

function computeSite(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(h) || h.startsWith('[')) return h;
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  const tld = labels[labels.length - 1];
  const sld = labels[labels.length - 2];
  const take = tld.length === 2 && SLD.has(sld) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** Path without trailing slash or directory index, so `/blog/`, `/blog` and `/blog/index.html` compare equal. */
function normalPath(url: URL): string {
  const p = url.pathname.replace(/\/index\.(?:html?|php|aspx?|jsp)$/i, '/').replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

/** Path segments that mark taxonomy, account, search, sharing or feed pages, never articles. */
const NON_ARTICLE_SEGMENTS = new Set([
  'tag', 'tags', 'category', 'categories', 'topic', 'topics', 'author', 'authors', 'user', 'users',
  'profile', 'profiles', 'search', 'login', 'logout', 'signin', 'sign-in', 'signup', 'sign-up',
  'register', 'account', 'my-account', 'cart', 'checkout', 'subscribe', 'share', 'feed', 'feeds',
  'rss', 'atom', 'wp-login.php', 'wp-admin', 'page',
]);

/**
 * Names of a site's own pages, never articles: about, contact, imprint, guestbook, legal, …
 * (English, German, French, Spanish, Italian, Dutch; the usual names of small sites' pages).
 */
const SITE_PAGES = new Set([
  'about', 'about-us', 'contact', 'contact-us', 'privacy', 'privacy-policy', 'terms', 'terms-of-service',
  'terms-of-use', 'imprint', 'impressum', 'legal', 'cookies', 'cookie-policy', 'advertise', 'jobs',
  'careers', 'newsletter', 'newsletters', 'sitemap', 'help', 'faq', 'donate', 'shop', 'store', 'events',
  'guestbook', 'gbook', 'gaestebuch', 'gästebuch', 'kontakt', 'anfahrt', 'datenschutz', 'disclaimer',
  'links', 'home', 'start', 'startseite', 'ueber-uns', 'über-uns', 'wir-ueber-uns', 'agb', 'mentions-legales',
  'contacto', 'aviso-legal', 'contatti', 'chi-siamo', 'colofon', 'livre-d-or', 'libro-de-visitas',
]);

/** The last path segment without a page extension (`kontakt.php` → `kontakt`), lowercase. */
function pageName(segment: string): string {
  return segment.replace(/\.(?:s?html?|php\d?|aspx?|jsp|cgi|pl)$/i, '');
}

/**
 * A link to the site's home page, the listing page itself, or one of the site's own pages by
 * name: `/contact`, `/impressum.html`, `/gbook/gaestebuch.php`, `/index.php?seite=kontakt`.
 * Menus hold these; article lists do not. Only shallow paths count, so an article whose slug
 * happens to be `help` (`/2024/05/help`) is not taken for a site page.
 */
export function isSitePage(url: URL, page: URL): boolean {
  const path = normalPath(url);
  if (path === '/' && url.search === '') return true;
  if (path === pagePath(page) && url.search === page.search) return true;
  const segments = path.split('/').filter(Boolean).map((s) => safeDecode(s).toLowerCase());
  if (segments.length > 0 && segments.length <= 2 && SITE_PAGES.has(pageName(segments[segments.length - 1]))) return true;
  // One script serving every page: `index.php?seite=kontakt`, `/?page_id=impressum`.
  if (url.search && segments.length <= 1) {
    for (const value of url.searchParams.values()) if (SITE_PAGES.has(value.toLowerCase())) return true;
  }
  return false;
}

const FILE_EXT = /\.(?:jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|pdf|zip|gz|tgz|rar|7z|exe|dmg|mp3|mp4|m4a|wav|ogg|webm|mov|avi|xml|rss|atom|json|css|js|docx?|xlsx?|pptx?|csv|txt|epub)$/i;

/** Query parameters that turn a URL into search, pagination, sharing or reply pages. */
const NON_ARTICLE_PARAMS = ['s', 'q', 'query', 'search', 'page', 'paged', 'pg', 'start', 'offset', 'replytocom', 'share', 'action', 'feed', 'format', 'output'];

/**
 * True for URLs that are obviously not articles: taxonomy/account/search/share/feed URLs,
 * pagination, files, site pages (isSitePage), the page itself and the home page.
 */
export function isNonArticleUrl(url: URL, page: URL): boolean {
  if (isSitePage(url, page)) return true;
  const path = normalPath(url);
  if (FILE_EXT.test(path)) return true;
  const segments = path.split('/').filter(Boolean).map((s) => safeDecode(s).toLowerCase());
  if (segments.some((s) => NON_ARTICLE_SEGMENTS.has(s))) return true;
  if (url.search) for (const name of NON_ARTICLE_PARAMS) if (url.searchParams.has(name)) return true;
  return false;
}

// The listing page's own path is compared with every link: compute it once per page URL object.
const pagePaths = new WeakMap<URL, string>();
function pagePath(page: URL): string {
  let p = pagePaths.get(page);
  if (p === undefined) {
    p = normalPath(page);
    pagePaths.set(page, p);
  }
  return p;
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * How much a URL looks like an article, 0..1: slugs with several hyphenated words, dates or
 * numeric ids in the path, paths deeper than the listing. Single short words (sections) score low.
 */
export function articleUrlScore(url: URL, listing: URL): number {
  const path = normalPath(url);
  const segments = path.split('/').filter(Boolean);
  const search = url.search;
  if (segments.length === 0) return search ? 0.5 : 0;
  const last = safeDecode(segments[segments.length - 1]).replace(/\.(?:s?html?|php|aspx?|jsp)$/i, '');
  let score = 0;
  const words = last.split(/[-_+]/).filter(Boolean).length;
  if (words >= 3) score += 0.6;
  else if (words === 2) score += 0.3;
  if (/(?:^|\/)(?:19|20)\d{2}\/\d{1,2}(?:\/|$)/.test(path) || /(?:19|20)\d{2}-?\d{2}-?\d{2}/.test(path)) score += 0.4;
  if (/\d{3}/.test(last) || /\d{4}/.test(path)) score += 0.3;
  if (search && /[?&](?:id|p|story|article|item)=\w/i.test(search)) score += 0.5;
  const listingPath = pagePath(listing);
  const deeper = listingPath === '/' ? segments.length >= 2 : path.startsWith(listingPath + '/');
  if (deeper) score += 0.2;
  if (segments.length === 1 && words <= 1 && /^[a-z]+$/i.test(last) && last.length < 15 && !search) score -= 0.3;
  return Math.max(0, Math.min(1, score));
}

/**
 * A coarse shape of a URL path, used to tell whether two groups of links point at the same kind
 * of page: per segment, digits → `9`, slug-like → `s` (`9s` when it starts with an id), other
 * words → `w`; the first segment of a multi-segment path is kept literally when it is a word
 * (a section like `/news/`).
 */
export function urlShape(url: URL): string {
  const segments = normalPath(url).split('/').filter(Boolean);
  return segments
    .map((seg, i) => {
      const s = seg.replace(/\.(?:s?html?|php|aspx?|jsp)$/i, '');
      if (/^\d+$/.test(s)) return '9';
      if (/[-_]/.test(s) || s.length > 24) return /^\d/.test(s) ? '9s' : 's';
      if (i === 0 && segments.length > 1) return s.toLowerCase();
      return 'w';
    })
    .join('/');
}

/**
 * Sitemap XML (sitemaps.org urlset or sitemapindex, with the Google News and Image extensions)
 * → plain entries. Elements are matched by local name, so any namespace prefix works.
 */
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';

export interface SitemapEntry {
  url: string;
  /** `<lastmod>` as written. */
  lastmod: string | null;
  /** `<news:publication_date>` as written. */
  published: string | null;
  /** `<news:title>`. */
  title: string | null;
  /** First `<image:loc>`. */
  image: string | null;
}

export type ParsedSitemap =
  | { kind: 'index'; sitemaps: { url: string; lastmod: string | null }[] }
  | { kind: 'urlset'; entries: SitemapEntry[] };

export function parseSitemap(xml: string, documentUrl: string): ParsedSitemap {
  const $ = load(xml.replace(/^\uFEFF/, ''), { xml: true });
  const root = $.root().children().toArray().find((n): n is Element => n.type === 'tag');
  const rootName = root ? localName(root) : '';
  if (rootName === 'sitemapindex') {
    const sitemaps = children(root!, 'sitemap').flatMap((s) => {
      const url = httpUrl(text(child(s, 'loc')), documentUrl);
      return url ? [{ url, lastmod: text(child(s, 'lastmod')) }] : [];
    });
    return { kind: 'index', sitemaps };
  }
  if (rootName !== 'urlset') throw new Error(`not a sitemap (root element <${rootName || 'none'}>, expected <urlset> or <sitemapindex>)`);
  const entries: SitemapEntry[] = [];
  for (const u of children(root!, 'url')) {
    const url = httpUrl(text(child(u, 'loc')), documentUrl);
    if (!url) continue;
    const news = child(u, 'news');
    const image = child(u, 'image');
    entries.push({
      url,
      lastmod: text(child(u, 'lastmod')),
      published: news ? text(child(news, 'publication_date')) : null,
      title: news ? text(child(news, 'title')) : null,
      image: image ? httpUrl(text(child(image, 'loc')), documentUrl) : null,
    });
  }
  return { kind: 'urlset', entries };
}

function localName(el: Element): string {
  return el.name.slice(el.name.indexOf(':') + 1).toLowerCase();
}

function children(el: Element, name: string): Element[] {
  return el.children.filter((n): n is Element => n.type === 'tag' && localName(n as Element) === name);
}

function child(el: Element, name: string): Element | undefined {
  return children(el, name)[0];
}

function text(el: Element | undefined): string | null {
  if (!el) return null;
  let out = '';
  const walk = (nodes: Element['children']) => {
    for (const n of nodes) {
      if (n.type === 'text' || n.type === 'cdata') out += n.type === 'text' ? (n as { data: string }).data : '';
      if ('children' in n) walk((n as Element).children);
    }
  };
  walk(el.children);
  const v = out.trim();
  return v === '' ? null : v;
}

function httpUrl(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const u = new URL(value, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

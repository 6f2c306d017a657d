// One pass over <meta> tags into a lookup by lowercase key (name, property tokens, itemprop,
// http-equiv). Values keep document order; HTML entities left escaped by the page are decoded.
import type { ParentNode } from 'domhandler';
import { pageIndex, type PageIndex } from './page-index.ts';
import { unescapeEntities } from './meta-text.ts';

export type MetaTags = ReadonlyMap<string, readonly string[]>;

const OG_ARTICLE = /^og:article:(?:author|published_time|modified_time)$/;

export function collectMeta(doc: ParentNode, index: PageIndex = pageIndex(doc)): MetaTags {
  const map = new Map<string, string[]>();
  for (const el of index.metas) {
    const attribs = el.attribs;
    const content = (attribs.content ?? attribs.value ?? '').trim();
    if (!content) continue;
    const value = unescapeEntities(content);
    const keys = new Set<string>();
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const raw = attribs[attr];
      if (!raw) continue;
      for (const token of raw.toLowerCase().split(/\s+/)) {
        // Open Graph's article:author is a property; as a `name` it is kept apart (weaker, and
        // Reader View ignores it), under "name:article:author". Reader View ignores a microdata
        // author meta too: "itemprop:author".
        if (token) keys.add(attr === 'name' && token === 'article:author' ? 'name:article:author' : attr === 'itemprop' && token === 'author' ? 'itemprop:author' : token);
        // "og:article:author" (Le Monde, press-release sites) is Open Graph's article:author, as
        // Reader View reads it too; so are the times. (Not its tags: a template's test tags.)
        if (attr === 'property' && OG_ARTICLE.test(token)) keys.add(token.slice(3));
      }
    }
    for (const key of keys) {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    }
  }
  return map;
}

/** First value among `keys`, in the order of `keys` (the order is the preference). */
export function firstMeta(meta: MetaTags, keys: readonly string[]): string | null {
  for (const key of keys) {
    const v = meta.get(key);
    if (v && v.length) return v[0];
  }
  return null;
}

/**
 * The last value of the first key among `keys` that has one. Where a page states a key twice, the
 * later statement is the page's own: themes write a site-wide default early in the head and SEO
 * plugins (or the article template) the page's description or title after it. Reader View reads
 * them the same way.
 */
export function lastMeta(meta: MetaTags, keys: readonly string[]): string | null {
  for (const key of keys) {
    const v = meta.get(key);
    if (v && v.length) return v[v.length - 1];
  }
  return null;
}

/** Every value of the given keys, in key order. */
export function metaValues(meta: MetaTags, keys: readonly string[]): string[] {
  return keys.flatMap((k) => meta.get(k) ?? []);
}

// One walk over the parsed page collecting every element metadata reads by name (<html>, <base>,
// <link>, <meta>, JSON-LD scripts, <title>, headings, the article scope). Each CSS query over a
// whole document costs a full traversal; metadata needed about ten of them per page.
// Semantics match the selectors they replace (first match in document order).
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { isStreamedSegment } from './content-streamed.ts';
import { PRODUCT_TYPE, schemaTypeName, THREAD_TYPE } from './schema-types.ts';

export interface PageIndex {
  /** The first <html> element. */
  html: Element | null;
  /** The first <body> element. */
  body: Element | null;
  /** `base[href]`: the first <base> with an href. */
  baseHref: string | undefined;
  /** `link[rel~=canonical i]`: the first one's href. */
  canonicalHref: string | undefined;
  /** `link[rel=image_src]`: the first one's href. */
  imageSrcHref: string | undefined;
  /** Every <meta>, in document order. */
  metas: Element[];
  /**
   * Texts of `script[type=application/ld+json i]`, in document order, and of the `content` of
   * `meta[name="script:ld+json"]`: Next.js renders JSON-LD given to its `metadata.other` as such a
   * meta. Crawlers ignore it, but it is still the publisher's own statement about the page.
   */
  jsonLd: string[];
  /** `script:not([src])`, in document order (JSON-LD included). */
  inlineScripts: Element[];
  /** `time[datetime]`, in document order. */
  times: Element[];
  /** The first <title>. */
  title: Element | null;
  /** `h1` and `h1, h2`, in document order. */
  h1: Element[];
  h1h2: Element[];
  /** `article, main, [role=main]`: the first in document order. */
  mainScope: Element | null;
  /** Whether the page holds a React streamed segment (content-streamed.ts `isStreamedSegment`). */
  streamed: boolean;
  /** Whether its microdata says the page is a thread (schema.org DiscussionForumPosting or QAPage; JSON-LD: jsonld.ts). */
  thread: boolean;
  /** Whether its microdata says the page shows a product (schema.org Product or ProductGroup; JSON-LD: jsonld.ts). */
  product: boolean;
}


export function pageIndex(doc: ParentNode): PageIndex {
  const indexer = pageIndexer();
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      // domhandler types <script> and <style> apart from other tags: neither is walked into.
      if (node.type !== 'tag' && node.type !== 'script') continue;
      indexer.visit(node as Element);
      if (node.type === 'tag' && (node as Element).children.length) walk((node as Element).children);
    }
  };
  walk(doc.children);
  return indexer.index();
}

/**
 * The page index built element by element, in document order: `visit` each element (the parser
 * can call it as it creates them, see parseHtml), then `index()` once the tree is complete.
 * `noted` false: the parser knows the element has no `role`, `hidden` or `itemtype` (parse-names.ts
 * NOTED_ATTRIBUTES), which are then not looked up.
 */
export function pageIndexer(): { visit: (el: Element, noted?: boolean) => void; index: () => PageIndex } {
  const index: PageIndex = {
    html: null,
    body: null,
    baseHref: undefined,
    canonicalHref: undefined,
    imageSrcHref: undefined,
    metas: [],
    jsonLd: [],
    inlineScripts: [],
    times: [],
    title: null,
    h1: [],
    h1h2: [],
    mainScope: null,
    thread: false,
    product: false,
    streamed: false,
  };
  const jsonLdScripts: (Element | string)[] = [];
  const visit = (el: Element, noted = true): void => {
    if (el.type === 'script') {
      const type = el.attribs.type;
      if (type && type.length === 19 && type.toLowerCase() === 'application/ld+json') jsonLdScripts.push(el);
      if (el.attribs.src === undefined) index.inlineScripts.push(el);
      return;
    }
    if (el.type !== 'tag') return;
    const a = el.attribs;
    switch (el.name) {
      case 'meta':
        index.metas.push(el);
        if (a.content && a.name?.toLowerCase() === 'script:ld+json') jsonLdScripts.push(a.content);
        break;
      case 'link':
        if (a.rel && a.href !== undefined) {
          const rel = a.rel.toLowerCase();
          if (index.canonicalHref === undefined && /(?:^|\s)canonical(?:\s|$)/.test(rel)) index.canonicalHref = a.href;
          if (index.imageSrcHref === undefined && rel === 'image_src') index.imageSrcHref = a.href;
        }
        break;
      case 'base':
        if (index.baseHref === undefined && a.href !== undefined) index.baseHref = a.href;
        break;
      case 'title':
        index.title ??= el;
        break;
      case 'html':
        index.html ??= el;
        break;
      case 'body':
        index.body ??= el;
        break;
      case 'h1':
        index.h1.push(el);
        index.h1h2.push(el);
        break;
      case 'h2':
        index.h1h2.push(el);
        break;
      case 'time':
        if (a.datetime !== undefined) index.times.push(el);
        break;
      case 'article':
      case 'main':
        index.mainScope ??= el;
        break;
    }
    if (!noted) return;
    if (!index.mainScope && a.role === 'main') index.mainScope = el;
    if (!index.streamed && a.hidden !== undefined && isStreamedSegment(el)) index.streamed = true;
    // An item may have several types ("…/Product …/Thing").
    if (a.itemtype) {
      for (const type of a.itemtype.split(/\s+/)) {
        const name = schemaTypeName(type);
        if (!index.thread && THREAD_TYPE.test(name)) index.thread = true;
        if (!index.product && PRODUCT_TYPE.test(name)) index.product = true;
      }
    }
  };
  // A script's text is complete only once the page is.
  return { visit, index: () => ({ ...index, jsonLd: jsonLdScripts.map((s) => (typeof s === 'string' ? s : textOf(s))) }) };
}

/** Concatenated text of an element's descendants (textContent). */
export function textOf(el: Element): string {
  let s = '';
  for (const child of el.children) {
    if (child.type === 'text') s += (child as unknown as { data: string }).data;
    else if (child.type === 'tag' || child.type === 'script' || child.type === 'style') s += textOf(child as Element);
  }
  return s;
}

// JSON-LD (schema.org) article metadata: tolerant parsing, `@graph`, arrays, nested nodes and
// `@id` references (authors and publishers often point at Person/Organization nodes elsewhere).
import type { ParentNode } from 'domhandler';
import { pageIndex, type PageIndex } from './page-index.ts';
import { PRODUCT_TYPE, schemaTypeName, THREAD_TYPE } from './schema-types.ts';
import { collapse } from '../utils/text.ts';
import { looksLikeUrl } from './meta-text.ts';
import { readerViewNode, statedNames } from './jsonld-reader-view.ts';
import { pushAll } from '../utils/arrays.ts';

type Node = Record<string, unknown>;

/** What the page's JSON-LD says about the article (fields absent when not stated). */
export interface JsonLdArticle {
  /** `name` and `headline` as written; the title choice is made in title.ts. */
  name?: string;
  headline?: string;
  authors: string[];
  datePublished?: string;
  dateCreated?: string;
  dateModified?: string;
  description?: string;
  publisher?: string;
  /** The publisher is named in the article node itself, not through an `@id` reference to an organisation node. */
  publisherInline?: boolean;
  image?: string;
  keywords: string[];
  sections: string[];
  inLanguage?: string;
  url?: string;
  /** The article's text as the publisher states it, line breaks kept (a second source of the body). */
  articleBody?: string;
}

export interface JsonLdInfo {
  /** The first article-typed node (Article, NewsArticle, BlogPosting, …), if any. */
  article: JsonLdArticle | null;
  /** With no article node: a question page's own question, read as one (its metadata is the page's). */
  question?: JsonLdArticle;
  /** A node says the page is a thread: a forum topic (DiscussionForumPosting) or a question (QAPage). */
  thread: boolean;
  /**
   * A node says the page shows something other than an article: a product (`Product`, `ItemPage`),
   * a category page (`CollectionPage`), a service (`Service`); or the page is a plain `WebPage`
   * and no node is an article or a question.
   */
  notArticle: boolean;
  /** A node is a product (`Product`, `ProductGroup`): with no article, the page is a shop's. */
  product: boolean;
  /**
   * The article as Reader View's parser reads it (Readability.js `_getJSONLD`), narrower than ours:
   * for the fields that follow Reader View (the default title, the byline shown, the excerpt).
   * Its `authors` are only the names the node itself states (no `@id`, no bare strings).
   */
  readerView: JsonLdArticle | null;
  /** Dates from a non-article page node (WebPage and the like), a weaker signal. */
  pageDatePublished?: string;
  pageDateModified?: string;
}

// schema.org Article and its subtypes, plus postings and reports.
const ARTICLE_TYPE =
  /^(?:\w*Article|Report|BlogPosting|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|APIReference|Posting)$/;
const PAGE_TYPE = /^(?:\w*Page|CreativeWork|Blog|VideoObject|Recipe|Review|Event)$/;
const NOT_ARTICLE_TYPE = /^(?:Product|ProductGroup|ItemPage|CollectionPage|Service)$/;
// A plain `WebPage` with no article beside it is not an article either: SEO plugins (Yoast, Rank
// Math) describe every page as a WebPage and add an Article piece for posts only, while writing
// og:type "article" on all of them (see `notArticle` in index.ts).

// Metadata and the content search both ask; the page's JSON-LD is parsed once.
const read = new WeakMap<PageIndex, JsonLdInfo>();

export function readJsonLd(doc: ParentNode, index: PageIndex = pageIndex(doc)): JsonLdInfo {
  let info = read.get(index);
  if (!info) read.set(index, (info = parseJsonLd(index)));
  return info;
}

function parseJsonLd(index: PageIndex): JsonLdInfo {
  const roots: unknown[] = [];
  // What Reader View's strict JSON.parse gets of each script (undefined: it throws).
  const strict: unknown[] = [];
  for (const text of index.jsonLd) {
    const parsed = parseTolerant(text);
    if (parsed === undefined) continue;
    roots.push(parsed.value);
    strict.push(parsed.strict && !text.trimStart().startsWith('<!--') ? parsed.value : undefined);
  }
  if (!roots.length) return { article: null, readerView: null, thread: false, notArticle: false, product: false };

  // Index every node with an @id so references can be followed.
  const byId = new Map<string, Node>();
  const nodes: Node[] = [];
  const seen = new Set<unknown>();
  // Breadth-first per root: top-level nodes come before nested ones, in document order. (The queue
  // is read by an index and grown a value at a time: `shift` and a spread of a long array cost a
  // script of 40,000 authors two seconds, and a longer array overflows the stack.)
  for (const root of roots) {
    const queue: unknown[] = [root];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      if (!v || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      if (Array.isArray(v)) {
        pushAll(queue, v);
        continue;
      }
      const node = v as Node;
      if (node['@type'] !== undefined) nodes.push(node);
      if (typeof node['@id'] === 'string' && Object.keys(node).length > 1 && !byId.has(node['@id'])) byId.set(node['@id'], node);
      for (const [key, child] of Object.entries(node)) {
        if (key !== '@context' && child && typeof child === 'object') queue.push(child);
      }
    }
  }

  const articleNode = nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t)));
  const question = articleNode ? undefined : askedQuestion(nodes, byId);
  const pageNode = nodes.find((n) => types(n).some((t) => PAGE_TYPE.test(t)) && (n.datePublished || n.dateModified));
  const article = articleNode ? readArticle(articleNode, byId) : null;
  // Reader View's node is most often ours (the same object): read once, its own author names aside.
  const viewNode = readerViewNode(strict);
  const info: JsonLdInfo = {
    article,
    readerView: viewNode && { ...(viewNode === articleNode ? article! : readArticle(viewNode, byId)), authors: statedNames(viewNode.author) },
    ...(question ? { question: readArticle(question, byId) } : {}),
    thread: nodes.some((n) => types(n).some((t) => THREAD_TYPE.test(t))),
    notArticle: nodes.some((n) => types(n).some((t) => NOT_ARTICLE_TYPE.test(t))) || (!articleNode && !question && nodes.some((n) => types(n).includes('WebPage'))),
    product: nodes.some((n) => types(n).some((t) => PRODUCT_TYPE.test(t))),
  };
  if (pageNode) {
    info.pageDatePublished = str(pageNode.datePublished) ?? str(pageNode.dateCreated);
    info.pageDateModified = str(pageNode.dateModified);
  }
  return info;
}

/**
 * A question page's own question (QAPage `mainEntity`): its asker, date and title are the page's,
 * as an article's are. Not the Questions of an FAQPage, which articles carry beside their text.
 */
function askedQuestion(nodes: Node[], byId: Map<string, Node>): Node | undefined {
  for (const n of nodes) {
    if (!types(n).includes('QAPage')) continue;
    let entity = Array.isArray(n.mainEntity) ? n.mainEntity[0] : n.mainEntity;
    if (entity && typeof entity === 'object' && typeof (entity as Node)['@id'] === 'string') entity = byId.get((entity as Node)['@id'] as string) ?? entity;
    if (entity && typeof entity === 'object' && types(entity as Node).includes('Question')) return entity as Node;
  }
  return undefined;
}

function readArticle(node: Node, byId: Map<string, Node>): JsonLdArticle {
  const deref = (v: unknown): unknown => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const id = (v as Node)['@id'];
      if (typeof id === 'string' && Object.keys(v).length === 1) return byId.get(id) ?? v;
    }
    return v;
  };
  const stated = Array.isArray(node.publisher) ? node.publisher[0] : node.publisher;
  const publisher = deref(stated);
  const article: JsonLdArticle = {
    name: str(node.name),
    headline: str(node.headline),
    // `author` only: `creator` is often an account name rather than the writer.
    authors: personNames(node.author, deref),
    datePublished: str(node.datePublished),
    dateCreated: str(node.dateCreated),
    dateModified: str(node.dateModified),
    description: str(node.description),
    publisher: typeof publisher === 'string' ? collapse(publisher) : str((publisher as Node | undefined)?.name),
    publisherInline: publisher === stated,
    image: imageUrl(deref(node.image) ?? deref(node.thumbnailUrl), deref),
    keywords: stringList(node.keywords),
    sections: stringList(node.articleSection),
    inLanguage: str(node.inLanguage),
    url: str(node.url) ?? str(deref(node.mainEntityOfPage) && (deref(node.mainEntityOfPage) as Node)['@id']),
    articleBody: typeof node.articleBody === 'string' && node.articleBody.trim() ? node.articleBody : undefined,
  };
  return article;
}

/** Author values: "Jane", {name}, {@id → Person}, {givenName, familyName}, or arrays of these. */
function personNames(value: unknown, deref: (v: unknown) => unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    v = deref(v);
    if (Array.isArray(v)) return v.forEach(visit);
    let name: string | undefined;
    if (typeof v === 'string') name = collapse(v);
    else if (v && typeof v === 'object') {
      const n = v as Node;
      name = str(n.name) ?? (Array.isArray(n.name) ? str(n.name[0]) : undefined);
      if (!name && (n.givenName || n.familyName)) name = collapse(`${str(n.givenName) ?? ''} ${str(n.familyName) ?? ''}`);
    }
    if (name && !looksLikeUrl(name) && !out.includes(name)) out.push(name);
  };
  visit(value);
  return out;
}

function imageUrl(v: unknown, deref: (v: unknown) => unknown): string | undefined {
  v = deref(v);
  if (Array.isArray(v)) return imageUrl(v[0], deref);
  if (typeof v === 'string') return v.trim() || undefined;
  if (v && typeof v === 'object') return str((v as Node).url) ?? str((v as Node).contentUrl);
  return undefined;
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return v.split(',').map(collapse).filter(Boolean);
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' ? [collapse(x)] : [])).filter(Boolean);
  return [];
}

function types(n: Node): string[] {
  const t = n['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map(schemaTypeName);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const s = collapse(v);
  return s || undefined;
}

/**
 * The text without a CDATA or comment wrapper at its ends (`<![CDATA[ … ]]>`, `<!-- … -->`),
 * looked for at the ends only: a pattern anchored at both would be tried at every position of
 * what can be tens of kilobytes of JSON.
 */
function withoutWrapper(s: string): string {
  if (s.startsWith('<![CDATA[')) s = s.slice(9);
  else if (s.startsWith('<!--')) s = s.slice(4);
  return s.endsWith(']]>') || s.endsWith('-->') ? s.slice(0, -3) : s;
}

/**
 * JSON.parse, then again after repairing what pages commonly break: CDATA/comment wrappers,
 * raw control characters, trailing commas, several objects written back to back.
 */
function parseTolerant(text: string): { value: unknown; strict: boolean } | undefined {
  let s = withoutWrapper(text.trim()).trim();
  if (!s) return undefined;
  try {
    return { value: JSON.parse(s), strict: true };
  } catch {
    /* repair below */
  }
  // Raw control characters are invalid inside strings and harmless as whitespace outside.
  s = s.replace(/[\u0000-\u001f\u2028\u2029]+/g, ' ').replace(/,\s*([}\]])/g, '$1').replace(/;\s*$/, '');
  try {
    return { value: JSON.parse(s), strict: false };
  } catch {
    /* last try below */
  }
  try {
    return { value: JSON.parse(`[${s.replace(/}\s*{/g, '},{')}]`), strict: false };
  } catch {
    return undefined;
  }
}

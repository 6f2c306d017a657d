// JSON-LD as Firefox Reader View (Readability.js `_getJSONLD`) reads it, for the fields whose
// default follows Reader View. Its reading is narrower than ours (jsonld.ts): the first script that
// parses as strict JSON, an article only at the script's top, in its top-level list or in its
// `@graph`, a schema.org context, a `@type` that is one string, an author's `name` stated inline.
import { collapse } from '../utils/text.ts';

type Node = Record<string, unknown>;

// Reader View's article types: the pattern as Readability.js writes it (its anchors bind only the
// first and last names, so the others match anywhere in the type).
const READER_VIEW_TYPE =
  /^Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|BlogPosting|DiscussionForumPosting|LiveBlogPosting|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|TechArticle$/;
const SCHEMA_ORG = /^https?:\/\/schema\.org\/?$/;
/** A list's search gave up: Reader View's `.match` on a type that is no string throws, and the script is skipped. */
const GAVE_UP = Symbol('gave up');

/**
 * The article node Reader View reads among the page's JSON-LD scripts, each as strict JSON.parse
 * gives it (undefined where that throws): the first that names, at its top (or in its top-level
 * list, or its `@graph`), an article under a schema.org context with a string `@type`. Repaired
 * JSON, nested nodes and typed lists are ours alone.
 */
export function readerViewNode(scripts: unknown[]): Node | null {
  for (let parsed of scripts) {
    if (Array.isArray(parsed)) parsed = firstArticle(parsed);
    if (!parsed || parsed === GAVE_UP || typeof parsed !== 'object') continue;
    let node = parsed as Node;
    const context = node['@context'];
    const vocab = context && typeof context === 'object' ? (context as Node)['@vocab'] : undefined;
    if (!(typeof context === 'string' ? SCHEMA_ORG.test(context) : typeof vocab === 'string' && SCHEMA_ORG.test(vocab))) continue;
    if (!node['@type'] && Array.isArray(node['@graph'])) {
      const found = firstArticle(node['@graph']);
      if (!found || found === GAVE_UP) continue;
      node = found;
    }
    const type = node['@type'];
    if (typeof type !== 'string' || !READER_VIEW_TYPE.test(type)) continue;
    return node;
  }
  return null;
}

function firstArticle(list: unknown[]): Node | typeof GAVE_UP | undefined {
  for (const item of list) {
    if (!item || typeof item !== 'object') return GAVE_UP;
    const type = (item as Node)['@type'];
    if (!type) continue;
    if (typeof type !== 'string') return GAVE_UP;
    if (READER_VIEW_TYPE.test(type)) return item as Node;
  }
  return undefined;
}

/** Names as Reader View reads an author: `{name}`, or a list whose first entry has one (then every entry's). */
export function statedNames(author: unknown): string[] {
  const list = Array.isArray(author) ? author : [author];
  return nameOf(list[0]) === null ? [] : list.flatMap((a) => nameOf(a) ?? []);
}

const nameOf = (v: unknown): string | null => {
  const name = v && typeof v === 'object' ? (v as Node).name : undefined;
  return typeof name === 'string' && name.trim() ? collapse(name) : null;
};

/**
 * Applying site rules (config/site-config.ts) to one article page, before automatic extraction:
 * find/replace on the raw HTML; on the parsed tree the title, author, date and multi-page links
 * read by XPath (links under their if_page_contains conditions) and the native_ad_clue test,
 * then the page edits (wrap_in, dissolve, strip rules, JSON-LD skipped, lazy image sources,
 * `<br><br>` paragraphs: see site-rules-edits.ts), then the body, marked so that the content extractor takes it as its
 * content selector. Expressions that cannot be evaluated are returned as `failures` (never
 * thrown): the pipeline reports each once per run.
 */
import type { AnyNode, Document, Element } from 'domhandler';
import type { SiteRules } from '../config/site-config.ts';
import { parseHtml } from '../html/parse.ts';
import { serializeHtml } from '../html/serialize.ts';
import { evaluateXPath, type XPathResult } from '../html/xpath.ts';
import { batchedEdits, detach, relink } from './content-remove.ts';
import { pageStamps, type PageStamps } from './date-zone.ts';
import { pageIndex } from './page-index.ts';
import { dissolve, lazySources, paragraphsFromBrRuns, removeAttributes, removeNodes, wrapIn } from './site-rules-edits.ts';
import { collapseSpace } from '../utils/text.ts';
import { spliceAll } from '../utils/arrays.ts';

/** The attribute marking the rule's body elements; the extractor's content selector is `[…]`. */
export const RULE_BODY_ATTRIBUTE = 'data-feedwright-rule-body';

export interface RuledPage {
  /** The page after replacements and strip rules, body elements marked. */
  html: string;
  /** Whether a `body` expression matched (then `[RULE_BODY_ATTRIBUTE]` selects the content). */
  body: boolean;
  /** The matched body elements' HTML (for joining later pages onto the first), or null. */
  bodyHtml: string | null;
  title: string | null;
  authors: string[];
  /** The date as written on the page (parsed by the caller, which knows the zone and language). */
  date: string | null;
  /** The page's own timestamps, read before the edits, for a date without an offset (date-zone.ts); null without a date. */
  dateZone: PageStamps | null;
  /** Whether a native_ad_clue expression selected something on the page. */
  nativeAd: boolean;
  /** Absolute URLs from single_page_link / next_page_link, when they matched. */
  singlePage: string | null;
  nextPage: string | null;
  /** `global.txt: body "//div[": XPath parse error`, one per failing expression. */
  failures: string[];
}

/** The HTML with every find_string replaced (all occurrences, in the file's order). */
export function replaceInHtml(html: string, rules: SiteRules): string {
  let out = html;
  for (const { find, replace } of rules.replace) out = out.split(find).join(replace);
  return out;
}

/**
 * Apply `rules` to a page. `append`: the bodies of the article's later pages (their `bodyHtml`),
 * added after this page's body as further content.
 */
export function applySiteRules(html: string, url: string, rules: SiteRules, append: string[] = []): RuledPage {
  const doc = parseHtml(replaceInHtml(html, rules));
  const failures: string[] = [];
  const run = (directive: string, expression: string): XPathResult | null => {
    try {
      return evaluateXPath(expression, doc);
    } catch (err) {
      failures.push(`${rules.file}: ${directive} ${JSON.stringify(expression)}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  };
  // A link expression with an if_page_contains condition counts only on pages the condition matches.
  const links = (list: 'singlePageLink' | 'nextPageLink', directive: string) => rules[list].map((e) => {
    const condition = rules.linkConditions[list][e];
    return condition === undefined || selects(run('if_page_contains', condition)) ? run(directive, e) : null;
  });
  // Links and the page's own fields are read before stripping (a strip rule may catch them).
  const singlePage = link(links('singlePageLink', 'single_page_link'), url);
  const nextPage = link(links('nextPageLink', 'next_page_link'), url);
  const title = firstText(rules.title, (e) => run('title', e));
  const date = firstText(rules.date, (e) => run('date', e));
  const dateZone = date ? pageStamps(pageIndex(doc)) : null;
  const nativeAd = rules.nativeAdClue.some((e) => selects(run('native_ad_clue', e)));
  let authors: string[] = [];
  for (const e of rules.author) {
    authors = texts(run('author', e));
    if (authors.length) break;
  }

  for (const { tag, expression } of rules.wrapIn) {
    const r = run(`wrap_in(${tag})`, expression);
    if (r?.kind === 'nodes') wrapIn(r.nodes, tag);
  }
  for (const e of rules.dissolve) {
    const r = run('dissolve', e);
    if (r?.kind === 'nodes') dissolve(r.nodes);
  }
  for (const e of rules.strip) {
    const r = run('strip', e);
    if (r?.kind !== 'nodes') continue;
    // An expression selecting attributes (`//img/@srcset`, strip_attr's form) removes those.
    removeAttributes(r.attributes);
    removeNodes(r.nodes);
  }
  const skipJsonLd = rules.flags.skip_json_ld === true;
  if (rules.stripIdOrClass.length || rules.stripImageSrc.length || skipJsonLd) {
    // As Full-Text RSS matches them: quotes dropped, "a b" matches the class tokens a b in a row.
    const names = rules.stripIdOrClass.map((name) => spaced(name.replace(/['"]/g, '')));
    stripWhere(doc, (el) => names.some((name) => hasIdOrClass(el, name)) ||
      (el.name === 'img' && rules.stripImageSrc.some((s) => (el.attribs.src ?? '').includes(s))) ||
      // skip_json_ld: the page's JSON-LD is not read (neither for metadata nor as the body).
      (skipJsonLd && el.name === 'script' && /^application\/ld\+json$/i.test(el.attribs.type?.trim() ?? '')));
  }
  if (rules.lazySrcAttribute) lazySources(doc, rules.lazySrcAttribute);
  if (rules.flags.convert_double_br_tags) paragraphsFromBrRuns(doc);

  let elements: Element[] = [];
  for (const e of rules.body) {
    const r = run('body', e);
    elements = r?.kind === 'nodes' ? r.nodes.filter((n): n is Element => n.type === 'tag' && !!n.parent) : [];
    if (elements.length) break;
  }
  for (const el of elements) el.attribs[RULE_BODY_ATTRIBUTE] = '';
  const bodyHtml = elements.length ? serializeHtml(elements) : null;
  const last = elements.at(-1);
  if (last && append.length) {
    const parent = last.parent!;
    const at = parent.children.indexOf(last) + 1;
    const added = append.flatMap((fragment) => parseHtml(fragment).children);
    for (const n of added) n.parent = parent;
    spliceAll(parent.children, at, 0, added);
    relink(parent);
  }
  return { html: serializeHtml(doc), body: elements.length > 0, bodyHtml, title, authors, date, dateZone, nativeAd, singlePage, nextPage, failures };
}

/** Whether a condition's result selects something (nodes, or a true, non-zero, non-empty value). */
function selects(r: XPathResult | null): boolean {
  if (!r) return false;
  return r.kind === 'nodes' ? r.values.length > 0 : Boolean(r.value);
}

function texts(r: XPathResult | null): string[] {
  if (!r) return [];
  const values = r.kind === 'nodes' ? r.values : [String(r.value)];
  return values.map((v) => collapseSpace(v).trim()).filter(Boolean);
}

function firstText(expressions: string[], run: (e: string) => XPathResult | null): string | null {
  for (const e of expressions) {
    const t = texts(run(e))[0];
    if (t) return t;
  }
  return null;
}

/** The first result that names a link: an element's href, an attribute or a string; absolute. */
function link(results: (XPathResult | null)[], base: string): string | null {
  for (const r of results) {
    if (!r) continue;
    let value: string | undefined;
    if (r.kind === 'nodes') {
      const el = r.nodes[0] as Element | undefined;
      value = el?.type === 'tag' ? el.attribs.href : r.values[0];
    } else if (typeof r.value === 'string') value = r.value;
    value = value?.trim();
    if (!value) continue;
    try {
      const abs = new URL(value, base);
      if (abs.protocol === 'http:' || abs.protocol === 'https:' || abs.protocol === 'file:') return abs.href;
    } catch {
      /* not a URL: try the next expression */
    }
  }
  return null;
}

/** Whitespace collapsed, one space on each side: for matching runs of tokens. */
function spaced(value: string): string {
  return ` ${value.trim().split(/\s+/).join(' ')} `;
}

/** `name` (spaced) among the element's class tokens or id, as whole tokens. */
function hasIdOrClass(el: Element, name: string): boolean {
  const { id, class: cls } = el.attribs;
  return (!!id && spaced(id).includes(name)) || (!!cls && spaced(cls).includes(name));
}

function stripWhere(doc: Document, test: (el: Element) => boolean): void {
  const walk = (nodes: AnyNode[]) => {
    for (const n of [...nodes]) {
      if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
      if (test(n as Element)) detach(n);
      else walk((n as Element).children);
    }
  };
  batchedEdits(() => walk(doc.children));
}

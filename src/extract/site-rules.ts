/**
 * Applying site rules (config/site-config.ts) to one article page, before automatic extraction:
 * find/replace on the raw HTML, then on the parsed tree the strip rules, the body (marked so that
 * the content extractor takes it as its content selector), and the title, author, date and
 * multi-page links read by XPath. Expressions that cannot be evaluated are returned as
 * `failures` (never thrown): the pipeline reports each once per run.
 */
import type { AnyNode, Document, Element } from 'domhandler';
import type { SiteRules } from '../config/site-config.ts';
import { parseHtml } from '../html/parse.ts';
import { serializeHtml } from '../html/serialize.ts';
import { evaluateXPath, type XPathResult } from '../html/xpath.ts';

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
  // Links and the page's own fields are read before stripping (a strip rule may catch them).
  const singlePage = link(rules.singlePageLink.map((e) => run('single_page_link', e)), url);
  const nextPage = link(rules.nextPageLink.map((e) => run('next_page_link', e)), url);
  const title = firstText(rules.title, (e) => run('title', e));
  const date = firstText(rules.date, (e) => run('date', e));
  let authors: string[] = [];
  for (const e of rules.author) {
    authors = texts(run('author', e));
    if (authors.length) break;
  }

  for (const e of rules.strip) {
    const r = run('strip', e);
    if (r?.kind === 'nodes') r.nodes.forEach(detachNode);
  }
  if (rules.stripIdOrClass.length || rules.stripImageSrc.length) {
    stripWhere(doc, (el) => rules.stripIdOrClass.some((name) => hasIdOrClass(el, name)) ||
      (el.name === 'img' && rules.stripImageSrc.some((s) => (el.attribs.src ?? '').includes(s))));
  }

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
    parent.children.splice(at, 0, ...added);
    relinkSiblings(parent.children);
  }
  return { html: serializeHtml(doc), body: elements.length > 0, bodyHtml, title, authors, date, singlePage, nextPage, failures };
}

function texts(r: XPathResult | null): string[] {
  if (!r) return [];
  const values = r.kind === 'nodes' ? r.values : [String(r.value)];
  return values.map((v) => v.replace(/\s+/g, ' ').trim()).filter(Boolean);
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

function hasIdOrClass(el: Element, name: string): boolean {
  if (el.attribs.id === name) return true;
  const cls = el.attribs.class;
  return !!cls && cls.split(/\s+/).includes(name);
}

function stripWhere(doc: Document, test: (el: Element) => boolean): void {
  const walk = (nodes: AnyNode[]) => {
    for (const n of [...nodes]) {
      if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
      if (test(n as Element)) detachNode(n);
      else walk((n as Element).children);
    }
  };
  walk(doc.children);
}

function relinkSiblings(children: AnyNode[]): void {
  children.forEach((n, i) => {
    n.prev = children[i - 1] ?? null;
    n.next = children[i + 1] ?? null;
  });
}

function detachNode(n: AnyNode): void {
  const parent = n.parent;
  if (!parent) return;
  const i = parent.children.indexOf(n as never);
  if (i >= 0) parent.children.splice(i, 1);
  if (n.prev) n.prev.next = n.next;
  if (n.next) n.next.prev = n.prev;
  n.parent = n.prev = n.next = null;
}

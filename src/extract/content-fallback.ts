/**
 * Second strategies for a page whose extracted text came out empty or tiny: a page builder whose
 * wrappers all look like chrome, an app shell whose body sits in JSON-LD, a live page of scores.
 * An empty item helps no reader, so before giving up `extractArticle` tries, in order:
 *  1. the JSON-LD `articleBody` (the publisher's own statement of the body);
 *  2. a looser content search on a fresh parse (nothing pruned for its name, no shape cleanup);
 *  3. on a page that does not say it is an article, its `<main>` as it stands: a shop's grid of
 *     product cards, a listing of linked teasers, whose every block is a link the search rules out;
 *  4. on such a page (no `<main>`, or a tiny one), the looser search with link text scored as the
 *     rest is: the block of teasers itself, which the link-density discount leaves at nothing;
 *  5. the listing's summary (`ExtractOptions.summary`).
 * The first to reach TINY_TEXT wins; when none does, the longest, if longer than the first result.
 */
import type { AnyNode } from 'domhandler';
import { parseHtml } from '../html/parse.ts';
import { nodesToText, textToHtml } from '../html/to-text.ts';
import { extractContentNodes, type ContentMode, type ContentSelectors } from './content.ts';

/** Below this many characters of text, an extraction is not an article body. */
export const TINY_TEXT = 250;

export interface ContentResult {
  nodes: AnyNode[];
  /** Plain reading text of `nodes` (captions left out). */
  text: string;
}

/** Plain text or an HTML fragment as content nodes. */
function fromText(body: string): ContentResult {
  const html = /<(?:p|div|br|h[2-6]|ul|ol)\b[^<>]*>/i.test(body) ? body : textToHtml(body.replace(/\r\n?/g, '\n').replace(/\n+/g, '\n\n'));
  const nodes = parseHtml(html).children;
  return { nodes, text: nodesToText(nodes, { captions: false }) };
}

/** Whether `text` is too short to be the article (non-space characters counted). */
export function isTiny(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length && n < TINY_TEXT; i++) if (text.charCodeAt(i) > 32) n++;
  return n < TINY_TEXT;
}

export interface SecondStrategyInput {
  /** The page (parsed again: the first extraction mutated its tree). */
  html: string;
  selectors: ContentSelectors;
  /** The page's JSON-LD articleBody, read on demand. */
  articleBody: () => string | undefined;
  /** The listing's summary of the article, if any. */
  summary?: string;
  /** The page says it is a thread (see extractContentNodes). */
  thread?: boolean;
  /** The page does not say it is an article (see extractContentNodes). */
  notArticle?: boolean;
}

/** The page's main region: what a page of cards shows as its content. */
const PAGE_MAIN = 'main, [role=main]';

/** The better content for a page whose `first` result is tiny (see the module comment), else `first`. */
export function secondStrategy(first: ContentResult, input: SecondStrategyInput): ContentResult {
  const loose = (mode: ContentMode = {}): ContentResult => {
    const nodes = extractContentNodes(parseHtml(input.html), input.selectors, undefined, { loose: true, thread: input.thread, ...mode });
    return { nodes, text: nodesToText(nodes, { captions: false }) };
  };
  const strategies: (() => ContentResult | null)[] = [
    () => {
      const body = input.articleBody();
      return body ? fromText(body) : null;
    },
    () => loose(),
    () => {
      if (!input.notArticle) return null;
      const unmatched: string[] = [];
      const nodes = extractContentNodes(parseHtml(input.html), { content: PAGE_MAIN, prune: false }, unmatched);
      return unmatched.length ? null : { nodes, text: nodesToText(nodes, { captions: false }) };
    },
    () => (input.notArticle ? loose({ teasers: true }) : null),
    () => (input.summary?.trim() ? fromText(input.summary) : null),
  ];
  let best = first;
  for (const run of strategies) {
    const r = run();
    if (!r) continue;
    if (!isTiny(r.text)) return r;
    if (r.text.trim().length > best.text.trim().length) best = r;
  }
  return best;
}

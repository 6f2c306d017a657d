/**
 * Second strategies for a page whose extracted text came out empty or tiny: a page builder whose
 * wrappers all look like chrome, an app shell whose body sits in JSON-LD, a live page of scores.
 * An empty item helps no reader, so before giving up `extractArticle` tries, in order:
 *  1. the JSON-LD `articleBody` (the publisher's own statement of the body);
 *  2. a looser content search on a fresh parse (nothing pruned for its name, no shape cleanup);
 *  3. the listing's summary (`ExtractOptions.summary`).
 * Each result is weighed by its article-like text (see `proseOf`): a looser search can come back
 * longer but with nothing but share buttons, filing lines and an author box, which no reader
 * prefers to the short paragraph found first. The most prose wins; on a tie, the earlier result
 * (the first, then the order above): what a later one adds around the same paragraphs is not
 * article text. Only when none has any paragraph, the longest text.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { parseHtml } from '../html/parse.ts';
import { nodesToText, textToHtml } from '../html/to-text.ts';
import { extractContentNodes, type ContentSelectors } from './content.ts';
import { measure, type Stats } from './content-measure.ts';

/** Below this many characters of text, an extraction is not an article body. */
export const TINY_TEXT = 250;

export interface ContentResult {
  nodes: AnyNode[];
  /** Plain reading text of `nodes` (captions left out). */
  text: string;
}

/** Plain text or an HTML fragment as content nodes. */
function fromText(body: string): ContentResult {
  const html = /<(?:p|div|br|h[2-6]|ul|ol)\b[^>]*>/i.test(body) ? body : textToHtml(body.replace(/\r\n?/g, '\n').replace(/\n+/g, '\n\n'));
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
}

/** The better content for a page whose `first` result is tiny (see the module comment), else `first`. */
export function secondStrategy(first: ContentResult, input: SecondStrategyInput): ContentResult {
  const strategies: (() => ContentResult | null)[] = [
    () => {
      const body = input.articleBody();
      return body ? fromText(body) : null;
    },
    () => {
      const nodes = extractContentNodes(parseHtml(input.html), input.selectors, undefined, true);
      return { nodes, text: nodesToText(nodes, { captions: false }) };
    },
    () => (input.summary?.trim() ? fromText(input.summary) : null),
  ];
  let best = first;
  let bestProse = proseOf(first.nodes);
  for (const run of strategies) {
    const r = run();
    if (!r) continue;
    const prose = proseOf(r.nodes);
    if (prose > bestProse || (prose === 0 && bestProse === 0 && r.text.trim().length > best.text.trim().length)) {
      best = r;
      bestProse = prose;
    }
  }
  return best;
}

/** A block of text this long or longer reads as a paragraph, not a label or a button. */
const PARAGRAPH = 80;

/**
 * Article-like text of content nodes: the characters outside links of their text blocks (elements
 * without block children, and paragraphs) that are at least a short paragraph long.
 */
export function proseOf(nodes: AnyNode[]): number {
  const stats = new Map<Element, Stats>();
  const root = measure({ children: nodes } as ParentNode, stats);
  let n = 0;
  const walk = (parent: ParentNode, s: Stats): void => {
    // A paragraph stays one block around a picture.
    if (!s.hasBlock || (parent as Element).name === 'p') {
      if (s.text >= PARAGRAPH) n += s.text - s.link;
      return;
    }
    for (const c of parent.children) {
      const cs = stats.get(c as Element);
      if (cs) walk(c as Element, cs);
    }
  };
  walk({ children: nodes } as ParentNode, root);
  return n;
}

/**
 * The article's excerpt, as Reader View gives it: the page's own description when it has one,
 * else the content's first paragraph, whole. Only a safety bound cuts it (DEFAULTS.maxExcerptChars);
 * shortening for display is the feed summary's job (normalize).
 */
import type { AnyNode } from 'domhandler';
import { DEFAULTS } from '../defaults.ts';
import { isBlockTag, isPhrasingTag, nodesToText } from '../html/to-text.ts';
import { collapseSpace, truncateText } from '../utils/text.ts';
import { standsForBlock } from './content-dom.ts';

/** Shortest text taken as a paragraph where the markup does not say so (shorter: a label or a caption). */
const PROSE_MIN_CHARS = 80;

export function articleExcerpt(description: string | null, nodes: AnyNode[], text: string): string | null {
  if (description) return bounded(description);
  const p = findFirstParagraph(nodes);
  if (p) return bounded(p);
  const paragraphs = text.split(/\n{2,}/).map((x) => collapseSpace(x).trim()).filter(Boolean);
  const first = paragraphs.find((x) => x.length >= PROSE_MIN_CHARS) ?? paragraphs[0];
  return first ? bounded(first) : null;
}

/**
 * The first paragraph in document order: a `<p>`, a `<div>` holding only phrasing content (text,
 * links, emphasis) as long as prose, or such a run of bare text between blocks; pages use both as
 * paragraphs (Reader View wraps them in `<p>`). A short one is a label or a caption: skipped.
 */
function findFirstParagraph(nodes: AnyNode[]): string | null {
  let run: AnyNode[] = [];
  for (const n of nodes) {
    if (n.type === 'text' || (n.type === 'tag' && isPhrasingTag(n.name) && !standsForBlock(n))) {
      run.push(n);
      continue;
    }
    const bare = proseRun(run);
    if (bare) return bare;
    run = [];
    if (n.type !== 'tag') continue;
    if (n.name === 'figure' || n.name === 'figcaption') continue;
    if (n.name === 'p') {
      const t = beforeDoubleBreak([n]);
      if (t) return t;
      continue;
    }
    if (n.name === 'div' && n.children.every((c) => c.type !== 'tag' || !isBlockTag(c.name))) {
      // One run of phrasing content, unless a block left out of it split it (content-dom removeBlock).
      const t = findFirstParagraph(n.children);
      if (t) return t;
      continue;
    }
    const inner = findFirstParagraph(n.children);
    if (inner) return inner;
  }
  return proseRun(run);
}

/** Phrasing nodes' text up to a double break, if as long as prose. */
function proseRun(nodes: AnyNode[]): string | null {
  if (nodes.length === 0) return null;
  const t = beforeDoubleBreak(nodes);
  return t.length >= PROSE_MIN_CHARS ? t : null;
}

/**
 * Nodes' text up to their first `<br><br>`: pages that separate paragraphs with double breaks
 * hold several in one element, and Reader View splits them there (Readability's replaceBrs).
 */
function beforeDoubleBreak(nodes: AnyNode[]): string {
  const parts = nodesToText(nodes, { softHyphens: true }).split(/\n\s*\n/);
  const first = parts.map((x) => collapseSpace(x).trim()).find(Boolean);
  return first ?? '';
}

/** Whitespace collapsed; cut (on a word, with "…") only past the safety bound. */
function bounded(s: string): string {
  return truncateText(collapseSpace(s).trim(), DEFAULTS.maxExcerptChars);
}

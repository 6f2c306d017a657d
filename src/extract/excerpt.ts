/**
 * The article's excerpt, as Reader View gives it: the page's own description when it has one,
 * else the content's first paragraph, whole. Only a safety bound cuts it (DEFAULTS.maxExcerptChars);
 * shortening for display is the feed summary's job (normalize).
 */
import type { AnyNode } from 'domhandler';
import { DEFAULTS } from '../defaults.ts';
import { isBlockTag, nodesToText } from '../html/to-text.ts';
import { truncateText } from '../utils/text.ts';

/** Shortest text taken as a paragraph where the markup does not say so (shorter: a label or a caption). */
const PROSE_MIN_CHARS = 80;

export function articleExcerpt(description: string | null, nodes: AnyNode[], text: string): string | null {
  if (description) return bounded(description);
  const p = findFirstParagraph(nodes);
  if (p) return bounded(p);
  const paragraphs = text.split(/\n{2,}/).map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const first = paragraphs.find((x) => x.length >= PROSE_MIN_CHARS) ?? paragraphs[0];
  return first ? bounded(first) : null;
}

/**
 * The first paragraph in document order: a `<p>`, or a `<div>` holding only phrasing content
 * (text, links, emphasis) as long as prose, which pages use as a paragraph (a short one is a label
 * or a caption: skipped).
 */
function findFirstParagraph(nodes: AnyNode[]): string | null {
  for (const n of nodes) {
    if (n.type !== 'tag') continue;
    if (n.name === 'figure' || n.name === 'figcaption') continue;
    if (n.name === 'p') {
      const t = nodesToText([n]).replace(/\s+/g, ' ').trim();
      if (t) return t;
      continue;
    }
    if (n.name === 'div' && n.children.every((c) => c.type !== 'tag' || !isBlockTag(c.name))) {
      const t = nodesToText([n]).replace(/\s+/g, ' ').trim();
      if (t.length >= PROSE_MIN_CHARS) return t;
      continue;
    }
    const inner = findFirstParagraph(n.children);
    if (inner) return inner;
  }
  return null;
}

/** Whitespace collapsed; cut (on a word, with "…") only past the safety bound. */
function bounded(s: string): string {
  return truncateText(s.replace(/\s+/g, ' ').trim(), DEFAULTS.maxExcerptChars);
}

/**
 * What ends an article and is not part of it (step 5 of content.ts, with content-clean.ts): a
 * heading such as "Related", "Read more" or "Tags" near the end takes everything after it in its
 * container with it, unless what follows reads as a section of prose.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { classAndId, cleanLength, cleanText, HEADING_TAGS as HEADING, isElement, outranked } from './content-dom.ts';
import { detach } from './content-remove.ts';
import { linkDensity, type Stats } from './content-measure.ts';
import { THREAD_PARTS, TRAILING_HEADING } from './content-patterns.ts';

/**
 * Cut end-of-article blocks: a heading (or heading-like short line) such as "Related",
 * "Read more", "Tags" takes everything after it in its container with it.
 */
export function removeTrailing(root: Element, stats: Map<Element, Stats>, thread: boolean): void {
  const total = stats.get(root)?.text ?? cleanLength(root);
  const walk = (parent: ParentNode): boolean => {
    const kids = parent.children;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      if (!isElement(c)) continue;
      // Only in the last part of the content: a mid-article "Read more" heading is kept.
      const posts = thread && isElement(parent as AnyNode) && THREAD_PARTS.test(classAndId(parent as Element));
      const following = !posts && isTrailingMarker(c) ? followingText(c, root) : 0;
      if (following && following < total * 0.35 && !proseSection(kids.slice(i + 1), stats, following) && !outranked(c, kids.slice(0, i), kids.slice(i + 1), isTrailingMarker)) {
        for (const sib of kids.slice(i)) detach(sib);
        return true;
      }
      if (!HEADING.has(c.name) && c.name !== 'p' && walk(c)) {
        // Everything after a cut inside a child is also trailing.
        for (const sib of kids.slice(i + 1)) detach(sib);
        return true;
      }
    }
    return false;
  };
  walk(root);
}

/** A paragraph this long reads as prose, not a teaser's line. */
const PROSE_PARAGRAPH = 150;

/**
 * Whether what follows a trailing heading is a section of the article rather than a list of other
 * things: most of its text (of `following`) in paragraphs of prose, not links.
 */
function proseSection(after: AnyNode[], stats: Map<Element, Stats>, following: number): boolean {
  let prose = 0;
  const walk = (nodes: AnyNode[]): void => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      const s = stats.get(n);
      if (!s) continue;
      if (n.name === 'p') {
        if (s.text >= PROSE_PARAGRAPH && linkDensity(s) < 0.2) prose += s.text;
      } else walk(n.children);
    }
  };
  walk(after);
  return prose >= PROSE_PARAGRAPH * 3 && prose >= following * 0.6;
}

/** Text length from `el` (inclusive) to the end of `root`. */
export function followingText(el: Element, root: Element): number {
  let n = 0;
  let node: Element | null = el;
  let first = true;
  while (node && node !== root) {
    const parent: ParentNode | null = node.parent;
    if (!parent) break;
    const kids = parent.children;
    for (let i = kids.indexOf(node) + (first ? 0 : 1); i < kids.length; i++) n += cleanLength(kids[i]);
    first = false;
    node = parent === root || !isElement(parent as Element) ? null : (parent as Element);
  }
  return n;
}

export function isTrailingMarker(el: Element): boolean {
  const headingLike = HEADING.has(el.name) || (el.name === 'p' && el.children.length === 1 && isElement(el.children[0]) && /^(strong|b)$/.test(el.children[0].name));
  if (headingLike) {
    const t = cleanText(el);
    return t.length > 0 && t.length <= 60 && TRAILING_HEADING.test(t);
  }
  return false;
}

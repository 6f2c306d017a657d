/**
 * An article's lead (standfirst, dek, chapô, Vorspann, subheadline) often sits apart from its
 * body: in the article header beside the title, which pruning drops as chrome, or in a block of
 * its own that scores less than the body. The lead closest before the chosen content goes back
 * in front of it when both belong to the same article: their nearest common ancestor is at most
 * MAX_UP levels above the content.
 */
import type { Element } from 'domhandler';
import type { Stats } from './content-measure.ts';
import { LEAD_MIN_TEXT, linkDensity } from './content-measure.ts';
import { isElement } from './content-dom.ts';

const MAX_UP = 5;
/**
 * A lead is a sentence (LEAD_MIN_TEXT), a short paragraph or an intro of a few (a listicle's, in
 * its header above the items), not a whole section.
 */
const MAX_TEXT = 2500;

/** Where a teaser of another page sits: its "lead" is not this article's. */
const ELSEWHERE = new Set(['aside', 'nav', 'footer', 'li']);

/**
 * Each lead candidate with its ancestors below <body>, taken before pruning detaches any of them.
 * Candidates inside an aside, a navigation, a footer or a list item are left out.
 */
export function leadAncestry(leads: Element[]): Map<Element, Set<Element>> {
  const out = new Map<Element, Set<Element>>();
  next: for (const lead of leads) {
    const up = new Set<Element>();
    for (let p = lead.parent; p && p.type !== 'root'; p = p.parent) {
      const el = p as Element;
      if (el.name === 'body') break;
      if (ELSEWHERE.has(el.name)) continue next;
      up.add(el);
    }
    out.set(lead, up);
  }
  return out;
}

/** The lead to put before `chosen` (the content blocks, in order), or null. */
export function leadFor(chosen: Element[], ancestry: Map<Element, Set<Element>>, stats: Map<Element, Stats>): Element | null {
  if (ancestry.size === 0) return null;
  const first = chosen[0];
  // The content's first element: a lead must come before it in the page.
  let leaf = first;
  for (let k = leaf.children.find(isElement); k; k = leaf.children.find(isElement)) leaf = k;
  const firstOrder = stats.get(leaf)?.order;
  if (firstOrder === undefined) return null;
  // Pruning may have dropped the lead from inside the content itself (an article's header).
  const near: Element[] = [first];
  for (let p = first.parent, i = 0; p && p.type !== 'root' && i < MAX_UP; p = p.parent, i++) near.push(p as Element);
  let best: Element | null = null;
  let bestOrder = -1;
  for (const [lead, up] of ancestry) {
    const s = stats.get(lead);
    // Post-order numbers follow document order for elements that do not contain each other.
    if (!s || s.order >= firstOrder || s.order <= bestOrder) continue;
    // Text only: a "lead" figure is the lead picture, whose caption is not the standfirst.
    if (s.text < LEAD_MIN_TEXT || s.text > MAX_TEXT || linkDensity(s) > 0.3 || s.img > 0 || lead.name === 'figure') continue;
    if (inside(lead, chosen)) continue;
    if (!near.some((a) => up.has(a))) continue;
    best = lead;
    bestOrder = s.order;
  }
  return best;
}

/** Whether `el` is still attached under one of `roots` (pruning detaches what it drops). */
function inside(el: Element, roots: Element[]): boolean {
  for (let p = el.parent; p; p = p.parent) if (roots.includes(p as Element)) return true;
  return false;
}

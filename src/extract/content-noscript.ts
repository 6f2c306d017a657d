/**
 * Pages drawn by scripts that give readers without them the page in a <noscript> (forum software,
 * app shells): there the <noscript> holds the content and the rest is an empty frame. Such a
 * <noscript> is unwrapped before extraction; any other is dropped as usual.
 */
import type { Element } from 'domhandler';
import { relink } from './content-remove.ts';
import { measure, proseLength, type Stats } from './content-measure.ts';

/** Non-link text a <noscript> needs before it can be the page (a paragraph or two). */
const MIN_NOSCRIPT_TEXT = 500;

/**
 * Unwrap each <noscript> of `noscripts` that holds more non-link text than all of the page
 * outside <noscript>s (`page`) and at least MIN_NOSCRIPT_TEXT. Returns whether any was.
 */
export function unwrapScriptlessPage(noscripts: Element[], page: Stats): boolean {
  const outside = proseLength(page);
  let changed = false;
  for (const ns of noscripts) {
    const parent = ns.parent;
    if (!parent) continue;
    const own = proseLength(measure(ns, new Map()));
    if (own < MIN_NOSCRIPT_TEXT || own <= outside) continue;
    const kids = ns.children;
    for (const k of kids) k.parent = parent;
    parent.children.splice(parent.children.indexOf(ns), 1, ...kids);
    ns.children = [];
    ns.parent = null;
    relink(parent);
    changed = true;
  }
  return changed;
}

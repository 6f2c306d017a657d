/**
 * Sanitizing content the extractor holds as parsed nodes: `sanitizeContent` of their HTML, with
 * less HTML to write and parse again.
 */
import type { AnyNode, Element } from 'domhandler';
import { ALLOWED_ATTRIBUTES, sanitizeContent, transformedTags } from './sanitize.ts';
import { serializeHtml } from './serialize.ts';

/** Attributes kept per tag, for lookups with any tag name. */
const KEPT_ATTRIBUTES = new Map(Object.entries(ALLOWED_ATTRIBUTES));
let transformed: Set<string> | undefined;

/**
 * `sanitizeContent` over parsed nodes: the same output as `sanitizeContent(serializeHtml(nodes))`,
 * cheaper, by serializing them as `sanitizerInput` does.
 */
export function sanitizeNodes(nodes: AnyNode[], base: string): string {
  return sanitizeContent(sanitizerInput(nodes), base);
}

/**
 * The nodes as HTML without the attributes the sanitizer would drop unread (classes, styles,
 * data-*: most of the markup of a modern page), so it has less to parse. Tags whose transform
 * reads attributes (lazy images, media, links) keep them all. The nodes' attributes are swapped
 * for this one serialization and restored.
 */
export function sanitizerInput(nodes: AnyNode[]): string {
  transformed ??= new Set(transformedTags());
  const swapped: [Element, Record<string, string>][] = [];
  const strip = (list: AnyNode[]): void => {
    for (const node of list) {
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const el = node as Element;
      if (!transformed!.has(el.name)) {
        const attribs = el.attribs;
        const keep = KEPT_ATTRIBUTES.get(el.name);
        let kept: Record<string, string> | undefined;
        for (const name in attribs) {
          if (keep?.includes(name)) continue;
          // The first dropped attribute: copy the kept ones, in their order (the sanitizer's output order).
          kept = {};
          for (const k in attribs) if (keep?.includes(k)) kept[k] = attribs[k];
          break;
        }
        if (kept) {
          swapped.push([el, attribs]);
          el.attribs = kept;
        }
      }
      strip(el.children);
    }
  };
  try {
    strip(nodes);
    return serializeHtml(nodes);
  } finally {
    for (const [el, attribs] of swapped) el.attribs = attribs;
  }
}

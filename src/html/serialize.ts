/**
 * Nodes back to HTML, as UTF-8 with only markup characters escaped (`&`, `<`, `>`, quotes in
 * attributes, and no-break spaces). cheerio's `.html()` writes every non-ASCII character as a
 * numeric entity instead: correct, but several times longer for non-Latin text, and each entity
 * becomes a separate event for the next parser (the sanitizer).
 */
import render from 'dom-serializer';
import type { AnyNode } from 'domhandler';

export function serializeHtml(nodes: AnyNode | ArrayLike<AnyNode>): string {
  return render(nodes, { encodeEntities: 'utf8' });
}

/**
 * The author's bio at the end of an article ("Jane Doe is a health writer…", "About the author:
 * Jane Doe…"): a block in the content's last part that opens with the name the byline gives.
 * The byline is read from the page's metadata, so the bio is recognised by a name the page states
 * elsewhere, not by its wording.
 */
import type { AnyNode, Element } from 'domhandler';
import { cleanLength, cleanText, isElement } from './content-dom.ts';
import { detach } from './content-remove.ts';
import { ABOUT_THE_AUTHOR, BETWEEN_NAMES } from './byline-labels.ts';

/** Blocks read as one line each (no block children). */
const BLOCK = new Set(['p', 'div', 'li', 'section', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'dd', 'dt', 'blockquote', 'ul', 'ol', 'table', 'figure', 'pre', 'article', 'aside', 'header', 'footer']);
const LEAF = new Set(['p', 'div', 'li', 'section', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'dd', 'dt']);
/** The part of the content, by text, a bio may sit in (it closes the article). */
const BIO_TAIL = 0.3;
/**
 * A bio is a sentence or more about the person, not a section; a shorter line opening with the name
 * is a credit ("The Daily Post with inputs from agencies").
 */
const BIO_TEXT = 800;
const BIO_MIN = 60;
/** A line holding the author's name alone (or with a title) above the bio. */
const NAME_LINE = 80;

function leaves(nodes: AnyNode[], out: Element[] = []): Element[] {
  for (const n of nodes) {
    if (!isElement(n) || n.name === 'figure' || n.name === 'pre' || n.name === 'table') continue;
    if (LEAF.has(n.name) && !n.children.some((k) => isElement(k) && BLOCK.has(k.name))) out.push(n);
    else leaves(n.children, out);
  }
  return out;
}

/**
 * Personal names in the byline(s), as [full name, first name]: "Jane Doe and John Roe, The Daily"
 * gives both people. A one-word byline is a site or a pen name, not a person the bio would name.
 */
export function bylineNames(authors: string[]): [string, string][] {
  const names: [string, string][] = [];
  for (const a of authors) {
    for (const part of a.split(/\s*,\s*/).flatMap((p) => p.split(BETWEEN_NAMES))) {
      const words = part.trim().split(/\s+/).filter(Boolean);
      if (words.length < 2 || words.length > 4 || !words.every((w) => /^\p{Lu}/u.test(w))) continue;
      names.push([words.join(' '), words[0]]);
    }
  }
  return names;
}

const startsWith = (t: string, name: string): boolean => t.startsWith(name) && !/[\p{L}\p{N}]/u.test(t.charAt(name.length));

/** Remove the bio of a byline's author from the end of the content (and the name line above it). */
export function removeAuthorBio(nodes: AnyNode[], authors: string[]): void {
  const names = bylineNames(authors);
  if (!names.length) return;
  const blocks = leaves(nodes);
  const lengths = blocks.map(cleanLength);
  const total = lengths.reduce((n, l) => n + l, 0);
  // Only the last part's texts are read: measured, the rest need only their length.
  const texts: string[] = [];
  const text = (i: number): string => (texts[i] ??= cleanText(blocks[i]));
  let tail = 0;
  for (let i = blocks.length - 1; i > 0; i--) {
    tail += lengths[i];
    if (tail > total * BIO_TAIL) break;
    if (lengths[i] < BIO_MIN) continue;
    const t = text(i).replace(ABOUT_THE_AUTHOR, '');
    if (t.length > BIO_TEXT || t.length < BIO_MIN) continue;
    const above = text(i - 1);
    // The first name alone ("Jane is a writer…") when the line above names her in full.
    const person = names.find(([full, first]) => startsWith(t, full) || (startsWith(t, first) && above.includes(full)));
    if (!person) continue;
    detach(blocks[i]);
    if (above.length <= NAME_LINE && above.includes(person[0])) detach(blocks[i - 1]);
  }
}

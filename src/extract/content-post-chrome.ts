/**
 * The chrome of a thread's posts: on a forum topic's or a question's page, every post carries the
 * same small blocks beside its text (the poster's card and rank, "answered Mar 28 at 13:04", a
 * reputation and badge count, "Last edited: …", the post's number). Such a block is one kind of
 * element (tag and class) repeated post after post, each time a few words and never a sentence;
 * the posts' own text differs from post to post in length and shape.
 */
import type { Element, ParentNode } from 'domhandler';
import { cleanText, isElement } from './content-dom.ts';
import { detach } from './content-remove.ts';

/** Blocks that stand as lines of their own (inline mentions and links inside a post's text stay). */
const LINE_BLOCKS = new Set(['div', 'section', 'dl', 'dt', 'dd', 'ul', 'ol', 'header', 'footer', 'aside', 'table']);
/** A kind of block seen this often is one per post, not a one-off. */
const MIN_REPEATS = 3;
/** Characters: a user card or a timestamp line; longer, a post's text. */
const CHROME_TEXT = 60;
const SENTENCE_END = /[.!?…]["”’)]?$/;

/** Remove the blocks of one kind (tag and class) repeated in every post and short each time. */
export function removePostChrome(root: Element): void {
  const kinds = new Map<string, Element[]>();
  const walk = (parent: ParentNode): void => {
    for (const c of parent.children) {
      // A quote's header ("Jane said:") belongs to what the post says.
      if (!isElement(c) || c.name === 'blockquote') continue;
      const cls = c.attribs.class?.trim();
      if (cls && LINE_BLOCKS.has(c.name)) {
        const key = `${c.name}.${cls}`;
        const same = kinds.get(key);
        if (same) same.push(c);
        else kinds.set(key, [c]);
      }
      walk(c);
    }
  };
  walk(root);
  for (const blocks of kinds.values()) {
    if (blocks.length < MIN_REPEATS) continue;
    const texts = blocks.map(cleanText);
    if (texts.every((t) => !t) || texts.some((t) => t.length > CHROME_TEXT || SENTENCE_END.test(t))) continue;
    for (const el of blocks) detach(el);
  }
}

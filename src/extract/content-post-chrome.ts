/**
 * The chrome of a thread's posts: on a forum topic's or a question's page, every post carries the
 * same small blocks beside its text (the poster's card and rank, "answered Mar 28 at 13:04", a
 * reputation and badge count, "Last edited: …", the post's number). Such a block is one kind of
 * element (tag and class) repeated post after post, each time a few words and never a sentence;
 * the posts' own text differs from post to post in length and shape.
 */
import type { Element, ParentNode } from 'domhandler';
import { cleanLength, cleanText, isElement } from './content-dom.ts';
import type { Stats } from './content-measure.ts';
import { detach } from './content-remove.ts';
import { opensWithJoined } from './date-labels.ts';
import { isPhrasingTag } from '../html/to-text.ts';

/** Blocks that stand as lines of their own (inline mentions and links inside a post's text stay). */
const LINE_BLOCKS = new Set(['div', 'section', 'dl', 'dt', 'dd', 'ul', 'ol', 'header', 'footer', 'aside', 'table']);
/** A kind of block seen this often is one per post, not a one-off. */
const MIN_REPEATS = 3;
/** Characters: a user card or a timestamp line; longer, a post's text. */
const CHROME_TEXT = 60;
const SENTENCE_END = /[.!?…]["”’)]?$/;

/** Remove the blocks of one kind (tag and class) repeated in every post and short each time. */
export function removePostChrome(root: Element): void {
  for (const blocks of repeatedKinds(root, LINE_BLOCKS)) {
    const texts = blocks.map(cleanText);
    if (texts.every((t) => !t) || texts.some((t) => t.length > CHROME_TEXT || SENTENCE_END.test(t))) continue;
    for (const el of blocks) detach(el);
  }
}

/** The longest line read as a member's "Joined: …" line. */
const MEMBER_LINE = 60;

/**
 * Whether `root` holds posts' author cards: two or more short lines of their own that open with
 * when a member joined ("Joined: Wed Feb 04, 2015", "Member since 2019", "Registriert: 12.03.2011";
 * not "Founded: 1998", which a list of companies repeats). A forum
 * topic's page that its markup does not call a thread still shows who wrote each post so.
 */
export function holdsMemberCards(root: Element): boolean {
  // Read from the text nodes that open with the label (one pass), each judged by its line; a line
  // is judged once, however many such nodes it holds.
  const judged = new Set<Element>();
  let cards = 0;
  const walk = (parent: ParentNode): boolean => {
    for (const c of parent.children) {
      if (c.type === 'text') {
        if (!opensWithJoined(c.data)) continue;
        const line = lineOf(c.parent as Element, root);
        if (!line || judged.has(line)) continue;
        judged.add(line);
        const t = cleanText(line);
        if (t.length <= MEMBER_LINE && opensWithJoined(t) && /\p{Nd}/u.test(t) && ++cards >= 2) return true;
      } else if (isElement(c) && c.name !== 'blockquote' && walk(c)) return true;
    }
    return false;
  };
  return walk(root);
}

/** The element that makes `el`'s line: `el` or its nearest ancestor that is not inline markup. */
function lineOf(el: Element, root: Element): Element | null {
  for (let e: Element | null = el; e && e !== root; e = e.parent && isElement(e.parent) ? e.parent : null) {
    if (!isPhrasingTag(e.name)) return e;
  }
  return null;
}

/**
 * A thread's post texts: blocks of one kind (tag and class) repeated MIN_REPEATS times or more,
 * none inside another of its kind, carrying text rather than links, at least one of them longer
 * than a line of chrome. The posts' own text is such a kind; so is a post as a whole.
 */
export function postTexts(root: Element, stats: Map<Element, Stats>): Set<Element> {
  const out = new Set<Element>();
  for (const blocks of repeatedKinds(root, POST_BLOCKS)) {
    const own = new Set(blocks);
    if (blocks.some((b) => nestedIn(b, own, root))) continue;
    let text = 0;
    let link = 0;
    for (const b of blocks) {
      const s = stats.get(b);
      text += s?.text ?? 0;
      link += s?.link ?? 0;
    }
    if (text === 0 || link / text >= POST_LINKS || !blocks.some((b) => cleanLength(b) > CHROME_TEXT)) continue;
    for (const b of blocks) out.add(b);
  }
  return out;
}
const POST_BLOCKS = new Set(['div', 'article', 'section', 'li']);
/** Link text share past which a repeated kind is a list of links (similar threads), not posts. */
const POST_LINKS = 0.5;

function nestedIn(el: Element, kind: Set<Element>, root: Element): boolean {
  for (let p = el.parent; p && p !== root && isElement(p); p = p.parent) if (kind.has(p)) return true;
  return false;
}

/**
 * The kinds of block (tag among `tags`, and class) under `root` seen MIN_REPEATS times or more,
 * each as its blocks in page order. Not inside a quote: a quote's header ("Jane said:") belongs to
 * what the post says.
 */
function repeatedKinds(root: Element, tags: ReadonlySet<string>): Element[][] {
  const kinds = new Map<string, Element[]>();
  const walk = (parent: ParentNode): void => {
    for (const c of parent.children) {
      if (!isElement(c) || c.name === 'blockquote') continue;
      const cls = c.attribs.class?.trim();
      if (cls && tags.has(c.name)) {
        const key = `${c.name}.${cls}`;
        const same = kinds.get(key);
        if (same) same.push(c);
        else kinds.set(key, [c]);
      }
      walk(c);
    }
  };
  walk(root);
  return [...kinds.values()].filter((blocks) => blocks.length >= MIN_REPEATS);
}

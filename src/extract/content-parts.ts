/**
 * The content's structure beyond one block: posts of a thread, and an article split into
 * same-class blocks across rows or columns (content.ts, step 4).
 */
import type { Element } from 'domhandler';
import { contains, elementChildren, isElement, soleElement } from './content-dom.ts';
import { linkDensity, proseLength } from './content-measure.ts';
import type { Stats } from './content-measure.ts';

/** How far above the chosen block its same-class parts are looked for (withParts). */
const PARTS_UP = 6;
/** How many times the chosen block's prose a page's `<main>` must hold to stand for it (pageMain). */
const MAIN_TEXT = 1.5;
/** The most link text a page's `<main>` may carry to stand for the chosen block. */
const MAIN_LINKS = 0.35;

/**
 * Whether `sib` is another post like `top`: the same class, and text rather than links. A
 * thread's opening post often carries one class more than its replies (a "starter", "owner" or
 * "first" mark): one class told apart is still the same kind of post.
 */
export function samePost(sib: Element, top: Element, stats: Map<Element, Stats>): boolean {
  const s = stats.get(sib);
  return !!top.attribs.class && sameKindOfPost(sib.attribs.class, top.attribs.class) && proseLength(s) >= 100 && linkDensity(s) < 0.25;
}

/**
 * Whether `others` hold two more posts like `top` (samePost) that are not teasers: a teaser
 * (a listing's entry, a "more news" card) has a title linking to its own page; a reply does not.
 */
export function repliesBeside(top: Element, others: Element[], stats: Map<Element, Stats>): boolean {
  return others.filter((o) => o !== top && o.name === top.name && samePost(o, top, stats) && !linkedTitleIn(o, stats)).length >= 2;
}

/** Whether `el` holds an h1–h3 whose text is a link (a title leading to another page). */
function linkedTitleIn(el: Element, stats: Map<Element, Stats>): boolean {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (/^h[1-3]$/.test(c.name)) return isLinked(c, stats);
    if (linkedTitleIn(c, stats)) return true;
  }
  return false;
}

/** Equal class lists, or one of them the other plus a single class (in any order). */
function sameKindOfPost(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ta = new Set(a.split(/\s+/).filter(Boolean));
  const tb = new Set(b.split(/\s+/).filter(Boolean));
  const [small, large] = ta.size < tb.size ? [ta, tb] : [tb, ta];
  return small.size > 0 && large.size === small.size + 1 && [...small].every((t) => large.has(t));
}

/**
 * The article split into same-class blocks in sibling rows or columns (page builders, a body
 * broken up by ads), or a thread's posts: blocks of the chosen block's kind (`kindOf`), up to
 * PARTS_UP levels above it, with text rather than links, join the chosen ones in page order. When
 * the chosen block is a layout wrapper around one inner block (column > row > column > story
 * text), the inner block's kind is looked for too: the layout's classes repeat around other things.
 */
export function withParts(out: Element[], top: Element, body: Element, stats: Map<Element, Stats>): Element[] {
  const topKind = kindOf(top);
  if (!topKind) return out;
  let anc: Element = top;
  for (let i = 0; i < PARTS_UP && anc.parent && isElement(anc.parent) && anc.parent !== body; i++) anc = anc.parent;
  if (anc === top) return out;
  const order = (el: Element): number => stats.get(el)?.order ?? 0;
  const inner = innerBlock(top);
  const innerKind = inner && kindOf(inner);
  // (The inner block's kind only before the chosen one: the article's opening, split off by the
  // layout; after it, that kind is as often the teasers of other posts.) A kind ends in its tag:
  // other tags are passed over unread.
  const sameKind = (c: Element): boolean => {
    if (c.name !== top.name && c.name !== inner?.name) return false;
    const k = kindOf(c);
    return k === topKind || (!!innerKind && k === innerKind && order(c) < order(top));
  };
  const parts: Element[] = [];
  const walk = (p: Element): void => {
    for (const c of p.children) {
      if (!isElement(c) || c === top || out.some((o) => o === c || contains(o, c))) continue;
      const s = stats.get(c);
      if (!s) continue;
      if (sameKind(c)) {
        if (proseLength(s) >= 80 && linkDensity(s) < 0.25 && !underLinkedTitle(c, top, anc, stats)) parts.push(c);
        continue;
      }
      walk(c);
    }
  };
  walk(anc);
  if (!parts.length) return out;
  return [...out, ...parts].sort((a, b) => order(a) - order(b));
}

/**
 * A block's kind: its tag and class; for a block without a class, its tag under its parent's tag
 * and class (a forum's post text is a bare <article> or <div> in each post's classed wrapper).
 */
function kindOf(el: Element): string | null {
  if (el.attribs.class) return `${el.name}.${classKind(el.attribs.class)}`;
  const p = el.parent;
  return p && isElement(p) && p.attribs.class ? `${p.name}.${classKind(p.attribs.class)}>${el.name}` : null;
}

/**
 * A class list without the tokens that name one element rather than a kind: page builders mark
 * each block with an id or an index beside the class of its kind ("elementor-element
 * elementor-element-18061dd", "et_pb_text et_pb_text_2") or alone ("vc_custom_1454411234567",
 * "fl-node-5a3b2c1d"), so the sections of one page differ only there. Such a token is another of
 * the list with a numbered suffix, or ends in five or more lowercase hex digits, one of them a
 * digit, after a name; a grid's "col-md-8" is neither, nor is a CSS module's "Card_body__x1Fq3"
 * (its hash names a style, which is a kind). A list of nothing else stays as it is.
 */
export function classKind(cls: string): string {
  if (!/\d/.test(cls)) return cls;
  const tokens = cls.split(/\s+/).filter(Boolean);
  const kept = tokens.filter((t) => {
    if (GENERATED_ID.test(t)) return false;
    const m = NUMBERED.exec(t);
    return !m || !tokens.includes(m[1]);
  });
  return kept.length ? kept.join(' ') : cls;
}

/** A name, a hyphen or underscore, and a suffix with a digit in it: "et_pb_text_2". */
const NUMBERED = /^(.+)[-_](?=[a-z]*\d)[a-z\d]+$/;
const GENERATED_ID = /[a-z\d][-_](?=[a-f]*\d)[a-f\d]{5,}$/;

/** The block a layout wrapper holds alone, through wrappers that each hold only it; null when `el` holds more. */
function innerBlock(el: Element): Element | null {
  let inner: Element | null = null;
  for (let only = soleElement(el, true); only && only.name === 'div'; only = soleElement(only, true)) inner = only;
  return inner;
}

/**
 * On a page that does not say it is an article (a product's, a service's, a docs page), the
 * chosen block is often one of the page's sections (the description, one feature, the FAQ): the
 * page's `<main>` (or `role=main`) around it, or without one the body (chrome already pruned), is
 * the content when it holds MAIN_TEXT times the block's prose with few links. Not for an entry
 * under a linked title (a post in a listing of posts).
 */
export function pageMain(top: Element, body: Element, stats: Map<Element, Stats>): Element | null {
  let main = body;
  for (let p = top.parent; p && isElement(p) && p !== body; p = p.parent) {
    if (p.name === 'main' || p.attribs.role === 'main') {
      main = p;
      break;
    }
  }
  const s = stats.get(main);
  const wide = !!s && proseLength(s) >= proseLength(stats.get(top)) * MAIN_TEXT && linkDensity(s) < MAIN_LINKS;
  return wide && !linkedTitleBefore(top, main, stats) ? main : null;
}

/**
 * Whether `el` (below `anc`) follows a heading that links elsewhere: the entry of another post in
 * a listing, whose title links to it, not a part of this article. A linked heading over the chosen
 * block too (a thread's or a question's title linking to its own page) is the page's title.
 */
function underLinkedTitle(el: Element, top: Element, anc: Element, stats: Map<Element, Stats>): boolean {
  const title = linkedTitleBefore(el, anc, stats);
  return !!title && title !== linkedTitleBefore(top, anc, stats);
}

/** The nearest heading before `el` (below `anc`) whose text is a link, or null. */
function linkedTitleBefore(el: Element, anc: Element, stats: Map<Element, Stats>): Element | null {
  for (let e: Element = el; e !== anc && e.parent && isElement(e.parent); e = e.parent) {
    const sibs = elementChildren(e.parent);
    for (let i = sibs.indexOf(e) - 1; i >= 0; i--) {
      const sib = sibs[i];
      const h = /^h[1-3]$/.test(sib.name) ? sib : sib.children.find((k): k is Element => isElement(k) && /^h[1-3]$/.test(k.name));
      if (h && isLinked(h, stats)) return h;
    }
  }
  return null;
}

/** Whether a heading's text is a link. */
function isLinked(h: Element, stats: Map<Element, Stats>): boolean {
  const hs = stats.get(h);
  return !!hs && hs.text > 0 && hs.link >= hs.text * 0.8;
}

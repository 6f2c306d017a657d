/**
 * Main-content extraction: a Readability-style scoring extractor written directly on the cheerio
 * (domhandler) tree, plus trafilatura-style precision cleanup of the chosen node.
 *
 *  1. prune   — drop non-content tags, hidden nodes, and blocks whose class/id says "not article"
 *  2. measure — one post-order pass: text length, link text, commas, paragraph counts per element
 *  3. score   — paragraphs score their ancestors; candidates are scaled by (1 − link density)
 *  4. choose  — top candidate, climbing to a parent that scores as well (or that holds many times
 *               its text), plus matching siblings, and the article's lead when it sits apart
 *               (content-lead.ts)
 *  5. clean   — remove link-dense blocks, boilerplate lines, trailing "related"/"tags" sections
 *
 * Input: the parsed page (mutated). Output: the content nodes, raw (sanitize their HTML before use).
 *
 * Over 300 lines: prune, score and choose share one pass's per-element stats and
 * candidate maps, and read best as one algorithm. The self-contained parts live beside it:
 * content-measure.ts (stats), content-clean.ts (step 5), content-lead.ts, content-dom.ts,
 * content-patterns.ts, content-parts.ts (threads, split articles), content-noscript.ts (pages
 * readable only in <noscript>); content-fallback.ts holds the
 * second strategies for a tiny result.
 */
import { Element, isDocument, Text, type AnyNode, type Document, type ParentNode } from 'domhandler';
import { cheerioOf } from '../html/parse.ts';
import { isPhrasingTag } from '../html/to-text.ts';
import { serializeHtml } from '../html/serialize.ts';
import { HEADING_TAGS, classAndId, cleanLength, cleanText, contains, elementChildren, findDescendant, isElement, namedByItsHeading, paragraphsOfLooseText, soleElement, withinSentence } from './content-dom.ts';
import { detach, relink } from './content-remove.ts';
import { classKind, pageMain, repliesBeside, samePost, withParts } from './content-parts.ts';
import { clean, type CleanMode } from './content-clean.ts';
import { wrapsUnjudged } from './content-shape.ts';
import { isTrailingMarker } from './content-trailing.ts';
import { isDataTable } from './content-tables.ts';
import { addCounts, classWeight, linkDensity, measure, noCounts, proseLength, subtractCounts } from './content-measure.ts';
import { leadAncestry, leadFor } from './content-lead.ts';
import { unwrapScriptlessPage } from './content-noscript.ts';
import { spaceApartSpans } from './content-spacing.ts';
import { revealStreamedSegments } from './content-streamed.ts';
import { holdsMemberCards, removePostChrome } from './content-post-chrome.ts';
import type { Stats } from './content-measure.ts';
import { OK_MAYBE, REVIEWS, STRONG_UNLIKELY, THREAD_PARTS, UNLIKELY, UNLIKELY_ROLES } from './content-patterns.ts';
import { pushAll } from '../utils/arrays.ts';

export interface ContentSelectors {
  /** CSS selector of the content; overrides automatic detection when it matches. */
  content?: string;
  /** CSS selectors removed before extraction. */
  remove?: string[];
  /**
   * What becomes of the `content` matches. Absent: chrome and hidden elements go, and cleanup
   * keeps the matches' own blocks whatever their shape (a selector is the user's word). true
   * (site rules' `prune: yes`): cleaned as automatic content is, the matches standing for the
   * chosen blocks, so forms, navigation and link-heavy blocks inside them go too. false (`prune:
   * no`): kept as matched (sanitized later).
   */
  prune?: boolean;
}

/** Tags that never carry article text. */
const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'title', 'svg', 'canvas',
  'button', 'input', 'select', 'textarea', 'option', 'label', 'object', 'embed', 'dialog', 'nav',
]);
/**
 * Of the page's prose, the share an <aside> must hold to stay: more than that is an unclosed
 * `<aside>` that the parser (as browsers do) made the parent of the rest of the page.
 */
const ASIDE_SWALLOWED = 0.5;
/** Page chrome, removed unless it holds real paragraph text. */
const CHROME_TAGS = new Set(['header', 'footer', 'menu']);
const NEVER_UNLIKELY = new Set(['html', 'body', 'article', 'main', 'a', 'p', 'figure', 'figcaption', 'table', 'tbody', 'tr', 'td', 'th', 'pre', 'code', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'picture']);
const RELATED_CONTAINER = new Set(['div', 'section', 'article', 'aside', 'ul', 'ol']);
/** How many times the winner's prose a container must hold to stand for it (sharedContainer). */
const SHARED_TEXT = 8;
/** Non-link text a winning block needs when another candidate has four times as much. */
const MIN_WINNER_TEXT = 100;
const SCORE_TAGS = new Set(['p', 'pre', 'td', 'section', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A collapsed panel of an accordion or a "show more" (hidden until its button is pressed) holds
 * the page's text, folded: FAQ answers, a guide's steps. It is hidden as a closed pop-up or a
 * consent dialog's tab is, so it is told by the disclosure pattern instead: a region labelled by
 * its header (`role="region" aria-labelledby`), or a block that the element just before it says
 * it controls (`aria-controls`; see `unfoldPanelAfter`). So are the closed tabs of a tab set.
 */
function isHidden(el: Element): boolean {
  const a = el.attribs;
  return hiddenByMarkup(a, el.name) && !(a.role === 'region' && 'aria-labelledby' in a) && !(a.role === 'tabpanel' && shownPanelBeside(el));
}

/**
 * Whether a tab panel beside `panel` is shown: `panel` is a closed tab of a tab set the page shows
 * (a guide's steps per platform, a product's specifications, code in several languages), one
 * press away, as an accordion's panel is. A hidden panel with no shown one beside it is part of
 * something closed (a consent dialog's tabs).
 */
function shownPanelBeside(panel: Element): boolean {
  const parent = panel.parent;
  if (!parent) return false;
  // Asked for each panel of a set: its parent's panels are read once (a page of thousands of
  // hidden panels would otherwise cost their square).
  let shown = shownPanels.get(parent);
  if (shown === undefined) {
    shown = parent.children.some((s) => isElement(s) && s.attribs.role === 'tabpanel' && !hiddenByMarkup(s.attribs, s.name));
    shownPanels.set(parent, shown);
  }
  return shown;
}
const shownPanels = new WeakMap<ParentNode, boolean>();

/**
 * An element hidden by its markup that holds nearly all of the page's prose is the page itself,
 * kept hidden until the page's scripts run (an anti-flicker `visibility:hidden` wrapper while
 * fonts load, a loader's `display:none`): a reader's browser shows it, and dropping it leaves
 * nothing. A hidden block beside the text (a modal, a menu, a collapsed panel) holds less.
 */
const PAGE_SHARE = 0.9;
function hiddenFromReader(el: Element, stats: Map<Element, Stats>, pageText: number): boolean {
  if (!isHidden(el)) return false;
  const s = stats.get(el);
  return !(pageText > 0 && !!s && proseLength(s) >= pageText * PAGE_SHARE);
}

function hiddenByMarkup(a: Record<string, string>, name: string): boolean {
  if ('hidden' in a) return true;
  if (a['aria-hidden'] === 'true' && name !== 'figure' && name !== 'img') return true;
  return !!a.style && HIDDEN_STYLE.test(a.style);
}
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** The declarations of HIDDEN_STYLE, to take out of a style attribute. */
const HIDDEN_DECLARATIONS = /(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*;?/gi;

/**
 * Unfold the hidden block right after `control` when `control` (or an element inside it: the
 * header's button) says it controls that block, as a reader pressing it would. Done before
 * pruning `control`'s own subtree, which drops the button.
 */
function unfoldPanelAfter(control: Element): void {
  let next = control.next;
  while (next && !isElement(next)) next = next.next;
  const id = next?.attribs.id;
  if (!next || !id || !hiddenByMarkup(next.attribs, next.name)) return;
  const controls = (e: Element): boolean => (e.attribs['aria-controls'] ?? '').split(/\s+/).includes(id);
  if (!controls(control) && !findDescendant(control, controls)) return;
  const a = next.attribs;
  delete a.hidden;
  delete a['aria-hidden'];
  if (a.style) a.style = a.style.replace(HIDDEN_DECLARATIONS, '');
}

/** What the page says it is, as pruning reads it. */
type PageKind = Pick<ContentMode, 'thread' | 'product'>;

/**
 * Step 1: drop what is never content. Walks once; removed subtrees are not visited.
 * A block is dropped for its class/id or chrome tag only when it holds less than half of the
 * page's non-link text and no <article>/<main>: wrappers named "sidebar-layout" or
 * "header-style-2" often enclose the whole article (Readability retries for this; we avoid it).
 */
function prune(
  parent: ParentNode, stats: Map<Element, Stats>, pageText: number, insideProtected: boolean, chain: Element[], page: PageKind = {},
  holders = new ProseHolders(stats, pageText), settleAbove?: () => void,
): void {
  const kids = parent.children;
  let changed = false;
  // The element before `c` (dropped or not): a heading's own block that introduces what follows.
  let prev: Element | null = null;
  // What is dropped leaves `kids` a run at a time: the `stale` slots before `c` are free, and what
  // stays moves down over them (`placed`: `c` has). One splice per dropped child made a page of
  // 20,000 <script>s, or of blocks named "comment", take seconds. The one check that counts this
  // parent's or an ancestor's children (amidTheText) takes the free slots out first (`settle`);
  // the others are read as they are (isLoneChild, ProseHolders: what left has no parent).
  let stale = 0;
  let placed = false;
  let i = 0;
  // Made when first needed: most levels never have free slots while their children are pruned.
  let settleHere: (() => void) | undefined;
  for (; i < kids.length; i++) {
    const c = kids[i];
    placed = false;
    if (c.type === 'comment' || c.type === 'directive' || c.type === 'cdata') {
      stale++;
      changed = true;
      continue;
    }
    if (!isElement(c)) {
      if (stale) kids[i - stale] = c;
      continue;
    }
    const before = prev;
    prev = c;
    // A button inside a sentence (a name that opens a side note, a glossary term) holds the
    // sentence's words: they stay, as plain text, spaced from the words beside it as its box was.
    if (c.name === 'button' && withinSentence(c)) {
      [c.name, c.attribs] = ['span', {}];
      if (c.prev instanceof Text && !/\s$/.test(c.prev.data)) c.prev.data += ' ';
      if (c.next instanceof Text && !/^\s/.test(c.next.data)) c.next.data = ` ${c.next.data}`;
    }
    unfoldPanelAfter(c);
    // What takes the free slots out of this level's array (if it has any) and the levels' above.
    const settle = !stale ? settleAbove : (settleHere ??= (): void => {
      if (stale) {
        kids.splice(i - stale + (placed ? 1 : 0), stale);
        i -= stale;
        stale = 0;
      }
      settleAbove?.();
    });
    const name = c.name;
    // A documentation section's id is its heading's topic ("respond-to-review-comments"), not a
    // name for its role: forgotten before its permalink goes (isPermalink), so nothing reads it.
    if (c.attribs.id !== undefined && namedByItsHeading(c)) delete c.attribs.id;
    let drop = DROP_TAGS.has(name) || hiddenFromReader(c, stats, pageText) || isControl(c, stats.get(c)) || (name === 'a' && isPermalink(c)) || (name === 'aside' && proseLength(stats.get(c)) <= pageText * ASIDE_SWALLOWED);
    if (!drop && !insideProtected) {
      const role = c.attribs.role;
      let unlikely = (CHROME_TAGS.has(name) && !holdsProse(stats.get(c)) && !sectionHeader(c, stats.get(c))) || (!!role && UNLIKELY_ROLES.has(role));
      let strong = false;
      if (!unlikely && !NEVER_UNLIKELY.has(name)) {
        const ci = classAndId(c);
        // On a thread's page the comments and replies are the content. Inline markup inside a
        // sentence is the sentence's, whatever its name ("[<span class="footers">17</span>]").
        if (ci && !(page.thread && THREAD_PARTS.test(ci)) && !articleWrapper(c, parent, stats) && !(isPhrasingTag(name) && withinSentence(c))) {
          // A shop's customer reviews are its comments.
          strong = STRONG_UNLIKELY.test(ci) || (!!page.product && REVIEWS.test(ci));
          unlikely = strong || (UNLIKELY.test(ci) && !OK_MAYBE.test(ci) && !titleHeader(c, ci, stats.get(c)) && !contentWrapper(c, parent));
        }
      }
      if (unlikely && !strong && (namedLikeTheArticle(c, parent, classAndId(c), holders) || amidTheText(c, parent, stats, settle))) unlikely = false;
      if (unlikely) {
        const s = stats.get(c);
        drop = !s || (!s.hasArticle && (strong || proseLength(s) < pageText * 0.5));
      } else if (name === 'form' && isFieldForm(stats.get(c), pageText)) {
        drop = true;
      }
      if (!drop && RELATED_CONTAINER.has(name) && (startsWithTrailingMarker(c) || (!!before && isMarkerBlock(before)))) {
        // A block opening with "Related" / "You may also like" / "Comments", or right after a
        // block holding only such a heading (page builders give the heading a widget of its own),
        // lists other things, however much text those things have; on a thread's page, comments
        // are its posts.
        drop = !(page.thread && THREAD_PARTS.test(classAndId(c)));
      }
    }
    if (drop) {
      stale++;
      c.parent = null;
      changed = true;
      // Keep ancestors' measurements true without re-measuring the page.
      const s = stats.get(c);
      if (s) dropFrom(chain, stats, s);
      continue;
    }
    if (stale) {
      kids[i - stale] = c;
      placed = true;
    }
    const own = stats.get(c);
    if (own) chain.push(c);
    prune(c, stats, pageText, insideProtected || protects(c, own) || c.attribs.itemprop === 'articleBody', chain, page, holders, settle);
    if (own) chain.pop();
  }
  if (stale) kids.splice(kids.length - stale, stale);
  if (changed) relink(parent);
}

/**
 * Page builders and CMSs wrap every block in an element named for the tool ("widget-container",
 * "rich-text-newsletter-cms") rather than for what it holds. The only element of a block with
 * text is what its block says:
 * - inside an <article> or <main>, the article's body whatever its name (`articleWrapper`), unless
 *   the <article> is named for a comment (then it is a comment's body);
 * - the only element inside a block named for content ("…-post-content"), not unlikely for a weak
 *   name such as "widget" (`contentWrapper`). (Counting only elements with text here let a
 *   donation pop-up beside an empty one pass.)
 */
function articleWrapper(el: Element, parent: ParentNode, stats: Map<Element, Stats>): boolean {
  return isElement(parent) && (parent.name === 'article' || parent.name === 'main') && !THREAD_PARTS.test(classAndId(parent)) && isLoneChild(el, parent, stats);
}

function contentWrapper(el: Element, parent: ParentNode): boolean {
  return isElement(parent) && OK_MAYBE.test(classAndId(parent)) && isLoneChild(el, parent);
}

/**
 * The children of a parent that hold half the page's prose or more (two at most), found once per
 * parent in a pruning pass: a parent of 20,000 blocks named "ad" was read once for each of them.
 * Pruning only takes prose away, so each answer is checked again against the block's prose now.
 */
class ProseHolders {
  private readonly found = new WeakMap<ParentNode, Element[]>();
  constructor(private readonly stats: Map<Element, Stats>, private readonly pageText: number) {}

  private holds(c: Element): boolean {
    return proseLength(this.stats.get(c)) >= this.pageText * 0.5;
  }

  /** The children of `parent` holding half the page's prose now. */
  of(parent: ParentNode): Element[] {
    let list = this.found.get(parent);
    if (!list) this.found.set(parent, (list = parent.children.filter((c): c is Element => isElement(c) && this.holds(c))));
    return list.filter((c) => c.parent === parent && this.holds(c));
  }
}

/**
 * A block whose unlikely name a sibling holding the article (half the page's prose) carries too:
 * the name is the page builder's for every module ("hs_cos_wrapper_widget"), not this block's
 * role. Its sections beside the body (an FAQ module after the text) are judged as blocks are.
 */
function namedLikeTheArticle(el: Element, parent: ParentNode, ci: string, holders: ProseHolders): boolean {
  const word = UNLIKELY.exec(ci)?.[0].toLowerCase();
  if (!word) return false;
  return holders.of(parent).some((c) => c !== el && classAndId(c).toLowerCase().includes(word));
}

/**
 * A block of prose paragraphs standing among the article's own paragraphs is part of the text,
 * whatever its name says (short of a STRONG_UNLIKELY one): an editor's grid ("ck-widget")
 * between the paragraphs, a documentation section whose id is its heading's
 * ("sharing-with-a-single-developer"), an accordion named for its header's alignment
 * ("pane-header-alignment-left") in a wrapper of its own. So are the blocks inside it of the same
 * name (the grid's row), and a quotation there in its wrappers (`wrapsUnjudged`: a post embedded
 * in a "social-media-embed" block). Not one with fields: a calculator's pop-up among the
 * paragraphs is a tool, not text.
 */
function amidTheText(el: Element, parent: ParentNode, stats: Map<Element, Stats>, settle?: () => void, word = UNLIKELY.exec(classAndId(el))?.[0].toLowerCase()): boolean {
  const s = stats.get(el);
  if (!word || !(holdsProse(s) || wrapsUnjudged(el, stats)) || s!.input > 0) return false;
  // Pruning leaves free slots in the arrays it walks (prune): out before they are counted.
  settle?.();
  let paras = 0;
  for (const c of parent.children) if (isElement(c) && c.name === 'p' && proseLength(stats.get(c)) >= 80) paras++;
  if (paras >= 2) return true;
  return isElement(parent) && !!parent.parent && (classAndId(parent).toLowerCase().includes(word) || isLoneChild(el, parent)) && amidTheText(parent, parent.parent, stats, undefined, word);
}

/** Whether `el` is the only element of `parent`; with `stats`, the only one with text. */
function isLoneChild(el: Element, parent: ParentNode, stats?: Map<Element, Stats>): boolean {
  // `c.parent`: pruning leaves what it dropped in free slots of the array for a while (prune).
  for (const c of parent.children) if (c !== el && c.parent === parent && isElement(c) && (!stats || (stats.get(c)?.text ?? 0) > 0)) return false;
  return true;
}

/**
 * Code, and a table of data, whose cells are never pruned for their names; a table laid out as the
 * page's columns (a blog of the 2000s: header, posts and comments in cells) is pruned as divs are.
 */
function protects(el: Element, s: Stats | undefined): boolean {
  return el.name === 'code' || el.name === 'pre' || (el.name === 'table' && isDataTable(el, s));
}

/**
 * An element standing in for a button (`role="button"`: "Click to expand…", "Show more", a tab's
 * label) is a control, as a <button> is; one holding blocks or a paragraph's worth of text is a
 * clickable card or an accordion's panel, and stays.
 */
function isControl(el: Element, s: Stats | undefined): boolean {
  return el.attribs.role === 'button' && !!s && !s.hasBlock && s.text <= CONTROL_TEXT;
}
const CONTROL_TEXT = 40;

/**
 * A permalink: a link to the heading, term or section it sits in, whose text is a mark ("¶", "#",
 * "§", "🔗"), as documentation generators and blogs put beside each heading for copying its
 * address. In a feed reader it is a stray sign at the end of the heading.
 */
function isPermalink(el: Element): boolean {
  const href = el.attribs.href;
  if (!href || href[0] !== '#') return false;
  let p = el.parent;
  for (let d = 0; p && isElement(p) && d < 3; d++, p = p.parent) {
    if (HEADING_TAGS.has(p.name) || p.name === 'dt' || p.attribs.id === href.slice(1)) return PERMALINK_MARK.test(cleanText(el));
  }
  return false;
}
const PERMALINK_MARK = /^[¶#§🔗⚓∞]$/u;

/**
 * A form of fields (a comment form, a newsletter sign-up, a search box, a product's options): its
 * text is labels and notes. Judged before pruning takes the fields out; a form around the page's
 * content (ASP.NET pages wrap everything in one) holds an article or most of the text, and stays.
 */
function isFieldForm(s: Stats | undefined, pageText: number): boolean {
  return !!s && s.input > Math.floor(s.p / 3) && !s.hasArticle && proseLength(s) < pageText * 0.5;
}

/**
 * A block named "header" that holds the page's <h1> and paragraphs of prose is the article's own
 * header (a reference page's title and intro), not the site's.
 */
function titleHeader(el: Element, ci: string, s: Stats | undefined): boolean {
  return HEADER_NAME.test(ci) && holdsProse(s) && holdsH1(el);
}
const HEADER_NAME = /header/i;

const SECTION_ROOTS = new Set(['article', 'section']);
const SUBHEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A `<header>` of a section inside the page's content (an `<article>` or `<section>`): its
 * heading, not the site's header. It holds a subheading that is not a link and little else, and
 * no `<h1>` (the page's own title header goes with the title).
 */
function sectionHeader(el: Element, s: Stats | undefined): boolean {
  if (el.name !== 'header' || !s || s.text === 0 || linkDensity(s) > 0.2 || holdsH1(el)) return false;
  let p = el.parent;
  while (p && isElement(p) && !SECTION_ROOTS.has(p.name)) p = p.parent;
  if (!p || !isElement(p)) return false;
  const heading = findDescendant(el, (e) => SUBHEADINGS.has(e.name));
  return !!heading && cleanLength(heading) * 2 >= s.text;
}

function holdsH1(el: Element): boolean {
  return findDescendant(el, (e) => e.name === 'h1') !== null;
}

/** A header or footer with paragraphs of prose holds article text, not page chrome. */
function holdsProse(s: Stats | undefined): boolean {
  return !!s && s.p >= 2 && proseLength(s) >= 300 && linkDensity(s) < 0.2;
}

function sum(parts: Stats[]): Stats {
  const t = noCounts();
  for (const s of parts) {
    addCounts(t, s);
    t.hasBlock ||= s.hasBlock;
    t.hasArticle ||= s.hasArticle;
  }
  return t;
}

/**
 * Take a dropped block's measurements out of its ancestors' (`chain`, outermost first). Inside a
 * link all of the block's text was link text, and card text inside a card: the link and every
 * ancestor above it lose that much of it.
 */
function dropFrom(chain: Element[], stats: Map<Element, Stats>, s: Stats): void {
  let link = s.link;
  let card = s.card;
  for (let i = chain.length - 1; i >= 0; i--) {
    const a = stats.get(chain[i]);
    if (!a) continue;
    if (chain[i].name === 'a') {
      link = s.text;
      if (a.card > 0) card = s.text;
    }
    subtractCounts(a, s, link, card);
  }
}

interface Candidate {
  el: Element;
  score: number;
}

/** Step 3: paragraphs give points to their ancestors (parent full, grandparent half, …). */
function score(root: Element, stats: Map<Element, Stats>, teasers = false): Map<Element, Candidate> {
  const candidates = new Map<Element, Candidate>();
  const init = (el: Element): Candidate => {
    let c = candidates.get(el);
    if (!c) {
      let base = 0;
      switch (el.name) {
        case 'div': case 'article': case 'main': base = 5; break;
        case 'pre': case 'td': case 'blockquote': base = 3; break;
        case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': base = -3; break;
        case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': base = -5; break;
      }
      if (el.attribs.itemprop === 'articleBody') base += 25;
      c = { el, score: base + classWeight(el) };
      candidates.set(el, c);
    }
    return c;
  };

  const visit = (el: Element): void => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      const s = stats.get(c);
      if (!s || s.text === 0) continue;
      // Divs holding only inline content behave like paragraphs.
      const scorable = SCORE_TAGS.has(c.name) || ((c.name === 'div' || c.name === 'span') && !s.hasBlock);
      if (scorable && s.text >= 25) {
        const points = 1 + s.commas + Math.min(Math.floor(s.text / 100), 3);
        let anc = c.parent;
        for (let level = 0; anc && level < 5 && anc.type !== 'root'; level++, anc = anc.parent) {
          if (!isElement(anc)) break;
          if (anc === root) {
            // The body scores only for its own paragraphs (see choose): a page written straight into it.
            if (level === 0 && c.name === 'p') init(root).score += points;
            break;
          }
          const cand = init(anc);
          cand.score += level === 0 ? points : level === 1 ? points / 2 : points / (level * 3);
        }
      }
      if (c.name !== 'p' && c.name !== 'pre') visit(c);
    }
  };
  visit(root);
  if (!teasers) for (const c of candidates.values()) c.score *= 1 - linkDensity(stats.get(c.el));
  return candidates;
}

/**
 * Step 4: the best candidate, moved up while its parent scores as well, plus sibling content.
 * `pageThread`: the page says it is a thread (its microdata or JSON-LD).
 */
function choose(body: Element, stats: Map<Element, Stats>, candidates: Map<Element, Candidate>, notArticle: boolean, pageThread = false): Element[] {
  // A block opening with "Related"/"You may also like" is a list of other posts, never the article.
  let sorted = [...candidates.values()].sort((a, b) => b.score - a.score).filter((c, i) => c.el !== body && (i > 20 || !startsWithTrailingMarker(c.el)));
  // Paragraphs written straight into the body outscore every block: the page is its body (an
  // old hand-written page: headings, lists and paragraphs with no container), as in Readability.
  const own = candidates.get(body);
  if (own && own.score > (sorted[0]?.score ?? 0)) return [body];
  // A block with under a paragraph of text wins only on its name ("post-ratings"): not the article
  // when a block of real prose competes.
  const prose = (c: Candidate): number => proseLength(stats.get(c.el));
  if (sorted.length > 1 && prose(sorted[0]) < MIN_WINNER_TEXT && sorted.slice(1, 10).some((c) => prose(c) >= MIN_WINNER_TEXT * 4)) {
    sorted = sorted.filter((c) => prose(c) >= MIN_WINNER_TEXT);
  }
  let top = sorted[0];
  if (!top) return [body];
  const winner = top;

  // Several of the best candidates inside one ancestor: that ancestor is the article.
  // (Blocks inside the winner or around it are the same text, not a second piece of it.)
  const alternatives = sorted.slice(1, 6).filter((c) => c.score / top.score >= 0.75 && !contains(c.el, top.el) && !contains(top.el, c.el));
  if (alternatives.length >= 2) {
    let p = top.el.parent;
    while (p && isElement(p) && p !== body) {
      const inside = alternatives.filter((a) => contains(p as Element, a.el)).length;
      if (inside >= 2) {
        top = candidates.get(p) ?? { el: p, score: top.score };
        break;
      }
      p = p.parent;
    }
  }

  // Climb while the parent's score keeps up.
  let last = top.score;
  const threshold = last / 3;
  let parent = top.el.parent;
  while (parent && isElement(parent) && parent !== body) {
    const pc = candidates.get(parent);
    if (pc) {
      if (pc.score < threshold) break;
      if (pc.score > last) {
        top = pc;
        break;
      }
      last = pc.score;
    }
    parent = parent.parent;
  }
  // A lone child says nothing; its parent is the real container.
  while (top.el.parent && isElement(top.el.parent) && top.el.parent !== body && elementChildren(top.el.parent).length === 1) {
    top = candidates.get(top.el.parent) ?? { el: top.el.parent, score: top.score };
  }
  top = sharedContainer(top, body, stats, candidates);
  const main = notArticle ? pageMain(top.el, body, stats) : null;
  if (main) top = candidates.get(main) ?? { el: main, score: top.score };

  // One <article> among several others of its kind with text of their own: posts of a thread
  // (forum, Q&A, guestbook), whose container is the content.
  const posts = top.el.parent && isElement(top.el.parent) && top.el.parent !== body && top.el.name === 'article' ? elementChildren(top.el.parent).filter((s) => s !== top.el && samePost(s, top.el, stats)) : [];
  const thread = posts.length >= 2;
  if (thread) top = candidates.get(top.el.parent as Element) ?? { el: top.el.parent as Element, score: top.score };

  // A container that holds an <article> (or articleBody) scoring nearly as well is a page of
  // teasers around the article: narrow to the article.
  // Measured against the best score of the content (the climbs above may have reached a wrapper
  // scoring less than the block that won): a "next post" teaser never passes for the article.
  // (Not on a thread's page, whether just found or said by the page: its posts are the <article>s,
  // and narrowing to the longest would leave the short replies out.)
  const inner = thread || pageThread ? null : bestArticleInside(top.el, candidates, stats, notArticle);
  if (inner && inner.score >= Math.max(top.score, winner.score) * 0.4) top = inner;

  // Prefer a schema.org articleBody that holds about as much text as the winner (or contains it).
  const topText = stats.get(top.el)?.text ?? 0;
  const body2 = findArticleBody(body, stats);
  if (body2 && body2 !== top.el) {
    const s = stats.get(body2);
    if (s && s.text >= topText * 0.7 && (contains(body2, top.el) ? s.text <= topText * 1.6 : true) && linkDensity(s) < 0.3) {
      return [body2];
    }
  }

  // Siblings that look like more of the same article.
  const siblingThreshold = Math.max(10, top.score * 0.2);
  const out: Element[] = [];
  const container = top.el.parent;
  if (!container || !isElement(container)) return [top.el];
  const topClass = classKind(top.el.attribs.class ?? '');
  let before = true;
  for (const sib of elementChildren(container)) {
    if (sib === top.el) {
      out.push(sib);
      before = false;
      continue;
    }
    // Other posts next to the article (teasers, "related" blocks) are not more of it; posts of
    // the same kind with text of their own are (a thread's replies).
    if ((sib.name === 'article' && top.el.name === 'article' && !samePost(sib, top.el, stats)) || startsWithTrailingMarker(sib)) continue;
    let append = false;
    const cand = candidates.get(sib);
    const bonus = topClass && classKind(sib.attribs.class ?? '') === topClass ? top.score * 0.2 : 0;
    if (cand && cand.score + bonus >= siblingThreshold) append = true;
    else if (sib.name === 'p' || sib.name === 'figure' || sib.name === 'blockquote' || (sib.name === 'div' && (!stats.get(sib)?.hasBlock || (before && soleElement(sib, true)?.name === 'p')))) {
      // (A div holding only inline content is a paragraph, as in scoring. So is one before the
      // winner that wraps a single paragraph: the opening paragraphs, each in its own div, that an
      // inline box parts from the body. After the body, such wrappers hold its disclaimers and notes.)
      const s = stats.get(sib);
      const len = s?.text ?? 0;
      const ld = linkDensity(s);
      if (sib.name === 'figure' && (s?.img ?? 0) > 0) append = isAdjacent(sib, top.el);
      else if (len > 80 && ld < 0.25) append = true;
      else if (len > 0 && len <= 80 && ld === 0 && /\.( |$)/.test(cleanText(sib))) append = true;
    }
    if (append) out.push(sib);
  }
  return withParts(out, top.el, body, stats);
}

/**
 * A page of many short blocks (a product's or a service's page: hero, features, quotes, FAQ) where
 * one comma-rich block outscores the rest: an ancestor that scores at least half as well and holds
 * SHARED_TEXT times its prose, with few links, is the content.
 */
function sharedContainer(top: Candidate, body: Element, stats: Map<Element, Stats>, candidates: Map<Element, Candidate>): Candidate {
  const own = proseLength(stats.get(top.el));
  for (let p = top.el.parent; p && isElement(p) && p !== body; p = p.parent) {
    const c = candidates.get(p);
    const s = stats.get(p);
    if (c && s && c.score >= top.score * 0.5 && proseLength(s) >= own * SHARED_TEXT && linkDensity(s) < 0.3) return c;
  }
  return top;
}

/**
 * Whether an element opens with a "Related" / "You may also like" / "Comments" heading: its first
 * element child, or the heading inside a small first child (a title wrapper).
 */
function startsWithTrailingMarker(el: Element): boolean {
  const first = el.children.find(isElement);
  if (!first) return false;
  if (isTrailingMarker(first)) return true;
  const inner = first.children.find(isElement);
  return !!inner && isTrailingMarker(inner) && cleanLength(first) < 100;
}

/**
 * A heading that opens a "Related" / "Latest news" / "Comments" block, alone in its wrappers (a
 * page builder's heading widget: div > div > h2). Not a bare heading: an article's own
 * "Recommended courses:" subheading introduces a section of it.
 */
function isMarkerBlock(el: Element): boolean {
  let e: Element | null = el;
  for (let depth = 0; e && depth < 4; depth++) {
    if (depth > 0 && isTrailingMarker(e)) return true;
    e = soleElement(e, true);
  }
  return false;
}

/**
 * The best-scoring <article> (or articleBody) inside `root` with a paragraph's worth of text, or
 * null when there are several of the same kind: a thread of posts (forum, Q&A, guestbook) or an
 * article in parts, whose container is the content.
 */
function bestArticleInside(root: Element, candidates: Map<Element, Candidate>, stats: Map<Element, Stats>, notArticle: boolean): Candidate | null {
  let best: Candidate | null = null;
  const kinds = new Map<string, number>();
  const kind = (el: Element): string => `${el.name}.${el.attribs.class ?? ''}`;
  const articles: Element[] = [];
  const walk = (p: ParentNode): void => {
    for (const c of p.children) {
      if (!isElement(c)) continue;
      const s = stats.get(c);
      if (!s || !s.hasArticle) continue;
      if (c.name === 'article' || c.attribs.itemprop === 'articleBody') {
        articles.push(c);
        if (proseLength(s) >= 300) {
          kinds.set(kind(c), (kinds.get(kind(c)) ?? 0) + 1);
          const cand = candidates.get(c);
          if (cand && (!best || cand.score > best.score)) best = cand;
        }
      }
      walk(c);
    }
  };
  walk(root);
  if (!best) return null;
  const top = (best as Candidate).el;
  // On a page that does not say it is an article, replies shorter than the opening post count too.
  return (kinds.get(kind(top)) ?? 0) < 3 && !(notArticle && repliesBeside(top, articles, stats)) ? best : null;
}

function isAdjacent(a: Element, b: Element): boolean {
  const sibs = elementChildren(a.parent as ParentNode);
  return Math.abs(sibs.indexOf(a) - sibs.indexOf(b)) <= 2;
}

function findArticleBody(root: ParentNode, stats: Map<Element, Stats>): Element | null {
  let best: Element | null = null;
  const walk = (p: ParentNode): void => {
    for (const c of p.children) {
      if (!isElement(c)) continue;
      const ip = c.attribs.itemprop;
      if (ip && /\barticleBody\b/.test(ip)) {
        if (!best || (stats.get(c)?.text ?? 0) > (stats.get(best)?.text ?? 0)) best = c;
        continue;
      }
      walk(c);
    }
  };
  walk(root);
  return best;
}

/** What a <head> may hold; anything else ends it (HTML parsing rules). */
const HEAD_TAGS = new Set(['meta', 'link', 'title', 'script', 'style', 'base', 'noscript', 'template']);

/**
 * Browsers end the <head> at its first element that belongs in the body and put that element,
 * and all after it, into the body; htmlparser2 keeps them in the head, where pruning would drop
 * them with it (pages whose markup opens the page's content before `<body>`).
 */
function hoistFromHead(body: Element): void {
  // `body` is the <html> element itself when the page has no <body> tag.
  const html = body.name === 'html' ? body : body.parent;
  const head = html?.children.find((c): c is Element => isElement(c) && c.name === 'head');
  if (!head) return;
  const at = head.children.findIndex((c) => isElement(c) && !HEAD_TAGS.has(c.name));
  if (at < 0) return;
  const moved = head.children.splice(at);
  for (const n of moved) n.parent = body;
  body.children.splice(body === html ? body.children.indexOf(head) + 1 : 0, 0, ...moved);
  relink(head);
  relink(body);
}

/**
 * Browsers put what a page has after `</body>` or `</html>` into the body, at its end; htmlparser2
 * leaves it beside the body or the <html> element, where the content search never looks (pages
 * that close the document early, then carry on with their article).
 */
function hoistAfterBody(body: Element): void {
  const moved: AnyNode[] = [];
  // The body's ancestors are <html> elements (nested ones too) and the document.
  for (let node: AnyNode = body, parent = body.parent; parent; node = parent, parent = parent.parent) {
    const after = parent.children.splice(parent.children.indexOf(node) + 1);
    if (after.length) relink(parent);
    pushAll(moved, after);
  }
  if (!moved.length) return;
  for (const n of moved) n.parent = body;
  pushAll(body.children, moved);
  relink(body);
}

function findBody(root: ParentNode): Element | null {
  for (const c of root.children) {
    if (!isElement(c)) continue;
    if (c.name === 'body') return c;
    if (c.name === 'html') {
      const b = findBody(c);
      if (b) return b;
      return c;
    }
  }
  return null;
}

/**
 * Extract the main content of a parsed page as raw HTML (not yet sanitized). Mutates `doc`.
 * With `selectors.content`, the matched elements are the content (after `remove`); otherwise the
 * scoring extractor decides.
 */
export function extractContent(doc: Document, selectors: ContentSelectors = {}): string {
  return serializeHtml(extractContentNodes(doc, selectors));
}

/** How the content search reads a page (both off by default). */
export interface ContentMode {
  /**
   * The second try for a page whose first result was tiny (content-fallback.ts): nothing is
   * pruned for its class, id or chrome tag, and cleanup keeps blocks whatever their shape.
   */
  loose?: boolean;
  /**
   * Blocks score for their link text as for the rest: the try for a listing whose every block is a
   * linked teaser (content-fallback.ts), which the link-density discount leaves at nothing.
   */
  teasers?: boolean;
  /**
   * The page does not say it is an article (no schema.org Article, and no `og:type` article or a
   * JSON-LD Product, CollectionPage, Service or plain WebPage that outweighs it): a
   * product's, a service's, a docs page, whose `<main>` is its content (content-parts.ts pageMain).
   */
  notArticle?: boolean;
  /**
   * The page says it is a forum topic or a question (page-index.ts): blocks named for comments,
   * replies or discussion are its posts, not chrome.
   */
  thread?: boolean;
  /**
   * The page says it shows a product (schema.org Product, og:type product) and is no article:
   * blocks named for reviews are its customers' comments.
   */
  product?: boolean;
  /**
   * Whether the page may hold React's streamed segments (content-streamed.ts); `false` when the
   * caller's page index found none. Unknown: looked for.
   */
  streamed?: boolean;
  /** The page's title (metadata), for the cleanup to know the article's own heading. */
  title?: string | null;
  /** The page's site (list/url.ts siteOf), for the cleanup's judgement of link lists. */
  site?: string;
}

/**
 * Like `extractContent`, returning the content nodes (for callers that also walk them).
 * `unmatched` receives `'content'` when `selectors.content` matched nothing (automatic was used).
 */
export function extractContentNodes(doc: Document, selectors: ContentSelectors = {}, unmatched?: string[], mode: ContentMode = {}): AnyNode[] {
  const nodes = contentNodes(doc, selectors, unmatched, mode);
  // Whichever way they were chosen (the search, a selector, the body as it is).
  spaceApartSpans(nodes);
  return nodes;
}

function contentNodes(
  doc: Document,
  selectors: ContentSelectors,
  unmatched: string[] | undefined,
  { loose = false, teasers = false, thread = false, notArticle = false, product = false, streamed = true, site, title }: ContentMode,
): AnyNode[] {
  if (streamed) revealStreamedSegments(doc);
  // A cheerio API only for config selectors: building one costs more than most extraction steps.
  const $ = selectors.remove?.length || selectors.content ? cheerioOf(doc) : null;
  if ($ && selectors.remove?.length) {
    for (const sel of selectors.remove) {
      try {
        $(sel).remove();
      } catch {
        /* an invalid selector in config removes nothing */
      }
    }
  }
  if ($ && selectors.content) {
    let picked: Element[] = [];
    try {
      picked = $(selectors.content).toArray().filter(isElement);
    } catch {
      picked = [];
    }
    // Keep outermost matches only.
    picked = picked.filter((el) => !picked.some((o) => o !== el && contains(o, el)));
    if (picked.length) {
      if (selectors.prune === false) return picked;
      const stats = new Map<Element, Stats>();
      for (const el of picked) {
        const s = measure(el, stats);
        stats.set(el, s);
        prune(el, stats, proseLength(s), false, [el]);
      }
      stats.clear();
      for (const el of picked) stats.set(el, measure(el, stats));
      if (selectors.prune) {
        const wrapper = wrap(picked);
        stats.set(wrapper, measure(wrapper, stats));
        clean(wrapper, stats);
        return wrapper.children;
      }
      for (const el of picked) clean(el, stats);
      return picked;
    }
    unmatched?.push('content');
  }

  const body = findBody(doc) ?? (doc as unknown as Element);
  if (body.name === 'body' || body.name === 'html') hoistFromHead(body);
  if (body.name === 'body') {
    hoistAfterBody(body);
    paragraphsOfLooseText(body);
  }
  let stats = new Map<Element, Stats>();
  const leads: Element[] = [];
  const noscripts: Element[] = [];
  let page = measure(body, stats, { leads, noscripts });
  if (noscripts.length && unwrapScriptlessPage(noscripts, page)) {
    stats = new Map();
    leads.length = 0;
    page = measure(body, stats, { leads });
  }
  stats.set(body, page);
  const ancestry = leadAncestry(leads);
  prune(body, stats, page.text - page.link, loose, [body], { thread, product });
  const candidates = score(body, stats, teasers);
  if (candidates.size === 0) {
    // Nothing scored after pruning (unusual markup): the body, cleaned as chosen blocks are.
    return cleaned(body, stats, { loose, thread, notArticle, site, title });
  }
  const chosen = choose(body, stats, candidates, notArticle, thread);
  const lead = leadFor(chosen, ancestry, stats);
  if (lead) chosen.unshift(lead);
  const parts = chosen.map((el) => stats.get(el));
  const wrapper = wrap(chosen);
  // The cleaner reads the same measurements: pruning kept every ancestor's true (dropFrom), so
  // the new wrapper's are the sum of its parts'. (A document chosen whole has none: measured.)
  if (parts.every((s) => s !== undefined)) stats.set(wrapper, sum(parts as Stats[]));
  else {
    stats = new Map();
    stats.set(wrapper, measure(wrapper, stats));
  }
  return cleaned(wrapper, stats, { loose, thread, notArticle, site, title });
}

/**
 * The content under `root` after cleanup (and, on a thread's page, without its posts' chrome). A
 * page whose markup does not say it is a thread is one when its posts carry member cards.
 */
function cleaned(root: Element, stats: Map<Element, Stats>, mode: CleanMode): AnyNode[] {
  clean(root, stats, mode);
  if (mode.thread || holdsMemberCards(root)) removePostChrome(root);
  return root.children;
}

/** Collect chosen elements under a detached wrapper so cleanup can treat them as one tree. */
function wrap(chosen: Element[]): Element {
  const wrapper = new Element('div', {}, []);
  // A page with neither <body> nor <html> is searched from its document node, which may be
  // chosen whole: its children are wrapped, never the document itself.
  const nodes = chosen.flatMap((el): AnyNode[] => {
    const node = el as AnyNode | Document;
    return isDocument(node) ? [...node.children] : [el];
  });
  for (const el of nodes) {
    detach(el);
    el.parent = wrapper;
    wrapper.children.push(el);
  }
  relink(wrapper);
  return wrapper;
}


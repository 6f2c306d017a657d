/**
 * Cleanup of the chosen content node (step 5 of content.ts): precision over recall for the
 * blocks that are clearly not article text.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { classAndId, cleanLength, cleanText, detach, hasAncestor, HEADING_TAGS as HEADING, inRunningText, isElement, offSiteList, removeBlock, soleElement } from './content-dom.ts';
import type { Stats } from './content-measure.ts';
import { classWeight, linkDensity } from './content-measure.ts';
import { boilerplateLine } from './content-patterns.ts';
import { followingText, isTrailingMarker, removeTrailing } from './content-trailing.ts';
import { isDataTable, wrapsDataTable } from './content-tables.ts';

const CONDITIONAL = new Set(['div', 'section', 'table', 'ul', 'ol', 'dl', 'form', 'aside', 'header', 'footer']);
const LIST = new Set(['ul', 'ol', 'dl']);
const FIGURE = new Set(['figure', 'picture']);
const LINE_TAGS = new Set(['p', 'div', 'span', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'a', 'em', 'section', 'ul', 'small']);

/** How the content is cleaned (content.ts ContentMode). */
export interface CleanMode {
  /** The second try on a page whose first extraction came out tiny: blocks stay, only lines go. */
  loose?: boolean;
  /** A thread's page: a "Comments" heading in a block named for comments heads its posts. */
  thread?: boolean;
  /**
   * Not an article (a product's, a service's, a docs page): its text carries links (references,
   * feature cards, product names), so blocks go for links only past NOT_ARTICLE_LINKS, a card's
   * link (around a title and its summary) counting as prose, lists never; articles: Readability's.
   */
  notArticle?: boolean;
  /** The page's site (list/url.ts siteOf): a list of links to other sites is the article's own. */
  site?: string;
}

/** Link density past which a block that is not a list goes: on an article, on other pages. */
const [ARTICLE_LINKS, NOT_ARTICLE_LINKS] = [0.2, 0.5];

/** Clean `root` in place, using measurements taken before cleaning. */
export function clean(root: Element, stats: Map<Element, Stats>, { loose = false, thread = false, notArticle = false, site = '' }: CleanMode = {}): void {
  removeTitles(root);
  // A block holding half the chosen text is the article's own wrapper, whatever its shape.
  if (!loose) cleanConditionally(root, stats, (stats.get(root)?.text ?? 0) * 0.5, notArticle, site);
  removeTrailing(root, stats, thread);
  const texts = new Map<Element, string>();
  removeLines(root, stats, texts);
  removeDuplicates(root, texts);
  removeOrphanHeading(root);
}

/** List items and definitions: a heading inside one is an item's title. */
const ITEM = new Set(['li', 'dt', 'dd']);

/**
 * A heading left at the very end of the content: what it introduced went in cleanup (an
 * "Authors:" box, a "News" teaser list), or was never part of the article. One only: headings
 * in a row at the end are items written as headings (a list of features), not orphans.
 */
function removeOrphanHeading(root: Element): void {
  const leaves = leafBlocks(root);
  for (let i = leaves.length - 1; i >= 0; i--) {
    const el = leaves[i];
    const t = cleanLength(el);
    if (t === 0) continue;
    if (!(HEADING.has(el.name) || mostlyHeading(el)) || hasAncestor(el, ITEM, 4) || followingText(el, root) > t) return;
    let gone: Element = el;
    // Wrappers that held only the heading go with it.
    while (gone.parent && gone.parent !== root && isElement(gone.parent as AnyNode) && cleanLength(gone.parent as Element) === t) gone = gone.parent as Element;
    detach(gone);
    return;
  }
}

/** Leaf text blocks of the content in document order (blocks without block children). */
function leafBlocks(root: ParentNode, out: Element[] = []): Element[] {
  for (const c of root.children) {
    if (!isElement(c) || FIGURE.has(c.name) || c.name === 'figcaption' || c.name === 'pre' || c.name === 'table' || c.name === 'blockquote') continue;
    if (LEAF.has(c.name) && !c.children.some(isBlockChild)) out.push(c);
    else leafBlocks(c, out);
  }
  return out;
}

/** Sectioning wrappers (a `div` around the page's `<main>`): containers to descend into, never one line. */
const SECTIONING = new Set(['article', 'main', 'header']);
const isBlockChild = (k: AnyNode): boolean => isElement(k) && (BLOCKISH.has(k.name) || SECTIONING.has(k.name));
const LEAF = new Set(['p', 'div', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'span', 'dd', 'dt']);

/**
 * Line-level precision rules (trafilatura-style):
 * - byline/date lines at the top ("By Jane Doe", "Updated 5:27 am, Nov 20, 2019");
 * - elements named byline/dateline/meta;
 * - "READ MORE: …" / "Related: …" promos, and paragraphs that are nothing but a link;
 * - newsletter/follow/tip-line promos among the last lines.
 */
function removeLines(root: Element, stats: Map<Element, Stats>, texts: Map<Element, string>): void {
  const leaves = leafBlocks(root);
  const total = leaves.length;
  let leading = 0;
  for (let i = 0; i < total; i++) {
    const el = leaves[i];
    if (!el.parent) continue;
    const t = cleanText(el);
    texts.set(el, t);
    if (!t) continue;
    const ci = classAndId(el);
    const s = stats.get(el);
    let drop = false;
    if (ci && META_NAME.test(ci) && t.length <= 200) drop = true;
    else if (leading < 3 && t.length <= 150 && isBylineOrDate(t)) drop = true;
    else if (t.length <= 250 && PROMO_PREFIX.test(t)) drop = true;
    else if (el.name === 'p' && s && s.text > 0 && s.text <= 200 && linkDensity(s) > 0.8 && !hasMedia(el)) drop = true;
    else if (i >= total - 6 && t.length <= 300 && PROMO_LINE.test(t)) drop = true;
    else if (boilerplateLine(t) && !inRunningText(el)) drop = true;
    else if (creditLine(t)) drop = true;
    else if (t.length <= 250 && disclosure(t)) drop = true;
    if (drop) detach(el);
    else if (t.length > 150) leading = 3;
    else leading++;
  }
  // Wrappers named byline/meta that held more than one leaf.
  const walk = (p: ParentNode): void => {
    for (const c of [...p.children]) {
      if (!isElement(c)) continue;
      const ci = classAndId(c);
      // Not inline markup inside a sentence: a dateline opens the story's first one ("KOBE – A total…").
      if (ci && META_NAME.test(ci) && cleanLength(c) <= 200 && !inRunningText(c)) detach(c);
      else if (INLINE.has(c.name) && creditLine(cleanText(c))) detach(c);
      else walk(c);
    }
  };
  walk(root);
}

/** A paragraph holding a player is media with its link, not a link-only line. */
const MEDIA = new Set(['audio', 'video', 'iframe', 'object', 'embed']);
const hasMedia = (el: Element): boolean => el.children.some((k) => isElement(k) && (MEDIA.has(k.name) || hasMedia(k)));

const META_NAME =
  /byline|dateline|timestamp|article-?meta|post-?meta|entry-?meta|posted-?on|author-?(?:bio|box|info|card|name)|publish(?:ed)?-?(?:date|time|on)|(?:^|[\s_-])date(?:$|[\s_-])|read-?time|reading-?time|breadcrumb|(?:^|[\s_-])(?:categor(?:y|ies)|kicker|eyebrow|overline|topline|dachzeile)(?:$|\s)/i;
const MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/i;

function isBylineOrDate(t: string): boolean {
  if (/^(?:by|par|von|por|di|door|av|af)\s/i.test(t) && t.split(/\s+/).length <= 14) return true;
  if (/^(?:updated|published|posted|last (?:updated|modified)|modified|veröffentlicht|veröffentlichung|aktualisiert|erschienen|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)(?!\p{L})/iu.test(t)) return true;
  // A short line carrying a date and no sentence.
  return t.length <= 100 && MONTH.test(t) && !/[.!?]\s+\p{Lu}/u.test(t);
}

const PROMO_PREFIX =
  /^[([]?\s*(?:read (?:more|also|next)|see also|related(?: articles?| stories)?|more|also read|watch|listen|click here|don'?t miss|recommended|leggi anche(?: su)?|lesen sie (?:auch|mehr)|lire aussi|à lire aussi|leia (?:também|mais)|veja também|lee (?:también|más)|ver también|lea(?: también| más)?|(?:le|te) puede interesar|mira|vea también|zum weiterlesen|weiterlesen|dowiedz się więcej|czytaj (?:także|też|więcej))\s*[:：|–-]/iu;
/** An advertising or opinion disclosure ("*Werbung", "This post contains references to products…"). */
const DISCLOSURE =
  /^\*?(?:werbung|anzeige|advertisement|sponsored)\s*[.:]|\b(?:enthält|contains?) (?:werbung|affiliate|references to products)|gibt die meinung des autors wieder|(?:dieser|der) beitrag (?:wurde am|gibt)|\bdownload (?:the|our) .{0,40}\bapps?\b/iu;
// Every disclosure has one of these words: a line without any (most) skips the pattern's scan.
const disclosure = (t: string): boolean => /werbung|anzeige|advertisement|sponsored|enthält|contain|meinung|beitrag|download/iu.test(t) && DISCLOSURE.test(t);
/** Inline elements a picture credit hides in, beside the caption it belongs to. */
const INLINE = new Set(['span', 'em', 'small', 'i', 'cite']);
/** A picture credit on a line of its own ("Foto: dpa", "Photo: Jane Doe/Getty Images"). */
const creditLine = (t: string): boolean => t.length <= 120 && CREDIT_LINE.test(t);
const CREDIT_LINE = /^(?:(?:fotos?|bilder?|titelbild|titelfoto|beitragsbild|bildquelle|photos?|images?|picture|credits?|photo credits?|crédits? photos?|foto de|fotografía|immagine)\s*:|©|\(?\s*(?:crédito|credit|foto|bild)\s*:|(?:bild|foto) via\b)/iu;
const PROMO_LINE =
  /\b(?:subscribe|newsletters?|sign up|comments are closed|kommentare (?:deaktiviert|geschlossen|insgesamt)|eingeloggt sein|(?:rate|bewerten sie) (?:this|diesen)|bewertungen|was this (?:article|post) helpful|war dieser (?:artikel|beitrag) hilfreich|if you (?:enjoyed|liked|like) (?:reading )?this|support (?:our|independent) (?:work|journalism)|unterstützen sie (?:uns|unsere)|follow (?:us|him|her|me|them)|(?:can|may) be reached at|have a (?:news )?tip|send us|delivered (?:to|through|straight)|join (?:us|our)|our (?:forums|newsletter)|requires javascript|tell us what you think|share your (?:thoughts|views)|all rights reserved|©|copyright)\b/i;

const DEDUPE = new Set(['p', 'figcaption', 'li', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'span', 'figure']);

/** A block repeating an earlier one word for word (slideshow captions, pull quotes) goes. */
function removeDuplicates(root: ParentNode, texts: Map<Element, string>): void {
  const seen = new Set<string>();
  const walk = (parent: ParentNode): void => {
    for (const c of [...parent.children]) {
      if (!isElement(c)) continue;
      if (DEDUPE.has(c.name) && !c.children.some((k) => isElement(k) && BLOCKISH.has(k.name))) {
        const t = texts.get(c) ?? cleanText(c);
        if (t.length >= 20) {
          if (seen.has(t)) {
            detach(c);
            continue;
          }
          seen.add(t);
        }
        continue;
      }
      walk(c);
    }
  };
  walk(root);
}

const BLOCKISH = new Set(['p', 'div', 'ul', 'ol', 'table', 'figure', 'blockquote', 'section', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

/** h1 inside the content repeats the page title. */
function removeTitles(root: ParentNode): void {
  for (const c of [...root.children]) if (isElement(c)) (c.name === 'h1' ? detach : removeTitles)(c);
}

/**
 * Readability's conditional cleaning (bottom-up): a block goes when its shape says it is not
 * prose — more list items than paragraphs, many images and little text, heavy links, forms.
 * Plus short boilerplate lines ("Follow us on:", "Advertisement"). Never judged by shape: the
 * chosen blocks themselves (`top`) and any block holding `bulk` text or more.
 */
function cleanConditionally(parent: ParentNode, stats: Map<Element, Stats>, bulk: number, notArticle: boolean, site: string, top = true): void {
  for (const c of [...parent.children]) {
    if (!isElement(c)) continue;
    if (FIGURE.has(c.name) || c.name === 'pre' || c.name === 'code' || c.name === 'blockquote') continue;
    // A heading's inner blocks (`<h3><div>It's flexible</div></h3>`) are its text, not blocks to judge.
    if (!HEADING.has(c.name)) cleanConditionally(c, stats, bulk, notArticle, site, false);
    if (!c.parent) continue;
    const s = stats.get(c);
    if (!s) continue;
    // Where lists stay (notArticle), a "Related" heading stays for the trailing cut to find.
    if (LINE_TAGS.has(c.name) && s.text <= 60 && s.img === 0 && !(notArticle && isTrailingMarker(c))) {
      const t = cleanText(c);
      if (t === '' ? s.embed === 0 && !HEADING.has(c.name) : boilerplateLine(t) && !inRunningText(c)) {
        removeBlock(c);
        continue;
      }
    }
    if (!top && s.text < bulk && CONDITIONAL.has(c.name) && !wrapsDataTable(c, stats) && shouldRemove(c, s, notArticle, site, stats) && !wrapsCode(c)) removeBlock(c);
  }
}

/**
 * A wrapper whose only text is one code block, directly or through more such wrappers, beside a
 * copy button at most (`<div class="highlight"><pre>npm i x</pre><button>…</button></div>`): it is
 * that code block, which shape never judges, however short ("pip install yapapi").
 */
function wrapsCode(el: Element): boolean {
  let only: Element | null = null;
  for (const n of el.children) {
    if (n.type === 'text' && n.data.trim() !== '') return false;
    if (!isElement(n) || cleanLength(n) === 0) continue;
    if (only) return false;
    only = n;
  }
  return !!only && (only.name === 'pre' || ((only.name === 'div' || only.name === 'section') && wrapsCode(only)));
}

function shouldRemove(el: Element, s: Stats, notArticle: boolean, site: string, stats: Map<Element, Stats>): boolean {
  if (el.name === 'table' && isDataTable(el, s)) return false;
  const weight = classWeight(el, true);
  if (weight < 0 && s.p < 3 && s.img === 0) return true;
  if (s.commas >= 10) return false;
  const isList = LIST.has(el.name) || (s.li > 0 && s.text > 0 && s.p === 0 && s.li >= 3 && linkDensity(s) < 0.5);
  const ld = notArticle && s.text > 0 ? (s.link - s.card) / s.text : linkDensity(s);
  const inFigure = hasAncestor(el, FIGURE, 4);
  if (s.img > 1 && s.p / s.img < 0.5 && !inFigure) return s.text < 200;
  if (!isList && s.li - 100 > s.p) return true;
  if (s.input > Math.floor(s.p / 3)) return true;
  // A wrapper of one paragraph is that paragraph (Readability puts the <p> in its place), never judged short.
  if (!isList && s.text < 25 && (s.img === 0 || s.img > 2) && !inFigure && s.embed === 0 && !mostlyHeading(el) && soleElement(el, true)?.name !== 'p') return true;
  if (!isList && weight < 25 && ld > (notArticle ? NOT_ARTICLE_LINKS : ARTICLE_LINKS)) return true;
  if (weight >= 25 && ld > 0.5) return true;
  if (isList && ld > 0.5 && !notArticle && !offSiteList(el, s.li, site) && !statementList(el, stats)) return true;
  if ((s.embed === 1 && s.text < 75) || s.embed > 1) return s.text < 75 && s.embed > 1;
  return false;
}

/** A short block that is mostly a heading (a section's header), by Readability's heading density. */
function mostlyHeading(el: Element): boolean {
  const all = cleanLength(el);
  let headings = 0;
  const walk = (p: Element): void => {
    for (const c of p.children) if (isElement(c)) HEADING.has(c.name) ? (headings += cleanLength(c)) : walk(c);
  };
  walk(el);
  return all > 0 && headings >= all * 0.9;
}

/** Text of its own (outside links) an item needs to say something about its links. */
const STATEMENT = 15;

/**
 * A list whose items say something about their links ("Official website: …", "Read my review
 * here."), not a list of links (titles, with a date or a count at most): two thirds of its items
 * hold STATEMENT characters outside links, a fifth of their text ("This resort is on my lists of
 * the [best …], the [most …] and [the …].").
 */
function statementList(list: Element, stats: Map<Element, Stats>): boolean {
  let items = 0;
  let statements = 0;
  for (const li of list.children) {
    if (!isElement(li) || li.name !== 'li') continue;
    items++;
    const s = stats.get(li);
    const own = s ? s.text - s.link : 0;
    if (s && own >= STATEMENT && own * 5 >= s.text) statements++;
  }
  return items >= 2 && statements * 3 >= items * 2;
}


// Cleanup of the chosen content node (step 5 of content.ts): precision over recall for the
// blocks that are clearly not article text.
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { classAndId, cleanLength, cleanText, findDescendant, hasAncestor, HEADING_TAGS as HEADING, inRunningText, isElement } from './content-dom.ts';
import { batchedEdits, beginRemovals, detach, endRemovals } from './content-remove.ts';
import type { Stats } from './content-measure.ts';
import { linkDensity, proseLength } from './content-measure.ts';
import { boilerplateLine } from './content-patterns.ts';
import { leadingLabel, saysUpdated } from './date-labels.ts';
import { opensWithByline } from './byline-labels.ts';
import { hasYear } from './page-date.ts';
import { cleanConditionally, FIGURE, mostlyHeading } from './content-shape.ts';
import { postTexts } from './content-post-chrome.ts';
import { removeTablesOfContents } from './content-toc.ts';
import { creditLine, cutTrailingCredit } from './content-credits.ts';
import { followingText, removeTrailing } from './content-trailing.ts';
import { collapse } from '../utils/text.ts';

/** How the content is cleaned (content.ts ContentMode). */
export interface CleanMode {
  /** The second try on a page whose first extraction came out tiny: blocks stay, only lines go. */
  loose?: boolean;
  /** A thread's page: a "Comments" heading heads its posts; a post's text is never judged by shape. */
  thread?: boolean;
  /**
   * Not an article (a product's, a service's, a docs page): its text carries links (references,
   * feature cards, product names), so blocks go for links only past a higher density
   * (content-shape.ts), a card's link (around a title and its summary) counting as prose, lists
   * never; articles: Readability's.
   */
  notArticle?: boolean;
  /** The page's site (list/url.ts siteOf): a list of links to other sites is the article's own. */
  site?: string;
  /** The page's title: an <h1> that repeats it is the article's heading, not its text. */
  title?: string | null;
}

/** Clean `root` in place, using measurements taken before cleaning. */
export function clean(root: Element, stats: Map<Element, Stats>, { loose = false, thread = false, notArticle = false, site = '', title = null }: CleanMode = {}): void {
  removeTitles(root, title);
  // A block holding half the chosen text is the article's own wrapper, whatever its shape.
  if (!loose) cleanConditionally(root, stats, (stats.get(root)?.text ?? 0) * 0.5, notArticle, site, true, thread ? postTexts(root, stats) : null);
  removeTrailing(root, stats, thread);
  // A reference page's list of its own entries (a module's functions) is its content.
  if (!notArticle) removeTablesOfContents(root);
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
  batchedEdits(() => dropLines(leaves, stats, texts));
  // Wrappers named byline/meta that held more than one leaf.
  const walk = (p: ParentNode): void => {
    const batch = beginRemovals(p);
    for (const c of [...p.children]) {
      if (!isElement(c)) continue;
      const ci = classAndId(c);
      // Not inline markup inside a sentence: a dateline opens the story's first one ("KOBE – A total…").
      if (ci && META_NAME.test(ci) && cleanLength(c) <= 200 && !inRunningText(c)) detach(c);
      else if (INLINE.has(c.name) && creditLine(cleanText(c))) detach(c);
      else walk(c);
    }
    endRemovals(p, batch);
  };
  walk(root);
}

/** removeLines' pass over the leaves: each line it reads as boilerplate goes. */
function dropLines(leaves: Element[], stats: Map<Element, Stats>, texts: Map<Element, string>): void {
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
    let caption: string | null;
    if (ci && META_NAME.test(ci) && t.length <= 200) drop = true;
    else if (leading < 3 && t.length <= 150 && isBylineOrDate(t) && !inListOfDates(leaves, i, t)) drop = true;
    else if (t.length <= 250 && PROMO_PREFIX.test(t)) drop = true;
    else if (el.name === 'p' && s && s.text > 0 && (s.text <= 200 || (s.text <= 600 && PROMO_OPENING.test(t))) && linkDensity(s) > 0.8 && !hasMedia(el) && !partOfItem(el, s, stats)) drop = true;
    else if (i >= total - 6 && t.length <= 200 && PROMO_LINE.test(t)) drop = true;
    else if (i >= total - 3 && updateStamp(t)) drop = true;
    else if (boilerplateLine(t) && !inRunningText(el)) drop = true;
    else if (creditLine(t, HEADING.has(el.name)) || sourceLine(t)) drop = true;
    else if (!HEADING.has(el.name) && (caption = cutTrailingCredit(el, t)) !== null) {
      // The caption without its credit: what later steps compare (removeDuplicates).
      if (caption) texts.set(el, caption);
      else drop = true;
    }
    else if (buttonLine(el, t)) drop = true;
    else if ((t.length <= 250 && disclosure(t)) || (t.length <= AFFILIATE_MAX && affiliate(t))) drop = true;
    if (drop) detach(el);
    else if (t.length > 150) leading = 3;
    else leading++;
  }
}

/**
 * A paragraph that introduces its link ("See: …") in a list item that says more than it: the
 * item's reference, not a promo. A bare link or button line ("Google Scholar") still goes.
 */
function partOfItem(el: Element, s: Stats, stats: Map<Element, Stats>): boolean {
  const li = el.parent as Element | null;
  return !!li && li.name === 'li' && proseLength(s) >= 4 && proseLength(stats.get(li)) >= proseLength(s) + 80;
}

/** A paragraph holding a player is media with its link, not a link-only line. */
const MEDIA = new Set(['audio', 'video', 'iframe', 'object', 'embed']);
const hasMedia = (el: Element): boolean => el.children.some((k) => isElement(k) && (MEDIA.has(k.name) || hasMedia(k)));

const META_NAME =
  /byline|dateline|timestamp|article-?meta|post-?meta|entry-?meta|posted-?on|author-?(?:bio|box|info|card|name)|publish(?:ed)?-?(?:date|time|on)|(?:^|[\s_-])date(?:$|[\s_-])|read-?time|reading-?time|breadcrumb|(?:^|[\s_-])(?:categor(?:y|ies)|kicker|eyebrow|overline|topline|dachzeile)(?:$|\s)/i;
const MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/i;

function isBylineOrDate(t: string): boolean {
  if (opensWithByline(t) && t.split(/\s+/).length <= 14) return true;
  if (/^(?:updated|published|posted|last (?:updated|modified)|modified|veröffentlicht|veröffentlichung|aktualisiert|erschienen|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)(?!\p{L})/iu.test(t)) return true;
  return dateLine(t);
}

/**
 * A line that only dates the last update ("Last updated on June 2, 2025", "Aktualisiert am
 * 17.01.2021."): at the article's end, the page's record, not its text (the date is metadata). A
 * label of a few words, then a date with its year.
 */
function updateStamp(t: string): boolean {
  if (t.length > 80) return false;
  const label = leadingLabel(t);
  const rest = t.slice(label.length);
  return saysUpdated(label) && label.trim().split(/\s+/).length <= 4 && rest.length <= 30 && hasYear(rest);
}

/** A short line carrying a date and no sentence. */
const dateLine = (t: string): boolean => t.length <= 100 && MONTH.test(t) && !/[.!?]\s+\p{Lu}/u.test(t);

/**
 * Whether leaf `i` (its text `t`) is one of a run of date lines of one kind (a schedule's rows, a
 * changelog's entries): a sibling of the same tag beside it is a date line too. A dateline stands
 * alone.
 */
function inListOfDates(leaves: Element[], i: number, t: string): boolean {
  const el = leaves[i];
  const twin = (o: Element | undefined): boolean => !!o && o.parent === el.parent && o.name === el.name && dateLine(cleanText(o));
  return dateLine(t) && (twin(leaves[i - 1]) || twin(leaves[i + 1]));
}

/** Labels that introduce links to other stories ("Read more", "Don't miss", "Lesen Sie auch"). */
const PROMO_LABELS =
  "(?:read (?:more|also|next)|see also|related(?: articles?| stories)?|more|also read|watch|listen|click here|don'?t miss|recommended|leggi anche(?: su)?|lesen sie (?:auch|mehr)|lire aussi|à lire aussi|leia (?:também|mais)|veja também|lee (?:también|más)|ver también|lea(?: también| más)?|(?:le|te) puede interesar|mira|vea también|zum weiterlesen|weiterlesen|dowiedz się więcej|czytaj (?:także|też|więcej)|baca juga|lees ook|läs också|læs også|les også|čtěte (?:také|též)|читайте (?:также|також)|اقرأ أيضا|यह भी पढ़ें|xem thêm|διαβάστε (?:επίσης|ακόμη)|citește și|lue myös|관련\\s?기사|あわせて読みたい|相关阅读|延伸阅读|延伸閱讀)";
/** A promo line: its label, then a separator ("Read more: …", "[See also – …]"). */
const PROMO_PREFIX = new RegExp(`^[([]?\\s*${PROMO_LABELS}\\s*[:：|–-]`, 'iu');
/** A block opening with such a label, separated or not ("Don't miss<br><a>…</a>"). */
const PROMO_OPENING = new RegExp(`^[([]?\\s*${PROMO_LABELS}(?![\\p{L}\\p{N}])`, 'iu');
/** An advertising or opinion disclosure ("*Werbung", "Dieser Beitrag gibt die Meinung des Autors wieder"). */
const DISCLOSURE =
  /^\*?(?:werbung|anzeige|advertisement|sponsored)\s*[.:]|\benthält werbung|gibt die meinung des autors wieder|(?:dieser|der) beitrag (?:wurde am|gibt)|\bdownload (?:the|our) .{0,40}\bapps?\b/iu;
// Every disclosure has one of these words: a line without any (most) skips the pattern's scan.
const disclosure = (t: string): boolean => /werbung|anzeige|advertisement|sponsored|enthält|meinung|beitrag|download/iu.test(t) && DISCLOSURE.test(t);
/**
 * An affiliate disclosure ("This post contains references to products…", "When you buy through
 * links on this page, we may earn a commission", "As an Amazon Associate I earn from qualifying
 * purchases"): phrases only a disclosure uses, so a paragraph of a few sentences
 * (AFFILIATE_MAX) is read as one.
 */
const AFFILIATE =
  /\bcontains? (?:affiliate|references to products)|\b(?:we|i)(?: may| might| could)? (?:earn|receive|get|make) (?:a |an )?(?:small )?(?:affiliate )?(?:commissions?|compensation)\b|\b(?:may|might|could|will) (?:earn|get|make) (?:us|me) (?:a |an )?(?:small )?(?:affiliate )?(?:commissions?|compensation)\b|\bearns? from qualifying purchases\b/i;
const affiliate = (t: string): boolean => /contain|commission|compensation|qualifying/i.test(t) && AFFILIATE.test(t);
const AFFILIATE_MAX = 400;
/** Inline elements a picture credit hides in, beside the caption it belongs to. */
const INLINE = new Set(['span', 'em', 'small', 'i', 'cite']);
/**
 * A line that is only a link drawn as a button (`a.btn`, `a.wp-block-button__link`, `a.cta`: "Get a
 * Quote", "Book a demo", "Buy Now"): a control, as a <button> is. Read after the shape of blocks
 * was judged, so a call-to-action box still weighs its button's link.
 */
function buttonLine(el: Element, t: string): boolean {
  if (t.length > BUTTON_TEXT) return false;
  const link = el.name === 'a' ? el : findDescendant(el, (d) => d.name === 'a');
  return !!link && !!link.attribs.class && BUTTON_CLASS.test(link.attribs.class) && cleanText(link) === t;
}
const BUTTON_TEXT = 40;
const BUTTON_CLASS = /(?:^|[\s_-])(?:btn|button|cta)(?:$|[\s_-])/i;

/**
 * A source named on a line of its own ("Quelle: Landesregierung", "Source: NNGroup"): attribution,
 * as a credit is. Only a whole line: inside a sentence or a list item's definition, it is the text's.
 */
const sourceLine = (t: string): boolean => t.length <= 120 && SOURCE_LINE.test(t);
const SOURCE_LINE = /^(?:quellen?|quellenangaben?|sources?|fuentes?|fonti|fonte|bron(?:nen)?)\s*:/iu;
const PROMO_LINE =
  /\b(?:subscribe|newsletters?|sign up|comments are closed|kommentare (?:deaktiviert|geschlossen|insgesamt)|eingeloggt sein|(?:rate|bewerten sie) (?:this|diesen)|bewertungen|was this (?:article|post) helpful|war dieser (?:artikel|beitrag) hilfreich|if you (?:enjoyed|liked|like) (?:reading )?this|support (?:our|independent) (?:work|journalism)|unterstützen sie (?:uns|unsere)|follow (?:us|him|her|me|them)|(?:can|may) be reached at|have a (?:news )?tip|send us|delivered (?:to|through|straight)|join (?:us|our)|our (?:forums|newsletter)|requires javascript|tell us what you think|share your (?:thoughts|views)|all rights reserved|©|copyright)\b/i;

const DEDUPE = new Set(['p', 'figcaption', 'li', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'span', 'figure']);

/** A block repeating an earlier one word for word (slideshow captions, pull quotes) goes. */
function removeDuplicates(root: ParentNode, texts: Map<Element, string>): void {
  const seen = new Set<string>();
  const walk = (parent: ParentNode): void => {
    const batch = beginRemovals(parent);
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
    endRemovals(parent, batch);
  };
  walk(root);
}

const BLOCKISH = new Set(['p', 'div', 'ul', 'ol', 'table', 'figure', 'blockquote', 'section', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

/**
 * The article's heading: the content's first <h1>, and any other that repeats it or the page's
 * title (a mobile and a desktop copy). Later <h1>s are sections (page builders and landing pages
 * head each section with one), kept as Readability keeps them.
 */
function removeTitles(root: ParentNode, title: string | null): void {
  const same = (t: string): string => collapse(t).toLowerCase();
  const titles = new Set(title ? [same(title)] : []);
  const gone: Element[] = [];
  const walk = (p: ParentNode): void => {
    for (const c of p.children) {
      if (!isElement(c)) continue;
      if (c.name !== 'h1') walk(c);
      else {
        const t = same(cleanText(c));
        // The first is the article's heading; later ones go when they repeat it or the title.
        if (gone.length === 0) titles.add(t);
        else if (!titles.has(t)) continue;
        gone.push(c);
      }
    }
  };
  walk(root);
  batchedEdits(() => gone.forEach(detach));
}

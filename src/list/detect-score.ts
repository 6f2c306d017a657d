/**
 * Scoring of candidate link groups for automatic detection (detect.ts): the group and entry
 * shapes, the nav/widget/main flags, reading an entry's fields (title, date, summary, image),
 * the group score and the menu test.
 */
import type { AnyNode, Element } from './dom.ts';
import { closest, isElement, isHeading, textOf, walk } from './dom.ts';
import { wordCount } from '../utils/text.ts';
import { dateIn, findDateText, headingIn, imageAltIn, imageIn, isGenericText, summaryIn, trimDecorations } from './fields.ts';

/** Marks an element whose subtree holds more than one candidate URL. */
export const MULTI = Symbol('multi');
export type Owner = string | typeof MULTI;

export interface Entry {
  url: string;
  /** Coarse URL shape (url.ts `urlShape`). */
  shape: string;
  item: Element;
  anchors: Element[];
  /** Whether each anchor's raw href carried a fragment (`#comments` links are poor titles). */
  fragments: boolean[];
  /** Document position of the first anchor, for page order. */
  first: number;
  urlScore: number;
  /** Whether the fields below have been read (they are, lazily, for sampled and returned entries). */
  read?: boolean;
  title?: string;
  date?: string;
  summary?: string;
  image?: string;
}

export interface Group {
  key: string;
  container: Element | null;
  entries: Entry[];
  urls: Set<string>;
  score: number;
  penalty: number;
  avgWords: number;
  /** Per-entry mean of headings, dates, images and summaries found (0..4). */
  richness: number;
  shapes: Map<string, number>;
  /** Siblings of its items link to the home page, the page itself or site pages. */
  menu: boolean;
}


const STRUCTURAL = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
const STRUCTURAL_ROLE = /^(?:navigation|banner|contentinfo|complementary|search|menu|menubar)$/i;
const WIDGET_WORDS =
  /(?:^|[\s_-])(?:nav|navs|navbar|navigation|menu|menus|submenu|megamenu|mega-menu|dropdown|footer|header|masthead|topbar|pagination|pager|paging|pages|related|popular|trending|most-?read|most-?popular|most-?viewed|most-?shared|most-?commented|top-?stories|recommended|sidebar|side-?bar|widget|widgets|breadcrumbs?|social|share|sharing|tags|tag-?cloud|skip|sponsored|promo|outbrain|taboola|ticker|comments?)(?:$|[\s_-])/i;
const WIDGET_LABEL =
  /^(?:most (?:read|popular|viewed|shared|commented)|popular(?: posts| articles| stories| now)?|trending(?: now| stories)?|related(?: posts| articles| stories| content)?|recommended(?: for you)?|you (?:may|might) also like|more from|read next|top stories|editor'?s picks|follow us|tags|categories|archives|recent comments|meistgelesen|meist gelesen|beliebteste|auch interessant|das könnte sie auch interessieren|les plus lus|à lire aussi|más leídos|lo más visto|più letti|meest gelezen)/i;


const F_STRUCTURAL = 1;
const F_WIDGET = 2;
const F_MAIN = 4;

/** Flags describing an element and its ancestors: inside nav-like structure, widget-like, main. */
function flagsOf(el: Element, memo: Map<Element, number>): number {
  const known = memo.get(el);
  if (known !== undefined) return known;
  const parent = isElement(el.parent) ? el.parent : null;
  let flags = parent ? flagsOf(el.parent as Element, memo) : 0;
  if (el.name !== 'html' && el.name !== 'body') flags |= ownFlags(el);
  memo.set(el, flags);
  return flags;
}

function ownFlags(el: Element): number {
  let flags = 0;
  const role = el.attribs.role ?? '';
  if (STRUCTURAL.has(el.name) || STRUCTURAL_ROLE.test(role)) flags |= F_STRUCTURAL;
  const words = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''} ${el.attribs['aria-label'] ?? ''}`;
  if (WIDGET_WORDS.test(words)) flags |= F_WIDGET;
  if (el.name === 'main' || /^main$/i.test(role)) flags |= F_MAIN;
  return flags;
}

/** A widget title just before or at the top of the container: "Most read", "Related posts"… */
function hasWidgetLabel(container: Element): boolean {
  let el: Element | null = container;
  for (let depth = 0; el && depth < 3; depth++) {
    const first: Element | undefined = el.children.find(isElement);
    if (first && first !== el && labelMatches(first)) return true;
    let prev: AnyNode | null = el.prev;
    for (let k = 0; prev && k < 2; prev = prev.prev) {
      if (!isElement(prev)) continue;
      k++;
      if (labelMatches(prev)) return true;
    }
    el = isElement(el.parent) ? el.parent : null;
  }
  return false;
}

function labelMatches(el: Element): boolean {
  const h = isHeading(el) ? el : /^(?:div|header|span|p|strong)$/.test(el.name) ? headingIn(el) ?? el : null;
  if (!h) return false;
  const text = textOf(h);
  return text.length > 0 && text.length < 60 && WIDGET_LABEL.test(text);
}

/**
 * Whether a group is a menu: bare links (few headings, dates, summaries or images), at least two
 * siblings of which, of the same tag (the other rows of a navigation table, the other `<li>`s),
 * link to the home page, the page itself or site pages such as contact, imprint or guestbook.
 * Pagination and other marked widgets inside an article list's container do not count (page 1
 * often links to the listing itself), nor do lists of teasers.
 */
export function isMenu(group: Group, entryByItem: Map<Element, Entry>, siteLinks: Set<Element>): boolean {
  const { container } = group;
  if (!container || group.richness >= 0.5 || !siteLinks.has(container)) return false;
  const tag = group.entries[0].item.name;
  let found = 0;
  for (const child of container.children) {
    if (!isElement(child) || child.name !== tag || !siteLinks.has(child) || entryByItem.has(child)) continue;
    if (ownFlags(child) & (F_STRUCTURAL | F_WIDGET)) continue;
    if (++found >= 2) return true;
  }
  return false;
}

/** Entries whose fields are read when scoring a group: all of a small group, an even sample of a big one. */
const SCORE_SAMPLE = 60;

export function scoreGroup(group: Group, base: string, owner: Map<Element, Owner>, flagMemo: Map<Element, number>): void {
  let urlScore = 0;
  for (const e of group.entries) {
    urlScore += e.urlScore;
    group.shapes.set(e.shape, (group.shapes.get(e.shape) ?? 0) + 1);
  }
  let words = 0;
  let headings = 0;
  let dates = 0;
  let images = 0;
  let summaries = 0;
  const step = Math.max(1, group.entries.length / SCORE_SAMPLE);
  let sampled = 0;
  for (let i = 0; i < group.entries.length; i += step) {
    const e = group.entries[Math.floor(i)];
    readFields(e, base, owner);
    sampled++;
    words += Math.min(wordCount(e.title ?? ''), 12);
    if (isHeading(e.item, 4) || hasHeading(e.item)) headings++;
    if (e.date) dates++;
    if (e.image) images++;
    if (e.summary) summaries++;
  }
  const n = group.entries.length;
  group.avgWords = words / sampled;
  group.richness = (headings + dates + images + summaries) / sampled;
  let penalty = 1;
  const ctx = group.container ?? group.entries[0].item;
  // The item's own tag counts too (a whole <footer> holding one link), except <header>: an
  // <article>'s header is where its title link lives.
  const item = group.entries[0].item;
  const flags = flagsOf(ctx, flagMemo) | (ownFlags(item) & (item.name === 'header' ? F_WIDGET : ~F_MAIN));
  if (flags & F_STRUCTURAL) penalty *= 0.1;
  if (flags & F_WIDGET) penalty *= 0.2;
  if (group.container && !(flags & F_WIDGET) && hasWidgetLabel(group.container)) penalty *= 0.2;
  group.penalty = penalty;
  // Article lists share a URL pattern; menus fan out across many sections.
  let topShape = 0;
  for (const count of group.shapes.values()) topShape = Math.max(topShape, count);
  const quality =
    (0.5 + (0.5 * topShape) / n) *
    (0.2 + Math.min(group.avgWords, 10) / 10) *
    (0.25 + urlScore / n) *
    (1 + (0.6 * headings + 0.4 * dates + 0.2 * images + 0.3 * summaries) / sampled);
  group.score = Math.log2(1 + n) * quality * penalty * (flags & F_MAIN ? 1.5 : 1);
}

/** Title, date, summary and image of an entry, read once. */
export function readFields(e: Entry, base: string, owner: Map<Element, Owner>): void {
  if (e.read) return;
  e.read = true;
  const extent = extentOf(e, owner);
  e.title = titleOf(e);
  e.date = firstOf(extent, (el) => dateIn(el, e.title));
  e.summary = firstOf(extent, (el) => summaryIn(el, e.title));
  e.image = firstOf(extent, (el) => imageIn(el, base));
  if (!e.title) e.title = firstOf(extent, (el) => headingText(el));
}

/**
 * The item plus following siblings that carry no other link: on pages that do not wrap entries,
 * an `<h2><a>` is followed by its date line and teaser paragraph.
 */
function extentOf(e: Entry, owner: Map<Element, Owner>): Element[] {
  const out = [e.item];
  let sib: AnyNode | null = e.item.next;
  for (let k = 0; sib && k < 4; sib = sib.next) {
    if (!isElement(sib)) continue;
    const o = owner.get(sib);
    if ((o !== undefined && o !== e.url) || isHeading(sib) || sib.name === e.item.name) break;
    out.push(sib);
    k++;
  }
  return out;
}

function firstOf<T>(els: Element[], f: (el: Element) => T | undefined): T | undefined {
  for (const el of els) {
    const v = f(el);
    if (v !== undefined) return v;
  }
  return undefined;
}

function hasHeading(item: Element): boolean {
  let found = false;
  walk(item, (el) => {
    if (found) return false;
    if (isHeading(el, 4)) found = true;
  });
  return found;
}

function headingText(el: Element): string | undefined {
  const h = isHeading(el) ? el : headingIn(el);
  const t = h ? trimDecorations(textOf(h)) : '';
  return t && !isGenericText(t) ? t : undefined;
}

/**
 * The first bold text of an item that reads like a title, where old pages put it instead of a
 * heading (`<b>Title</b><br>teaser … <a>more…</a>`): a few words, not a date.
 */
function boldText(item: Element): string | undefined {
  let found: string | undefined;
  walk(item, (el) => {
    if (found !== undefined) return false;
    if (el.name !== 'b' && el.name !== 'strong') return;
    const t = trimDecorations(textOf(el));
    found = t && wordCount(t) >= 2 && t.length <= 200 && !isGenericText(t) && findDateText(t) !== t ? t : '';
    return false;
  });
  return found || undefined;
}

/**
 * The most descriptive title for an entry: the link inside a heading (or the heading), a heading
 * inside the link, the longest non-generic link text, a heading (or bold title) in the item,
 * image alt text.
 */
function titleOf(e: Entry): string | undefined {
  for (const a of e.anchors) {
    const h = closest(a, (el) => isHeading(el), e.item.parent as Element | null);
    if (!h) continue;
    const t = trimDecorations(textOf(a));
    if (t && !isGenericText(t)) return t;
    const ht = trimDecorations(textOf(h));
    if (ht && !isGenericText(ht)) return ht;
  }
  for (const a of e.anchors) {
    const t = headingText(a);
    if (t) return t;
  }
  let bestText: string | undefined;
  let bestRank = -1;
  e.anchors.forEach((a, i) => {
    const t = trimDecorations(textOf(a));
    if (!t || isGenericText(t)) return;
    const rank = t.length + (e.fragments[i] ? 0 : 10_000);
    if (rank > bestRank) {
      bestRank = rank;
      bestText = t;
    }
  });
  if (bestText) return bestText;
  const ht = headingText(e.item) ?? boldText(e.item);
  if (ht) return ht;
  for (const a of e.anchors) {
    const alt = imageAltIn(a) ?? a.attribs.title?.trim();
    if (alt) return trimDecorations(alt);
  }
  return undefined;
}

/**
 * Automatic article-link detection on a listing page: find the repeated group of links in the
 * main content, not navigation, header, footer, pagination or related/popular widgets.
 *
 * 1. Candidates: same-site `<a href>` links that are not obviously non-articles (url.ts).
 * 2. Items: for each link, the largest ancestor that holds no other candidate URL (a card, an
 *    `<li>`, an `<article>`); its parent is the container, which holds several URLs.
 * 3. Groups: items keyed by the structural path of their container (tag + class chain, digits
 *    removed) plus the item's tag, so repeated siblings — and repeated rows of a grid — fall
 *    together.
 * 4. Scoring: size, title-like anchor text, article-like URLs, headings, dates, images and
 *    summaries; penalties for nav/header/footer/aside ancestry and widget-like class names. A
 *    group whose siblings link to the home page, the page itself or the site's own pages
 *    (contact, imprint, guestbook) is a menu, however plain its markup (old table layouts), and
 *    is never chosen: a wrong list is worse than none.
 * 5. The best group wins; nearby groups with the same URL shape (a featured lead card above the
 *    regular list) are merged in. Output is in page order, one entry per URL.
 *
 * Everything is a few linear passes over one parsed tree.
 */
import type { CheerioAPI } from 'cheerio';
import type { ListedLink } from '../model.ts';
import { classList, closest, isElement, isHeading, textOf, walk, wordCount, type AnyNode, type Element } from './dom.ts';
import { cleanTitle, dateIn, findDateText, headingIn, imageAltIn, imageIn, isGenericText, summaryIn } from './fields.ts';
import { fillMissing } from './merge.ts';
import { articleUrlScore, isNonArticleUrl, isSitePage, linkUrl, siteOf, urlShape } from './url.ts';

/** Marks an element whose subtree holds more than one candidate URL. */
const MULTI = Symbol('multi');
type Owner = string | typeof MULTI;

interface Entry {
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

interface Group {
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

/** Anchors considered by detection, in document order. */
export const MAX_ANCHORS = 5000;

const STRUCTURAL = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
const STRUCTURAL_ROLE = /^(?:navigation|banner|contentinfo|complementary|search|menu|menubar)$/i;
const WIDGET_WORDS =
  /(?:^|[\s_-])(?:nav|navs|navbar|navigation|menu|menus|submenu|megamenu|mega-menu|dropdown|footer|header|masthead|topbar|pagination|pager|paging|pages|related|popular|trending|most-?read|most-?popular|most-?viewed|most-?shared|most-?commented|top-?stories|recommended|sidebar|side-?bar|widget|widgets|breadcrumbs?|social|share|sharing|tags|tag-?cloud|skip|sponsored|promo|outbrain|taboola|ticker|comments?)(?:$|[\s_-])/i;
const WIDGET_LABEL =
  /^(?:most (?:read|popular|viewed|shared|commented)|popular(?: posts| articles| stories| now)?|trending(?: now| stories)?|related(?: posts| articles| stories| content)?|recommended(?: for you)?|you (?:may|might) also like|more from|read next|top stories|editor'?s picks|follow us|tags|categories|archives|recent comments|meistgelesen|meist gelesen|beliebteste|auch interessant|das könnte sie auch interessieren|les plus lus|à lire aussi|más leídos|lo más visto|più letti|meest gelezen)/i;

interface Analysis {
  groups: Group[];
  chosen: Group[];
  owner: Map<Element, Owner>;
}

function analyze($: CheerioAPI, pageUrl: string, base: string): Analysis {
  const page = new URL(pageUrl);
  // Links read from one page are capped: a hostile or broken page with 100,000 links would
  // otherwise cost seconds of CPU; real listings put their articles well within the first few
  // thousand links.
  const anchors = ($('a[href]').toArray() as Element[]).slice(0, MAX_ANCHORS);

  // 1. Candidate links. Links with no sign of being an article in their URL (`/sport`,
  // `/region`: section fronts in a teaser's kicker) are dropped when article-like links exist,
  // so that they do not split a teaser into pieces.
  type Occurrence = { anchor: Element; url: string; shape: string; fragment: boolean; index: number; urlScore: number };
  const all: Occurrence[] = [];
  // Listings repeat hrefs (image, title, "read more"): resolve and classify each href once.
  const byHref = new Map<string, { url: string; shape: string; urlScore: number } | null | 'site'>();
  const pageSite = siteOf(page.hostname);
  // Elements holding a link to the home page, the page itself or a site page (menu evidence).
  const siteLinks = new Set<Element>();
  let strong = 0;
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i];
    const href = a.attribs.href;
    let info = byHref.get(href);
    if (info === undefined) {
      const parsed = linkUrl(href, base);
      const sameSite = parsed !== null && siteOf(parsed.hostname) === pageSite;
      info =
        sameSite && !isNonArticleUrl(parsed, page)
          ? { url: parsed.href, shape: urlShape(parsed), urlScore: articleUrlScore(parsed, page) }
          : sameSite && isSitePage(parsed, page) ? 'site' : null;
      byHref.set(href, info);
    }
    if (info === 'site') {
      for (let n: AnyNode | null = a; isElement(n) && !siteLinks.has(n); n = n.parent) siteLinks.add(n);
      continue;
    }
    if (!info) continue;
    if (info.urlScore > 0) strong++;
    all.push({ anchor: a, url: info.url, shape: info.shape, fragment: href.includes('#'), index: i, urlScore: info.urlScore });
  }
  const occurrences = strong > 0 ? all.filter((o) => o.urlScore > 0) : all;
  if (occurrences.length === 0) return { groups: [], chosen: [], owner: new Map() };

  // Which URL(s) each element holds: one URL, or MULTI.
  const owner = new Map<Element, Owner>();
  for (const { anchor, url } of occurrences) {
    for (let n: AnyNode | null = anchor; isElement(n); n = n.parent) {
      const seen = owner.get(n);
      if (seen === undefined) owner.set(n, url);
      else if (seen === url || seen === MULTI) break;
      else owner.set(n, MULTI);
    }
  }

  // 2–3. Items and groups.
  const chainMemo = new Map<Element, string>();
  const groups = new Map<string, Group>();
  const entryByItem = new Map<Element, Entry>();
  for (const occ of occurrences) {
    let item: Element = occ.anchor;
    while (isElement(item.parent) && owner.get(item.parent) === occ.url) item = item.parent;
    const existing = entryByItem.get(item);
    if (existing) {
      existing.anchors.push(occ.anchor);
      existing.fragments.push(occ.fragment);
      continue;
    }
    const container = isElement(item.parent) ? item.parent : null;
    const key = `${container ? chainKey(container, chainMemo) : ''}>${item.name}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, container, entries: [], urls: new Set(), score: 0, penalty: 1, avgWords: 0, richness: 0, shapes: new Map(), menu: false };
      groups.set(key, group);
    }
    // The same URL twice in one group (e.g. a pinned copy): the first occurrence stands.
    if (group.urls.has(occ.url)) continue;
    const entry: Entry = { url: occ.url, shape: occ.shape, item, anchors: [occ.anchor], fragments: [occ.fragment], first: occ.index, urlScore: occ.urlScore };
    entryByItem.set(item, entry);
    group.entries.push(entry);
    group.urls.add(occ.url);
  }

  // 4. Score every group.
  const flagMemo = new Map<Element, number>();
  let best: Group | undefined;
  for (const group of groups.values()) {
    scoreGroup(group, page, base, owner, flagMemo);
    group.menu = isMenu(group, entryByItem, siteLinks);
    if (!group.menu && (!best || group.score > best.score)) best = group;
  }
  // A lone bare link is no list (an archive or "more" link left over once menus are set aside).
  if (!best || (best.entries.length === 1 && best.richness === 0)) return { groups: [...groups.values()], chosen: [], owner };

  // 5. Merge nearby groups of the same kind, then order by page position.
  const chosen: Group[] = [best];
  for (const group of groups.values()) {
    if (group !== best && !group.menu && mergeable(group, best)) chosen.push(group);
  }
  return { groups: [...groups.values()], chosen, owner };
}

/**
 * Article links detected on a parsed listing page, in page order, one per URL, at most
 * `maxLinks` (fields are only read for the links returned).
 */
export function detectLinks($: CheerioAPI, pageUrl: string, base: string, maxLinks = Infinity): ListedLink[] {
  const { chosen, owner } = analyze($, pageUrl, base);
  const entries = chosen.flatMap((g) => g.entries).sort((a, b) => a.first - b.first);

  const out: ListedLink[] = [];
  const byUrl = new Map<string, ListedLink>();
  for (const e of entries) {
    const prior = byUrl.get(e.url);
    if (!prior && out.length >= maxLinks) continue;
    readFields(e, base, owner);
    if (prior) {
      fillMissing(prior, e);
      continue;
    }
    const link: ListedLink = { url: e.url };
    fillMissing(link, e);
    byUrl.set(e.url, link);
    out.push(link);
  }
  return out;
}

/** One candidate group, for diagnostics (`feedwright` can show why a listing was read as it was). */
export interface GroupReport {
  key: string;
  size: number;
  score: number;
  penalty: number;
  avgWords: number;
  /** Taken for a menu (never chosen). */
  menu: boolean;
  chosen: boolean;
  sample: string[];
}

/** All candidate groups, best first. */
export function explainDetection($: CheerioAPI, pageUrl: string, base: string): GroupReport[] {
  const { groups, chosen } = analyze($, pageUrl, base);
  return groups
    .map((g) => ({
      key: g.key,
      size: g.entries.length,
      score: Math.round(g.score * 1000) / 1000,
      penalty: g.penalty,
      avgWords: Math.round(g.avgWords * 10) / 10,
      menu: g.menu,
      chosen: chosen.includes(g),
      sample: g.entries.slice(0, 3).map((e) => e.url),
    }))
    .sort((a, b) => b.score - a.score);
}

/** Structural path of an element: tag and class names (digits-free) of it and its ancestors. */
function chainKey(el: Element, memo: Map<Element, string>): string {
  const pending: Element[] = [];
  let n: AnyNode | null = el;
  let prefix = '';
  while (isElement(n)) {
    const known = memo.get(n);
    if (known !== undefined) {
      prefix = known;
      break;
    }
    pending.push(n);
    n = n.parent;
  }
  for (let i = pending.length - 1; i >= 0; i--) {
    const e = pending[i];
    const classes = classList(e)
      .filter((c) => !/\d/.test(c))
      .sort()
      .join('.');
    prefix = `${prefix}/${e.name}${classes ? '.' + classes : ''}`;
    memo.set(e, prefix);
  }
  return prefix;
}

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
function isMenu(group: Group, entryByItem: Map<Element, Entry>, siteLinks: Set<Element>): boolean {
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

function scoreGroup(group: Group, page: URL, base: string, owner: Map<Element, Owner>, flagMemo: Map<Element, number>): void {
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
function readFields(e: Entry, base: string, owner: Map<Element, Owner>): void {
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
  const t = h ? cleanTitle(textOf(h)) : '';
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
    const t = cleanTitle(textOf(el));
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
    const t = cleanTitle(textOf(a));
    if (t && !isGenericText(t)) return t;
    const ht = cleanTitle(textOf(h));
    if (ht && !isGenericText(ht)) return ht;
  }
  for (const a of e.anchors) {
    const t = headingText(a);
    if (t) return t;
  }
  let bestText: string | undefined;
  let bestRank = -1;
  e.anchors.forEach((a, i) => {
    const t = cleanTitle(textOf(a));
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
    if (alt) return cleanTitle(alt);
  }
  return undefined;
}

/**
 * Whether another group belongs with the winner: not more widget-like, title-like text, teasers
 * about as rich, mostly the same URL shapes, and sharing an ancestor below `<html>` (a featured card above the list).
 */
function mergeable(g: Group, best: Group): boolean {
  if (g.score < 0.1 * best.score || g.penalty < best.penalty) return false;
  if (g.avgWords < Math.min(3, best.avgWords * 0.5)) return false;
  // A bare list of titles (ranked "most read", a ticker) does not join a list of rich teasers.
  if (g.richness < best.richness * 0.5) return false;
  let same = 0;
  for (const [shape, count] of g.shapes) if (best.shapes.has(shape)) same += count;
  if (same * 2 < g.entries.length) return false;
  const lca = commonAncestor(g.container, best.container);
  return lca !== null && lca.name !== 'html';
}

function commonAncestor(a: Element | null, b: Element | null): Element | null {
  if (!a || !b) return null;
  const seen = new Set<AnyNode>();
  for (let n: AnyNode | null = a; n; n = n.parent) seen.add(n);
  for (let n: AnyNode | null = b; n; n = n.parent) if (seen.has(n) && isElement(n)) return n;
  return null;
}

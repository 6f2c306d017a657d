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
import { MULTI, isMenu, readFields, scoreGroup, type Entry, type Group, type Owner } from './detect-score.ts';
import { classList, isElement, type AnyNode, type Element } from './dom.ts';
import { fillMissing } from './merge.ts';
import { articleUrlScore, isNonArticleUrl, isSitePage, linkUrl, siteOf, urlShape } from './url.ts';

/** Anchors considered by detection, in document order. */
export const MAX_ANCHORS = 5000;

/** Every candidate group, the ones detection uses, and which URL(s) each element holds. */
export interface Analysis {
  groups: Group[];
  chosen: Group[];
  owner: Map<Element, Owner>;
}

export function analyze($: CheerioAPI, pageUrl: string, base: string): Analysis {
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
    scoreGroup(group, base, owner, flagMemo);
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

/**
 * Automatic detection's candidate link groups as a person can use them: each with its score,
 * sample titles, and the `list` selectors that yield the same links when configured (so choosing
 * a group is saving its selectors). Selectors are proposed shortest first and each is checked by
 * running it (selectors.ts) and comparing the links, in order, with the group's.
 */
import type { CheerioAPI } from 'cheerio';
import { DEFAULTS } from '../defaults.ts';
import { loadHtml } from '../html/parse.ts';
import { analyze } from './detect.ts';
import { readFields, type Entry, type Group } from './detect-score.ts';
import { classList, isElement, type Element } from './dom.ts';
import { selectedUrls } from './selectors.ts';
import { baseUrlOf } from './url.ts';

export interface LinkGroup {
  score: number;
  /** Links in the group, page order. */
  urls: string[];
  /** Used by automatic detection (the best group and the groups merged with it). */
  chosen: boolean;
  /** Taken for a menu: never chosen automatically. */
  menu: boolean;
  /** Titles of the first links (the URL when a link has no title). */
  sample: string[];
  /** Listing selectors for this group. */
  list: { item: string; link?: string };
  /** Whether `list` yields exactly `urls`; false: no selector tried did, `list` is the closest. */
  exact: boolean;
}

export interface LinkGroupOptions {
  /** Groups reported, best first (default DEFAULTS.previewGroups). */
  max?: number;
  /** Sample titles per group (default DEFAULTS.previewSampleTitles). */
  samples?: number;
}

/** Candidate groups of a listing page, best first; menus and single links come last or not at all. */
export function linkGroups(html: string, pageUrl: string, options: LinkGroupOptions = {}): LinkGroup[] {
  const $ = loadHtml(html);
  const base = baseUrlOf($, pageUrl);
  const { groups, chosen, owner } = analyze($, pageUrl, base);
  const ranked = groups
    .filter((g) => g.entries.length > 1 || chosen.includes(g))
    .sort((a, b) => Number(a.menu) - Number(b.menu) || b.score - a.score)
    .slice(0, options.max ?? DEFAULTS.previewGroups);
  return ranked.map((g) => {
    const sample = g.entries.slice(0, options.samples ?? DEFAULTS.previewSampleTitles).map((e) => {
      readFields(e, base, owner);
      return e.title ?? e.url;
    });
    const urls = g.entries.map((e) => e.url);
    return {
      score: Math.round(g.score * 1000) / 1000,
      urls,
      chosen: chosen.includes(g),
      menu: g.menu,
      sample,
      ...groupSelectors($, base, g, urls),
    };
  });
}

/** The shortest checked selectors that yield `urls` in order, else the most specific ones tried. */
function groupSelectors($: CheerioAPI, base: string, group: Group, urls: string[]): { list: LinkGroup['list']; exact: boolean } {
  const first = group.entries[0];
  const path = ancestry(first.item);
  const itemStep = step(first.item, false);
  const links = linkSteps(group.entries);
  let closest: LinkGroup['list'] = { item: itemStep };
  const items = new Set<Element>(group.entries.map((e) => e.item));
  let previous: Element[] = [];
  for (let depth = 1; depth <= path.length; depth++) {
    const item = [...path.slice(path.length - depth).map((el) => step(el, true)), itemStep].join(' > ');
    // A longer path selects the same elements or fewer: one that loses a group item cannot help,
    // one that selects what the shorter one did gives the same links.
    const matched = $(item).toArray().filter(isElement);
    if (![...items].every((el) => matched.includes(el))) break;
    if (matched.length === previous.length && matched.every((el, i) => el === previous[i])) continue;
    previous = matched;
    for (const list of [{ item }, ...links.map((link) => ({ item, link }))]) {
      closest = list;
      if (sameLinks(urlsOf($, base, list), urls)) return { list, exact: true };
    }
    // Exactly the group's items, and still other links: detection set aside links that no
    // selector tells apart.
    if (matched.length === items.size) break;
  }
  return { list: closest, exact: false };
}

/** Most tried link selectors per item. */
const LINK_CANDIDATES = 4;

/**
 * Link selectors inside an item, most common first: each entry's anchors as `a.class` and as a
 * path from the item (`h3.title > a`). Used when an item's first link is not the article's.
 */
function linkSteps(entries: Entry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const seen = new Set<string>();
    for (const anchor of e.anchors) {
      if (anchor === e.item) continue;
      const steps: string[] = [];
      for (let n: Element | null = anchor; n && n !== e.item; n = isElement(n.parent) ? n.parent : null) steps.unshift(step(n, true));
      for (const s of [steps[steps.length - 1], steps.join(' > ')]) seen.add(s);
    }
    for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length).slice(0, LINK_CANDIDATES).map(([s]) => s);
}

/** The links `list` yields once de-duplicated (as readListing does), or [] for a selector css-select refuses. */
function urlsOf($: CheerioAPI, base: string, list: LinkGroup['list']): string[] {
  try {
    const seen = new Set<string>();
    return selectedUrls($, base, list.item, list.link).filter((u) => !seen.has(u) && seen.add(u));
  } catch {
    return [];
  }
}

function sameLinks(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((u, i) => u === b[i]);
}

/** Ancestors of an element, outermost first, up to (not including) the document. */
function ancestry(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.parent; isElement(n); n = n.parent) out.unshift(n);
  return out;
}

/** `tag.class…` with the digit-free classes detection groups by (only for containers: items vary). */
function step(el: Element, withClasses: boolean): string {
  const classes = withClasses ? classList(el).filter((c) => !/\d/.test(c)).sort() : [];
  return cssIdent(el.name) + classes.map((c) => `.${cssIdent(c)}`).join('');
}

/** An identifier escaped for CSS (class names such as `md:flex` or `w-[1px]`). */
function cssIdent(name: string): string {
  return name.replace(/[^\w\u00a0-\uffff-]/g, (ch) => `\\${ch}`).replace(/^(-?)(\d)/, (_, dash: string, d: string) => `${dash}\\3${d} `);
}

/**
 * The list stage: article links on a listing page, from configured selectors or detected
 * automatically. One parse, linear passes; plain data in, plain data out.
 */
import { DEFAULTS } from '../defaults.ts';
import { loadHtml } from '../html/parse.ts';
import type { ListedLink } from '../model.ts';
import { fillMissing } from './merge.ts';
import { detectLinks, explainDetection, type GroupReport } from './detect.ts';
import { selectLinks, type ListSelectorsInput, type UnmatchedSelector } from './selectors.ts';
import { baseUrlOf } from './url.ts';

export interface FindLinksOptions {
  /** Cap on returned links (default `DEFAULTS.maxLinks`). */
  maxLinks?: number;
}

/**
 * Article links of a listing page: absolute, de-duplicated by URL (fragment dropped), in page
 * order, at most `maxLinks`. With `selectors` they decide; without, links are detected.
 * A selector that matches nothing yields `[]`; a malformed selector throws an Error naming it.
 */
export function findLinks(
  html: string,
  pageUrl: string,
  selectors?: ListSelectorsInput,
  options: FindLinksOptions = {},
): ListedLink[] {
  return readListing(html, pageUrl, selectors, options).links;
}

/** What a listing page gave: its links, and the configured selectors that matched nothing. */
export interface ListingResult {
  links: ListedLink[];
  unmatched: UnmatchedSelector[];
}

/** `findLinks`, also saying which configured selectors matched nothing (plain data both ways). */
export function readListing(
  html: string,
  pageUrl: string,
  selectors?: ListSelectorsInput,
  options: FindLinksOptions = {},
): ListingResult {
  const max = options.maxLinks ?? DEFAULTS.maxLinks;
  const $ = loadHtml(html);
  const base = baseUrlOf($, pageUrl);
  const unmatched: UnmatchedSelector[] = [];
  const links = selectors ? selectLinks($, base, selectors, unmatched) : detectLinks($, pageUrl, base, max);
  return { links: dedupe(links, max), unmatched };
}

/** Diagnostics for automatic detection: every candidate link group with its score, best first. */
export function explainLinks(html: string, pageUrl: string): GroupReport[] {
  const $ = loadHtml(html);
  return explainDetection($, pageUrl, baseUrlOf($, pageUrl));
}

/** First occurrence of each URL wins; later duplicates only fill fields it lacks. */
function dedupe(links: ListedLink[], max: number): ListedLink[] {
  const byUrl = new Map<string, ListedLink>();
  const out: ListedLink[] = [];
  for (const link of links) {
    const prior = byUrl.get(link.url);
    if (prior) {
      fillMissing(prior, link);
      continue;
    }
    if (out.length >= max) continue;
    const copy = { ...link };
    byUrl.set(link.url, copy);
    out.push(copy);
  }
  return out;
}

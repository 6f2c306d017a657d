/**
 * Listing entries from configured CSS selectors. `item` selects each entry; the other selectors
 * are relative to it. `sel@attr` reads an attribute of the first match, `@attr` alone reads the
 * item's own attribute.
 *
 * Defaults: link = first `a[href]` in the item (or the item itself when it is an `<a>`);
 * title = a heading linking to the same URL, else the link's text, else the first heading, else
 * image alt; date = the first `<time>`
 * (its `datetime`, else its text); image = the first content image (lazy attributes honoured);
 * no summary.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import { fieldSelector, selectorProblem, selectorText } from '../config/selectors.ts';
import type { FieldSelector } from '../config/types.ts';
import type { ListedLink } from '../model.ts';
import { largestFromSrcset } from '../html/images.ts';
import { collapse } from '../utils/text.ts';
import { isElement, isHeading, textOf, walk, type Element } from './dom.ts';
import { findDateText, imageAltIn, imageIn, imageSource, isGenericText, trimDecorations } from './fields.ts';
import { absoluteUrl, linkUrl } from './url.ts';

const FIELDS = ['link', 'title', 'date', 'summary', 'image'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Listing selectors as a library caller may give them: each field split (`FieldSelector`, as the
 * config stores it) or as written (`"time@datetime"`, checked here).
 */
export type ListSelectorsInput = { item: string } & { [F in Field]?: FieldSelector | string };

/** A written selector checked for `list.<field>`; throws an Error naming the field. */
function checked(spec: string, field: string, allowAttr: boolean): void {
  if (!spec.trim()) throw new Error(`list.${field}: empty selector`);
  const problem = selectorProblem(spec, { allowAttr });
  if (problem) throw new Error(`list.${field}: ${problem}`);
}

/** A configured listing selector that matched nothing in `missed` of `of` items (or no item at all). */
export interface UnmatchedSelector {
  /** `list.item`, `list.link`, `list.title`, … */
  field: string;
  selector: string;
  missed: number;
  of: number;
}

/**
 * Entries selected by configured selectors, in page order, before de-duplication. `unmatched`
 * receives the selectors that matched nothing (an item without a link match is dropped; other
 * fields fall back to their defaults). Selectors given as written are checked first (a malformed
 * one throws an Error naming its field); split ones come from the config, which checked them.
 */
export function selectLinks($: CheerioAPI, base: string, selectors: ListSelectorsInput, unmatched?: UnmatchedSelector[]): ListedLink[] {
  const itemSpec = (selectors.item ?? '').trim();
  checked(selectors.item ?? '', 'item', false);
  const fields: Partial<Record<Field, FieldSelector>> = {};
  for (const f of FIELDS) {
    const given = selectors[f];
    if (given === undefined) continue;
    if (typeof given === 'string') checked(given, f, true);
    fields[f] = fieldSelector(given);
  }

  const out: ListedLink[] = [];
  const items = $(itemSpec).toArray().filter(isElement);
  const misses: Partial<Record<Field, number>> = {};
  const miss = (f: Field, el: Element | undefined) => {
    if (!el) misses[f] = (misses[f] ?? 0) + 1;
    return el;
  };
  for (const item of items) {
    const $item = $(item);
    const linkEl = fields.link ? miss('link', target($item, fields.link)) : defaultLinkElement(item);
    const url = readLink(linkEl, fields.link, base);
    if (!url) continue;
    const link: ListedLink = { url };

    const anchor = linkEl && (linkEl.attribs.href !== undefined ? linkEl : defaultLinkElement(linkEl));
    const title = fields.title ? readText(miss('title', target($item, fields.title)), fields.title) : defaultTitle(item, anchor, url, base);
    if (title) link.title = trimDecorations(title);
    const date = fields.date ? readDate(miss('date', target($item, fields.date)), fields.date) : defaultDate(item);
    if (date) link.date = date;
    const summary = fields.summary ? readText(miss('summary', target($item, fields.summary)), fields.summary) : undefined;
    if (summary) link.summary = summary;
    const image = fields.image ? readImage(miss('image', target($item, fields.image)), fields.image, base) : imageIn(item, base);
    if (image) link.image = image;
    out.push(link);
  }
  if (unmatched) {
    if (items.length === 0) unmatched.push({ field: 'list.item', selector: selectors.item, missed: 1, of: 1 });
    for (const f of FIELDS) {
      if (misses[f]) unmatched.push({ field: `list.${f}`, selector: selectorText(selectors[f]!), missed: misses[f], of: items.length });
    }
  }
  return out;
}

/**
 * Only the link URLs `selectLinks` would give for `item` and `link` selectors (already checked),
 * in page order, without reading the other fields: cheap enough to try many candidate selectors.
 */
export function selectedUrls($: CheerioAPI, base: string, item: string, link?: string): string[] {
  const sel = link === undefined ? undefined : fieldSelector(link);
  const out: string[] = [];
  for (const el of $(item).toArray().filter(isElement)) {
    const url = readLink(sel ? target($(el), sel) : defaultLinkElement(el), sel, base);
    if (url) out.push(url);
  }
  return out;
}

/** The element a field selector designates inside an item (the item itself for `@attr`). */
function target($item: Cheerio<Element>, sel: FieldSelector): Element | undefined {
  if (!sel.selector) return $item[0];
  const found = $item.find(sel.selector)[0];
  return isElement(found) ? found : undefined;
}

function defaultLinkElement(item: Element): Element | undefined {
  if (item.name === 'a' && item.attribs.href !== undefined) return item;
  let found: Element | undefined;
  walk(item, (el) => {
    if (found) return false;
    if (el.name === 'a' && el.attribs.href !== undefined) found = el;
  });
  return found;
}

function readLink(el: Element | undefined, sel: FieldSelector | undefined, base: string): string | null {
  if (!el) return null;
  if (sel?.attr) return linkHref(el.attribs[sel.attr], base);
  if (el.attribs.href !== undefined) return linkHref(el.attribs.href, base);
  // A selector naming a wrapper (`h2`) means the link inside it.
  const inner = defaultLinkElement(el);
  return inner ? linkHref(inner.attribs.href, base) : null;
}

function linkHref(href: string | undefined, base: string): string | null {
  return linkUrl(href, base)?.href ?? null;
}

function readText(el: Element | undefined, sel: FieldSelector): string | undefined {
  if (!el) return undefined;
  const v = sel.attr ? collapse(el.attribs[sel.attr] ?? '') : textOf(el);
  return v || undefined;
}

function readDate(el: Element | undefined, sel: FieldSelector): string | undefined {
  if (!el) return undefined;
  if (!sel.attr && el.name === 'time' && el.attribs.datetime?.trim()) return el.attribs.datetime.trim();
  return readText(el, sel);
}

function readImage(el: Element | undefined, sel: FieldSelector, base: string): string | undefined {
  if (!el) return undefined;
  if (sel.attr) {
    const v = el.attribs[sel.attr]?.trim();
    if (!v) return undefined;
    // `img@srcset` / `source@data-srcset`: take the widest candidate.
    const url = /srcset$/i.test(sel.attr) ? largestFromSrcset(v) : v;
    return (url && absoluteUrl(url, base)) || undefined;
  }
  if (el.name === 'img' || el.name === 'source') return imageSource(el, base);
  return imageIn(el, base);
}

/**
 * The link's text — unless a heading in the item links to the same URL (a card's first link is
 * often its thumbnail or a dated permalink), or the text is generic ("Read more") or only a date.
 */
function defaultTitle(item: Element, anchor: Element | undefined, url: string, base: string): string | undefined {
  let linkedHeading: string | undefined;
  let firstHeading: string | undefined;
  walk(item, (el) => {
    if (linkedHeading) return false;
    if (!isHeading(el)) return;
    const text = trimDecorations(textOf(el));
    if (!text) return false;
    firstHeading ??= text;
    walk(el, (a) => {
      if (a.name === 'a' && linkHref(a.attribs.href, base) === url) linkedHeading = text;
    });
    return false;
  });
  if (linkedHeading) return linkedHeading;
  const linkText = anchor ? trimDecorations(textOf(anchor)) : '';
  if (linkText && !isGenericText(linkText) && findDateText(linkText) !== linkText) return linkText;
  return firstHeading ?? ((anchor && imageAltIn(anchor)) || linkText || undefined);
}

function defaultDate(item: Element): string | undefined {
  let found: string | undefined;
  walk(item, (el) => {
    if (found) return false;
    if (el.name === 'time') {
      found = el.attribs.datetime?.trim() || textOf(el) || undefined;
      return false;
    }
  });
  return found;
}

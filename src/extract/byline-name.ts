// Which text of a byline element is the name (byline.ts finds the element): an itemprop=name
// inside it, the links to its authors' pages, an element named as the name; else all its text.
import type { AnyNode, Element } from 'domhandler';
import { findDescendant } from './content-dom.ts';
import { collapse } from '../utils/text.ts';
import { BYLINE_LABEL, opensWithByline } from './byline-labels.ts';
import { nodesToText } from '../html/to-text.ts';

const NAME_CLASS = /(?:^|[\s_-]|author)name(?:$|[\s_-])/i;
/** An element holding only the label before the name ("By", "Written by:"). */
export const LABEL_ONLY = new RegExp(`^(?:${BYLINE_LABEL})?\\s*:?$`, 'iu');
/** Elements whose text no reader sees. */
export const SKIPPED = new Set(['script', 'noscript', 'style', 'template', 'svg']);

/**
 * A byline candidate's text: of an itemprop=name inside it when there is one, else the names of
 * its links to its authors' pages, else of an element named as the name ("author__name",
 * "card-author-name"): the role or bio beside it in the same box ("Founder at Acme", "Senior
 * Reporter") is not the name.
 */
export function candidateText(el: Element): string {
  const names = itempropNames(el);
  return (names.length > 1 ? names.join('; ') : itempropName(el)) || authorLinks(el) || namedText(el);
}

const NAME_PROP = /(?:^|\s)name(?:$|\s)/;
const PERSON_PROP = /(?:^|\s)(?:author|creator|contributor)(?:$|\s)/;

/**
 * The itemprop=name texts of each author item in a byline element ("By <span itemprop=author
 * itemscope><span itemprop=name>Kevin Sack</span></span> and <span itemprop=author …>"): a name
 * in an item that is no author (the publisher) is not one.
 */
function itempropNames(el: Element): string[] {
  const names: string[] = [];
  const walk = (node: Element, item: Element | null): void => {
    for (const child of node.children) {
      if (child.type !== 'tag') continue;
      const c = child as Element;
      const prop = c.attribs.itemprop ?? '';
      if (NAME_PROP.test(prop) && (!item || PERSON_PROP.test(item.attribs.itemprop ?? ''))) {
        const text = c.name === 'meta' ? collapse(c.attribs.content ?? '') : collapse(visibleText(c));
        if (text) names.push(text);
      } else walk(c, 'itemscope' in c.attribs ? c : item);
    }
  };
  walk(el, 'itemscope' in el.attribs ? el : null);
  return names;
}

/**
 * The text of the element inside `el` named as the name, else all of `el`'s text. The innermost
 * one: an "author-name-wrapper" link may hold the name and the role, each named.
 */
function namedText(el: Element): string {
  const named = (d: Element) => !!d.attribs.class && NAME_CLASS.test(d.attribs.class) && !LABEL_ONLY.test(collapse(visibleText(d)));
  let nameEl = findDescendant(el, named);
  for (let inner = nameEl && findDescendant(nameEl, named); inner; inner = findDescendant(inner, named)) nameEl = inner;
  return nameEl ? collapse(visibleText(nameEl)) : labeledLine(el) ?? collapse(visibleText(el));
}

/**
 * Of a byline drawn in several blocks, the one line that opens as a byline does: "By Joe Davidson"
 * above "Washington Post" and the date, whose texts would otherwise run together
 * ("Joe DavidsonWashington Post"). Null when the byline is one line, or several lines open so.
 */
function labeledLine(el: Element): string | null {
  const lines = nodesToText([el]).split('\n').map(collapse).filter(Boolean);
  if (lines.length < 2) return null;
  const labeled = lines.filter(opensWithByline);
  return labeled.length === 1 ? labeled[0] : null;
}

/** Path segments that name one author's page ("/author/jane-doe", "/reporter/li-wei"). */
export const AUTHOR_PATH_WORDS = 'authors?|autor(?:en|es|i)?|auteurs?|writers?|journalists?|contributors?|columnists?|reporters?|editors?';
// The path of an author's page among the site's authors, people or staff
// ("/author/jane-doe", "/people/howard-blume", "/by/al-baker", a user's "/u/zackery-cuevas", "/toireporter/author-Saibal-Dasgupta-13399.cms").
const AUTHOR_HREF = new RegExp(
  `\\/(?:${AUTHOR_PATH_WORDS}|people|profiles?|staff|redakteur\\w*)(?:[/._-]|$)|\\/(?:by|u)\\/[^/?#]|[/_-]author-|[?&]author=`,
  'i',
);
// A profile on a social network is the author's account, not an author page of the site: its
// text is the network's name as often as the author's ("Connect: BlueSky").
const SOCIAL_HOST =
  /^(?:https?:)?\/\/(?:[\w-]+\.)*(?:twitter|x|facebook|linkedin|instagram|bsky|threads|mastodon|youtube|tiktok|pinterest|reddit|github|medium|substack)\.[a-z]+(?:[/?#]|$)/i;
/** A link to an author's page on the site (not a profile on a social network). */
export function isAuthorLink(el: Element): boolean {
  const href = el.attribs.href;
  return el.name === 'a' && (el.attribs.rel === 'author' || (!!href && AUTHOR_HREF.test(href) && !SOCIAL_HOST.test(href)));
}

// A link's text that can be a name: no digits, a few words (not "View all posts", "12 articles").
const LINK_NAME = /^[^\d]{2,60}$/u;

/**
 * The names of the byline's links to its authors' pages, one name each ("; " between them), or
 * "": the role, agency, section or date around them in the byline ("Staff Writer", "TNN", "in
 * Valve") is not their name, however the template glues it on.
 */
export function authorLinks(el: Element): string {
  const names: string[] = [];
  const walk = (node: Element): void => {
    for (const child of node.children) {
      if (child.type !== 'tag') continue;
      const c = child as Element;
      if (isAuthorLink(c)) {
        const text = namedText(c);
        if (LINK_NAME.test(text) && text.split(' ').length <= 5 && !LABEL_ONLY.test(text)) names.push(text);
      } else walk(c);
    }
  };
  walk(el);
  return names.join('; ');
}

/** The text of an itemprop=name inside a byline element, as Reader View reads it ('' when none). */
export function itempropName(el: Element): string {
  const nameEl = findDescendant(el, (d) => (d.attribs.itemprop ?? '').includes('name'));
  // Microdata names are often a <meta itemprop=name content=…> beside the visible link.
  return nameEl?.name === 'meta' ? collapse(nameEl.attribs.content ?? '') : nameEl ? collapse(visibleText(nameEl)) : '';
}

/** `visibleText`, or null once longer than `max` characters (stops walking early). */
export function boundedVisibleText(node: AnyNode, max: number): string | null {
  const text = { out: '', max };
  return addBounded(node, text) ? text.out : null;
}

/** boundedVisibleText's walk: false once the text is past its bound (a function, not a closure per call). */
function addBounded(n: AnyNode, text: { out: string; max: number }): boolean {
  if (n.type === 'text') {
    text.out += (n as unknown as { data: string }).data;
    return text.out.length <= text.max;
  }
  if (n.type !== 'tag' || SKIPPED.has((n as Element).name)) return true;
  for (const c of (n as Element).children) if (!addBounded(c, text)) return false;
  return true;
}

/** The text of `node` as a reader sees it: scripts, styles, templates and drawings left out. */
export function visibleText(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (node.type !== 'tag') return '';
  const el = node as Element;
  if (SKIPPED.has(el.name)) return '';
  let s = '';
  for (const child of el.children) s += visibleText(child);
  return s;
}

// Bylines no element marks as one (byline.ts reads those, rule 1):
//   2. "By Jane Doe" written as plain text in a short element near the top of the article;
//   3. for the names only, the author page linked nearest the top, with its co-authors' links.
import type { Element, ParentNode } from 'domhandler';
import { findDescendant } from './content-dom.ts';
import { pageIndex, type PageIndex } from './page-index.ts';
import { collapse } from '../utils/text.ts';
import { BYLINE_LABEL } from './byline-labels.ts';
import { AUTHOR_PATH_WORDS, authorLinks, boundedVisibleText, isAuthorLink, SKIPPED, visibleText } from './byline-name.ts';

/** Rule 2 alone: "By Jane Doe" written as plain text. */
export function textByline(doc: ParentNode, index: PageIndex = pageIndex(doc)): string | null {
  return bylineFromText(index);
}

const PARTICLES = 'de|van|von|der|den|da|di|del|la|le|du|dos|bin|al';
const NAME_WORD = String.raw`\p{Lu}[\p{L}.'’-]*`;
/** A name in capitalized words, `min` to 3 after the first, particles between ("Anna de la Cruz"). */
const capitalizedName = (min: number): string => String.raw`${NAME_WORD}(?:\s+(?:(?:${PARTICLES})\s+)*${NAME_WORD}){${min},3}`;

const BY_PREFIX = new RegExp(`^${BYLINE_LABEL}\\s*:?\\s+(${capitalizedName(0)})\\s*$`, 'iu');

/** "By Jane Doe" written as plain text in a short element near the top of the article. */
function bylineFromText(index: PageIndex): string | null {
  return nearTop(index, (el) => {
    if (!BY_CANDIDATE_TAGS.has(el.name) || !el.children.every((c) => c.type !== 'tag' || INLINE.has((c as Element).name))) return undefined;
    const text = collapse(boundedVisibleText(el, 80) ?? '');
    const m = text.length >= 5 && text.length <= 60 ? BY_PREFIX.exec(text) : null;
    // Inline all the way down: names in a list's items would read glued ("Emily WalkerCasey Roe").
    return m && !findDescendant(el, (d) => !INLINE.has(d.name)) ? m[1] : null;
  });
}

/**
 * A pre-order walk of the article's first few hundred elements (a byline sits near the top):
 * `visit` returns what was found, null to skip the element's inside, undefined to look inside.
 */
function nearTop<T>(index: PageIndex, visit: (el: Element) => T | null | undefined): T | null {
  const scope = index.mainScope ?? index.body;
  if (!scope) return null;
  let budget = 400;
  const walk = (el: Element): T | null => {
    if (--budget < 0 || SKIPPED.has(el.name)) return null;
    const seen = visit(el);
    if (seen !== undefined) return seen;
    for (const child of el.children) {
      if (child.type !== 'tag') continue;
      const found = walk(child as Element);
      if (found || budget < 0) return found;
    }
    return null;
  };
  return walk(scope as Element);
}

const BY_CANDIDATE_TAGS = new Set(['p', 'span', 'div', 'address', 'li', 'em', 'strong', 'small', 'h4', 'h5', 'h6', 'a']);

const INLINE = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'time', 'abbr', 'small', 'br']);

// Without a byline to vouch for it, only a page of one author ("/author/jane-doe", "/by/al-baker"),
// not of a site's people, staff or profiles (its team page, an account menu).
const AUTHOR_PAGE = new RegExp(`\\/(?:${AUTHOR_PATH_WORDS}|by)\\/[^/?#\\s]+`, 'i');
// A person's name: two to four capitalized words, particles between ("Anna de la Cruz"), not a
// call to action ("Join today", "Create an Account").
const PERSON_NAME = new RegExp(`^${capitalizedName(1)}$`, 'u');

/**
 * Rule 3, for the names only: the links to author pages nearest the top of the article (a byline
 * with no class to go by: "<span>By</span><div><a href=/author/…>"), with their co-authors' links
 * beside them.
 */
export function linkedAuthors(index: PageIndex): string {
  const link = nearTop(index, (el) => {
    if (el.name === 'nav' || el.name === 'aside' || el.name === 'footer') return null;
    return isAuthorLink(el) && (el.attribs.rel === 'author' || AUTHOR_PAGE.test(el.attribs.href ?? '')) && PERSON_NAME.test(collapse(visibleText(el))) ? el : undefined;
  });
  const around = link?.parent?.type === 'tag' ? (link.parent as Element) : null;
  return (around && authorLinks(around.parent?.type === 'tag' ? (around.parent as Element) : around)) || '';
}

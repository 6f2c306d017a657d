// Author byline from the page body, when neither JSON-LD nor meta tags name one.
//   1. Readability's rule (so bylines match Reader View): the first visible element, in document
//      order, with rel=author, an itemprop containing "author", or a class/id like
//      byline|author|dateline|writtenby|p-author, whose text is 1–99 characters; the name in it
//      is read by byline-name.ts (an itemprop=name, links to author pages, a name-classed element).
//      When that finds nothing: a forum's user name (class "username"), a microdata author whose
//      name is only in a <meta>, then the same search inside <noscript> (Discourse's thread).
//   2. and 3. (no element marked as a byline): byline-unmarked.ts.
// Feeds' author names (`bylineNames`) look past a rule-1 byline that is only its label ("By").
import type { Element, ParentNode } from 'domhandler';
import { contains, findDescendant } from './content-dom.ts';
import { collapse } from '../utils/text.ts';
import { authorLinks, boundedVisibleText, candidateText, isAuthorLink, itempropName, SKIPPED, visibleText } from './byline-name.ts';
import { splitAuthors } from './author-names.ts';

const BYLINE_HINT = /byline|author|dateline|writtenby|p-author/i;
// Forum software names a post's author by its user name: class "username" (phpBB, XenForo, Drupal,
// Discourse) or vBulletin's "bigusername". Whole class names only: "username-sign-in" is a login link.
const USERNAME_CLASS = /(?:^|\s)(?:big)?username(?:$|\s)/i;

/** A marked byline (rule 1): its text as Reader View shows it, and the name in it (`candidateText`). */
export interface MarkedByline {
  shown: string;
  name: string;
}

/**
 * The page's marked byline (rule 1). Like Reader View, it skips the inside of "unlikely" containers
 * (class/id like header, sidebar, comment…); a byline found only there is used when nothing else is.
 */
export function markedBylineParts(doc: ParentNode): MarkedByline | null {
  return markedByline(doc, (name, el) => (name ? { shown: itempropName(el) || collapse(visibleText(el)), name: coAuthors(el, name) } : null));
}

/**
 * A byline that is one author's link (rel=author: Reader View's byline is its text) names its
 * co-authors in the links beside it: "<a rel=author>Julia Carrie Wong</a> and <a rel=author>Sam Levin</a>".
 */
function coAuthors(el: Element, name: string): string {
  // (Beside it: in a parent that is a byline's line, not a container of the article's links.)
  if (!isAuthorLink(el) || el.parent?.type !== 'tag' || boundedVisibleText(el.parent as Element, 200) === null) return name;
  const linked = authorLinks(el.parent as Element);
  return linked.includes('; ') && linked.split('; ').includes(name) ? linked : name;
}

/**
 * The names in the byline next to a byline that is only its label: Reader View's byline may be a
 * label alone in its own element ("<p class=byline>By</p>", an "About the Author" box), the name
 * in the element after it. Looked for beside the label (in its parent, then its grandparent) and
 * taken only when it reads as names: no digits (a date), no brackets, not initials alone.
 */
export function bylineNames(doc: ParentNode): string[] {
  const label = markedByline(doc, (_, el) => el);
  let scope = label?.parent;
  for (let up = 0; label && scope && scope.type === 'tag' && up < 2; up++, scope = scope.parent) {
    // The authors' pages linked beside the label, each link one name.
    const linked = splitAuthors(authorLinks(scope as Element));
    if (linked.length) return linked;
    // (Not a comment's author: a name in an unlikely container is no fallback here.)
    const names = markedByline(scope, (text, el) => {
      if (el === label || contains(el, label)) return null;
      const found = splitAuthors(text);
      return found.length && found.every((n) => !/[\d[\](){}]/.test(n) && !/^[\p{Lu}.]{1,3}$/u.test(n)) ? found : null;
    }, false);
    if (names) return names;
  }
  return [];
}

/** Rule 1: what `read` makes of the first byline candidate it accepts (returns non-null for). */
function markedByline<T>(doc: ParentNode, read: (text: string, el: Element) => T | null, fallbacks = true): T | null {
  let primary: T | null = null;
  let fallback: T | null = null;
  // Ours, below both: a forum's user name, and a microdata author whose name is only in a <meta>
  // (Reader View reads neither, so they are taken only when its rule finds nothing).
  let extra: T | null = null;
  const noscripts: Element[] = [];
  // Whether a container is unlikely is asked only of a candidate's ancestors (insideUnlikely),
  // not of every element on the way.
  const walk = (el: Element): boolean => {
    if (SKIPPED.has(el.name) || !isProbablyVisible(el)) {
      if (el.name === 'noscript') noscripts.push(el);
      return false;
    }
    const marked = isBylineCandidate(el);
    const byUserName = !marked && !!el.attribs.class && USERNAME_CLASS.test(el.attribs.class);
    const length = marked || byUserName ? visibleText(el).trim().length : 0;
    if (marked && length > 0 && length < 100 && !isFormField(el)) {
      const unlikely = insideUnlikely(el, doc);
      // Past the first fallback, candidates in unlikely containers (a comment's author, each
      // of them) are not read.
      const value = !unlikely || (fallbacks && fallback === null) ? read(candidateText(el), el) : null;
      if (value !== null && !unlikely) {
        primary = value;
        return true;
      }
      if (value !== null) fallback = value;
    } else if (extra === null && (byUserName || (marked && length === 0 && el.attribs.itemprop))) {
      const text = candidateText(el);
      // In a header, a sidebar or comments, only a user name that links to the member counts (a
      // thread header's "started by"), not its text (the reader's own "Hi, …" in the page header).
      if (text.length > 0 && text.length < 100 && !isFormField(el) && ((byUserName && el.name === 'a') || !insideUnlikely(el, doc))) {
        extra = read(text, el);
      }
    }
    for (const child of el.children) {
      if (child.type === 'tag' && walk(child as Element)) return true;
    }
    return false;
  };
  for (const node of doc.children) if (node.type === 'tag' && walk(node as Element)) break;
  // Forum software (Discourse) draws its posts with scripts and gives readers without them the
  // thread, with each post's author, in a <noscript>: read there when the page has no byline.
  for (let i = 0; primary === null && fallback === null && extra === null && i < noscripts.length; i++) {
    for (const node of noscripts[i].children) if (node.type === 'tag' && walk(node as Element)) break;
  }
  return primary ?? fallback ?? extra;
}

// Readability's "unlikely candidate" patterns (containers that rarely hold the article).
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|shadow/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

/** Whether an ancestor of `el` (below `root`) is an unlikely container, as Reader View judges them. */
function insideUnlikely(el: Element, root: ParentNode): boolean {
  const ancestors: Element[] = [];
  for (let p = el.parent; p && p !== root; p = p.parent) ancestors.push(p as Element);
  let inTableOrCode = false;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    const matchString = a.attribs.class || a.attribs.id ? `${a.attribs.class ?? ''} ${a.attribs.id ?? ''}` : '';
    if (matchString !== '' && UNLIKELY.test(matchString) && !MAYBE_CANDIDATE.test(matchString) && !inTableOrCode && a.name !== 'body' && a.name !== 'a') return true;
    if (UNLIKELY_ROLES.has(a.attribs.role ?? '')) return true;
    inTableOrCode ||= a.name === 'table' || a.name === 'code';
  }
  return false;
}

function isBylineCandidate(el: Element): boolean {
  const a = el.attribs;
  return (
    // (No hint spans a space: class and id tested apart, as if joined.)
    a.rel === 'author' || (a.itemprop ?? '').includes('author') || (!!a.class && BYLINE_HINT.test(a.class)) || (!!a.id && BYLINE_HINT.test(a.id))
  );
}

function isProbablyVisible(el: Element): boolean {
  const a = el.attribs;
  const style = a.style;
  if (style && (/display\s*:\s*none/i.test(style) || /visibility\s*:\s*hidden/i.test(style))) return false;
  if ('hidden' in a) return false;
  if (a['aria-hidden'] === 'true' && !(a.class ?? '').includes('fallback-image')) return false;
  if (a['aria-modal'] === 'true' && a.role === 'dialog') return false;
  return true;
}

const FORM_FIELDS = new Set(['label', 'input', 'textarea', 'select']);

/**
 * A form's "author" field (a comment form's `comment-form-author`: "Name *" and its input): no
 * byline. A hidden input is no field a reader fills in (a "Follow author" button's form keeps its place).
 */
function isFormField(el: Element): boolean {
  const field = (d: Element) => FORM_FIELDS.has(d.name) && !(d.name === 'input' && d.attribs.type?.toLowerCase() === 'hidden');
  return field(el) || findDescendant(el, field) !== null;
}

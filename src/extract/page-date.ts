// Publication dates written in the page body, as raw candidate strings (parsed by the caller).
// Machine-readable markup first (itemprop, <time datetime>, abbr[title]); then the short text of
// elements whose class or id says "date"; the article's scope (<article>, <main>, a post's block,
// a <header> inside them) before the rest of the page.
// Epoch timestamps in `data-*` attributes named like a time (`data-time="1594448702"`) are exact
// instants and rank with the markup; dates written by a short inline script
// (`document.write(fmt("2020/04/17 01:43"))`) rank with the last-resort text. A <time> or a dated
// text labelled as the update ("Updated", "Aktualisiert am": date-labels.ts) comes last, as
// `time-updated`; a dated text labelled as the publication ("Published", "Veröffentlicht") ranks
// with the date-named elements' text. Blocks of other items (comments, related stories, a sidebar)
// give none.
import type { AnyNode, Element, ParentNode, Text } from 'domhandler';
import { asciiDigits, collapse } from '../utils/text.ts';
import { findDescendant, HEADING_TAGS } from './content-dom.ts';
import { leadingLabel, saysMember, saysPublished, saysUpdated } from './date-labels.ts';

export interface DateCandidate {
  value: string;
  /** Where it came from, for debugging and for weighting. */
  source: 'itemprop' | 'time-pubdate' | 'time-article' | 'time' | 'abbr' | 'epoch' | 'class-text' | 'text' | 'time-updated';
}

// <header> is the article's scope only inside one of these: a page's own top-level <header> is
// its banner (menus, news tickers, a dropdown of the latest posts), and an article's header comes
// first in document order anyway, before any date of the page's other items.
const SCOPE_TAGS = new Set(['article', 'main']);
const SCOPE_ROLES = new Set(['article', 'main']);
const SCOPE_CLASS = /(?:^|\s)(?:post|entry|hentry|article|story)(?:$|\s)/i;
const DATE_CLASS = /(?:^|[\s_-])(?:date|dated|time|pub|publish\w*|posted|pubdate|timestamp|dateline|byline|datum|fecha|data|дата|meta|entry-date|post-date|article-date|tarih)(?:$|[\s_-]|\d)/i;
// The same words joined in camelCase (`DateTime`, `postDate`, `datePermalink`: XenForo, vBulletin
// and many hand-made templates): case-sensitive, so "candidate" or "update" do not count.
const CAMEL_DATE_CLASS = /(?:^|[\s_-]|\p{Ll})(?:Date|Timestamp|Published|Posted)(?=$|[\s_-]|\p{Lu}|\d)|(?:^|[\s_-])(?:date|published|posted)(?=\p{Lu})/u;
const PUBLISHED_CLASS = /publish|pubdate|posted|entry-date|post-date|created|article-date|date-pub/i;
const YEAR = /(?:^|\D)(?:19[9]\d|20\d\d)(?:\D|$)/;
const NON_ASCII = /[^\x00-\x7f]/;
/** A Gregorian year in `s`, in any script's digits ("২০২০", "٢٠٢٠"). */
export const hasYear = (s: string): boolean => YEAR.test(s) || (NON_ASCII.test(s) && YEAR.test(asciiDigits(s)));
// Containers whose text is navigation or boilerplate, not the article's dateline.
const SKIP_TEXT_IN = new Set(['nav', 'footer', 'aside', 'form', 'select', 'button', 'option', 'a']);
// Widgets that show the current date, or boilerplate years: never the article's date.
const NOT_ARTICLE_DATE = /today|current-?date|clock|weather|copyright|calendar/i;
// Of those, the widgets whose text is a date of their own, even inside a date-named block (where a
// "calendar" badge or a "clock" icon may be the article's date or its decoration).
const NOW_WIDGET = /today|current-?date|weather/i;
const MODIFIED_HINT = /modif|updat|edited|aktualisiert|mis à jour|actualiz|обновл/i;
// Blocks of other items (comments, related stories, a sidebar; not "widget": Blogger wraps the post in one): their dates are theirs.
const OTHER_ITEMS =
  /(?:^|\s)(?:comments?|comment-?list|comments-area|comment-body|respond|related|related[_-][\w-]+|recommend\w*|more-stories|trending|popular[_-]posts|sidebar)(?:$|\s)/i;
// Every word DATE_CLASS, NOT_ARTICLE_DATE, OTHER_ITEMS and SCOPE_CLASS look for contains one of these.
const ANY_CLASS_WORD =
  /dat|time|pub|post|byline|fecha|дата|meta|tarih|today|clock|weather|copyright|calendar|entry|article|story|comment|respond|related|recommend|trending|sidebar/i;
// `data-time`, `data-timestamp`, `data-utime`, `data-publish-time`, `data-time-ms`…
const EPOCH_ATTR = /^data-(?:[\w-]*[_-])?(?:u?time|timestamp|epoch|date|published|pubdate)(?:[_-](?:ms|s|stamp|utc))?$/;
const EPOCH_VALUE = /^\d{10}(?:\d{3})?$/;
// A quoted literal in a script, short enough to be a date written out by it.
const SCRIPT_LITERAL = /(["'])([^"'\n]{6,40})\1/g;
const SCRIPT_MAX = 400;

/** Candidates in preference order; duplicates removed. One walk over the DOM, short strings only. */
export function dateCandidates(doc: ParentNode): DateCandidate[] {
  const itemprop: string[] = [];
  const timePub: string[] = [];
  const timeScoped: string[] = [];
  const timeAll: string[] = [];
  const timeUpdated: string[] = [];
  const abbr: string[] = [];
  const epoch: string[] = [];
  const classScoped: string[] = [];
  const classRest: string[] = [];
  const textScoped: string[] = [];
  const textRest: string[] = [];

  // `link`: the nearest <a> around `el` (see inTeaser).
  const walk = (el: Element, inScope: boolean, noText: boolean, link: Element | null): void => {
    const a = el.attribs;
    const name = el.name;
    if (name === 'script') {
      if (!noText && !a.src) scriptDates(el, inScope ? textScoped : textRest);
      return;
    }
    // A quoted post (an embedded tweet or Instagram post, a forum quote) is dated by its own author.
    if (name === 'style' || name === 'noscript' || name === 'svg' || name === 'blockquote') return;
    // Most elements have neither class nor id, and most names hold none of the words below: one
    // test rules out all three class patterns (class and id are joined only when one passes it,
    // or for the few elements that read them anyway).
    const named = (!!a.class && ANY_CLASS_WORD.test(a.class)) || (!!a.id && ANY_CLASS_WORD.test(a.id));
    const cls = named || name === 'time' ? joinedName(a) : '';
    if (named && OTHER_ITEMS.test(cls)) return;
    const scope = inScope || SCOPE_TAGS.has(name) || SCOPE_ROLES.has(a.role ?? '') || (named && !!a.class && SCOPE_CLASS.test(a.class));
    if (epoch.length < 5) {
      // (Object.keys, not for…in: over the parser's attribute objects, of many shapes, for…in
      // fell in some processes onto a path that made this whole walk twice as slow.)
      for (const key of Object.keys(a)) {
        if (key.charCodeAt(0) !== 100 /* d */ || !EPOCH_ATTR.test(key) || !EPOCH_VALUE.test(a[key])) continue;
        const c = joinedName(a);
        if (MODIFIED_HINT.test(`${key} ${c}`) || NOT_ARTICLE_DATE.test(c)) continue;
        const n = Number(a[key]);
        push(epoch, new Date(a[key].length === 13 ? n : n * 1000).toISOString());
        break;
      }
    }
    const prop = a.itemprop;
    if (prop && name !== 'meta' && /\bdate(?:Published|Created)\b/i.test(prop)) {
      push(itemprop, a.datetime ?? a.content ?? boundedText(el, 150));
    }
    if (name === 'time' && !(link && inTeaser(link, el))) {
      const value = a.datetime || titleDate(a.title) || boundedText(el, 150);
      if ('pubdate' in a || PUBLISHED_CLASS.test(cls)) push(timePub, value);
      if (MODIFIED_HINT.test(`${cls} ${prop ?? ''}`)) {
        // The modification: not a candidate.
      } else if (saysUpdated(labelBefore(el)) || saysUpdated(leadingLabel(boundedText(el, 150)))) {
        push(timeUpdated, value);
      } else {
        if (scope) push(timeScoped, value);
        push(timeAll, value);
      }
    } else if (name === 'abbr' && a.title && /published|date|time/i.test(a.class ?? '')) {
      push(abbr, a.title);
    }
    if (named && (DATE_CLASS.test(cls) || CAMEL_DATE_CLASS.test(cls)) && !MODIFIED_HINT.test(cls) && !NOT_ARTICLE_DATE.test(cls) && name !== 'body' && name !== 'html' && !(link && inTeaser(link, el))) {
      const list = scope ? classScoped : classRest;
      const text = list.length < 20 ? boundedText(el, 150) : null;
      if (text && !saysMember(text.slice(0, 40))) push(list, text);
      // "2 days ago" or a short "Mar 4" shown, the full date in the tooltip: read after the text,
      // so a stated text still comes first and the tooltip wins over a relative one.
      const title = list.length < 20 ? titleDate(a.title) : null;
      if (title && !saysMember(title.slice(0, 40))) push(list, title);
    }
    const skipText = noText || SKIP_TEXT_IN.has(name) || (named && NOT_ARTICLE_DATE.test(cls));
    for (const child of el.children) {
      if (child.type === 'tag' || child.type === 'script') walk(child as Element, scope, skipText, name === 'a' ? el : link);
      else if (child.type === 'text' && !skipText) {
        // Any short text with a year in it: the last resort, as htmldate's extensive search.
        const data = (child as Text).data;
        if (data.length < 100 && hasYear(data)) {
          const list = scope ? textScoped : textRest;
          // "Joined: Dec 11, 2021" in a forum post's author box dates the member, not the page.
          const label = list.length < 20 && !saysMember(data.slice(0, 40)) ? labelBefore(child) : null;
          // "Updated <span>Aug 21, 2025</span>": the update's, as a <time> labelled so.
          // "Published <span>Aug 19, 2025</span>": a dateline, as a date-named element's text.
          if (label !== null && !saysMember(label)) {
            push(saysUpdated(label) ? timeUpdated : saysPublished(label) ? (scope ? classScoped : classRest) : list, data);
          }
        }
      }
    }
  };
  for (const node of doc.children) if (node.type === 'tag') walk(node as Element, false, false, null);

  const out: DateCandidate[] = [];
  const seen = new Set<string>();
  const add = (values: string[], source: DateCandidate['source']): void => {
    for (const value of values) {
      if (seen.has(value)) continue;
      seen.add(value);
      out.push({ value, source });
    }
  };
  add(itemprop, 'itemprop');
  add(timePub, 'time-pubdate');
  add(timeScoped, 'time-article');
  add(timeAll, 'time');
  add(abbr, 'abbr');
  add(epoch, 'epoch');
  add(classScoped, 'class-text');
  add(classRest, 'class-text');
  add(textScoped, 'text');
  add(textRest, 'text');
  add(timeUpdated, 'time-updated');
  return out;
}

/**
 * Whether `el`, inside the link `link`, is a teaser's date: the link also holds a headline (a
 * heading, or text well beyond the date's own), so it is a card for another story ("latest news"
 * lists, whatever their classes). A link around the date alone (a permalink, a day's archive,
 * WordPress's published and updated <time>s together) is the page's own.
 */
function inTeaser(link: Element, el: Element): boolean {
  const own = boundedText(el, 150)?.trim().length ?? 0;
  return boundedText(link, own + TEASER_HEADLINE) === null || findDescendant(link, (d) => HEADING_TAGS.has(d.name)) !== null;
}

// More text than this beside a date in one link: a headline.
const TEASER_HEADLINE = 40;

/** Class and id as one string, as the patterns above read them ("" when neither). */
function joinedName(a: Record<string, string>): string {
  return a.class || a.id ? `${a.class ?? ''} ${a.id ?? ''}` : '';
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const NON_SPACE = /\S/;

/** A `title` attribute that may state a date (a tooltip with a year in it), or null. */
function titleDate(title: string | undefined): string | null {
  return title && title.length <= 80 && hasYear(title) ? title : null;
}

/** Short quoted literals with a year in a small inline script (not JSON data, not a library). */
function scriptDates(el: Element, list: string[]): void {
  const child = el.children[0];
  if (!child || child.type !== 'text' || el.children.length !== 1) return;
  const type = el.attribs.type;
  if (type && !/javascript|ecmascript|^module$/i.test(type)) return;
  const code = (child as Text).data;
  if (code.length > SCRIPT_MAX || !YEAR.test(code)) return;
  SCRIPT_LITERAL.lastIndex = 0;
  for (let m = SCRIPT_LITERAL.exec(code); m && list.length < 20; m = SCRIPT_LITERAL.exec(code)) {
    if (YEAR.test(m[2]) && !/[<>{}=]/.test(m[2])) push(list, m[2]);
  }
}

/**
 * The text just before `el` ("Updated", "Veröffentlicht am", "Joined:"): its previous sibling with text, or
 * its parent's, one level up. Short: a label, not the paragraph before; after a date, only what follows it.
 */
function labelBefore(el: AnyNode): string {
  let node: AnyNode | null = el;
  for (let level = 0; node && level < 2; level++, node = node.parent) {
    let sib: AnyNode | null = node.prev;
    while (sib && sib.type === 'text' && !(sib as Text).data.trim()) sib = sib.prev;
    if (sib?.type === 'text') return ownLabel((sib as Text).data.slice(-40));
    if (sib?.type === 'tag') return ownLabel((boundedText(sib as Element, 40) ?? '').slice(-40));
  }
  return '';
}

// The last digit of a text, in any script.
const LAST_DIGIT = /\p{Nd}(?=\P{Nd}*$)/u;

/** What follows a text's last digit: a date before it is that label's ("Updated 4/27/2022 Created "). */
function ownLabel(text: string): string {
  const digit = LAST_DIGIT.exec(text);
  return digit ? text.slice(digit.index + digit[0].length) : text;
}

function push(list: string[], value: string | null | undefined): void {
  const v = value ? collapse(value) : '';
  if (v && v.length <= 120) list.push(v);
}

/** The element's text, or null once it grows past `max` characters (stops walking early). */
export function boundedText(el: Element, max: number): string | null {
  let s = '';
  // Texts of two elements are glued as written, except two numbers: "June 14, 2024" shown beside
  // its short form "1 yr" is not the year 20241.
  let crossed = false;
  const walk = (node: AnyNode): boolean => {
    if (node.type === 'text') {
      const data = (node as Text).data;
      // A template's indentation between tags is one space, not part of the bound.
      if (!NON_SPACE.test(data)) {
        if (s && s.charCodeAt(s.length - 1) !== 32) s += ' ';
        return true;
      }
      if (crossed && isDigit(data.charCodeAt(0)) && isDigit(s.charCodeAt(s.length - 1))) s += ' ';
      crossed = false;
      s += data;
      return s.length <= max;
    }
    if (node.type !== 'tag') return true;
    const e = node as Element;
    if (e.name === 'script' || e.name === 'style') return true;
    // A today's-date or weather widget inside a date-named block ("block-date" holding "todays-date")
    // says nothing about the article, there as anywhere.
    if (e !== el && (e.attribs.class || e.attribs.id) && NOW_WIDGET.test(joinedName(e.attribs))) return true;
    crossed = true;
    for (const child of e.children) if (!walk(child)) return false;
    crossed = true;
    return true;
  };
  return walk(el) && s.trim() ? s : null;
}


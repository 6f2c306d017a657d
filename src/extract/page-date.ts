// Publication dates written in the page body, as raw candidate strings (parsed by the caller).
// Machine-readable markup first (itemprop, <time datetime>, abbr[title]); then the short text of
// elements whose class or id says "date"; article/header scope before the rest of the page.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { collapse } from './text.ts';

export interface DateCandidate {
  value: string;
  /** Where it came from, for debugging and for weighting. */
  source: 'itemprop' | 'time-pubdate' | 'time-article' | 'time' | 'abbr' | 'class-text';
}

const SCOPE = 'article, [role="article"], main, [role="main"], header, .post, .entry, .hentry, .article, .story';
const DATE_CLASS = /(?:^|[\s_-])(?:date|dated|time|pub|publish\w*|posted|pubdate|timestamp|dateline|byline|datum|fecha|data|дата|meta|entry-date|post-date|article-date|tarih)(?:$|[\s_-]|\d)/i;
const PUBLISHED_CLASS = /publish|pubdate|posted|entry-date|post-date|created|article-date|date-pub/i;
const MODIFIED_HINT = /modif|updat|edited|aktualisiert|mis à jour|actualiz|обновл/i;

/** Candidates in preference order; duplicates removed. At most a few dozen, short strings only. */
export function dateCandidates($: CheerioAPI): DateCandidate[] {
  const out: DateCandidate[] = [];
  const push = (value: string | undefined, source: DateCandidate['source']): void => {
    const v = value ? collapse(value) : '';
    if (v && v.length <= 120 && !out.some((c) => c.value === v)) out.push({ value: v, source });
  };

  $('[itemprop~="datePublished" i], [itemprop~="dateCreated" i]').each((_, el) => {
    if (el.name === 'meta') return;
    push(el.attribs.datetime ?? el.attribs.content ?? $(el).text(), 'itemprop');
  });

  const times = $('time').toArray();
  const inScope = new Set($(SCOPE).find('time').toArray());
  const timeValue = (el: Element): string | undefined => el.attribs.datetime || $(el).text();
  for (const el of times) {
    const cls = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    if ('pubdate' in el.attribs || PUBLISHED_CLASS.test(cls)) push(timeValue(el), 'time-pubdate');
  }
  for (const el of times) {
    if (inScope.has(el) && !isModified(el)) push(timeValue(el), 'time-article');
  }
  for (const el of times) if (!isModified(el)) push(timeValue(el), 'time');

  $('abbr[title]').each((_, el) => {
    if (/published|date|time/i.test(el.attribs.class ?? '')) push(el.attribs.title, 'abbr');
  });

  // Short texts in elements named like dates, article scope first.
  const scoped = $(SCOPE).find('[class], [id]').toArray();
  const rest = $('body [class], body [id]').toArray();
  let checked = 0;
  for (const el of [...scoped, ...rest]) {
    if (checked > 3000) break;
    checked++;
    const name = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    if (!DATE_CLASS.test(name) || MODIFIED_HINT.test(name)) continue;
    const text = boundedText(el, 150);
    if (text) push(text, 'class-text');
    if (out.length > 40) break;
  }
  return out;
}

/** The element's text, or null once it grows past `max` characters (stops walking early). */
function boundedText(el: Element, max: number): string | null {
  let s = '';
  const walk = (node: AnyNode): boolean => {
    if (node.type === 'text') {
      s += (node as Text).data;
      return s.length <= max;
    }
    if (node.type !== 'tag') return true;
    const e = node as Element;
    if (e.name === 'script' || e.name === 'style') return true;
    for (const child of e.children) if (!walk(child)) return false;
    return true;
  };
  return walk(el) && s.trim() ? s : null;
}

function isModified(el: Element): boolean {
  const a = el.attribs;
  return MODIFIED_HINT.test(`${a.class ?? ''} ${a.id ?? ''} ${a.itemprop ?? ''}`);
}

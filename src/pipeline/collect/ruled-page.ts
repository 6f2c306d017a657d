/**
 * An article page read under site rules: rule headers on every request, the single-page version
 * when `single_page_link` names one, then `next_page_link` pages joined (at most
 * DEFAULTS.maxArticlePages pages, same site only, each page fetched once, through the same
 * fetcher and its safety rules). Returns the HTML to extract and what the rules read;
 * `extractRuledArticle` makes the article of it.
 */
import type { SiteRules } from '../../config/site-config.ts';
import type { SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import { sourceExtractOptions, type ExtractOptions } from '../../extract/options.ts';
import { inPageZone, stampedZone } from '../../extract/date-zone.ts';
import { applySiteRules, RULE_BODY_ATTRIBUTE, type RuledPage } from '../../extract/site-rules.ts';
import type { FetchOptions, FetchResult } from '../../fetch/types.ts';
import type { ExtractedArticle } from '../../model.ts';
import { dateReadingLang } from '../../utils/dates/english-order.ts';
import { parseDateParts } from '../../utils/dates/parse.ts';
import { formatWithOffset } from '../../utils/dates/zone.ts';
import type { ApplyRulesFn } from '../site-rules.ts';
import type { ScrapeDeps } from '../types.ts';
import { errorMessage } from '../../utils/errors.ts';

export interface RuledArticle {
  /** The page read (the single-page version when followed): its URL resolves relative links. */
  page: FetchResult;
  /** The article's own address (the first page's, after redirects): the item's link. */
  articleUrl: string;
  ruled: RuledPage;
}

/** An article page fetched and read under `rules` (the single-page version, later pages joined). */
export async function readRuledPage(
  url: string, rules: SiteRules, deps: Pick<ScrapeDeps, 'fetch' | 'applyRules'>, allowFile: boolean, warn: (message: string) => void,
  maxPages: number = DEFAULTS.maxArticlePages,
): Promise<RuledArticle> {
  const page = await deps.fetch(url, ruleFetchOptions(rules, allowFile));
  return followRuledPage(page, rules, deps, allowFile, warn, maxPages);
}

/** How pages read under `rules` are fetched: with the rule file's `http_header(...)` lines. */
export function ruleFetchOptions(rules: SiteRules, allowFile: boolean): FetchOptions {
  const headers = Object.keys(rules.httpHeaders).length ? rules.httpHeaders : undefined;
  return { allowFile, ...(headers ? { headers } : {}) };
}

/**
 * `readRuledPage` from a first page already read (a run reads it as the source's `render` says,
 * so a rendered page gets the rules too); the single-page version and later pages are fetched.
 */
export async function followRuledPage(
  page: FetchResult, rules: SiteRules, deps: Pick<ScrapeDeps, 'fetch' | 'applyRules'>, allowFile: boolean, warn: (message: string) => void,
  maxPages: number = DEFAULTS.maxArticlePages,
): Promise<RuledArticle> {
  // The rules are applied where the runtime extracts (Node: its extraction threads), never parsing here.
  const apply: ApplyRulesFn = deps.applyRules ?? ((...args) => Promise.resolve(applySiteRules(...args)));
  const get = (u: string) => deps.fetch(u, ruleFetchOptions(rules, allowFile));
  let ruled = await apply(page.text, page.url, rules);
  ruled.failures.forEach(warn);

  if (ruled.singlePage && ruled.singlePage !== page.url) {
    if (!sameSite(ruled.singlePage, page.url)) {
      warn(`${rules.file}: single_page_link of ${page.url} leads to another site (${ruled.singlePage}); not followed`);
    } else {
      try {
        const single = await get(ruled.singlePage);
        const articleUrl = page.url;
        ruled = await apply(single.text, single.url, rules);
        ruled.failures.forEach(warn);
        return { page: single, articleUrl, ruled };
      } catch (err) {
        warn(`${page.url}: single-page version ${ruled.singlePage} failed, kept the first page (${errorMessage(err)})`);
      }
    }
  }
  if (!ruled.nextPage || !ruled.body) return { page, articleUrl: page.url, ruled };

  // Later pages: each page's rule body, appended after the first page's.
  const seen = new Set([page.url]);
  const bodies: string[] = [];
  let next: string | null = ruled.nextPage;
  while (next) {
    if (seen.has(next)) break; // a loop back to a page already read
    if (1 + bodies.length >= maxPages) {
      warn(`${page.url}: more than ${maxPages} pages; joined the first ${maxPages}`);
      break;
    }
    if (!sameSite(next, page.url)) {
      warn(`${rules.file}: next_page_link of ${page.url} leads to another site (${next}); not followed`);
      break;
    }
    seen.add(next);
    let more: FetchResult;
    try {
      more = await get(next);
    } catch (err) {
      warn(`${page.url}: page ${bodies.length + 2} (${next}) failed, joined the pages before it (${errorMessage(err)})`);
      break;
    }
    if (more.url !== next && seen.has(more.url)) break; // redirected back to a page already read
    seen.add(more.url);
    const r = await apply(more.text, more.url, rules);
    r.failures.forEach(warn);
    if (!r.bodyHtml) break;
    bodies.push(r.bodyHtml);
    next = r.nextPage;
  }
  if (bodies.length) {
    ruled = await apply(page.text, page.url, rules, bodies);
  }
  return { page, articleUrl: page.url, ruled };
}

/** The category of an article a site rule's native_ad_clue identifies as a native ad. */
export const NATIVE_AD_CATEGORY = 'Native Ad';

/** What reading an article under rules takes from its source (a hand-built one will do). */
export type RuledSource = Pick<SourceConfig, 'article' | 'timezone' | 'language'>;

/**
 * The article of a page read under rules. The rule's body is the content, cleaned like automatic
 * content (`prune: yes`, Full-Text RSS's default) or kept as matched (`prune: no`); the rule's
 * title, authors and date win over what extraction found; the source's own selectors win over
 * both. The rule's date is read like any page date, in the source's zone and the page's language (english-order.ts).
 */
export async function extractRuledArticle(
  ruled: RuledPage, url: string, rules: SiteRules, source: RuledSource, options: { now: Date; summary?: string },
  extract: (html: string, url: string, options: ExtractOptions) => Promise<ExtractedArticle>,
): Promise<ExtractedArticle> {
  const byRule = ruled.body && !source.article.content;
  const selectors = byRule ? { ...source.article, content: `[${RULE_BODY_ATTRIBUTE}]` } : source.article;
  const found = await extract(ruled.html, url, {
    ...sourceExtractOptions({ ...source, article: selectors }, options.now, options.summary),
    ...(byRule ? { pruneContent: rules.flags.prune !== false } : {}),
  });
  const out = { ...found };
  // With provenance asked for (previews), the fields the rule set say so.
  const fromRule = (field: 'title' | 'author' | 'date') => {
    if (out.provenance) out.provenance = { ...out.provenance, [field]: 'rule' };
  };
  if (ruled.title && !source.article.title) {
    out.title = ruled.title;
    fromRule('title');
  }
  if (ruled.authors.length && !source.article.author) {
    out.author = ruled.authors.join(', ');
    out.authors = ruled.authors;
    fromRule('author');
  }
  // A native ad, as the rule's native_ad_clue tells, says so in its categories (Full-Text RSS's flag).
  if (ruled.nativeAd && !out.categories.includes(NATIVE_AD_CATEGORY)) out.categories = [...out.categories, NATIVE_AD_CATEGORY];
  if (ruled.date && !source.article.date) {
    const read = parseDateParts(ruled.date, { timezone: source.timezone, lang: dateReadingLang(found.lang ?? source.language ?? null, url, source.language), now: options.now });
    // A clock written without an offset, in the page's own offset as automatic extraction reads it.
    const parsed = read && ruled.dateZone ? inPageZone(read, source.timezone, stampedZone(ruled.dateZone)) : read;
    if (parsed) {
      out.date = formatWithOffset(parsed.date, parsed.offset);
      fromRule('date');
    }
  }
  return out;
}

/** Same host (a leading `www.` aside) and scheme family: where a rule may lead. */
export function sameSite(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    const host = (u: URL) => u.host.replace(/^www\./, '');
    const web = (u: URL) => u.protocol === 'http:' || u.protocol === 'https:';
    return host(x) === host(y) && (x.protocol === y.protocol || (web(x) && web(y)));
  } catch {
    return false;
  }
}

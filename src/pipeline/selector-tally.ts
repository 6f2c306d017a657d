/**
 * Counts, over one run, how often each configured selector matched nothing (extraction then falls
 * back to automatic), and says so per selector: `article.date "span.when" matched nothing on 3 of
 * 5 pages`. Listing fields are counted per listing item, article fields per article page.
 */
import { selectorText } from '../config/selectors.ts';
import type { SourceConfig } from '../config/types.ts';
import { extractArticle } from '../extract/index.ts';
import type { UnmatchedSelector } from '../list/selectors.ts';
import type { ExtractFn } from './types.ts';

/** Article selectors that fall back to automatic extraction when they match nothing. */
const ARTICLE_FIELDS = ['content', 'title', 'date', 'author'] as const;

interface Count {
  selector: string;
  missed: number;
  of: number;
  unit: 'page' | 'item';
}

export class SelectorTally {
  readonly #counts = new Map<string, Count>();

  constructor(private readonly source: Pick<SourceConfig, 'article'>) {}

  /** Fields of a listing page (from readListing). */
  listing(unmatched: UnmatchedSelector[]): void {
    for (const u of unmatched) this.#add(u.field, u.selector, u.missed, u.of, 'item');
  }

  /** One article page: `unmatched` names the article fields whose selector matched nothing. */
  page(unmatched: readonly string[] | undefined): void {
    for (const field of ARTICLE_FIELDS) {
      const selector = this.source.article?.[field];
      if (selector) this.#add(`article.${field}`, selectorText(selector), unmatched?.includes(field) ? 1 : 0, 1, 'page');
    }
  }

  /** `extract` (or the in-process extractor) counting every page it reads. */
  counting(extract: ExtractFn | undefined): ExtractFn {
    return async (html, url, options) => {
      const article = extract ? await extract(html, url, options) : extractArticle(html, url, options);
      this.page(article.unmatchedSelectors);
      return article;
    };
  }

  /** One message per selector that matched nothing at least once, in the order first seen. */
  messages(): string[] {
    return [...this.#counts.entries()].filter(([, c]) => c.missed > 0).map(([field, c]) => unmatchedMessage(field, c));
  }

  /** The messages of the selectors that matched nothing on most of their items or pages: the page changed. */
  mostlyUnmatched(): string[] {
    return [...this.#counts.entries()].filter(([, c]) => c.missed * 2 > c.of).map(([field, c]) => unmatchedMessage(field, c));
  }

  #add(field: string, selector: string, missed: number, of: number, unit: Count['unit']): void {
    const c = this.#counts.get(field) ?? { selector, missed: 0, of: 0, unit };
    c.missed += missed;
    c.of += of;
    this.#counts.set(field, c);
  }
}

/** `list.link "h3 a" matched nothing in 5 of 5 items`, `article.date "x" matched nothing on 1 of 4 pages`. */
export function unmatchedMessage(field: string, c: Omit<Count, 'unit'> & { unit?: Count['unit'] }): string {
  if (field === 'list.item') return `list.item "${c.selector}" matched nothing`;
  const unit = c.unit ?? 'item';
  return `${field} "${c.selector}" matched nothing ${unit === 'page' ? 'on' : 'in'} ${c.missed} of ${c.of} ${unit}${c.of === 1 ? '' : 's'}`;
}

/**
 * One article page of a preview, read as the scraper reads it (readArticle's fetch → extract,
 * under the site's rule file when it has one → merge with the feed entry → normalize), keeping
 * which rule gave each field.
 */
import type { SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import { extractArticle } from '../../extract/index.ts';
import { sourceExtractOptions, type ExtractOptions } from '../../extract/options.ts';
import type { Fetcher } from '../../fetch/types.ts';
import type { ExtractedArticle, Item } from '../../model.ts';
import { normalizeItem } from '../../normalize/item.ts';
import type { PreviewArticle, PreviewField, PreviewItem, PreviewProvenance } from '../../server/preview-types.ts';
import { errorMessage } from '../../utils/errors.ts';
import { mergeArticle } from '../collect/collect.ts';
import { extractRuledArticle, readRuledPage } from '../collect/ruled-page.ts';
import type { ApplyRulesFn, SiteRuleResolver } from '../site-rules.ts';
import type { Entry, ExtractFn } from '../types.ts';

/** What reading a preview's article takes: the fetcher, and the runtime's extraction and site rules. */
export interface PreviewArticleDeps {
  fetch: Fetcher;
  extract?: ExtractFn;
  siteRules?: SiteRuleResolver;
  applyRules?: ApplyRulesFn;
  /** Rule problems (skipped lines, failing expressions), reported once by the caller. */
  warn?: (message: string) => void;
}

export interface ReadPreview {
  item: Item;
  article: PreviewArticle;
  /** Configured article selectors that matched nothing on this page (`date`, `author`, …). */
  unmatched: string[];
}

type Field = 'title' | 'author' | 'date' | 'image' | 'excerpt';

/** The item a listing entry alone gives (no article page read). */
export function listedItem(entry: Entry, source: SourceConfig, fetchedAt: Date): Promise<Item> {
  const { own, ...listed } = entry;
  return normalizeItem({ article: own?.(), listed }, { source, fetchedAt });
}

/** An item as the preview lists it; `date` is null when the item only has its first-seen time. */
export function previewItem(item: Item, hasDate: boolean): PreviewItem {
  return { url: item.url, title: item.title, date: hasDate ? item.published : null, summary: item.summary, image: item.image };
}

/** Reads one article page; a failure is reported in the article (and the item keeps the listing's fields). */
export async function readPreviewArticle(
  entry: Entry, source: SourceConfig, deps: PreviewArticleDeps, fetchedAt: Date,
): Promise<ReadPreview | { error: unknown; article: PreviewArticle }> {
  const { own: ownOf, ...listed } = entry;
  const own = ownOf?.();
  let page: ExtractedArticle;
  let fetchedUrl: string;
  let ruledBody = false;
  const extract = (html: string, url: string, options: ExtractOptions) => {
    const all = { ...options, provenance: true, headlineTitle: true };
    return deps.extract ? deps.extract(html, url, all) : Promise.resolve(extractArticle(html, url, all));
  };
  try {
    const warn = deps.warn ?? (() => {});
    const resolved = deps.siteRules ? await deps.siteRules(listed.url) : null;
    resolved?.problems.forEach(warn);
    if (resolved?.rules) {
      // As a run reads it: the rule file reads the page (or its single-page version, later pages).
      const { page: res, articleUrl, ruled } = await readRuledPage(listed.url, resolved.rules, deps, false, warn);
      page = await extractRuledArticle(ruled, res.url, resolved.rules, source, { now: fetchedAt }, extract);
      ruledBody = ruled.body && !source.article.content;
      fetchedUrl = articleUrl;
    } else {
      const res = await deps.fetch(listed.url, { allowFile: false });
      page = await extract(res.text, res.url, sourceExtractOptions(source, fetchedAt));
      fetchedUrl = res.url;
    }
  } catch (err) {
    return { error: err, article: failed(listed.url, errorMessage(err)) };
  }
  const merged = own ? mergeArticle(own, page, source.timezone) : page;
  const item = await normalizeItem({ article: merged, listed, fetchedUrl }, { source, fetchedAt });

  // A field the merged article took from the feed entry, or that normalize took from the listing, is the listing's.
  const origin = (field: Field, value: unknown): PreviewProvenance | null => {
    if (value === null || value === undefined || value === '') return null;
    const mergedValue = field === 'excerpt' ? merged.excerpt : merged[field];
    if (mergedValue === null || mergedValue === undefined || mergedValue !== page[field]) return 'listing';
    return (page.provenance?.[field] as PreviewProvenance | undefined) ?? 'content';
  };
  const hasDate = item.published !== fetchedAt.toISOString();
  const summaryFrom: PreviewProvenance | null = item.summary === null ? null
    : merged.excerpt ? origin('excerpt', merged.excerpt) : listed.summary ? 'listing' : 'content';
  const contentSelected = source.article.content !== undefined && !page.unmatchedSelectors?.includes('content');
  const text = page.text.slice(0, DEFAULTS.previewTextChars);
  return {
    item,
    unmatched: page.unmatchedSelectors ?? [],
    article: {
      url: item.url,
      error: null,
      title: { value: item.title, from: merged.title ? origin('title', merged.title) : listed.title ? 'listing' : 'content' },
      authors: field(item.authors.length ? item.authors : null, origin('author', merged.author ?? (item.authors.length ? item.authors.join(', ') : null))),
      date: field(hasDate ? item.published : null, hasDate ? (merged.date ? origin('date', merged.date) : 'listing') : null),
      image: field(
        item.image,
        item.image === null ? null : merged.image ? origin('image', merged.image) : item.image === merged.contentImage ? 'content' : 'listing',
      ),
      summary: field(item.summary, summaryFrom),
      text: field(text || null, contentSelected ? 'selector' : ruledBody ? 'rule' : 'content'),
      words: page.text.split(/\s+/).filter(Boolean).length,
    },
  };
}

function field<T>(value: T | null, from: PreviewProvenance | null): PreviewField<T> {
  return value === null ? { value: null, from: null } : { value, from: from ?? 'content' };
}

function failed(url: string, error: string): PreviewArticle {
  const none = { value: null, from: null };
  return { url, error, title: none, authors: none, date: none, image: none, summary: none, text: none, words: 0 };
}

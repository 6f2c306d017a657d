/**
 * Which items a feed variant shows: a source's configured `filters` and the RSSHub-compatible
 * query parameters (`filter`, `filterout_title`, `filter_time`, `sorted`, `brief`, …). Plain data
 * in and out; patterns run in a linear-time engine (utils/pattern.ts).
 */
import type { FieldPatterns, ItemFilters } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { htmlToText } from '../html/to-text.ts';
import type { Item } from '../model.ts';
import { compilePattern, type Pattern } from '../utils/pattern.ts';

export const FILTER_FIELDS = ['text', 'title', 'description', 'author', 'category'] as const;
type Field = (typeof FILTER_FIELDS)[number];

/** Query parameter → field: `filter` is title or description, as in RSSHub. */
const QUERY_FIELDS: [suffix: string, field: Field][] = [
  ['', 'text'], ['_title', 'title'], ['_description', 'description'], ['_author', 'author'], ['_category', 'category'],
];

/** What a request asked of the feed besides its format and `limit`. */
export interface FeedQuery {
  filters?: ItemFilters;
  /** Only items published within this many seconds before now. */
  timeS?: number;
  /** Newest first (default true); false keeps the store's order. */
  sorted?: boolean;
  /** The content becomes a plain-text summary of this many characters. */
  brief?: number;
}

export type ParsedFeedQuery =
  | { query: FeedQuery; params: [string, string][]; error?: undefined }
  | { query?: undefined; params?: undefined; error: string };

/**
 * Reads the filter parameters of a feed request (`get` returns a parameter or undefined).
 * `params` lists those given, in one fixed order: the variant's identity for ETags, cache keys
 * and self links (the same filters written in another order are the same variant).
 */
export function parseFeedQuery(get: (name: string) => string | undefined): ParsedFeedQuery {
  const params: [string, string][] = [];
  const query: FeedQuery = {};
  const filters: ItemFilters = {};
  for (const [kind, key] of [['filter', 'include'], ['filterout', 'exclude']] as const) {
    const patterns: FieldPatterns = {};
    for (const [suffix, field] of QUERY_FIELDS) {
      const value = get(kind + suffix);
      if (value === undefined) continue;
      patterns[field] = value;
      params.push([kind + suffix, value]);
    }
    if (Object.keys(patterns).length > 0) filters[key] = patterns;
  }
  const caseParam = get('filter_case_sensitive');
  if (caseParam !== undefined) {
    if (caseParam !== 'true' && caseParam !== 'false') return { error: `filter_case_sensitive must be true or false, got ${JSON.stringify(caseParam)}.` };
    filters.caseSensitive = caseParam === 'true';
    params.push(['filter_case_sensitive', caseParam]);
  }
  if (filters.include || filters.exclude) {
    const compiled = compileFilters(filters);
    if ('problems' in compiled) return { error: compiled.problems.map((p) => p.replace(/^(include|exclude)\.(\w+)/, (_m, k: string, f: string) => queryName(k, f))).join('; ') + '.' };
    query.filters = filters;
  }
  const time = get('filter_time');
  if (time !== undefined) {
    if (!/^\d{1,10}$/.test(time) || Number(time) < 1) return { error: `filter_time must be a positive whole number of seconds, got ${JSON.stringify(time)}.` };
    query.timeS = Number(time);
    params.push(['filter_time', String(query.timeS)]);
  }
  const sorted = get('sorted');
  if (sorted !== undefined) {
    if (sorted !== 'true' && sorted !== 'false') return { error: `sorted must be true or false, got ${JSON.stringify(sorted)}.` };
    query.sorted = sorted === 'true';
    params.push(['sorted', sorted]);
  }
  const brief = get('brief');
  if (brief !== undefined) {
    const n = /^\d{1,7}$/.test(brief) ? Number(brief) : NaN;
    if (!(n >= DEFAULTS.minBriefChars && n <= DEFAULTS.maxBriefChars)) {
      return { error: `brief must be a whole number of characters from ${DEFAULTS.minBriefChars} to ${DEFAULTS.maxBriefChars}, got ${JSON.stringify(brief)}.` };
    }
    query.brief = n;
    params.push(['brief', String(n)]);
  }
  return { query, params };
}

function queryName(key: string, field: string): string {
  const kind = key === 'include' ? 'filter' : 'filterout';
  const suffix = QUERY_FIELDS.find(([, f]) => f === field)?.[0] ?? '';
  return kind + suffix;
}

/** Compiled `ItemFilters`: whether an item passes. */
export type ItemTest = (item: Item) => boolean;

/** Compiles filters, or lists every pattern that cannot be used (`include.title: is not …`). */
export function compileFilters(filters: ItemFilters): { test: ItemTest } | { problems: string[] } {
  const caseSensitive = filters.caseSensitive ?? true;
  const problems: string[] = [];
  const compileSet = (key: 'include' | 'exclude') => {
    const out: [Field, Pattern][] = [];
    for (const field of FILTER_FIELDS) {
      const source = filters[key]?.[field];
      if (source === undefined) continue;
      const compiled = compilePattern(source, { caseSensitive });
      if (compiled.pattern) out.push([field, compiled.pattern]);
      else problems.push(`${key}.${field}: pattern ${compiled.problem}`);
    }
    return out;
  };
  const include = compileSet('include');
  const exclude = compileSet('exclude');
  if (problems.length > 0) return { problems };
  return {
    test: (item) => {
      const fields = itemFields(item);
      return include.every(([f, p]) => matches(fields, f, p)) && !exclude.some(([f, p]) => matches(fields, f, p));
    },
  };
}

/** An item's fields as filters read them (category: each one), computed when first asked for. */
function itemFields(item: Item): (field: Exclude<Field, 'text'>) => string[] {
  let description: string | undefined;
  return (field) => {
    if (field === 'title') return [item.title];
    if (field === 'author') return [item.authors.join(', ')];
    if (field === 'category') return item.categories;
    // RSSHub: an item without a description is matched on its title.
    description ??= [item.summary ?? '', item.contentHtml ? htmlToText(item.contentHtml) : ''].filter((t) => t !== '').join('\n') || item.title;
    return [description];
  };
}

function matches(fields: ReturnType<typeof itemFields>, field: Field, pattern: Pattern): boolean {
  const values = field === 'text' ? [...fields('title'), ...fields('description')] : fields(field);
  return values.some((v) => pattern.test(v));
}

export interface ShapeOptions {
  /** The source's configured filters, compiled (applied before the query's). */
  source?: ItemTest | null;
  query?: FeedQuery;
  /** Items in the result at most (applied after filtering, as RSSHub does). */
  limit: number;
  /** The instant `filter_time` counts back from. */
  now: Date;
}

/** Filters, sorts, limits and (for `brief`) shortens items, in that order. */
export function shapeItems(items: Item[], options: ShapeOptions): Item[] {
  const query = options.query ?? {};
  let out = items;
  if (options.source) out = out.filter(options.source);
  if (query.filters) {
    const compiled = compileFilters(query.filters);
    if ('test' in compiled) out = out.filter(compiled.test);
  }
  if (query.timeS !== undefined) {
    const since = options.now.getTime() - query.timeS * 1000;
    out = out.filter((item) => !(Date.parse(item.published) < since)); // an unreadable date is kept (RSSHub)
  }
  if (query.sorted !== false) out = [...out].sort((a, b) => (Date.parse(b.published) || 0) - (Date.parse(a.published) || 0));
  out = out.slice(0, options.limit);
  const brief = query.brief;
  return brief === undefined ? out : out.map((item) => briefItem(item, brief));
}

/** The item with its content replaced by the first `chars` characters of its text. */
function briefItem(item: Item, chars: number): Item {
  const text = (item.contentHtml ? htmlToText(item.contentHtml) : item.summary ?? '').replace(/\s+/g, ' ').trim();
  const chopped = [...text];
  const summary = chopped.length > chars ? `${chopped.slice(0, chars).join('').trimEnd()}…` : text;
  return { ...item, contentHtml: null, summary: summary === '' ? null : summary };
}

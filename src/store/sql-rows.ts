/**
 * The SQL side of SqlStore: row shapes, statement text, and the mapping between rows and the
 * model's types (instants as `toISOString()` text, lists as JSON).
 */
import type { FailedArticle, Item, RenderedBy, SourceState, SourceStateName } from '../model.ts';
import { isShownOffset } from '../utils/dates/zone.ts';

/** D1 allows at most 100 bound parameters per statement; stay well below. */
export const MAX_IN_PARAMS = 90;

export interface ItemRow {
  source_id: string;
  id: string;
  url: string;
  title: string;
  authors: string;
  published: string;
  updated: string;
  first_seen: string;
  summary: string | null;
  content_html: string | null;
  image: string | null;
  categories: string;
  language: string | null;
  content_hash: string;
  published_offset?: number | null;
  updated_offset?: number | null;
}

export interface StateRow {
  source_id: string;
  last_attempt: string | null;
  last_success: string | null;
  last_error: string | null;
  consecutive_failures: number;
  next_attempt: string | null;
  origin_etag: string | null;
  origin_last_modified: string | null;
  failed_articles: string | null;
  unmatched_selectors: string | null;
  state: string | null;
  state_since: string | null;
  state_reason: string | null;
  last_found: number | null;
  paused_at: string | null;
  rendered_listing: string | null;
  rendered_article: string | null;
}

/** sources_state with, when there are, its follow-up row (failed articles, unmatched selectors), status, pause and `render: auto` memory. */
export const SELECT_STATE = `SELECT s.*, f.failed_articles, f.unmatched_selectors, t.state, t.state_since, t.state_reason, t.last_found, p.paused_at,
    r.listing AS rendered_listing, r.article AS rendered_article
  FROM sources_state s LEFT JOIN sources_followup f ON f.source_id = s.source_id
  LEFT JOIN sources_status t ON t.source_id = s.source_id
  LEFT JOIN sources_paused p ON p.source_id = s.source_id
  LEFT JOIN sources_rendered r ON r.source_id = s.source_id`;

export interface ExistingRow {
  id: string;
  content_hash: string;
  updated: string;
}

export const ITEM_COLUMNS =
  'source_id, id, url, title, authors, published, updated, first_seen, summary, content_html, image, categories, language, content_hash';

/** Item columns with their offsets, read from `items i LEFT JOIN item_offsets o` (see ITEMS_WITH_OFFSETS). */
export const ITEM_COLUMNS_WITH_OFFSETS = `${ITEM_COLUMNS.split(', ').map((c) => `i.${c}`).join(', ')}, o.published_offset, o.updated_offset`;
export const ITEMS_WITH_OFFSETS = 'items i LEFT JOIN item_offsets o ON o.source_id = i.source_id AND o.id = i.id';

/**
 * An item's offsets, written with the item. published_offset stays with the stored `published`,
 * which an update never overwrites.
 */
export const UPSERT_OFFSETS = `INSERT INTO item_offsets (source_id, id, published_offset, updated_offset) VALUES (?, ?, ?, ?)
  ON CONFLICT (source_id, id) DO UPDATE SET
    published_offset = COALESCE(item_offsets.published_offset, excluded.published_offset),
    updated_offset = excluded.updated_offset`;

/** Offsets of items that are no longer there (pruned, deleted). */
export const PRUNE_OFFSETS = `DELETE FROM item_offsets WHERE source_id = ?
  AND id NOT IN (SELECT id FROM items WHERE source_id = ?)`;

/** A stored offset: minutes east of UTC, or null when unknown or out of range. */
export function offsetOrNull(value: unknown): number | null {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return isShownOffset(n) ? n : null;
}

/** Record a listing URL's id as an alias of the item it led to. */
export const UPSERT_ALIAS = `INSERT INTO item_aliases (source_id, alias_id, item_id) VALUES (?, ?, ?)
  ON CONFLICT (source_id, alias_id) DO UPDATE SET item_id = excluded.item_id`;

/**
 * Insert, or update in place when the content hash differs. The WHERE clause makes a concurrent
 * duplicate write harmless; first_seen and published are never overwritten on update.
 */
export const UPSERT_ITEM = `INSERT INTO items (${ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (source_id, id) DO UPDATE SET
    url = excluded.url,
    title = excluded.title,
    authors = excluded.authors,
    published = COALESCE(items.published, excluded.published),
    updated = excluded.updated,
    summary = excluded.summary,
    content_html = excluded.content_html,
    image = excluded.image,
    categories = excluded.categories,
    language = excluded.language,
    content_hash = excluded.content_hash
  WHERE items.content_hash <> excluded.content_hash`;

export const BUMP_VERSION = `INSERT INTO feed_versions (source_id, version, last_modified, item_count)
  VALUES (?, 1, ?, (SELECT COUNT(*) FROM items WHERE source_id = ?))
  ON CONFLICT (source_id) DO UPDATE SET
    version = feed_versions.version + 1,
    last_modified = excluded.last_modified,
    item_count = excluded.item_count`;

/**
 * Keep the newest `maxItems` of a source (the feed order, so what is pruned is what readers would
 * reach last). Runs in the upsert's transaction, before the version bump counts the items.
 */
export const PRUNE_ITEMS = `DELETE FROM items WHERE source_id = ? AND id IN (
  SELECT id FROM items WHERE source_id = ?
    ORDER BY published DESC, first_seen DESC, id ASC LIMIT -1 OFFSET ?)`;

/** Normalize an instant to `toISOString()` form so that text order is time order. */
export function iso(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new TypeError(`invalid instant: ${JSON.stringify(value)}`);
  return d.toISOString();
}

export function isoOrNull(value: string | null): string | null {
  return value === null ? null : iso(value);
}

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rowToItem(r: ItemRow): Item {
  return {
    id: r.id,
    sourceId: r.source_id,
    url: r.url,
    title: r.title,
    authors: parseList(r.authors),
    published: r.published,
    updated: r.updated,
    firstSeen: r.first_seen,
    summary: r.summary,
    contentHtml: r.content_html,
    image: r.image,
    categories: parseList(r.categories),
    language: r.language,
    contentHash: r.content_hash,
    ...offsetsOf(r),
  };
}

/** Offsets only when known, so that items without them look as they always have. */
function offsetsOf(r: ItemRow): Pick<Item, 'publishedOffset' | 'updatedOffset'> {
  const published = offsetOrNull(r.published_offset);
  const updated = offsetOrNull(r.updated_offset);
  return { ...(published !== null ? { publishedOffset: published } : {}), ...(updated !== null ? { updatedOffset: updated } : {}) };
}

export function rowToState(r: StateRow): SourceState {
  const state: SourceState = {
    sourceId: r.source_id,
    lastAttempt: r.last_attempt,
    lastSuccess: r.last_success,
    lastError: r.last_error,
    consecutiveFailures: Number(r.consecutive_failures),
    nextAttempt: r.next_attempt,
    originEtag: r.origin_etag,
    originLastModified: r.origin_last_modified,
    failedArticles: parseJsonList(r.failed_articles).filter(isFailedArticle),
    unmatchedSelectors: parseList(r.unmatched_selectors ?? '[]'),
    ...(r.state && isStateName(r.state) ? {
      state: r.state, stateSince: r.state_since, stateReason: r.state_reason, lastFound: r.last_found === null ? null : Number(r.last_found),
    } : {}),
    ...(r.paused_at ? { pausedAt: r.paused_at } : {}),
  };
  const rendered: RenderedBy = {};
  if (isReadBy(r.rendered_listing)) rendered.listing = r.rendered_listing;
  if (isReadBy(r.rendered_article)) rendered.article = r.rendered_article;
  if (rendered.listing || rendered.article) state.rendered = rendered;
  return state;
}

function isReadBy(v: string | null | undefined): v is 'static' | 'browser' {
  return v === 'static' || v === 'browser';
}

const STATE_NAMES: readonly SourceStateName[] = ['ok', 'new', 'paused', 'failing', 'blocked', 'empty', 'drift', 'stale'];
function isStateName(s: string): s is SourceStateName {
  return (STATE_NAMES as readonly string[]).includes(s);
}

function parseJsonList(json: string | null): unknown[] {
  try {
    const v: unknown = json ? JSON.parse(json) : [];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function isFailedArticle(v: unknown): v is FailedArticle {
  const f = v as FailedArticle;
  return typeof f === 'object' && f !== null && typeof f.listed?.url === 'string' &&
    typeof f.failures === 'number' && typeof f.nextAttempt === 'string' && typeof f.error === 'string';
}

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

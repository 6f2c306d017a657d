/**
 * `Store` over any SQLite-compatible database (better-sqlite3 on Node, D1 on Workers).
 * The runtime supplies a tiny `SqlDriver`; all SQL lives here and in `migrations.ts`.
 */
import type { FailedArticle, FeedVersion, Item, SourceState } from '../model.ts';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.ts';
import type { Store, UpsertOptions, UpsertResult } from './store.ts';

/** A bound parameter. Adapters must pass `null` through as SQL NULL. */
export type SqlValue = string | number | null;

export interface SqlStatement {
  sql: string;
  params: readonly SqlValue[];
}

/** The minimal database surface a runtime must provide. */
export interface SqlDriver {
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Run all statements atomically: either every one takes effect or none does. */
  batch(statements: readonly SqlStatement[]): Promise<void>;
  close?(): Promise<void>;
}

/** D1 allows at most 100 bound parameters per statement; stay well below. */
const MAX_IN_PARAMS = 90;

interface ItemRow {
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
}

interface StateRow {
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
}

/** sources_state with its follow-up row (failed articles, unmatched selectors), when there is one. */
const SELECT_STATE = `SELECT s.*, f.failed_articles, f.unmatched_selectors
  FROM sources_state s LEFT JOIN sources_followup f ON f.source_id = s.source_id`;

interface ExistingRow {
  id: string;
  content_hash: string;
  updated: string;
}

const ITEM_COLUMNS =
  'source_id, id, url, title, authors, published, updated, first_seen, summary, content_html, image, categories, language, content_hash';

/*
 * Insert, or update in place when the content hash differs. The WHERE clause makes a concurrent
 * duplicate write harmless; first_seen and published are never overwritten on update.
 */
const UPSERT_ALIAS = `INSERT INTO item_aliases (source_id, alias_id, item_id) VALUES (?, ?, ?)
  ON CONFLICT (source_id, alias_id) DO UPDATE SET item_id = excluded.item_id`;

const UPSERT_ITEM = `INSERT INTO items (${ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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

const BUMP_VERSION = `INSERT INTO feed_versions (source_id, version, last_modified, item_count)
  VALUES (?, 1, ?, (SELECT COUNT(*) FROM items WHERE source_id = ?))
  ON CONFLICT (source_id) DO UPDATE SET
    version = feed_versions.version + 1,
    last_modified = excluded.last_modified,
    item_count = excluded.item_count`;

/**
 * Keep the newest `maxItems` of a source (the feed order, so what is pruned is what readers would
 * reach last). Runs in the upsert's transaction, before the version bump counts the items.
 */
const PRUNE_ITEMS = `DELETE FROM items WHERE source_id = ? AND id IN (
  SELECT id FROM items WHERE source_id = ?
    ORDER BY published DESC, first_seen DESC, id ASC LIMIT -1 OFFSET ?)`;

/** Normalize an instant to `toISOString()` form so that text order is time order. */
function iso(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new TypeError(`invalid instant: ${JSON.stringify(value)}`);
  return d.toISOString();
}

function isoOrNull(value: string | null): string | null {
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

function rowToItem(r: ItemRow): Item {
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
  };
}

function rowToState(r: StateRow): SourceState {
  return {
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
  };
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

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export class SqlStore implements Store {
  readonly #db: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#db = driver;
  }

  async migrate(): Promise<void> {
    await this.#db.run(MIGRATIONS_TABLE);
    const pending = async () => {
      const rows = await this.#db.all<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => Number(r.version)));
      return MIGRATIONS.map((sql, i) => ({ sql, version: i + 1 })).filter((m) => !applied.has(m.version));
    };
    const todo = await pending();
    if (todo.length === 0) return;
    const now = new Date().toISOString();
    const statements: SqlStatement[] = [];
    for (const m of todo) {
      // The bookkeeping row goes first: if another process applied this migration concurrently,
      // the primary key fails the whole batch instead of running the DDL twice.
      statements.push({ sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', params: [m.version, now] });
      statements.push({ sql: m.sql, params: [] });
    }
    try {
      await this.#db.batch(statements);
    } catch (err) {
      if ((await pending()).length > 0) throw err;
    }
  }

  async upsertItems(sourceId: string, items: Item[], now: Date, options: UpsertOptions = {}): Promise<UpsertResult> {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    if (items.length === 0) return result;
    const nowIso = now.toISOString();

    // Current hashes and updated instants, tracked as we go so that duplicates within one call
    // behave sequentially.
    const stored = new Map<string, { hash: string; updated: string }>();
    const ids = [...new Set(items.map((i) => i.id))];
    for (const part of chunks(ids, MAX_IN_PARAMS)) {
      const rows = await this.#db.all<ExistingRow>(
        `SELECT id, content_hash, updated FROM items WHERE source_id = ? AND id IN (${placeholders(part.length)})`,
        [sourceId, ...part],
      );
      for (const r of rows) stored.set(r.id, { hash: r.content_hash, updated: r.updated });
    }

    const statements: SqlStatement[] = [];
    // Aliases are recorded even for unchanged items; they do not change the feed (no version bump).
    const aliases: SqlStatement[] = items.flatMap((item) => (item.aliases ?? [])
      .filter((alias) => alias !== item.id)
      .map((alias) => ({ sql: UPSERT_ALIAS, params: [sourceId, alias, item.id] })));
    for (const item of items) {
      const known = stored.get(item.id);
      if (known?.hash === item.contentHash) {
        result.unchanged++;
        continue;
      }
      if (known === undefined) result.created++;
      else result.updated++;
      // New items keep their own `updated` (the article's date); an edit is dated by the article's
      // new modification date when it has one past the stored value, else now.
      const own = iso(item.updated);
      const updated = known === undefined || (own > known.updated && own <= nowIso) ? own : nowIso;
      stored.set(item.id, { hash: item.contentHash, updated });
      statements.push({
        sql: UPSERT_ITEM,
        params: [
          sourceId,
          item.id,
          item.url,
          item.title,
          JSON.stringify(item.authors ?? []),
          iso(item.published),
          updated,
          iso(item.firstSeen),
          item.summary,
          item.contentHtml,
          item.image,
          JSON.stringify(item.categories ?? []),
          item.language,
          item.contentHash,
        ],
      });
    }
    if (statements.length === 0) {
      if (aliases.length > 0) await this.#db.batch(aliases);
      return result;
    }
    statements.push(...aliases);
    const { maxItems } = options;
    if (maxItems !== undefined && Number.isFinite(maxItems)) {
      statements.push({ sql: PRUNE_ITEMS, params: [sourceId, sourceId, Math.max(0, Math.floor(maxItems))] });
    }
    statements.push({ sql: BUMP_VERSION, params: [sourceId, nowIso, sourceId] });
    await this.#db.batch(statements);
    return result;
  }

  async listItems(sourceId: string, limit: number): Promise<Item[]> {
    const rows = await this.#db.all<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM items WHERE source_id = ?
        ORDER BY published DESC, first_seen DESC, id ASC LIMIT ?`,
      [sourceId, Math.max(0, Math.floor(limit))],
    );
    return rows.map(rowToItem);
  }

  async knownIds(sourceId: string, ids: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    // An id is known as an item's own id or as an alias (a listing URL that led to the item).
    for (const part of chunks([...new Set(ids)], Math.floor(MAX_IN_PARAMS / 2))) {
      const rows = await this.#db.all<{ id: string }>(
        `SELECT id FROM items WHERE source_id = ? AND id IN (${placeholders(part.length)})
         UNION SELECT alias_id AS id FROM item_aliases WHERE source_id = ? AND alias_id IN (${placeholders(part.length)})`,
        [sourceId, ...part, sourceId, ...part],
      );
      for (const r of rows) known.add(r.id);
    }
    return known;
  }

  async getItem(sourceId: string, id: string): Promise<Item | null> {
    const rows = await this.#db.all<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM items WHERE source_id = ? AND id = ?`,
      [sourceId, id],
    );
    return rows.length > 0 ? rowToItem(rows[0]) : null;
  }

  async idsForUrls(sourceId: string, urls: string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const part of chunks([...new Set(urls)], MAX_IN_PARAMS)) {
      // Should a URL have several items (written before pushes checked), the one the feed shows wins.
      const rows = await this.#db.all<{ url: string; id: string }>(
        `SELECT url, id FROM items WHERE source_id = ? AND url IN (${placeholders(part.length)})
          ORDER BY published DESC, first_seen DESC, id ASC`,
        [sourceId, ...part],
      );
      for (const r of rows) if (!ids.has(r.url)) ids.set(r.url, r.id);
    }
    return ids;
  }

  async deleteItem(sourceId: string, id: string): Promise<boolean> {
    const exists = await this.#db.all<{ id: string }>('SELECT id FROM items WHERE source_id = ? AND id = ?', [sourceId, id]);
    if (exists.length === 0) return false;
    // A deletion changes the feed, so it bumps the version in the same transaction.
    await this.#db.batch([
      { sql: 'DELETE FROM items WHERE source_id = ? AND id = ?', params: [sourceId, id] },
      { sql: BUMP_VERSION, params: [sourceId, new Date().toISOString(), sourceId] },
    ]);
    return true;
  }

  async feedVersion(sourceId: string): Promise<FeedVersion> {
    const rows = await this.#db.all<{ version: number; last_modified: string | null; item_count: number }>(
      'SELECT version, last_modified, item_count FROM feed_versions WHERE source_id = ?',
      [sourceId],
    );
    if (rows.length === 0) return { version: 0, lastModified: null, itemCount: 0 };
    const r = rows[0];
    const itemCount = Number(r.item_count);
    return { version: Number(r.version), lastModified: itemCount > 0 ? r.last_modified : null, itemCount };
  }

  async getState(sourceId: string): Promise<SourceState | null> {
    const rows = await this.#db.all<StateRow>(`${SELECT_STATE} WHERE s.source_id = ?`, [sourceId]);
    return rows.length > 0 ? rowToState(rows[0]) : null;
  }

  async saveState(state: SourceState): Promise<void> {
    await this.#db.batch([{
      sql: `INSERT INTO sources_state (source_id, last_attempt, last_success, last_error, consecutive_failures,
          next_attempt, origin_etag, origin_last_modified)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET
          last_attempt = excluded.last_attempt,
          last_success = excluded.last_success,
          last_error = excluded.last_error,
          consecutive_failures = excluded.consecutive_failures,
          next_attempt = excluded.next_attempt,
          origin_etag = excluded.origin_etag,
          origin_last_modified = excluded.origin_last_modified`,
      params: [
        state.sourceId,
        isoOrNull(state.lastAttempt),
        isoOrNull(state.lastSuccess),
        state.lastError,
        Math.max(0, Math.floor(state.consecutiveFailures)),
        isoOrNull(state.nextAttempt),
        state.originEtag,
        state.originLastModified,
      ],
    }, {
      sql: `INSERT INTO sources_followup (source_id, failed_articles, unmatched_selectors) VALUES (?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET
          failed_articles = excluded.failed_articles,
          unmatched_selectors = excluded.unmatched_selectors`,
      params: [state.sourceId, JSON.stringify(state.failedArticles ?? []), JSON.stringify(state.unmatchedSelectors ?? [])],
    }]);
  }

  async listStates(): Promise<SourceState[]> {
    const rows = await this.#db.all<StateRow>(`${SELECT_STATE} ORDER BY s.source_id`);
    return rows.map(rowToState);
  }

  async close(): Promise<void> {
    await this.#db.close?.();
  }
}

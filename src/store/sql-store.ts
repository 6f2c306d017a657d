/**
 * Over 300 lines: the one class that implements every `Store` method over SQL; its statement text,
 * row mapping, source rows and version cache already live apart (sql-rows, sql-sources, version-cache).
 *
 * `Store` over any SQLite-compatible database (better-sqlite3 on Node, D1 on Workers).
 * The runtime supplies a tiny `SqlDriver`; all SQL lives here, in `sql-rows.ts`
 * (statement text and row mapping) and in `migrations.ts`.
 */
import type { FeedVersion, Item, SourceState } from '../model.ts';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.ts';
import {
  BUMP_VERSION, chunks, type ExistingRow, ITEM_COLUMNS, ITEM_COLUMNS_WITH_OFFSETS, ITEMS_WITH_OFFSETS, iso, isoOrNull, type ItemRow,
  MAX_IN_PARAMS, offsetOrNull, placeholders, PRUNE_ITEMS, PRUNE_OFFSETS, rowToItem, rowToState, SELECT_STATE, type StateRow, UPSERT_ALIAS,
  UPSERT_ITEM, UPSERT_OFFSETS,
} from './sql-rows.ts';
import { getStoredSource, listStoredSources, putStoredSource, removeSource, setPaused, storedSourcesRevision } from './sql-sources.ts';
import type { SqlDriver, SqlStatement } from './sql-driver.ts';
import type { Store, StoredSource, UpsertOptions, UpsertResult } from './store.ts';
import { FeedVersionCache } from './version-cache.ts';

// The driver types live in sql-driver.ts; re-exported here, where runtimes have always found them.
export type { SqlDriver, SqlStatement, SqlValue } from './sql-driver.ts';

export class SqlStore implements Store {
  readonly #db: SqlDriver;
  readonly #versions: FeedVersionCache | null;

  constructor(driver: SqlDriver) {
    this.#db = driver;
    this.#versions = driver.dataVersion ? new FeedVersionCache(() => driver.dataVersion!()) : null;
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
    this.#versions?.clear();
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
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, createdIds: [], updatedIds: [] };
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
      if (known === undefined) {
        result.created++;
        result.createdIds!.push(item.id);
      } else {
        result.updated++;
        result.updatedIds!.push(item.id);
      }
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
      statements.push({ sql: UPSERT_OFFSETS, params: [sourceId, item.id, offsetOrNull(item.publishedOffset), offsetOrNull(item.updatedOffset)] });
    }
    if (statements.length === 0) {
      if (aliases.length > 0) await this.#db.batch(aliases);
      return result;
    }
    statements.push(...aliases);
    const { maxItems } = options;
    if (maxItems !== undefined && Number.isFinite(maxItems)) {
      statements.push({ sql: PRUNE_ITEMS, params: [sourceId, sourceId, Math.max(0, Math.floor(maxItems))] });
      statements.push({ sql: PRUNE_OFFSETS, params: [sourceId, sourceId] });
    }
    statements.push({ sql: BUMP_VERSION, params: [sourceId, nowIso, sourceId] });
    await this.#db.batch(statements);
    this.#versions?.forget(sourceId);
    return result;
  }

  async listItems(sourceId: string, limit: number): Promise<Item[]> {
    const rows = await this.#db.all<ItemRow>(
      `SELECT ${ITEM_COLUMNS_WITH_OFFSETS} FROM ${ITEMS_WITH_OFFSETS} WHERE i.source_id = ?
        ORDER BY i.published DESC, i.first_seen DESC, i.id ASC LIMIT ?`,
      [sourceId, Math.max(0, Math.floor(limit))],
    );
    return rows.map(rowToItem);
  }

  async listItemsAcross(sourceIds: string[], limit: number): Promise<Item[]> {
    const ids = [...new Set(sourceIds)].slice(0, MAX_IN_PARAMS);
    if (ids.length === 0) return [];
    // Members rank by their position in the list: the tie-break between equal dates.
    const rank = `CASE source_id ${ids.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    const rankParams = ids.flatMap((id, i) => [id, i]);
    const rows = await this.#db.all<ItemRow>(
      `SELECT ${ITEM_COLUMNS}, published_offset, updated_offset FROM (
         SELECT ${ITEM_COLUMNS_WITH_OFFSETS}, ${rank.replace('source_id', 'i.source_id')} AS member_rank,
           ROW_NUMBER() OVER (PARTITION BY i.url ORDER BY i.published DESC, i.first_seen DESC, ${rank.replace('source_id', 'i.source_id')} ASC, i.id ASC) AS nth
         FROM ${ITEMS_WITH_OFFSETS} WHERE i.source_id IN (${placeholders(ids.length)})
       ) WHERE nth = 1
       ORDER BY published DESC, first_seen DESC, member_rank ASC, id ASC LIMIT ?`,
      [...rankParams, ...rankParams, ...ids, Math.max(0, Math.floor(limit))],
    );
    return rows.map(rowToItem);
  }

  async countItemsAcross(sourceIds: string[]): Promise<number> {
    const ids = [...new Set(sourceIds)].slice(0, MAX_IN_PARAMS);
    if (ids.length === 0) return 0;
    const rows = await this.#db.all<{ n: number }>(
      `SELECT COUNT(DISTINCT url) AS n FROM items WHERE source_id IN (${placeholders(ids.length)})`,
      ids,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async listItemsFromOldest(sourceId: string, offset: number, limit: number): Promise<Item[]> {
    const rows = await this.#db.all<ItemRow>(
      `SELECT ${ITEM_COLUMNS_WITH_OFFSETS} FROM ${ITEMS_WITH_OFFSETS} WHERE i.source_id = ?
        ORDER BY i.published ASC, i.first_seen ASC, i.id DESC LIMIT ? OFFSET ?`,
      [sourceId, Math.max(0, Math.floor(limit)), Math.max(0, Math.floor(offset))],
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
      `SELECT ${ITEM_COLUMNS_WITH_OFFSETS} FROM ${ITEMS_WITH_OFFSETS} WHERE i.source_id = ? AND i.id = ?`,
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
      { sql: 'DELETE FROM item_offsets WHERE source_id = ? AND id = ?', params: [sourceId, id] },
      { sql: BUMP_VERSION, params: [sourceId, new Date().toISOString(), sourceId] },
    ]);
    this.#versions?.forget(sourceId);
    return true;
  }

  async feedVersion(sourceId: string): Promise<FeedVersion> {
    const known = this.#versions?.get(sourceId);
    if (known) return known;
    const epoch = this.#versions?.epoch ?? 0;
    const version = await this.#readFeedVersion(sourceId);
    this.#versions?.set(sourceId, version, epoch);
    return version;
  }

  async #readFeedVersion(sourceId: string): Promise<FeedVersion> {
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
    }, ...(state.state ? [{
      sql: `INSERT INTO sources_status (source_id, state, state_since, state_reason, last_found) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET
          state = excluded.state, state_since = excluded.state_since,
          state_reason = excluded.state_reason, last_found = excluded.last_found`,
      params: [state.sourceId, state.state, isoOrNull(state.stateSince ?? null), state.stateReason ?? null, state.lastFound ?? null],
    }] : []), ...(state.rendered ? [{
      sql: `INSERT INTO sources_rendered (source_id, listing, article) VALUES (?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET listing = excluded.listing, article = excluded.article`,
      params: [state.sourceId, state.rendered.listing ?? null, state.rendered.article ?? null],
    }] : [])]);
  }

  async listStates(): Promise<SourceState[]> {
    const rows = await this.#db.all<StateRow>(`${SELECT_STATE} ORDER BY s.source_id`);
    return rows.map(rowToState);
  }

  setPaused(sourceId: string, at: string | null): Promise<void> {
    return setPaused(this.#db, sourceId, at);
  }

  listStoredSources(): Promise<StoredSource[]> {
    return listStoredSources(this.#db);
  }

  getStoredSource(id: string): Promise<StoredSource | null> {
    return getStoredSource(this.#db, id);
  }

  putStoredSource(id: string, config: string, now: Date): Promise<void> {
    return putStoredSource(this.#db, id, config, now);
  }

  storedSourcesRevision(): Promise<string> {
    return storedSourcesRevision(this.#db);
  }

  async removeSource(sourceId: string): Promise<void> {
    await removeSource(this.#db, sourceId);
    this.#versions?.forget(sourceId);
  }

  async close(): Promise<void> {
    await this.#db.close?.();
  }
}

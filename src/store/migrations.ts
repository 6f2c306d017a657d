/**
 * The storage schema, as an ordered list of migrations. Migration N (1-based) is `MIGRATIONS[N-1]`:
 * one SQL statement each, so that every adapter can run it through a prepared statement
 * (D1 prepares one statement at a time). The SQL is plain SQLite that D1 runs unchanged:
 * no pragmas, no triggers, no extensions. Append only: never edit or reorder a shipped entry.
 *
 * Instants are stored as ISO 8601 UTC strings (`toISOString()`), which sort chronologically as text.
 * Arrays (authors, categories) are stored as JSON text.
 */

/** Bookkeeping table, created before any migration runs. */
export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
)`;

export const MIGRATIONS: readonly string[] = [
  // 1: items, keyed per source; never deleted by scrapes.
  `CREATE TABLE IF NOT EXISTS items (
    source_id TEXT NOT NULL,
    id TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT NOT NULL,
    updated TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    summary TEXT,
    content_html TEXT,
    image TEXT,
    categories TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (source_id, id)
  )`,
  // 2: the feed order (newest first).
  `CREATE INDEX IF NOT EXISTS items_source_published
    ON items (source_id, published DESC, first_seen DESC)`,
  // 3: per-source run bookkeeping.
  `CREATE TABLE IF NOT EXISTS sources_state (
    source_id TEXT PRIMARY KEY,
    last_attempt TEXT,
    last_success TEXT,
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_attempt TEXT,
    origin_etag TEXT,
    origin_last_modified TEXT
  )`,
  // 4: per-source version counter, bumped on every item change (drives ETag / Last-Modified).
  `CREATE TABLE IF NOT EXISTS feed_versions (
    source_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    last_modified TEXT,
    item_count INTEGER NOT NULL DEFAULT 0
  )`,
  // 5: sources kept in the database (Workers: alongside the bundled sources.yaml). `config` is one
  // source entry as JSON, with the same keys as in sources.yaml; it is validated when loaded.
  `CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,
    config TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
  )`,
  // 6: run leases, so that two workers never scrape one source at once (claimed with a
  // conditional upsert, released when the run ends, expiring on their own if a run dies).
  `CREATE TABLE IF NOT EXISTS source_leases (
    source_id TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`,
  // 7: WebSub subscriptions to our feeds (feedwright as its own hub). One row per topic and
  // callback; rows past lease_expires are ignored and purged.
  `CREATE TABLE IF NOT EXISTS websub_subscriptions (
    topic TEXT NOT NULL,
    callback TEXT NOT NULL,
    secret TEXT,
    lease_seconds INTEGER NOT NULL,
    lease_expires TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (topic, callback)
  )`,
  // 8: ids of listing URLs whose page declared another canonical URL, so that a known article is
  // not fetched again on every run just because the listing links to it by another address.
  `CREATE TABLE IF NOT EXISTS item_aliases (
    source_id TEXT NOT NULL,
    alias_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    PRIMARY KEY (source_id, alias_id)
  )`,
  // 9: what a run leaves for later, next to sources_state (a table, not new columns: CREATE is
  // idempotent where ALTER is not, and wrangler may apply a migration the Worker already ran).
  // failed_articles: JSON list of FailedArticle, retried with backoff; unmatched_selectors: JSON
  // list of messages naming the configured selectors that matched nothing in the last run.
  `CREATE TABLE IF NOT EXISTS sources_followup (
    source_id TEXT PRIMARY KEY,
    failed_articles TEXT NOT NULL DEFAULT '[]',
    unmatched_selectors TEXT NOT NULL DEFAULT '[]'
  )`,
  // 10: a URL's item within a source (pushes check that one link has one item; aliases and
  // edits look items up by URL too), without reading every row of the source.
  `CREATE INDEX IF NOT EXISTS items_source_url ON items (source_id, url)`,
  // 11: a source's state after its last run (ok, failing, blocked, empty, drift, stale, paused),
  // since when and why; last_found: article links the last listing read found (tells `empty`).
  `CREATE TABLE IF NOT EXISTS sources_status (
    source_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    state_since TEXT,
    state_reason TEXT,
    last_found INTEGER
  )`,
  // 12: paused sources (file or database ones alike): not scheduled, their feeds still served.
  // Apart from sources_state, so that a run saving its state never resumes a source paused meanwhile.
  `CREATE TABLE IF NOT EXISTS sources_paused (
    source_id TEXT PRIMARY KEY,
    paused_at TEXT NOT NULL
  )`,
  // 13: `render: auto`'s memory per source: which way ('static' or 'browser') last read the
  // listing and the article pages, so that later runs start there and do not pay twice.
  `CREATE TABLE IF NOT EXISTS sources_rendered (
    source_id TEXT PRIMARY KEY,
    listing TEXT,
    article TEXT
  )`,
  // 14: webhook deliveries waiting to be made (store/outbox.ts): the request as it will be sent
  // (body already signed), retried with backoff until delivered or given up; survives restarts.
  `CREATE TABLE IF NOT EXISTS notify_outbox (
    id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    source_id TEXT NOT NULL,
    url TEXT NOT NULL,
    headers TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_error TEXT
  )`,
  // 15: the UTC offset (minutes east) each item's published/updated date was written in, so that
  // feeds show the page's own time of day; no row, or NULL, means unknown (shown in UTC). A table
  // beside items rather than new columns, for the reason given at 9.
  `CREATE TABLE IF NOT EXISTS item_offsets (
    source_id TEXT NOT NULL,
    id TEXT NOT NULL,
    published_offset INTEGER,
    updated_offset INTEGER,
    PRIMARY KEY (source_id, id)
  )`,
  // 16: the outbox's due entries in order (sweeps on Node and in the Worker's cron): read through
  // an index, since a receiver that is down for a day keeps many entries waiting.
  `CREATE INDEX IF NOT EXISTS notify_outbox_due ON notify_outbox (next_attempt, created_at, id)`,
];

-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 3.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources_state (
  source_id TEXT PRIMARY KEY,
  last_attempt TEXT,
  last_success TEXT,
  last_error TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_attempt TEXT,
  origin_etag TEXT,
  origin_last_modified TEXT
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

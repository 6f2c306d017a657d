-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 4.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_versions (
  source_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  last_modified TEXT,
  item_count INTEGER NOT NULL DEFAULT 0
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

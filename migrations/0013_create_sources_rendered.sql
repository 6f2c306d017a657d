-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 13.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources_rendered (
  source_id TEXT PRIMARY KEY,
  listing TEXT,
  article TEXT
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (13, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

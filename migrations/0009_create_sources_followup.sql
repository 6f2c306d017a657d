-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 9.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources_followup (
  source_id TEXT PRIMARY KEY,
  failed_articles TEXT NOT NULL DEFAULT '[]',
  unmatched_selectors TEXT NOT NULL DEFAULT '[]'
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (9, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

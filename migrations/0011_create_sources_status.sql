-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 11.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources_status (
  source_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  state_since TEXT,
  state_reason TEXT,
  last_found INTEGER
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

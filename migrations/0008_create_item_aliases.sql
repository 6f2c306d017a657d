-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 8.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS item_aliases (
  source_id TEXT NOT NULL,
  alias_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  PRIMARY KEY (source_id, alias_id)
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (8, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

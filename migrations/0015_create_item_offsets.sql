-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 15.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS item_offsets (
  source_id TEXT NOT NULL,
  id TEXT NOT NULL,
  published_offset INTEGER,
  updated_offset INTEGER,
  PRIMARY KEY (source_id, id)
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (15, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

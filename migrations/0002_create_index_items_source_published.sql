-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 2.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_source_published
  ON items (source_id, published DESC, first_seen DESC);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

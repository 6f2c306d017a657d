-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 14.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notify_outbox (
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
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (14, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 16.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notify_outbox_due ON notify_outbox (next_attempt, created_at, id);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (16, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 7.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS websub_subscriptions (
  topic TEXT NOT NULL,
  callback TEXT NOT NULL,
  secret TEXT,
  lease_seconds INTEGER NOT NULL,
  lease_expires TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (topic, callback)
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

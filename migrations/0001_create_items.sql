-- Generated from src/store/migrations.ts by `npm run migrations`: do not edit.
-- Migration 1.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
  source_id TEXT NOT NULL,
  id TEXT NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  authors TEXT NOT NULL DEFAULT '[]',
  published TEXT NOT NULL,
  updated TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  summary TEXT,
  content_html TEXT,
  image TEXT,
  categories TEXT NOT NULL DEFAULT '[]',
  language TEXT,
  content_hash TEXT NOT NULL,
  PRIMARY KEY (source_id, id)
);
INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

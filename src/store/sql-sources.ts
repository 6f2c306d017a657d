/** The SQL of the `sources` table (database sources) and of pausing, for SqlStore. */
import { iso, BUMP_VERSION } from './sql-rows.ts';
import type { SqlDriver, SqlStatement } from './sql-driver.ts';
import type { StoredSource } from './store.ts';

export async function setPaused(db: SqlDriver, sourceId: string, at: string | null): Promise<void> {
  if (at === null) {
    await db.run('DELETE FROM sources_paused WHERE source_id = ?', [sourceId]);
    return;
  }
  // The state row is what listStates reads: a source paused before its first run needs one.
  await db.batch([
    { sql: 'INSERT INTO sources_state (source_id) VALUES (?) ON CONFLICT (source_id) DO NOTHING', params: [sourceId] },
    {
      sql: 'INSERT INTO sources_paused (source_id, paused_at) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET paused_at = excluded.paused_at',
      params: [sourceId, iso(at)],
    },
  ]);
}

type SourceRow = { id: string; config: string; enabled: number; updated_at: string };
const toStored = (r: SourceRow): StoredSource => ({ id: r.id, config: r.config, enabled: Number(r.enabled) !== 0, updatedAt: r.updated_at });

export async function listStoredSources(db: SqlDriver): Promise<StoredSource[]> {
  return (await db.all<SourceRow>('SELECT id, config, enabled, updated_at FROM sources ORDER BY id')).map(toStored);
}

export async function getStoredSource(db: SqlDriver, id: string): Promise<StoredSource | null> {
  const [row] = await db.all<SourceRow>('SELECT id, config, enabled, updated_at FROM sources WHERE id = ?', [id]);
  return row ? toStored(row) : null;
}

export async function putStoredSource(db: SqlDriver, id: string, config: string, now: Date): Promise<void> {
  await db.run(
    `INSERT INTO sources (id, config, enabled, updated_at) VALUES (?, ?, 1, ?)
      ON CONFLICT (id) DO UPDATE SET config = excluded.config, enabled = 1, updated_at = excluded.updated_at`,
    [id, config, now.toISOString()],
  );
}

export async function storedSourcesRevision(db: SqlDriver): Promise<string> {
  const rows = await db.all<{ n: number; e: number | null; at: string | null }>(
    'SELECT COUNT(*) AS n, SUM(enabled) AS e, MAX(updated_at) AS at FROM sources',
  );
  const r = rows[0];
  return `${Number(r?.n ?? 0)}:${Number(r?.e ?? 0)}:${r?.at ?? ''}`;
}

export async function removeSource(db: SqlDriver, sourceId: string): Promise<void> {
  const statements: SqlStatement[] = [
    'DELETE FROM items WHERE source_id = ?',
    'DELETE FROM item_aliases WHERE source_id = ?',
    'DELETE FROM item_offsets WHERE source_id = ?',
    'DELETE FROM sources_state WHERE source_id = ?',
    'DELETE FROM sources_followup WHERE source_id = ?',
    'DELETE FROM sources_paused WHERE source_id = ?',
    'DELETE FROM source_leases WHERE source_id = ?',
    'DELETE FROM sources WHERE id = ?',
  ].map((sql) => ({ sql, params: [sourceId] }));
  statements.push({ sql: BUMP_VERSION, params: [sourceId, new Date().toISOString(), sourceId] });
  await db.batch(statements);
}

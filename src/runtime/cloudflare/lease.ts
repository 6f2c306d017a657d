/**
 * Run leases in D1: at most one scrape of a source at a time across all Worker invocations.
 * A lease is a row claimed with a conditional upsert (only when absent or expired) and released
 * by its holder; a run that dies without releasing simply lets the lease expire.
 */
import { DEFAULTS } from '../../defaults.ts';
import type { SqlDriver } from '../../store/sql-store.ts';

const CLAIM = `INSERT INTO source_leases (source_id, holder, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (source_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE source_leases.expires_at <= ?`;

/**
 * True when `holder` now holds the source's lease (until `now + ttlMs`). The default outlasts a
 * Queue consumer's 15 min wall time, so a live run never loses its lease.
 */
export async function claimLease(
  db: SqlDriver, sourceId: string, holder: string, now: Date, ttlMs = DEFAULTS.workerLeaseMs,
): Promise<boolean> {
  const expires = new Date(now.getTime() + ttlMs).toISOString();
  const { changes } = await db.run(CLAIM, [sourceId, holder, expires, now.toISOString()]);
  return changes > 0;
}

/** Release the lease if `holder` still holds it (never someone else's newer lease). */
export async function releaseLease(db: SqlDriver, sourceId: string, holder: string): Promise<void> {
  await db.run('DELETE FROM source_leases WHERE source_id = ? AND holder = ?', [sourceId, holder]);
}

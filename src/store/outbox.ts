/**
 * The webhook outbox (migration `notify_outbox`): deliveries are written here first, in the same
 * database as everything else (SQLite on Node, D1 on Workers), and removed once delivered or given
 * up, so a restart never loses one. Rows hold the request exactly as it will be sent.
 */
import type { SqlDriver } from './sql-store.ts';

/** One queued webhook request. Instants are ISO strings. */
export interface OutboxEntry {
  id: string;
  /** `source.state`, `items.new`, `items.updated`. */
  event: string;
  sourceId: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Attempts made so far. */
  attempts: number;
  nextAttempt: string;
  createdAt: string;
  lastError: string | null;
}

interface Row {
  id: string;
  event: string;
  source_id: string;
  url: string;
  headers: string;
  body: string;
  attempts: number;
  next_attempt: string;
  created_at: string;
  last_error: string | null;
}

const COLUMNS = 'id, event, source_id, url, headers, body, attempts, next_attempt, created_at, last_error';

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id, event: r.event, sourceId: r.source_id, url: r.url, headers: JSON.parse(r.headers) as Record<string, string>, body: r.body,
  attempts: Number(r.attempts), nextAttempt: r.next_attempt, createdAt: r.created_at, lastError: r.last_error,
});

export class SqlOutbox {
  readonly #db: SqlDriver;
  constructor(driver: SqlDriver) {
    this.#db = driver;
  }

  /** Queues entries (all or none). */
  async add(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.#db.batch(entries.map((e) => ({
      sql: `INSERT INTO notify_outbox (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [e.id, e.event, e.sourceId, e.url, JSON.stringify(e.headers), e.body, e.attempts, e.nextAttempt, e.createdAt, e.lastError],
    })));
  }

  /** Entries whose next attempt is due at `now`, oldest first. */
  async due(now: Date, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.#db.all<Row>(
      `SELECT ${COLUMNS} FROM notify_outbox WHERE next_attempt <= ? ORDER BY next_attempt, created_at, id LIMIT ?`,
      [now.toISOString(), limit],
    );
    return rows.map(toEntry);
  }

  async get(id: string): Promise<OutboxEntry | null> {
    const rows = await this.#db.all<Row>(`SELECT ${COLUMNS} FROM notify_outbox WHERE id = ?`, [id]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /** When the earliest entry is due (null: the outbox is empty). */
  async nextDue(): Promise<string | null> {
    const rows = await this.#db.all<{ next_attempt: string | null }>('SELECT MIN(next_attempt) AS next_attempt FROM notify_outbox');
    return rows[0]?.next_attempt ?? null;
  }

  /**
   * Takes a due entry for one attempt: moves its next attempt to `until` if it is still as read
   * and due at `now`. Of two takers (a Queue message and the Worker's sweep) only one gets true.
   */
  async claim(entry: OutboxEntry, now: Date, until: Date): Promise<boolean> {
    const { changes } = await this.#db.run(
      'UPDATE notify_outbox SET next_attempt = ? WHERE id = ? AND next_attempt = ? AND next_attempt <= ?',
      [until.toISOString(), entry.id, entry.nextAttempt, now.toISOString()],
    );
    return changes === 1;
  }

  /** Records a failed attempt and when to try again. */
  async retryLater(id: string, attempts: number, nextAttempt: Date, error: string): Promise<void> {
    await this.#db.run('UPDATE notify_outbox SET attempts = ?, next_attempt = ?, last_error = ? WHERE id = ?', [attempts, nextAttempt.toISOString(), error, id]);
  }

  /** Removes a delivered (or given-up) entry. */
  async remove(id: string): Promise<void> {
    await this.#db.run('DELETE FROM notify_outbox WHERE id = ?', [id]);
  }

  async count(): Promise<number> {
    const rows = await this.#db.all<{ n: number }>('SELECT COUNT(*) AS n FROM notify_outbox');
    return Number(rows[0]?.n ?? 0);
  }
}

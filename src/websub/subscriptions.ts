/**
 * WebSub subscriptions, kept in the SQL store's `websub_subscriptions` table (migration 7).
 * A small store of its own over the same SqlDriver, so the item Store interface stays as it is.
 */
import type { SqlDriver } from '../store/sql-store.ts';

export interface Subscription {
  topic: string;
  callback: string;
  /** HMAC key for X-Hub-Signature, when the subscriber gave one. */
  secret: string | null;
  leaseSeconds: number;
  /** ISO instant after which the subscription no longer receives content. */
  leaseExpires: string;
  createdAt: string;
}

interface Row {
  topic: string;
  callback: string;
  secret: string | null;
  lease_seconds: number;
  lease_expires: string;
  created_at: string;
}

function fromRow(r: Row): Subscription {
  return {
    topic: r.topic,
    callback: r.callback,
    secret: r.secret,
    leaseSeconds: Number(r.lease_seconds),
    leaseExpires: r.lease_expires,
    createdAt: r.created_at,
  };
}

export class SubscriptionStore {
  readonly #db: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#db = driver;
  }

  /** Create, or renew (new lease and secret) an existing topic/callback pair. */
  async save(sub: Subscription): Promise<void> {
    await this.#db.run(
      `INSERT INTO websub_subscriptions (topic, callback, secret, lease_seconds, lease_expires, created_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (topic, callback) DO UPDATE SET
          secret = excluded.secret,
          lease_seconds = excluded.lease_seconds,
          lease_expires = excluded.lease_expires`,
      [sub.topic, sub.callback, sub.secret, sub.leaseSeconds, new Date(sub.leaseExpires).toISOString(), sub.createdAt],
    );
  }

  async remove(topic: string, callback: string): Promise<boolean> {
    const { changes } = await this.#db.run('DELETE FROM websub_subscriptions WHERE topic = ? AND callback = ?', [topic, callback]);
    return changes > 0;
  }

  async get(topic: string, callback: string): Promise<Subscription | null> {
    const rows = await this.#db.all<Row>('SELECT * FROM websub_subscriptions WHERE topic = ? AND callback = ?', [topic, callback]);
    return rows.length > 0 ? fromRow(rows[0]) : null;
  }

  /** Subscriptions of `topic` whose lease is still running at `now`. */
  async active(topic: string, now: Date): Promise<Subscription[]> {
    const rows = await this.#db.all<Row>(
      'SELECT * FROM websub_subscriptions WHERE topic = ? AND lease_expires > ? ORDER BY created_at, callback',
      [topic, now.toISOString()],
    );
    return rows.map(fromRow);
  }

  /** How many subscriptions (of `topic`, else of every topic) have a lease still running at `now`. */
  async countActive(now: Date, topic?: string): Promise<number> {
    const rows = topic === undefined
      ? await this.#db.all<{ n: number }>('SELECT COUNT(*) AS n FROM websub_subscriptions WHERE lease_expires > ?', [now.toISOString()])
      : await this.#db.all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM websub_subscriptions WHERE topic = ? AND lease_expires > ?', [topic, now.toISOString()],
      );
    return Number(rows[0]?.n ?? 0);
  }

  /** Deletes every subscription whose lease ended at or before `now`; returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const { changes } = await this.#db.run('DELETE FROM websub_subscriptions WHERE lease_expires <= ?', [now.toISOString()]);
    return changes;
  }
}

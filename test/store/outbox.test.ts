/**
 * The outbox's claim: of two takers that read the same due entry (a Queue message and the Worker's
 * cron sweep), exactly one may attempt it; an entry not due, or changed since it was read, is not taken.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/runtime/node/sqlite.ts';
import { SqlOutbox, type OutboxEntry } from '../../src/store/outbox.ts';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const LATER = new Date('2026-12-01T10:01:00.000Z');

let outbox: SqlOutbox;
let close: () => Promise<void>;

beforeEach(async () => {
  const db = await openSqlite(':memory:');
  outbox = new SqlOutbox(db.driver);
  close = () => db.store.close();
});
afterEach(() => close());

const entry = (id: string, nextAttempt: string): OutboxEntry => ({
  id, event: 'items.new', sourceId: 's', url: 'https://hooks.example/x', headers: {}, body: '{}',
  attempts: 0, nextAttempt, createdAt: nextAttempt, lastError: null,
});

describe('SqlOutbox.claim', () => {
  it('lets one of two takers of the same due entry have it, and holds it until `until`', async () => {
    await outbox.add([entry('a', '2026-12-01T09:59:00.000Z')]);
    const [first, second] = [(await outbox.get('a'))!, (await outbox.get('a'))!];
    const results = await Promise.all([outbox.claim(first, NOW, LATER), outbox.claim(second, NOW, LATER)]);
    expect(results.sort()).toEqual([false, true]);
    expect((await outbox.get('a'))!.nextAttempt).toBe(LATER.toISOString());
    expect(await outbox.due(NOW, 10)).toEqual([]);
    // Past the hold, a taker that reads it anew may have it (the first one died mid-attempt).
    const again = (await outbox.due(LATER, 10))[0]!;
    expect(await outbox.claim(again, LATER, new Date(LATER.getTime() + 60_000))).toBe(true);
  });

  it('does not take an entry that is not due, or that changed since it was read', async () => {
    await outbox.add([entry('b', '2026-12-01T10:05:00.000Z'), entry('c', '2026-12-01T09:00:00.000Z')]);
    expect(await outbox.claim((await outbox.get('b'))!, NOW, LATER)).toBe(false);
    const stale = (await outbox.get('c'))!;
    await outbox.retryLater('c', 1, new Date('2026-12-01T09:30:00.000Z'), 'HTTP 500');
    expect(await outbox.claim(stale, NOW, LATER)).toBe(false);
    expect(await outbox.claim((await outbox.get('c'))!, NOW, LATER)).toBe(true);
    await outbox.remove('c');
    expect(await outbox.claim(stale, NOW, LATER)).toBe(false);
  });
});

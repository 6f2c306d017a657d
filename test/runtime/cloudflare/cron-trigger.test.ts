import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/types.ts';
import { DEFAULTS } from '../../../src/defaults.ts';
import type { SourceState } from '../../../src/model.ts';
import type { Queue, RefreshMessage } from '../../../src/runtime/cloudflare/bindings.ts';
import type { WorkerContext } from '../../../src/runtime/cloudflare/context.ts';
import { enqueueDueSources } from '../../../src/runtime/cloudflare/cron-trigger.ts';
import { previousRunsAt, isDue } from '../../../src/pipeline/due.ts';
import { emptyState } from '../../../src/pipeline/scrape.ts';
import { makeSource } from '../../../testkit/sources.ts';

const NOW = new Date('2024-05-01T10:31:00.000Z');
const base = makeSource({ id: 'base', schedule: '*/30 * * * *' });

/** 10,000 sources: a third ran after the :30 fire (not due), a third before it, a third never. */
function world(n: number) {
  const sources: SourceConfig[] = Array.from({ length: n }, (_, i) => ({
    ...base, id: `s${i}`, ...(i % 7 === 0 ? { schedule: '0 * * * *', timezone: 'Asia/Tokyo' } : {}), ...(i === 5 ? { type: 'push' as const } : {}),
  }));
  const states: SourceState[] = sources.flatMap((s, i) => {
    if (i % 3 === 2) return [];
    const state = emptyState(s.id);
    state.lastAttempt = i % 3 === 0 ? '2024-05-01T10:30:30.000Z' : '2024-05-01T10:00:30.000Z';
    return [state];
  });
  return { sources, states };
}

describe('enqueueDueSources (Worker cron handler)', () => {
  it('sends 10,000 sources in batches of at most DEFAULTS.queueSendBatch, every due one once', async () => {
    const { sources, states } = world(10_000);
    const ctx = { sources: async () => ({ sources }), store: { listStates: async () => states } } as unknown as WorkerContext;
    const batches: { body: RefreshMessage }[][] = [];
    const queue = { sendBatch: async (msgs: { body: RefreshMessage }[]) => void batches.push(msgs) } as unknown as Queue<RefreshMessage>;
    const due = await enqueueDueSources(ctx, queue, NOW);

    const byId = new Map(states.map((s) => [s.sourceId, s]));
    const expected = sources.filter((s) => isDue(s, byId.get(s.id) ?? null, NOW)).map((s) => s.id);
    expect(due).toEqual(expected);
    expect(due.length).toBeGreaterThan(5000);
    expect(due).not.toContain('s5'); // push
    expect(due).not.toContain('s3'); // ran after the last fire
    expect(due).toContain('s1'); // ran before it
    expect(due).toContain('s2'); // never ran
    expect(batches.every((b) => b.length <= DEFAULTS.queueSendBatch)).toBe(true);
    expect(batches.length).toBe(Math.ceil(due.length / DEFAULTS.queueSendBatch));
    const sent = batches.flat().map((m) => m.body.sourceId);
    expect(sent).toEqual(due);
    expect(new Set(batches.flat().map((m) => m.body.enqueuedAt))).toEqual(new Set([NOW.toISOString()]));
  });

  it('computes each schedule’s last fire once, with the answers isDue would give', () => {
    const { sources, states } = world(300);
    const byId = new Map(states.map((s) => [s.sourceId, s]));
    let computed = 0;
    const memo = previousRunsAt(NOW);
    const counting = (s: SourceConfig) => (computed++, memo(s));
    for (const s of sources) expect(isDue(s, byId.get(s.id) ?? null, NOW, counting)).toBe(isDue(s, byId.get(s.id) ?? null, NOW));
    expect(computed).toBeGreaterThan(0);
    expect(memo(sources[1])).toBe(Date.parse('2024-05-01T10:30:00.000Z'));
    expect(memo(sources[7])).toBe(Date.parse('2024-05-01T10:00:00.000Z'));
  });
});

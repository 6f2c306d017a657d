import { describe, expect, it } from 'vitest';
import { announceRun, feedChangedBy } from '../../src/pipeline/announce.ts';
import { isScheduled } from '../../src/pipeline/due.ts';

describe('announce', () => {
  const report = (ok: boolean, created: number, updated: number) => ({ sourceId: 's', ok, created, updated });

  it('announces only successful runs that created or updated items', async () => {
    const told: string[] = [];
    const websub = { feedChanged: async (id: string) => void told.push(id) };
    expect([feedChangedBy(report(true, 0, 0)), feedChangedBy(report(false, 2, 0)), feedChangedBy(report(true, 0, 1))]).toEqual([false, false, true]);
    expect(await announceRun(websub, report(true, 0, 0))).toBe(false);
    expect(await announceRun(websub, report(true, 1, 0))).toBe(true);
    expect(told).toEqual(['s']);
  });

  it('push sources are never scheduled', () => {
    expect([isScheduled({ type: 'push' }), isScheduled({ type: 'html' }), isScheduled({ type: 'feed' })]).toEqual([false, true, true]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SourceState } from '../../src/model.ts';
import { backoffUntil, isDue, isScheduled } from '../../src/pipeline/due.ts';
import { nextRun, previousRun } from '../../src/utils/cron.ts';
import { makeSource } from '../../testkit/sources.ts';

const source = makeSource({ id: 's', url: 'https://example.org/', schedule: '0 6 * * *', timezone: 'Europe/Berlin' });
const state = (over: Partial<SourceState>): SourceState => ({
  sourceId: 's', lastAttempt: null, lastSuccess: null, lastError: null, consecutiveFailures: 0,
  nextAttempt: null, originEtag: null, originLastModified: null, ...over,
});

describe('schedule', () => {
  it('reads cron in the source time zone', () => {
    // 06:00 in Berlin is 05:00 UTC in winter.
    expect(nextRun(source, new Date('2026-11-28T04:00:00Z')).toISOString()).toBe('2026-11-28T05:00:00.000Z');
    expect(previousRun(source, new Date('2026-11-28T05:00:00Z')).toISOString()).toBe('2026-11-28T05:00:00.000Z');
  });

  it('is due when never run, or when the schedule fired since the last attempt', () => {
    const now = new Date('2026-11-28T05:30:00Z');
    expect(isDue(source, null, now)).toBe(true);
    expect(isDue(source, state({ lastAttempt: '2026-11-28T04:00:00Z' }), now)).toBe(true);
    expect(isDue(source, state({ lastAttempt: '2026-11-28T05:10:00Z' }), now)).toBe(false);
  });

  it('is never due while paused, never run or failing alike', () => {
    const now = new Date('2026-11-28T05:30:00Z');
    expect(isDue(source, state({ pausedAt: '2026-11-28T01:00:00Z' }), now)).toBe(false);
    expect(isDue(source, state({ lastAttempt: '2026-11-28T04:00:00Z', pausedAt: '2026-11-28T01:00:00Z' }), now)).toBe(false);
    expect(isDue(source, state({ lastAttempt: '2026-11-28T04:00:00Z', pausedAt: null }), now)).toBe(true);
  });

  it('is never due for a push source, like isScheduled says, whatever its state', () => {
    const push = { ...source, type: 'push' as const };
    const now = new Date('2026-11-28T05:30:00Z');
    expect(isScheduled(push)).toBe(false);
    expect(isDue(push, null, now)).toBe(false);
    expect(isDue(push, state({ lastAttempt: '2026-11-28T04:00:00Z' }), now)).toBe(false);
    expect(isDue(push, state({ lastAttempt: '2026-11-28T05:10:00Z', consecutiveFailures: 1, nextAttempt: '2026-11-28T05:20:00Z' }), now)).toBe(false);
    for (const type of ['html', 'feed', 'sitemap'] as const) {
      expect(isScheduled({ type })).toBe(true);
      expect(isDue({ ...source, type }, null, now)).toBe(true);
    }
  });

  it('waits out a backoff, then retries', () => {
    const failed = state({ lastAttempt: '2026-11-28T05:10:00Z', consecutiveFailures: 2, nextAttempt: '2026-11-28T05:40:00Z' });
    expect(isDue(source, failed, new Date('2026-11-28T05:30:00Z'))).toBe(false);
    expect(isDue(source, failed, new Date('2026-11-28T05:41:00Z'))).toBe(true);
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const wait = (n: number, r = 0.5, ra?: number) => backoffUntil(n, now, ra, () => r).getTime() - now.getTime();
    expect(wait(1)).toBe(60_000);
    expect(wait(2)).toBe(120_000);
    expect(wait(3)).toBe(240_000);
    expect(wait(30)).toBe(6 * 3600_000);
    expect(wait(1, 0)).toBe(48_000);
    expect(wait(1, 1)).toBe(72_000);
    expect(wait(1, 0.5, 900)).toBe(900_000);
  });

  it('always gives a valid date, at most 24 h away, whatever Retry-After or failure count it gets', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    for (const retryAfter of [99_999_999_999_999, Number.MAX_VALUE, Infinity, NaN, -5]) {
      const at = backoffUntil(1, now, retryAfter, () => 0.5);
      expect(at.toISOString()).toMatch(/^2026-01-0[12]T/);
      expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(24 * 3600_000);
    }
    expect(backoffUntil(Infinity, now, undefined, () => 0.5).getTime() - now.getTime()).toBe(6 * 3600_000);
  });
});

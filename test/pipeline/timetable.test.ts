import { describe, expect, it } from 'vitest';
import { spreadOffsetMs, Timetable } from '../../src/pipeline/timetable.ts';
import { makeSource } from '../../testkit/sources.ts';

const MIN = 60_000;
const halfHourly = makeSource({ id: 'base', schedule: '*/30 * * * *' });
const T0 = Date.parse('2024-05-01T10:00:00.000Z'); // a :00, so */30 fires at T0 + 30 min next

describe('spreadOffsetMs', () => {
  it('is stable per id and stays within the interval and the cap', () => {
    for (let i = 0; i < 500; i++) {
      const off = spreadOffsetMs(`source-${i}`, 30 * MIN, 60 * MIN);
      expect(off).toBe(spreadOffsetMs(`source-${i}`, 30 * MIN, 60 * MIN));
      expect(off).toBeGreaterThanOrEqual(0);
      expect(off).toBeLessThan(30 * MIN);
      expect(spreadOffsetMs(`source-${i}`, 24 * 60 * MIN, 60 * MIN)).toBeLessThan(60 * MIN);
    }
    expect(spreadOffsetMs('x', 30 * MIN, 0)).toBe(0);
  });
});

describe('Timetable', () => {
  it('spreads sources sharing a schedule over its interval, each firing once per interval', () => {
    const t = new Timetable({ spreadMaxMs: 60 * MIN });
    const n = 3000;
    for (let i = 0; i < n; i++) t.add({ ...halfHourly, id: `s${i}` }, T0);
    const perMinute: number[] = [];
    const seen = new Map<string, number>();
    for (let m = 1; m <= 60; m++) {
      const due = t.due(T0 + m * MIN);
      perMinute.push(due.length);
      for (const s of due) seen.set(s.id, (seen.get(s.id) ?? 0) + 1);
    }
    // Over an hour of a */30 schedule every source ran exactly twice…
    expect(seen.size).toBe(n);
    expect([...seen.values()].every((c) => c === 2)).toBe(true);
    // …and no minute held much more than its share (100 a minute), where unspread all 3000 run at once.
    expect(Math.max(...perMinute)).toBeLessThan(200);
    expect(Math.min(...perMinute)).toBeGreaterThan(30);
  });

  it('fires exactly on the cron times, in the schedule’s time zone, without spreading', () => {
    const t = new Timetable({ spreadMaxMs: 0 });
    t.add(makeSource({ id: 'tokyo', schedule: '0 9 * * *', timezone: 'Asia/Tokyo' }), T0);
    const next = Date.parse('2024-05-02T00:00:00.000Z'); // 09:00 in Tokyo
    expect(t.nextAt('tokyo')).toBe(next);
    expect(t.due(next - 1)).toEqual([]);
    expect(t.due(next).map((s) => s.id)).toEqual(['tokyo']);
    expect(t.nextAt('tokyo')).toBe(next + 24 * 60 * MIN);
  });

  it('keeps each source on its own schedule, earliest first', () => {
    const t = new Timetable({ spreadMaxMs: 0 });
    t.add(makeSource({ id: 'hourly', schedule: '0 * * * *' }), T0);
    t.add(makeSource({ id: 'five', schedule: '*/5 * * * *' }), T0);
    t.add(makeSource({ id: 'seconds', schedule: '*/10 * * * * *' }), T0);
    expect(t.peek()).toBe(T0 + 10_000);
    const fired: string[] = [];
    for (let s = 10; s <= 3600; s += 10) fired.push(...t.due(T0 + s * 1000).map((x) => x.id));
    expect(fired.filter((id) => id === 'seconds')).toHaveLength(360);
    expect(fired.filter((id) => id === 'five')).toHaveLength(12);
    expect(fired.filter((id) => id === 'hourly')).toHaveLength(1);
  });

  it('drops a removed source and replaces one added again', () => {
    const t = new Timetable({ spreadMaxMs: 0 });
    t.add(makeSource({ id: 'a', schedule: '*/5 * * * *' }), T0);
    t.add(makeSource({ id: 'b', schedule: '*/5 * * * *' }), T0);
    t.remove('a');
    t.add(makeSource({ id: 'b', schedule: '0 * * * *' }), T0);
    expect(t.size).toBe(1);
    expect(t.due(T0 + 5 * MIN)).toEqual([]);
    expect(t.due(T0 + 60 * MIN).map((s) => s.id)).toEqual(['b']);
  });

  it('finds due sources among 10,000 without touching the rest', () => {
    const t = new Timetable();
    for (let i = 0; i < 10_000; i++) t.add({ ...halfHourly, id: `s${i}` }, T0);
    const first = t.peek()!;
    expect(t.due(first - 1)).toEqual([]);
    expect(t.due(first).length).toBeGreaterThanOrEqual(1);
    expect(t.peek()!).toBeGreaterThanOrEqual(first);
  });
});

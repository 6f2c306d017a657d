import { describe, expect, it } from 'vitest';
import { cronProblem } from '../../src/utils/cron.ts';
import { canonicalTimeZone } from '../../src/utils/locale.ts';
import { lazy, memoize } from '../../src/utils/memo.ts';

describe('memoize', () => {
  it('computes each argument once, null answers included, and forgets the oldest past `max`', () => {
    const calls: string[] = [];
    const f = memoize((k: string) => (calls.push(k), k === 'bad' ? null : k.toUpperCase()), 2);
    expect([f('a'), f('a'), f('bad'), f('bad')]).toEqual(['A', 'A', null, null]);
    expect(calls).toEqual(['a', 'bad']);
    f('c'); // evicts 'a', the oldest
    f('bad');
    f('a');
    expect(calls).toEqual(['a', 'bad', 'c', 'a']);
  });

  it('cron checks and time zones give the same answers asked again', () => {
    for (let i = 0; i < 2; i++) {
      expect(cronProblem('*/30 * * * *')).toBeNull();
      expect(cronProblem('*/61 * * * *')).toBe('step "/61" must be from 1 to 59');
      expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
      expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    }
  });
});

describe('lazy', () => {
  it('works the value out on the first call only, and never when not asked', () => {
    let calls = 0;
    const value = lazy(() => (calls++, null));
    expect(calls).toBe(0);
    expect(value()).toBeNull();
    expect(value()).toBeNull();
    expect(calls).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { cronProblem, nextRun, previousRun } from '../../src/utils/cron.ts';

describe('utils/cron', () => {
  it('cronProblem names what is wrong, null for a valid expression', () => {
    expect(['*/30 * * * *', '@daily', '*/61 * * * *', '1 2 3', '0 0 * * 8', ' 0 */2 * * * * ', 'x y z a b'].map(cronProblem)).toEqual([
      null, null, 'step "/61" must be from 1 to 59', 'expected 5 or 6 fields, got 3',
      'Constraint error, got value 8 expected range 0-7', null, 'Invalid characters, got value: x',
    ]);
  });

  it('previousRun and nextRun fire in the schedule\'s time zone (Paris moves to summer time that night)', () => {
    const now = new Date('2024-03-31T00:45:00Z');
    const runs = [{ schedule: '*/30 * * * *', timezone: 'UTC' }, { schedule: '0 3 * * *', timezone: 'Europe/Paris' }]
      .map((s) => [previousRun(s, now).toISOString(), nextRun(s, now).toISOString()]);
    expect(runs).toEqual([
      ['2024-03-31T00:30:00.000Z', '2024-03-31T01:00:00.000Z'],
      ['2024-03-30T02:00:00.000Z', '2024-03-31T01:00:00.000Z'],
    ]);
  });
});

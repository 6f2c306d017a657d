import { describe, expect, it } from 'vitest';
import { cronProblem as configCronProblem } from '../../src/config/schema.ts';
import { nextRun as oldNext, previousRun as oldPrevious } from '../../src/pipeline/due.ts';
import { cronProblem, nextRun, previousRun } from '../../src/utils/cron.ts';

describe('utils/cron', () => {
  it('cronProblem agrees with the config copy', () => {
    for (const expr of ['*/30 * * * *', '@daily', '*/61 * * * *', '1 2 3', '0 0 * * 8', ' 0 */2 * * * * ', 'x y z a b']) {
      expect(cronProblem(expr)).toBe(configCronProblem(expr));
    }
    expect(cronProblem('*/61 * * * *')).toBe('step "/61" must be from 1 to 59');
  });

  it('previousRun and nextRun agree with the pipeline copies, in the schedule\'s time zone', () => {
    const now = new Date('2024-03-31T00:45:00Z');
    for (const s of [{ schedule: '*/30 * * * *', timezone: 'UTC' }, { schedule: '0 3 * * *', timezone: 'Europe/Paris' }]) {
      expect(previousRun(s, now)).toEqual(oldPrevious(s, now));
      expect(nextRun(s, now)).toEqual(oldNext(s, now));
    }
    expect(nextRun({ schedule: '*/30 * * * *', timezone: 'UTC' }, now).toISOString()).toBe('2024-03-31T01:00:00.000Z');
  });
});

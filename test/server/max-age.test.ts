import { describe, expect, it } from 'vitest';
import { feedMaxAge } from '../../src/server/max-age.ts';

describe('feedMaxAge', () => {
  it('is the time until the next scheduled run', () => {
    expect(feedMaxAge({ schedule: '*/30 * * * *', timezone: 'UTC' }, new Date('2024-03-10T10:05:00Z'))).toBe(25 * 60);
  });

  it('follows the source time zone', () => {
    // 09:00 in New York (EDT, UTC-4 on 2024-06-10) is 13:00 UTC.
    const at = new Date('2024-06-10T12:00:00Z');
    expect(feedMaxAge({ schedule: '0 9 * * *', timezone: 'America/New_York' }, at)).toBe(3600);
    expect(feedMaxAge({ schedule: '0 9 * * *', timezone: 'UTC' }, at)).toBe(21 * 3600);
  });

  it('clamps to [60, 86400] and falls back to the minimum on a bad schedule', () => {
    expect(feedMaxAge({ schedule: '* * * * * *', timezone: 'UTC' }, new Date('2024-03-10T10:00:00.200Z'))).toBe(60);
    expect(feedMaxAge({ schedule: '0 0 1 * *', timezone: 'UTC' }, new Date('2024-03-10T10:00:00Z'))).toBe(86400);
    expect(feedMaxAge({ schedule: 'not a cron', timezone: 'UTC' }, new Date())).toBe(60);
  });
});

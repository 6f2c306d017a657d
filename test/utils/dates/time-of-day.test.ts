import { describe, expect, it } from 'vitest';
import { findClockTime, zoneAfterTime, zoneToMinutes } from '../../../src/utils/dates/time-of-day.ts';

const clock = (s: string) => {
  const t = findClockTime(s);
  return t ? [t.hour, t.minute, t.second] : null;
};
const day = { year: 2024, month: 7, day: 5, hour: 14, minute: 5, second: 0 };

describe('findClockTime', () => {
  it('reads 24-hour, 12-hour and CJK clocks', () => {
    expect(clock(' at 14:05:30')).toEqual([14, 5, 30]);
    expect(clock(' 2:05 p.m.')).toEqual([14, 5, 0]);
    expect(clock(' 12 am')).toEqual([0, 0, 0]);
    expect(clock(' 14時5分')).toEqual([14, 5, 0]);
    expect(clock(' 오후 2:05')).toEqual([14, 5, 0]);
    expect(clock(' 13 pm')?.[0]).toBe(99);
  });
  it('reads a dotted time only where no date can be', () => {
    expect(clock(' 14.05 BST')).toEqual([14, 5, 0]);
    expect(clock(' kl. 14.05')).toEqual([14, 5, 0]);
    expect(clock(' v1.14.05')).toBeNull();
    // Before any zone written in capitals; a word in lowercase is no zone.
    expect(clock(' 23.30 WIB')).toEqual([23, 30, 0]);
    expect(clock(' 9.45 ET')).toEqual([9, 45, 0]);
    expect(clock(' 23.30 wib')).toBeNull();
  });
  it('reads the "h" French typography spaces', () => {
    expect(clock(' à 22 h 30')).toEqual([22, 30, 0]);
    expect(clock(' 22 h')).toBeNull();
  });
});

describe('zoneAfterTime', () => {
  it('reads offsets, abbreviations and North American regions in their season', () => {
    expect(zoneAfterTime(' +05:45', day)?.zone).toBe(345);
    expect(zoneAfterTime(' IST', day)?.zone).toBe(330);
    expect(zoneAfterTime(' ET', day)?.zone).toBe(-240);
    expect(zoneAfterTime(' ET', { ...day, month: 1 })?.zone).toBe(-300);
    expect(zoneAfterTime(' XYZ', day)).toEqual({ zone: null, written: 'XYZ', length: 4 });
    expect(zoneAfterTime(' in Berlin', day)).toBeNull();
  });
  it('refuses offsets no clock can have and abbreviations written in lowercase', () => {
    expect(zoneToMinutes('+15:00')).toBeNull();
    expect(zoneToMinutes('est')).toBeNull();
  });
});

// Wall-clock ↔ instant conversion for IANA zones, and ISO formatting that keeps an offset.
import { getTimezoneOffset } from 'date-fns-tz';

/** Offset in minutes of `timezone` at `instant` (0 for UTC or an unknown zone). */
export function zoneOffsetMinutes(timezone: string | undefined, instant: Date): number {
  if (!timezone || timezone === 'UTC' || timezone === 'Etc/UTC') return 0;
  const ms = getTimezoneOffset(timezone, instant);
  return Number.isFinite(ms) ? Math.round(ms / 60000) : 0;
}

/** Wall-clock fields (month 1-12) read in `timezone` → the instant, plus the offset that applied. */
export function fromWallClock(
  fields: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; ms?: number },
  timezone: string | undefined,
): { date: Date; offset: number } {
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, fields.ms ?? 0);
  // Two passes settle the offset around DST transitions.
  let offset = zoneOffsetMinutes(timezone, new Date(wall));
  const second = zoneOffsetMinutes(timezone, new Date(wall - offset * 60000));
  if (second !== offset) offset = second;
  return { date: new Date(wall - offset * 60000), offset };
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** `date` as ISO 8601 in the given offset (minutes east of UTC): `2017-11-12T08:00:00+01:00`, or `…Z`. */
export function formatWithOffset(date: Date, offset: number): string {
  const local = new Date(date.getTime() + offset * 60000);
  const base =
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (offset === 0) return `${base}Z`;
  const sign = offset > 0 ? '+' : '-';
  return `${base}${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

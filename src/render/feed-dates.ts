/**
 * Entry dates in the offset the page wrote them in. feed writes dates with `toUTCString` (RSS
 * pubDate) and `toISOString` (Atom published/updated, JSON Feed date_published/date_modified): an
 * `OffsetDate` answers those two in its offset (`Thu, 05 Mar 2026 09:30:00 +0530`,
 * `2026-03-05T09:30:00+05:30`), the same instant; a plain Date stays in UTC.
 */
import { formatRfc3339, formatRfc822 } from '../utils/dates/zone.ts';

export class OffsetDate extends Date {
  readonly offset: number;

  constructor(time: number, offset: number) {
    super(time);
    this.offset = offset;
  }

  override toISOString(): string {
    return formatRfc3339(this, this.offset);
  }

  override toUTCString(): string {
    return formatRfc822(this, this.offset);
  }
}

/** `date` to be written in `offset` (minutes east), or in UTC when the offset is unknown. */
export function inOffset(date: Date, offset: number | null | undefined): Date {
  return offset ? new OffsetDate(date.getTime(), offset) : date;
}

/** The same instant moved by `ms`, keeping its offset (RFC 3339 writes it in UTC if that leaves a fraction of a second). */
export function shifted(date: Date, ms: number): Date {
  return date instanceof OffsetDate ? new OffsetDate(date.getTime() + ms, date.offset) : new Date(date.getTime() + ms);
}

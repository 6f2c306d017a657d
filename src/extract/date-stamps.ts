/**
 * The page's machine timestamps (inline scripts, metas, <time datetime>) and the wall clocks among
 * them that tell how to read a UTC time: a clock with no zone naming its second (the offset it is
 * shown in), and a local clock the page also wrote with a "Z".
 *
 * Some CMSes serialize the publisher's wall clock as if it were UTC ("2019-04-19T20:00:00.000Z" in
 * article:published_time) while the article's own <time> states the same clock with its real
 * offset and shows it to readers ("2019-04-19T20:00:00+09:00", "2019.04.19 20:00"). The clock the
 * reader is shown is the publisher's: the "Z" is the mistake.
 */
import { isClockOffset } from '../utils/dates/zone.ts';
import { boundedText } from './page-date.ts';
import type { PageIndex } from './page-index.ts';

/** The texts that carry a page's machine timestamps: inline scripts, metas, <time datetime>. */
export function* stampTexts(index: PageIndex): Generator<string> {
  for (const el of index.inlineScripts) {
    const child = el.children[0];
    if (child && child.type === 'text' && child.data.length >= 16) yield child.data;
  }
  for (const el of index.metas) if (el.attribs.content && el.attribs.content.length >= 16) yield el.attribs.content;
  for (const el of index.times) if (el.attribs.datetime && el.attribs.datetime.length >= 16) yield el.attribs.datetime;
}

// A wall clock to the second, with no zone: "2016-12-19 19:08:44" (Sailthru's date meta).
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;

/** The offset of a wall clock among the page's stamp texts (a meta, a <time>) showing `date` to the second ("… 19:08:44" for 00:08:44Z: -05:00). */
export function wallClockOffset(index: PageIndex, date: Date): number | null {
  const at = Math.floor(date.getTime() / 1000) * 1000;
  for (const value of stampTexts(index)) {
    const m = WALL_CLOCK.exec(value.trim());
    if (!m) continue;
    const minutes = (Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - at) / 60000;
    if (minutes !== 0 && isClockOffset(minutes)) return minutes;
  }
  return null;
}

// A full timestamp with an offset, the whole of a <time>'s datetime.
const OFFSET_STAMP = /^\s*(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?([+-])(\d{2}):?(\d{2})\s*$/;

/**
 * The offset of a <time> that writes the clock `date` reads in UTC (to the second it states) with
 * a non-zero offset of its own, and shows that clock in its text; null when none does.
 */
export function mislabeledOffset(index: PageIndex, date: Date): number | null {
  for (const el of index.times) {
    const m = OFFSET_STAMP.exec(el.attribs.datetime ?? '');
    if (!m) continue;
    const offset = (+m[8] * 60 + +m[9]) * (m[7] === '-' ? -1 : 1);
    if (offset === 0 || !isClockOffset(offset)) continue;
    const clock = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
    const at = m[6] === undefined ? Math.floor(date.getTime() / 60000) * 60000 : Math.floor(date.getTime() / 1000) * 1000;
    if (clock !== at || !showsClock(boundedText(el, 200) ?? '', +m[4], m[5])) continue;
    return offset;
  }
  return null;
}

/** Whether `text` shows the hour (24- or 12-hour) and minute: "20:00", "8:00 PM", "20h00". */
function showsClock(text: string, hour: number, minute: string): boolean {
  const h12 = hour % 12 || 12;
  return new RegExp(`(?<!\\d)(?:0?${hour}|0?${h12})[:.h]${minute}(?!\\d)`).test(text);
}

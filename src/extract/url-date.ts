// Publication day written in an article URL: /2017/11/12/, /2017-11-12-, /20171112/, _2017_11_12, /2017/1112/,
// and with the month named, as whole path segments: /2019/jan/15/ (The Guardian), /2023/october/03/
// (blog engines that file posts by month name). Only full dates count (a year/month path says
// little about the day).
import { MONTHS } from '../utils/dates/months.ts';
import { memoize } from '../utils/memo.ts';

const PATTERNS: RegExp[] = [
  /(?:^|[/_.-])((?:19|20)\d{2})[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?!\d)/i,
  // Compact, also after one letter opening the segment: Chinese government sites write "/t20200305_123.html".
  /(?:^|[/_-]|\/[a-z])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|[/_.-])/,
  // The year, then month and day as one segment: /2020/0305/.
  /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|\/)/,
  // Segments only: inside a slug, "2021-may-10-…" could be "10 … ideas for May 2021".
  /\/((?:19|20)\d{2})\/(\p{L}{3,9})\/(0?[1-9]|[12]\d|3[01])(?=$|\/)/iu,
];

export interface UrlDate {
  year: number;
  month: number;
  day: number;
}

// Metadata asks twice per page (the date's source, then its offset); the answer is shared, read only.
const remembered = memoize((url: string): Readonly<UrlDate> | null => readUrlDate(url), 1);

export function dateFromUrl(url: string): Readonly<UrlDate> | null {
  return remembered(url);
}

function readUrlDate(url: string): UrlDate | null {
  let path: string;
  try {
    const u = new URL(url);
    path = u.pathname + (u.search ? `/${u.search.slice(1)}` : '');
  } catch {
    path = url;
  }
  for (const re of PATTERNS) {
    const m = re.exec(path);
    if (!m) continue;
    const year = +m[1];
    const month = MONTHS.get(m[2].toLowerCase()) ?? +m[2];
    const day = +m[3];
    if (day <= new Date(Date.UTC(year, month, 0)).getUTCDate()) return { year, month, day };
  }
  return null;
}

// Publication day written in an article URL: /2017/11/12/, /2017-11-12-, /20171112/, _2017_11_12.
// Only full dates count (a year/month path says little about the day).
import { memoize } from '../utils/memo.ts';

const PATTERNS: RegExp[] = [
  /(?:^|[/_.-])((?:19|20)\d{2})[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?!\d)/i,
  /(?:^|[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|[/_.-])/,
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
    const month = +m[2];
    const day = +m[3];
    if (day <= new Date(Date.UTC(year, month, 0)).getUTCDate()) return { year, month, day };
  }
  return null;
}

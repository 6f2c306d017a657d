// A byline element often holds the date too ("Jane Doe | October 15, 2025", "Jane DoeLast
// updated on 17 December 2025", "Dec. 19, 2025 · Jane Doe", "Acme- 2025/4/29"): the date, its label
// ("Published on", "Last updated:") and a reading time ("5 min read") are not part of the name.
import { MONTHS } from '../utils/dates/months.ts';
import { isWeekday } from '../utils/dates/weekdays.ts';

const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
// A month is any word here (captured), checked against MONTHS after matching: the alternation of
// every month name in 20 languages made a pattern of hundreds of kilobytes, slow to run and to
// compile again after the engine drops it. Every month name is a run of three letters or more, and
// the patterns end a month at the end of its letters, so a word is the whole month or no month.
const WORD = String.raw`(\p{L}{3,})`;
// …and the numeric forms: ISO and its kin, day or month first, Chinese/Japanese (2019年04月28日),
// Korean (2019년 4월 28일, 2019. 4. 28.).
const DATE = String.raw`(?:${WORD}\.?\s+${DAY},?\s+\d{4}|${DAY}\.?\s+${WORD}\.?,?\s+\d{4}|\d{4}(?:[-/.]|\.\s)\s?\d{1,2}(?:[-/.]|\.\s)\s?\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}(?!\d))|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일])`;
const LABEL = String.raw`(?:(?:last\s+)?(?:published|posted|updated|modified|reviewed)(?![\p{L}])(?:\s+on)?\s*:?\s*)`;
// Starts where a word starts, or glued to the end of a name ("KimDecember", "PerumalPublished",
// "Carroll30 Sep 2022", "Mead2022-11-23T08:10").
const START = String.raw`(?:^|(?<=[^\p{L}\p{N}])|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N}))`;
const TRAILING = new RegExp(`${START}(?:${LABEL}?${DATE}.*|${LABEL})$`, 'gisu');
const LEADING = new RegExp(`^\\s*${LABEL}?${DATE}\\s*[|•·,–—-]\\s*`, 'iu');
const READING_TIME = /\s*[|•·,–—-]?\s*\d+\s*min(?:ute)?s?\.?\s+read\b/giu;
const EDGE_SEPARATORS = /^[\s|•·,:–—-]+|[\s|•·,:–—-]+$/gu;
// Every date and reading time above has a digit, every label one of these words: a byline with
// neither (most) skips the three patterns, whose lookbehinds are tried at every position.
const LABEL_WORD = /published|posted|updated|modified|reviewed/iu;
// What a dateline's date leaves behind: its time of day ("6:47 p.m.", "11:23 am ET", "18.52 Uhr").
const TIME_ONLY = /^(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[aApP]\.?\s?[mM]\.?|[Uu]hr|h)?(?:\s+[A-Z]{1,4})?$/u;

/** Whether a match of DATE (in LEADING or TRAILING) names a real month, when it names one. */
function namesMonth(m: RegExpExecArray): boolean {
  const word = m[1] ?? m[2];
  return word === undefined || MONTHS.has(word.toLowerCase());
}

/** `s` without a date (and what follows it) at its end; the first start where one reads wins. */
function withoutTrailing(s: string): string {
  TRAILING.lastIndex = 0;
  for (let m = TRAILING.exec(s); m; m = TRAILING.exec(s)) {
    if (namesMonth(m)) return s.slice(0, m.index);
    // At this start the word is no month, and no other reading of it is a date: try the next.
    TRAILING.lastIndex = m.index + 1;
  }
  return s;
}

/** `s` without a date (and its separator) at its start. */
function withoutLeading(s: string): string {
  const m = LEADING.exec(s);
  return m && namesMonth(m) ? s.slice(m[0].length) : s;
}

/** The byline without the date (and reading time) written with it; null when only those remain. */
export function bylineWithoutDate(byline: string): string | null {
  const dated = /\d/.test(byline) || LABEL_WORD.test(byline);
  const cut = (dated ? withoutTrailing(withoutLeading(byline.replace(READING_TIME, ' '))) : byline).replace(EDGE_SEPARATORS, '').trim();
  // A byline that was only a date leaves its weekday ("Sun Dec 17, 2023 11:23 am", "Sat, 20 Dec, 2025").
  return /\p{L}/u.test(cut) && !(dated && (isWeekday(cut) || TIME_ONLY.test(cut))) ? cut : null;
}

// A byline element often holds the date too ("Jane Doe | October 15, 2025", "Jane DoeLast
// updated on 17 December 2025", "Dec. 19, 2025 · Jane Doe", "Acme- 2025/4/29"): the date, its label
// ("Published on", "Last updated:") and a reading time ("5 min read") are not part of the name.
import { MONTHS } from '../utils/dates/months.ts';

const MONTH = [...MONTHS.keys()]
  .filter((name) => name.length >= 3 && /^\p{L}+$/u.test(name))
  .sort((a, b) => b.length - a.length)
  .join('|');
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const DATE = String.raw`(?:(?:${MONTH})\.?\s+${DAY},?\s+\d{4}|${DAY}\.?\s+(?:${MONTH})\.?,?\s+\d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})`;
const LABEL = String.raw`(?:(?:last\s+)?(?:published|posted|updated|modified|reviewed)(?![\p{L}])(?:\s+on)?\s*:?\s*)`;
// Starts where a word starts, or glued to the end of a name ("KimDecember", "PerumalPublished",
// "Carroll30 Sep 2022", "Mead2022-11-23T08:10").
const START = String.raw`(?:^|(?<=[^\p{L}\p{N}])|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N}))`;
const TRAILING = new RegExp(`${START}(?:${LABEL}?${DATE}.*|${LABEL})$`, 'isu');
const LEADING = new RegExp(`^\\s*${LABEL}?${DATE}\\s*[|•·,–—-]\\s*`, 'iu');
const READING_TIME = /\s*[|•·,–—-]?\s*\d+\s*min(?:ute)?s?\.?\s+read\b/giu;
const EDGE_SEPARATORS = /^[\s|•·,:–—-]+|[\s|•·,:–—-]+$/gu;
// Every date and reading time above has a digit, every label one of these words: a byline with
// neither (most) skips the three patterns, whose lookbehinds are tried at every position.
const LABEL_WORD = /published|posted|updated|modified|reviewed/iu;

/** The byline without the date (and reading time) written with it; null when only those remain. */
export function bylineWithoutDate(byline: string): string | null {
  const dated = /\d/.test(byline) || LABEL_WORD.test(byline);
  const cut = (dated ? byline.replace(READING_TIME, ' ').replace(LEADING, '').replace(TRAILING, '') : byline).replace(EDGE_SEPARATORS, '').trim();
  return /\p{L}/u.test(cut) ? cut : null;
}

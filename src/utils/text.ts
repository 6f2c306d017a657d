/** Plain-text whitespace hygiene shared by the stages. */

/** A run of two or more whitespace characters, or one that is not a space: what `collapseSpace` rewrites. */
const SPACE_RUN = /\s{2,}|[^\S ]/g;

/**
 * Runs of whitespace (`\s`) as one space: `s.replace(/\s+/g, ' ')`, without rewriting the single
 * spaces most text is made of (a third faster on page text).
 */
export function collapseSpace(s: string): string {
  return s.replace(SPACE_RUN, ' ');
}

/** `collapseSpace(s).length`, counted without building the string. */
export function collapsedLength(s: string): number {
  let n = s.length;
  SPACE_RUN.lastIndex = 0;
  for (let m = SPACE_RUN.exec(s); m; m = SPACE_RUN.exec(s)) n -= m[0].length - 1;
  return n;
}

/**
 * Zero-width format characters, as a character-class body: ZWSP, ZWNJ, ZWJ, the word joiner and
 * the BOM. They join or part the characters beside them; alone, or at the end of a line, they are
 * nothing (Webflow writes an empty paragraph as `<p>&zwj;</p>`).
 */
export const ZERO_WIDTH = '\u200b-\u200d\u2060\ufeff';
const EDGE_INVISIBLE = new RegExp(`^[\\s${ZERO_WIDTH}]+|[\\s${ZERO_WIDTH}]+$`, 'g');
const isZeroWidth = (c: number): boolean => (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;

/** `s.trim()`, taking zero-width characters off both ends too: a line of only those is empty. */
export function trimInvisible(s: string): string {
  const t = s.trim();
  return t && (isZeroWidth(t.charCodeAt(0)) || isZeroWidth(t.charCodeAt(t.length - 1))) ? t.replace(EDGE_INVISIBLE, '') : t;
}

/** Runs of whitespace (including no-break and zero-width spaces) as one space, trimmed. */
export function collapse(s: string): string {
  return withoutBom(s).replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/**
 * `s` without U+FEFF. Inside a text it is a zero-width no-break space: rich-text editors leave it
 * as a caret mark inside words ("H\uFEFFow to apply", "The 10 B\uFEFFest"), and browsers show
 * nothing there; `\s` and `trim` read it as a space, which would split the word.
 */
export function withoutBom(s: string): string {
  return s.includes('\ufeff') ? s.replaceAll('\ufeff', '') : s;
}

const WORD_MARKS = /[\u00ad\ufeff]/g;

/**
 * `withoutBom`, and without soft hyphens (U+00AD, `&shy;`): the plain-text view of an article.
 * A soft hyphen marks where a line may break inside a word ("Ver&shy;an&shy;stal&shy;tung";
 * hyphenation plugins write them into every long word of German pages). Plain text has no lines
 * of its own, and a word with the marks in it is another word to search, count and compare. The
 * article's HTML keeps them, and so do the fields shown as written (title, excerpt), as Reader
 * View shows them.
 */
export function withoutWordMarks(s: string): string {
  return s.includes('\ufeff') || s.includes('\u00ad') ? s.replace(WORD_MARKS, '') : s;
}

/**
 * `s` without the characters `char` matches (one character, a pattern without the `g` flag) at
 * its end. A pattern such as `/[,|-]+$/` is tried again at every position of a run that stops short
 * of the end, so a long run costs its square (20,000 separators took over a second); this walks
 * back from the end once.
 */
export function trimEndWhere(s: string, char: RegExp): string {
  let end = s.length;
  while (end > 0) {
    // A character outside the BMP is tested whole (a pattern with the `u` flag reads it so).
    const pair = end > 1 && (s.charCodeAt(end - 1) & 0xfc00) === 0xdc00 && (s.charCodeAt(end - 2) & 0xfc00) === 0xd800;
    const start = pair ? end - 2 : end - 1;
    if (!char.test(s.slice(start, end))) break;
    end = start;
  }
  return end === s.length ? s : s.slice(0, end);
}

/** Cut plain text to at most `max` characters on a word boundary, marking the cut with "…". */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max); // the "…" replaces at least the character after the cut
  const space = room.lastIndexOf(' ');
  let cut = space >= max * 0.5 ? room.slice(0, space) : room.slice(0, max - 1);
  // Do not split a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

// A decimal digit of any script but ASCII's (Arabic-Indic ٣, Persian ۳, Devanagari ३, Bengali ৩,
// Thai ๓, full-width ３…). Unicode encodes every script's digits as one run of ten, zero first.
const NATIVE_DIGIT = /[^\P{Nd}0-9]/gu;
const IS_DIGIT = /^\p{Nd}$/u;
const digitValues = new Map<number, string>();

function digitValue(c: string): string {
  const cp = c.codePointAt(0)!;
  let v = digitValues.get(cp);
  if (v === undefined) {
    // Back to the first digit of this run of digit blocks (runs of several blocks are whole blocks).
    let zero = cp;
    while (IS_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    v = String((cp - zero) % 10);
    digitValues.set(cp, v);
  }
  return v;
}

/** Decimal digits of every script written as ASCII digits ("१६ फ़रवरी २०२०" → "16 फ़रवरी 2020"). */
export function asciiDigits(s: string): string {
  return s.replace(NATIVE_DIGIT, digitValue);
}

/**
 * A regular-expression alternation of literal words (`a|b|c`), each escaped, longest first: an
 * alternation takes the first word that matches, so "written by" must be tried before "by".
 */
export function wordAlternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** Words in a text; CJK text, written without spaces, counts about two characters a word. */
export function wordCount(s: string): number {
  const m = s.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu);
  // CJK titles have no spaces: count characters in ideographic scripts as roughly two per word.
  if (m && m.length === 1 && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(s)) {
    return Math.ceil(m[0].length / 2);
  }
  return m ? m.length : 0;
}

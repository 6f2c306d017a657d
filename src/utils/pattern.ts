/**
 * Regular expressions written by users (feed filters): compiled by re2js, a linear-time engine
 * that runs on Node and Workers alike, so no pattern can make a match take more than time
 * proportional to the text (no catastrophic backtracking).
 */
import { RE2JS } from 're2js';
import { DEFAULTS } from '../defaults.ts';

export interface Pattern {
  /** Whether the pattern matches any part of `text`. */
  test(text: string): boolean;
}

export type CompiledPattern = { pattern: Pattern; problem?: undefined } | { pattern?: undefined; problem: string };

/** Compiles `source`, or says in words why it cannot be used (too long, invalid syntax). */
export function compilePattern(source: string, options: { caseSensitive: boolean }): CompiledPattern {
  if (source.length > DEFAULTS.maxFilterPatternChars) {
    return { problem: `is ${source.length} characters long; patterns may have at most ${DEFAULTS.maxFilterPatternChars}` };
  }
  try {
    const re = RE2JS.compile(source, options.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    return { pattern: { test: (text) => re.test(text) } };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { problem: `is not a valid regular expression (${detail}); the syntax is RE2's: no backreferences or lookaround` };
  }
}

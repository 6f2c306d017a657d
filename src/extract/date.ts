// STUB — to be implemented (issue 3, dates). Signature is the contract.

export interface DateParseOptions {
  /** IANA zone applied when the text has no offset. Default UTC. */
  timezone?: string;
  /** Reference for relative dates and the sanity window (not after now, not before 1990). */
  now?: Date;
  /** Page language hint (BCP 47), used to pick chrono locales. */
  lang?: string | null;
}

/** Parse a date written by a human or a machine into an absolute instant, or null. */
export function parseDate(text: string, options: DateParseOptions = {}): Date | null {
  void options;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

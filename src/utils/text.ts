/** Plain-text whitespace hygiene shared by the stages. */

/** Runs of whitespace (including no-break and zero-width spaces) as one space, trimmed. */
export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

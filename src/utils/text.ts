/** Plain-text whitespace hygiene shared by the stages. */

/** Runs of whitespace (including no-break and zero-width spaces) as one space, trimmed. */
export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
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

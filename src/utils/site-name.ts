/** Whether a piece of a title names the site: shared by the extractor's headline and normalized titles. */

/** Loose form of a site name for comparison: "The BRICS Post" ≈ "bricspost" ≈ "www.bricspost.com". */
export function looseSiteName(s: string): string {
  return s
    .toLowerCase()
    .replace(/^(?:https?:\/\/)?(?:www\.)?/, '')
    .replace(/\.(?:com|org|net|info|news|co|io)(?:\.[a-z]{2})?\/?$/, '')
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether a title segment names the site ("BRICS Post" for "The BRICS Post (demo)"). */
export function namesSite(segment: string, siteName: string): boolean {
  const a = looseSiteName(segment);
  const b = looseSiteName(siteName);
  if (a === '' || b === '') return false;
  if (a === b) return true;
  // One contains the other and covers most of it: "bricspost" in "bricspostdemo", not "apple" in "appleinsider".
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.includes(short) && short.length >= long.length * 0.6;
}

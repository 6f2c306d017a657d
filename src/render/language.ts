/**
 * A BCP 47 language tag in canonical form ("en_us" → "en-US"), or null when the input is not a
 * well-formed tag whose primary subtag is a 2–3 letter ISO 639 code (feed validators reject
 * anything else, so an invalid tag is dropped rather than published).
 */
export function canonicalLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const candidate = tag.trim().replace(/_/g, '-');
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(candidate)) return null;
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Which English a page's numeric dates are written in. "en" alone reads 06/09/2020 as June 9 (the
 * American order, parse.ts); a regional English named by the source's config (`language: en-GB`)
 * or the page (og:locale "en_GB"), or the country code of a site in a day-first English-speaking
 * country (.uk, .au, .in…), reads it as 6 September.
 */
import { canonicalLanguage } from '../locale.ts';

/** Country codes of English-speaking countries that write the day first. */
const DAY_FIRST_ENGLISH_TLD = new Set(['uk', 'au', 'nz', 'ie', 'in', 'za', 'sg', 'pk', 'ng', 'ke', 'gh', 'lk', 'bd', 'mt', 'cy']);

/**
 * The language to read dates in: `lang` itself unless it is "en" alone; then the first of
 * `regional` that names a regional English ("en-GB", "en_AU"), else `en-<cc>` when `url`'s host is
 * under a day-first country's code, else "en". Callers pass what they trust most first: the
 * source's configured language before the page's og:locale.
 */
export function dateReadingLang(lang: string | null, url: string, ...regional: (string | null | undefined)[]): string | null {
  if (lang?.toLowerCase() !== 'en') return lang;
  for (const hint of regional) {
    const tag = canonicalLanguage(hint);
    if (tag && /^en-[a-z]{2}$/i.test(tag)) return tag;
  }
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return lang;
  }
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  return DAY_FIRST_ENGLISH_TLD.has(tld) ? `en-${tld}` : lang;
}

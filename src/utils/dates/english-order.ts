/**
 * Which English a page's numeric dates are written in. "en" alone reads 06/09/2020 as June 9 (the
 * American order, parse.ts); a regional English named by the page (og:locale "en_GB") or the
 * country code of a site in a day-first English-speaking country (.uk, .au, .in…) reads it as
 * 6 September.
 */
import { canonicalLanguage } from '../locale.ts';

/** Country codes of English-speaking countries that write the day first. */
const DAY_FIRST_ENGLISH_TLD = new Set(['uk', 'au', 'nz', 'ie', 'in', 'za', 'sg', 'pk', 'ng', 'ke', 'gh', 'lk', 'bd', 'mt', 'cy']);

/**
 * The language to read dates in: `lang` itself unless it is "en" alone; then `locale` when it
 * names a regional English ("en_GB", "en-AU"), else `en-<cc>` when `url`'s host is under a
 * day-first country's code, else "en".
 */
export function dateReadingLang(lang: string | null, locale: string | null | undefined, url: string): string | null {
  if (lang?.toLowerCase() !== 'en') return lang;
  const regional = canonicalLanguage(locale);
  if (regional && /^en-[a-z]{2}$/i.test(regional)) return regional;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return lang;
  }
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  return DAY_FIRST_ENGLISH_TLD.has(tld) ? `en-${tld}` : lang;
}

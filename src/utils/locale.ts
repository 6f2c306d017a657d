/** Language tags and time zones in the one form every consumer accepts (config, normalize, render). */
import { DEFAULTS } from '../defaults.ts';
import { memoize } from './memo.ts';

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

/**
 * The IANA time zone as written, with its case fixed ("europe/paris" → "Europe/Paris"), or null
 * when the runtime does not know it. Aliases are kept: ICU would turn "Asia/Kolkata" into
 * "Asia/Calcutta", which surprises users. Answers are remembered (an Intl object per call is costly).
 */
export const canonicalTimeZone = memoize(findTimeZone, DEFAULTS.memoEntries);

function findTimeZone(tz: string): string | null {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === tz.toLowerCase() ? resolved : tz;
  } catch {
    return null;
  }
}

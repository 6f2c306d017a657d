import { DEFAULTS } from '../defaults.ts';

/**
 * Parses a Retry-After header (RFC 9110 §10.2.3) into whole seconds from `now`: either
 * delta-seconds (`120`) or an HTTP-date (IMF-fixdate, RFC 850 or asctime, all GMT).
 * Dates in the past give 0; longer waits are capped at DEFAULTS.maxRetryAfterS (a site cannot
 * park a source for years); anything unparseable gives undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(DEFAULTS.maxRetryAfterS, Number.parseInt(text, 10));
  // Date.parse is lenient ("-5" is a date to V8): require a month name and a clock time.
  if (!/[a-z]{3}/i.test(text) || !/\d{1,2}:\d{2}:\d{2}/.test(text)) return undefined;
  // asctime (`Sun Nov  6 08:49:37 1994`) has no zone, and Date.parse would read it as local time.
  const withZone = /(?:GMT|UTC|[+-]\d{4})$/i.test(text) ? text : `${text} GMT`;
  const at = Date.parse(withZone);
  if (Number.isNaN(at)) return undefined;
  return Math.min(DEFAULTS.maxRetryAfterS, Math.max(0, Math.ceil((at - now) / 1000)));
}

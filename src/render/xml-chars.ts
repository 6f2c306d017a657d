/**
 * Characters that must never reach a feed: XML 1.0 cannot carry C0 controls (other than tab,
 * LF, CR), lone surrogates or U+FFFE/U+FFFF. We also drop C1 controls (in scraped text they are
 * mojibake, and validators flag them) and every Unicode noncharacter (not for interchange; the
 * renderer reserves U+FDD0–U+FDEF as internal markers, so they must be absent from input).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// U+FDD0–U+FDEF, U+FFFE/U+FFFF, and U+nFFFE/U+nFFFF in planes 1–16 (as surrogate pairs).
const NONCHARACTER =
  /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;

/** `s` without any character that is illegal or unsafe in XML (and JSON text). */
export function stripXmlIllegal(s: string): string {
  return s.replace(LONE_SURROGATE, '').replace(CONTROL, '').replace(NONCHARACTER, '');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for XML/HTML text and double- or single-quoted attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Text encoded to UTF-8 twice: a CMS that stored UTF-8 bytes as Latin-1 or Windows-1252 and wrote
 * them out as UTF-8 again turns "doesn’t" into "doesnâ\u0080\u0099t" (or "doesnâ€™t"), "café" into
 * "cafÃ©". The page's charset is right, so decoding cannot help; the repair reads each such run's
 * characters back as the bytes they were and decodes those.
 *
 * Only runs that cannot be real text are touched: the character of a UTF-8 lead byte followed by
 * its continuation bytes' characters, at least one of them a C1 control or a Windows-1252
 * punctuation mark (no language writes "â€" or "Ã\u0099"), or "Â" before a no-break space; and
 * only when the bytes decode to one character. Weaker, "Ã" or "Â" before a sign of U+00A1–U+00BF
 * ("Ã©" é, "Ã¼" ü, "Â®" ®: what garbles French, German and Nordic letters and symbols) is read
 * back only in text with no accented letter of its own: a page quoting mojibake ('"Ã¤" instead of
 * "ä"') keeps it. The leads are those of what such pages garble:
 * Latin-1 letters and signs (Â, Ã), punctuation, currency and symbols (â), emoji (ð); not "ß" or
 * "é", which real text puts before a closing quote or an ellipsis. Any other lead (Polish "Å\u0082"
 * ł, Cyrillic "Ñ\u0080" р, "ï¸\u008f" the emoji selector) is read back only when a continuation
 * is a C1 control, which no text holds.
 *
 * A C1 control left after that is a Windows-1252 character read as Latin-1 ("we\u0092re"): it
 * becomes that character, as the HTML standard reads `&#146;` and browsers read ISO-8859-1 pages;
 * the five bytes Windows-1252 leaves undefined are dropped.
 */
import type { AnyNode } from 'domhandler';

/** The Windows-1252 characters of bytes 0x80–0x9F (where Latin-1 has C1 controls). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const CONT = `[\\u0080-\\u00bf${CP1252.replace(/[\u0080-\u009f]/g, '')}]`;
const C1 = '[\\u0080-\\u009f]';
const RUN = new RegExp(
  `[\\u00c2\\u00c3]${CONT}|\\u00e2${CONT}{2}|\\u00f0${CONT}{3}` +
    `|[\\u00c4-\\u00df]${C1}|[\\u00e0\\u00e1\\u00e3-\\u00ef](?:${C1}${CONT}|${CONT}${C1})`,
  'g',
);
const TELL = new RegExp(`[\\u0080-\\u009f${CP1252.replace(/[\u0080-\u009f]/g, '')}]|^\\u00c2\\u00a0$`);
/** A Latin-1 letter or sign run whose only tell is its shape (see above). */
const WEAK = /^[\u00c2\u00c3][\u00a1-\u00bf]$/;
/** A letter of Latin-1's upper half: text that has its own is not garbled throughout. */
const LATIN1_LETTER = /[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]/;
/** A cheap test before the run search: a lead byte's character followed by a continuation's. */
const MAYBE = /[\u00c2\u00c3\u00e2\u00f0][\u0080-\u00bf\u0152-\u2122]|[\u0080-\u009f]/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function byteOf(c: string): number {
  const code = c.charCodeAt(0);
  if (code < 0x100) return code;
  const i = CP1252.indexOf(c);
  return i < 0 ? -1 : 0x80 + i;
}

/** `s` with its doubly encoded runs read back. */
export function repairMojibake(s: string): string {
  if (!MAYBE.test(s)) return s;
  let weakOk: boolean | undefined;
  const repaired = s.replace(RUN, (run) => {
    if (!TELL.test(run) && !(WEAK.test(run) && (weakOk ??= !LATIN1_LETTER.test(s.replace(RUN, ''))))) return run;
    const bytes = Uint8Array.from(run, byteOf);
    try {
      const out = utf8.decode(bytes);
      return [...out].length === 1 && out.charCodeAt(0) >= 0x80 ? out : run;
    } catch {
      return run;
    }
  });
  return repaired.replace(/[\u0080-\u009f]/g, (c) => {
    const w = CP1252[c.charCodeAt(0) - 0x80];
    return w === c ? '' : w;
  });
}

/** Repair every text node under `nodes`, in place. */
export function repairMojibakeIn(nodes: AnyNode[]): void {
  for (const n of nodes) {
    if (n.type === 'text') {
      const t = n as unknown as { data: string };
      t.data = repairMojibake(t.data);
    } else if ('children' in n && n.type !== 'script' && n.type !== 'style') repairMojibakeIn((n as { children: AnyNode[] }).children);
  }
}

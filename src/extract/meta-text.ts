// Small string helpers shared by the metadata readers.

// The markup escapes and the signs and punctuation titles carry ("Acme&reg;", "Q&amp;A &ndash; Part 2").
const NAMED: Record<string, string> = {
  quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0', reg: '®', copy: '©', trade: '™',
  hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  bull: '•', middot: '·',
};

/** Decode entities that pages double-escape inside attributes (`&amp;#8217;` → `’`). */
export function unescapeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s
    .replace(/&([a-z]+);/g, (whole, name: string) => NAMED[name] ?? whole)
    .replace(/&#(?:x([0-9a-f]+)|([0-9]+));/gi, (_, hex: string | undefined, dec: string | undefined) => {
      const n = parseInt(hex ?? dec ?? '', hex ? 16 : 10);
      return String.fromCodePoint(n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? 0xfffd : n);
    });
}

export function looksLikeUrl(s: string): boolean {
  return /^(?:https?:)?\/\/\S+$/i.test(s.trim()) || /^www\.\S+\.\S+$/i.test(s.trim());
}

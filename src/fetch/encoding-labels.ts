/**
 * WHATWG Encoding Standard labels (https://encoding.spec.whatwg.org/#names-and-labels) mapped to
 * the iconv-lite codec that decodes them the way browsers do. Only labels whose meaning differs
 * from, or is unknown to, iconv-lite's own alias table are listed: e.g. `iso-8859-1` and `ascii`
 * mean windows-1252, `shift_jis` means Microsoft's cp932, `gb2312` means GBK (decoded by the
 * gb18030 superset), `euc-kr` means cp949. Any other label is passed to iconv-lite as-is.
 */
const GROUPS: [codec: string, labels: string][] = [
  ['utf8', 'unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8'],
  [
    'windows1252',
    'ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 ' +
      'iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252 x-user-defined',
  ],
  [
    'windows1254',
    'cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 ' +
      'windows-1254 x-cp1254',
  ],
  ['windows874', 'dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874'],
  ['iso88598', 'csiso88598i iso-8859-8-i logical'],
  ['maccyrillic', 'x-mac-cyrillic x-mac-ukrainian'],
  ['macintosh', 'csmacintosh mac macintosh x-mac-roman'],
  ['koi8u', 'koi8-ru koi8-u'],
  ['koi8r', 'cskoi8r koi koi8 koi8-r koi8_r'],
  ['gb18030', 'chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030'],
  ['big5hkscs', 'big5 big5-hkscs cn-big5 csbig5 x-x-big5'],
  ['eucjp', 'cseucpkdfmtjapanese euc-jp x-euc-jp'],
  ['cp932', 'csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis'],
  [
    'cp949',
    'cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 ' +
      'windows-949',
  ],
  ['utf16be', 'unicodefffe utf-16be'],
  ['utf16le', 'csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le'],
];

const LABELS = new Map<string, string>();
for (const [codec, labels] of GROUPS) {
  for (const label of labels.split(' ')) LABELS.set(label, codec);
}

/** The iconv-lite codec for a WHATWG label, or the trimmed lowercase label itself when unlisted. */
export function codecForLabel(label: string): string {
  const key = label.trim().toLowerCase();
  return LABELS.get(key) ?? key;
}

// Weekday names ("Sun", "Saturday", "Mi", "sábado", "вторник"), long and short, in the European
// languages (and Indonesian) whose month names months.ts knows, built once from the runtime's Intl
// data (full ICU on Node and Workers). Keys are lowercase, without a final dot.

const LANGUAGES = [
  'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'ru', 'uk', 'cs', 'sk', 'ro', 'hu', 'fi', 'tr', 'sv', 'da', 'nb', 'id', 'el', 'hr', 'sq',
];

let names: Set<string> | undefined;

function weekdayNames(): Set<string> {
  const out = new Set<string>();
  // 4–10 January 2021 (UTC) runs Monday to Sunday.
  const days = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2021, 0, 4 + i, 12)));
  for (const lang of LANGUAGES) {
    for (const weekday of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(lang, { weekday, timeZone: 'UTC' });
      for (const d of days) out.add(format.format(d).toLowerCase().replace(/\.$/, ''));
    }
  }
  return out;
}

/** Whether `word` names a day of the week (any case, a final dot or comma aside). */
export function isWeekday(word: string): boolean {
  names ??= weekdayNames();
  return names.has(word.toLowerCase().replace(/[.,]+$/, ''));
}

// Relative dates ("vor 3 Stunden", "hace 5 minutos", "3 часа назад", "3시간 전", "3 घंटे पहले") and the words
// for yesterday and today, from data tables by language, for what chrono has no locale for or
// does not read. Generic by language, never by site. Resolved against an injected `now`.
import { build, type DateParseOptions, type ParsedDate } from './fields.ts';
import { zoneOffsetMinutes } from './zone.ts';
import { findClockTime } from './time-of-day.ts';
import { wordAlternation } from '../text.ts';

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

// Unit word stems (a written unit starts with one of them), all languages together; longer stems
// are tried first. Words in scripts without spaces (CJK, Thai) are matched the same way.
const UNIT_STEMS: Record<Unit, string> = {
  second: 'sec seg sek sekund saniye δευτερόλεπτ δευτερολεπτ ثانیه ثانية ثواني giây detik másodperc 秒 초 секунд сек วินาที שניות שנייה sekunt सेकंड',
  minute: 'min minut minuto minuti minuten dakika λεπτ دقیقه دقيقة دقائق phút menit perc 分 분 минут мин нахвилин хвилин хвилину хвилини นาที דקות דקה minuut मिनट',
  hour: 'hour hr hora ora ore stunde ώρ ωρ timer time orë sat std uur heure timm timme godzin godz hodin hodinou hodina hodiny saat ساعت ساعة ساعات giờ jam óra órá 時間 小时 小時 시간 час годин години годину ชั่วโมง שעות שעה oră tunti घंट hore valand stund tund urami сат',
  day: 'day día dia tag tagen giorn dag jour ημέρ ημερ μέρ μερ dň ditë dan dzień dni dnia den dny dnem dny gün روز يوم أيام ngày hari nap 日 天 일 день дня дней днів дні день วัน ימים יום zi päivä दिन dies dien päev дни ден дан dnev',
  week: 'week wk semana settiman woche εβδομάδ εβδομαδ uge tjed wochen sema semaine tydzień tygodni týden týdny týdnem hafta هفته أسبوع أسابيع tuần minggu hét 週 周 주 недел тижн สัปดาห์ שבוע săptămân viikko हफ्त सप्ताह setman savait nedēļ nädal седмиц недељ tedn',
  month: 'month mes mese monat maand mois μήν μην μήνα måned mjesec muaj miesiąc miesięcy miesiące měsíc ay ماه شهر أشهر tháng bulan hónap か月 ヶ月 个月 個月 개월 месяц місяц เดือน חודש lună luni kuukau महीन mėnes mēneš mēnes kuu месец mesec',
  year: 'year yr año ano anno jahr jaar an ans χρόν χρον έτ ετ år godin vit rok lat let roky yıl سال سنة سنوات năm tahun év 年 년 год лет рік роки років ปี שנה שנים vuosi vuott साल वर्ष anys metus metų gadu gadiem gada aasta',
};

// Words that say "ago" before the number (hace 3…, il y a…, vor…, před…, منذ…) or after the
// unit (…ago, …temu, …önce, …پیش, …前, …trước, …전, …назад, …sedan…). Hungarian "3 órája"
// carries it in the unit's ending (-ja/-je/-a/-e), read as "ago" by AGO_ENDINGS.
const BEFORE = ['hace', 'il y a', 'vor', 'há', 'před', 'منذ', 'قبل', 'för', 'לפני', 'cách đây', 'πριν από', 'πριν απο', 'πριν', 'pred', 'prije', 'pre', 'acum', 'fa', 'prieš', 'pirms', 'преди', 'пре'];
const AFTER = [
  'ago', 'temu', 'önce', 'evvel', 'پیش', 'قبل', '前', 'trước', 'yang lalu', 'lalu', '전', 'назад', 'тому',
  'sedan', 'siden', 'më parë', 'geleden', 'fa', 'atrás', 'zpět', 'ezelőtt', 'ที่แล้ว', 'ก่อน', 'sitten', 'पहले', 'tagasi',
];
const AGO_ENDINGS = /^(óráj|perc|napj|hete|hónapj|éve|másodperc)/;

// Number words some languages write instead of a digit ("an hour ago", "يومين" is a dual form).
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, un: 1, una: 1, uno: 1, une: 1, ein: 1, eine: 1, einem: 1, einer: 1, um: 1, uma: 1, een: 1, 'één': 1, en: 1, ett: 1, egy: 1,
  et: 1, bir: 1, 'یک': 1, 'μία': 1, 'μια': 1, 'ένα': 1, 'έναν': 1, satu: 1, 'một': 1, o: 1,
};
// One of a unit written with no number at all: Slavic languages' bare accusative or instrumental
// ("час назад", "godzinę temu", "před hodinou"), Arabic and Hebrew singulars ("منذ ساعة", "לפני שעה").
const ONE_UNIT: Record<string, Unit> = {
  'час': 'hour', 'минуту': 'minute', 'день': 'day', 'неделю': 'week', 'месяц': 'month', 'год': 'year',
  'годину': 'hour', 'хвилину': 'minute', 'тиждень': 'week', 'місяць': 'month', 'рік': 'year',
  'godzinę': 'hour', 'minutę': 'minute', 'dzień': 'day', 'tydzień': 'week', 'miesiąc': 'month', rok: 'year',
  hodinou: 'hour', minutou: 'minute', 'minútou': 'minute', dnem: 'day', 'dňom': 'day', 'týdnem': 'week', 'týždňom': 'week',
  'měsícem': 'month', mesiacom: 'month', rokem: 'year', rokom: 'year',
  'ساعة': 'hour', 'دقيقة': 'minute', 'يوم': 'day', 'أسبوع': 'week', 'شهر': 'month', 'سنة': 'year', 'عام': 'year',
  'שעה': 'hour', 'דקה': 'minute', 'יום': 'day', 'שבוע': 'week', 'חודש': 'month', 'שנה': 'year',
};
const YESTERDAY = [
  'χθες', 'χτες', 'i går', 'dje', 'jučer', 'juče', 'yesterday', 'ayer', 'gestern', 'hier', 'ontem',
  'gisteren', 'ieri', 'wczoraj', 'dün', 'dünkü', 'دیروز', 'أمس', 'امس', '昨日', '昨天', 'hôm qua', 'kemarin',
  'včera', '어제', 'вчера', 'вчора', 'tegnap', 'igår', 'אתמול', 'เมื่อวาน', 'eilen', 'ahir', 'vakar', 'eile', 'včeraj', 'јуче',
];
const TODAY = [
  'σήμερα', 'i dag', 'sot', 'danas', 'today', 'hoy', 'heute', 'aujourd\'hui', 'hoje', 'vandaag', 'oggi',
  'dzisiaj', 'dziś', 'bugün', 'امروز', 'اليوم', '今日', '今天', 'hôm nay', 'hari ini', 'dnes', '오늘', 'сегодня',
  'сьогодні', 'ma', 'idag', 'היום', 'วันนี้', 'azi', 'astăzi', 'tänään', 'आज', 'avui', 'šiandien', 'šodien', 'täna',
  'danes', 'днес', 'данас',
];

const UNIT_LIST: [string, Unit][] = Object.entries(UNIT_STEMS)
  .flatMap(([unit, stems]) => stems.split(' ').filter(Boolean).map((s) => [s, unit as Unit] as [string, Unit]))
  .sort((a, b) => b[0].length - a[0].length);
const alt = wordAlternation;

// [before] number unit-word [after]; the unit word runs to the next space or digit. A number word
// may be elided onto its unit (Italian "un'ora fa").
const RELATIVE_RE = new RegExp(
  `(?:(?<![\\p{L}])(?<before>${alt(BEFORE)})\\s*)?(?<n>\\d+|(?<![\\p{L}])(?:${alt(Object.keys(NUMBER_WORDS))})(?=\\s|'\\p{L}))'?\\s*(?<unit>[^\\s\\d,.;:()]+)\\.?(?:\\s*(?<after>${alt(AFTER)}))?`,
  'giu',
);
// [before] unit [after], "ago" written on one side at least (checked by the caller).
const ONE_UNIT_RE = new RegExp(
  `(?:(?<![\\p{L}])(?<before>${alt(BEFORE)})\\s+)?(?<![\\p{L}])(?<unit>${alt(Object.keys(ONE_UNIT))})(?![\\p{L}])(?:\\s+(?<after>${alt(AFTER)})(?![\\p{L}]))?`,
  'giu',
);
const DAY_WORDS = new RegExp(`(?<![\\p{L}])(${alt(YESTERDAY)}|${alt(TODAY)})(?![\\p{L}])`, 'iu');
const YESTERDAY_SET = new Set(YESTERDAY);
// Arabic and Hebrew duals ("منذ يومين", "לפני יומיים"): two of the unit, no number written; with
// the word that says "ago" in that language.
const DUALS: { ago: RegExp; words: Record<string, Unit> }[] = [
  { ago: /منذ|قبل/, words: { 'يومين': 'day', 'ساعتين': 'hour', 'دقيقتين': 'minute', 'أسبوعين': 'week', 'شهرين': 'month', 'سنتين': 'year' } },
  { ago: /לפני/, words: { 'יומיים': 'day', 'שעתיים': 'hour', 'שבועיים': 'week', 'חודשיים': 'month', 'שנתיים': 'year' } },
];

function unitOf(word: string): { unit: Unit; ago: boolean } | null {
  const w = word.toLowerCase();
  for (const [stem, unit] of UNIT_LIST) if (w.startsWith(stem)) return { unit, ago: AGO_ENDINGS.test(w) };
  return null;
}

/** A relative date or yesterday/today in `s`, resolved against `now`; null when there is none. */
export function parseRelative(s: string, options: DateParseOptions, now: Date): ParsedDate | null {
  for (const m of s.matchAll(RELATIVE_RE)) {
    const { before, after, unit: word } = m.groups!;
    const n = /^\d+$/.test(m.groups!.n) ? Number(m.groups!.n) : NUMBER_WORDS[m.groups!.n.toLowerCase()];
    const unit = unitOf(word);
    // Without spaces (CJK, Thai) the "ago" word ends the unit word: "3時間前", "3 ชั่วโมงที่แล้ว".
    const ago = before || after || unit?.ago || AFTER.some((a) => word.endsWith(a) && word.length > a.length);
    if (unit && ago && n <= 10_000) return shift(now, unit.unit, n, options);
  }
  for (const m of s.matchAll(ONE_UNIT_RE)) {
    const { before, after, unit } = m.groups!;
    if (before || after) return shift(now, ONE_UNIT[unit.toLowerCase()], 1, options);
  }
  for (const { ago, words } of DUALS) {
    for (const [word, unit] of Object.entries(words)) if (s.includes(word) && ago.test(s)) return shift(now, unit, 2, options);
  }
  const d = DAY_WORDS.exec(s);
  if (!d) return null;
  const back = YESTERDAY_SET.has(d[1].toLowerCase()) ? 1 : 0;
  // A dateline: the word alone or with one more ("Gestern", "Posted yesterday", "hôm qua"); in a
  // longer text it is prose ("ma", "ini" are also Italian "but", Indonesian "this").
  if (!/\d/.test(s)) return words(s) - words(d[1]) <= 1 ? shift(now, 'day', back, options) : null;
  // Or with its time, and at most a word between ("Dün 14:05", "Wczoraj, 14:05", "어제 오후 2:05").
  const rest = `${s.slice(0, d.index)} ${s.slice(d.index + d[1].length)}`;
  const t = findClockTime(rest);
  if (!t || t.hour > 23 || t.minute > 59 || t.second > 59) return null;
  const left = `${rest.slice(0, t.index)} ${rest.slice(t.index + t.length)}`.replace(/[\p{P}\p{S}]/gu, ' ').replace(AT_TWO_WORDS, ' ');
  if (/\d/.test(left) || words(left) > 1) return null;
  const day = shift(now, 'day', back, options);
  const local = new Date(day.date.getTime() + day.offset * 60_000);
  const fields = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: t.hour, minute: t.minute, second: t.second };
  return { ...build(fields, null, options.timezone, true), relative: true };
}

// "At" before a time written as two words: Spanish and Catalan "a las", "a la" ("hoy a las 14:05").
const AT_TWO_WORDS = /(?<![\p{L}])a l(?:as|es|a)(?![\p{L}])/giu;

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

const MS: Partial<Record<Unit, number>> = { second: 1000, minute: 60_000, hour: 3_600_000 };

/**
 * `now` minus `n` units. Seconds to hours keep the time; days and longer name a day (date only,
 * in the source's zone), as a page writing "2 days ago" means that day, not that minute.
 */
function shift(now: Date, unit: Unit, n: number, options: DateParseOptions): ParsedDate {
  const offset = zoneOffsetMinutes(options.timezone, now);
  if (MS[unit]) return { date: new Date(now.getTime() - n * MS[unit]!), offset, hasTime: true, relative: true };
  const local = new Date(now.getTime() + offset * 60_000);
  if (unit === 'day' || unit === 'week') local.setUTCDate(local.getUTCDate() - n * (unit === 'week' ? 7 : 1));
  else if (unit === 'month') local.setUTCMonth(local.getUTCMonth() - n);
  else local.setUTCFullYear(local.getUTCFullYear() - n);
  const fields = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: 0, minute: 0, second: 0 };
  return { ...build(fields, null, options.timezone, false), relative: true };
}

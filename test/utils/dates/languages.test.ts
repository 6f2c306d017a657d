import { describe, expect, it } from 'vitest';
import { parseDateParts, parseStatedDate } from '../../../src/utils/dates/parse.ts';
import { formatWithOffset } from '../../../src/utils/dates/zone.ts';

// 12:00 in Berlin (+02:00 in June): relative dates keep the source's offset.
const now = new Date('2025-06-01T10:00:00Z');
const read = (text: string, lang: string, timezone = 'Europe/Berlin') => {
  const p = parseDateParts(text, { now, lang, timezone });
  return p ? formatWithOffset(p.date, p.offset) : null;
};
const HOURS_3 = '2025-06-01T09:00:00+02:00';
const MINUTES_5 = '2025-06-01T11:55:00+02:00';
const DAYS_2 = '2025-05-30T00:00:00+02:00';
const YESTERDAY = '2025-05-31T00:00:00+02:00';
const MARCH_5 = '2024-03-05T00:00:00+01:00';

// The 20 most used languages of the web and a few more: relative phrasings, "yesterday", a month name.
const LANGUAGES: Record<string, { hours: string[]; minutes: string[]; days: string[]; yesterday: string; date: string }> = {
  en: { hours: ['3 hours ago', '3 hrs ago'], minutes: ['5 minutes ago', '5 min ago'], days: ['2 days ago'], yesterday: 'yesterday', date: '5 March 2024' },
  es: { hours: ['hace 3 horas'], minutes: ['hace 5 minutos', 'hace 5 min'], days: ['hace 2 días'], yesterday: 'ayer', date: '5 de marzo de 2024' },
  de: { hours: ['vor 3 Stunden', 'vor 3 Std.'], minutes: ['vor 5 Minuten', 'vor 5 Min.'], days: ['vor 2 Tagen'], yesterday: 'gestern', date: '5. März 2024' },
  ja: { hours: ['3時間前'], minutes: ['5分前'], days: ['2日前'], yesterday: '昨日', date: '2024年3月5日' },
  fr: { hours: ['il y a 3 heures', 'il y a 3 h'], minutes: ['il y a 5 minutes', 'il y a 5 min'], days: ['il y a 2 jours'], yesterday: 'hier', date: '5 mars 2024' },
  pt: { hours: ['há 3 horas'], minutes: ['há 5 minutos'], days: ['há 2 dias'], yesterday: 'ontem', date: '5 de março de 2024' },
  ru: { hours: ['3 часа назад'], minutes: ['5 минут назад'], days: ['2 дня назад'], yesterday: 'вчера', date: '5 марта 2024 г.' },
  it: { hours: ['3 ore fa'], minutes: ['5 minuti fa'], days: ['2 giorni fa'], yesterday: 'ieri', date: '5 marzo 2024' },
  nl: { hours: ['3 uur geleden'], minutes: ['5 minuten geleden'], days: ['2 dagen geleden'], yesterday: 'gisteren', date: '5 maart 2024' },
  pl: { hours: ['3 godziny temu', '3 godz. temu'], minutes: ['5 minut temu'], days: ['2 dni temu'], yesterday: 'wczoraj', date: '5 marca 2024' },
  tr: { hours: ['3 saat önce'], minutes: ['5 dakika önce'], days: ['2 gün önce'], yesterday: 'dün', date: '5 Mart 2024' },
  fa: { hours: ['۳ ساعت پیش', '3 ساعت قبل'], minutes: ['۵ دقیقه پیش'], days: ['۲ روز پیش'], yesterday: 'دیروز', date: '۵ مارس ۲۰۲۴' },
  zh: { hours: ['3小时前', '3 小時前'], minutes: ['5分钟前'], days: ['2天前'], yesterday: '昨天', date: '2024年3月5日' },
  vi: { hours: ['3 giờ trước', 'cách đây 3 giờ'], minutes: ['5 phút trước'], days: ['2 ngày trước'], yesterday: 'hôm qua', date: 'ngày 5 tháng 3 năm 2024' },
  id: { hours: ['3 jam yang lalu', '3 jam lalu'], minutes: ['5 menit yang lalu'], days: ['2 hari yang lalu'], yesterday: 'kemarin', date: '5 Maret 2024' },
  cs: { hours: ['před 3 hodinami'], minutes: ['před 5 minutami'], days: ['před 2 dny'], yesterday: 'včera', date: '5. března 2024' },
  ko: { hours: ['3시간 전'], minutes: ['5분 전'], days: ['2일 전'], yesterday: '어제', date: '2024년 3월 5일' },
  uk: { hours: ['3 години тому'], minutes: ['5 хвилин тому'], days: ['2 дні тому'], yesterday: 'вчора', date: '5 березня 2024' },
  ar: { hours: ['منذ 3 ساعات', 'قبل ٣ ساعات'], minutes: ['منذ 5 دقائق'], days: ['منذ يومين', 'منذ 2 أيام'], yesterday: 'أمس', date: '5 مارس 2024' },
  hu: { hours: ['3 órája', '3 órával ezelőtt'], minutes: ['5 perce'], days: ['2 napja'], yesterday: 'tegnap', date: '2024. március 5.' },
  sv: { hours: ['för 3 timmar sedan'], minutes: ['för 5 minuter sedan'], days: ['för 2 dagar sedan'], yesterday: 'igår', date: '5 mars 2024' },
  he: { hours: ['לפני 3 שעות'], minutes: ['לפני 5 דקות'], days: ['לפני 2 ימים'], yesterday: 'אתמול', date: '5 במרץ 2024' },
  th: { hours: ['3 ชั่วโมงที่แล้ว'], minutes: ['5 นาทีที่แล้ว'], days: ['2 วันที่แล้ว'], yesterday: 'เมื่อวาน', date: '5 มีนาคม 2024' },
  el: { hours: ['πριν από 3 ώρες', 'ΠΡΙΝ ΑΠΟ 3 ΩΡΕΣ'], minutes: ['πριν 5 λεπτά'], days: ['πριν από 2 ημέρες'], yesterday: 'χθες', date: '5 Μαρτίου 2024' },
  da: { hours: ['for 3 timer siden'], minutes: ['5 minutter siden'], days: ['2 dage siden'], yesterday: 'i går', date: '5. marts 2024' },
  sk: { hours: ['pred 3 hodinami'], minutes: ['pred 5 minútami'], days: ['pred 2 dňami'], yesterday: 'včera', date: '5. marca 2024' },
  sq: { hours: ['3 orë më parë'], minutes: ['5 minuta më parë'], days: ['2 ditë më parë'], yesterday: 'dje', date: '5 mars 2024' },
  hr: { hours: ['prije 3 sata'], minutes: ['prije 5 minuta'], days: ['prije 2 dana'], yesterday: 'jučer', date: '5. ožujka 2024.' },
  ro: { hours: ['acum 3 ore'], minutes: ['acum 5 minute'], days: ['acum 2 zile'], yesterday: 'ieri', date: '5 martie 2024' },
  fi: { hours: ['3 tuntia sitten'], minutes: ['5 minuuttia sitten'], days: ['2 päivää sitten'], yesterday: 'eilen', date: '5. maaliskuuta 2024' },
  ca: { hours: ['fa 3 hores'], minutes: ['fa 5 minuts'], days: ['fa 2 dies'], yesterday: 'ahir', date: '5 de març de 2024' },
  lt: { hours: ['prieš 3 valandas'], minutes: ['prieš 5 minutes'], days: ['prieš 2 dienas'], yesterday: 'vakar', date: '2024 m. kovo 5 d.' },
  sl: { hours: ['pred 3 urami'], minutes: ['pred 5 minutami'], days: ['pred 2 dnevoma'], yesterday: 'včeraj', date: '5. 3. 2024' },
  et: { hours: ['3 tundi tagasi'], minutes: ['5 minutit tagasi'], days: ['2 päeva tagasi'], yesterday: 'eile', date: '5. märts 2024' },
  bg: { hours: ['преди 3 часа'], minutes: ['преди 5 минути'], days: ['преди 2 дни'], yesterday: 'вчера', date: '5 март 2024' },
  lv: { hours: ['pirms 3 stundām'], minutes: ['pirms 5 minūtēm'], days: ['pirms 2 dienām'], yesterday: 'vakar', date: '2024. gada 5. martā' },
  sr: { hours: ['пре 3 сата'], minutes: ['пре 5 минута'], days: ['пре 2 дана'], yesterday: 'јуче', date: '5. март 2024.' },
};

describe('dates beyond English', () => {
  for (const [lang, t] of Object.entries(LANGUAGES)) {
    it(`${lang}: relative hours, minutes, days, yesterday and a month name, in the source's offset`, () => {
      for (const s of t.hours) expect(read(s, lang), s).toBe(HOURS_3);
      for (const s of t.minutes) expect(read(s, lang), s).toBe(MINUTES_5);
      for (const s of t.days) expect(read(s, lang), s).toBe(DAYS_2);
      expect(read(t.yesterday, lang), t.yesterday).toBe(YESTERDAY);
      expect(read(t.date, lang), t.date).toBe(MARCH_5);
    });
  }

  // Hindi "कल" is both yesterday and tomorrow: only numbered phrasings and month names are read.
  it('hi: relative hours, minutes, days and a Devanagari month name, in the source\'s offset', () => {
    expect(read('3 घंटे पहले', 'hi')).toBe(HOURS_3);
    expect(read('5 मिनट पहले', 'hi')).toBe(MINUTES_5);
    expect(read('2 दिन पहले', 'hi')).toBe(DAYS_2);
    expect(read('5 मार्च 2024', 'hi')).toBe(MARCH_5);
    expect(read('कल', 'hi')).toBeNull();
  });

  it('resolves relative dates against the injected now, in the zone of the source', () => {
    expect(read('vor 3 Stunden', 'de', 'America/New_York')).toBe('2025-06-01T03:00:00-04:00');
    expect(read('2 weeks ago', 'en')).toBe('2025-05-18T00:00:00+02:00');
    expect(read('il y a 1 an', 'fr')).toBe('2024-06-01T00:00:00+02:00');
    expect(read('an hour ago', 'en')).toBe('2025-06-01T11:00:00+02:00');
  });

  it('needs an "ago" word: a number beside a unit is no date', () => {
    expect(read('3 hours', 'en')).toBeNull();
    expect(read('5 minut', 'pl')).toBeNull();
    expect(read('Lesezeit 3 Minuten', 'de')).toBeNull();
    expect(read('3 ore', 'ro')).toBeNull();
    expect(read('acum', 'ro')).toBeNull();
  });

  it('reads Unix timestamps (seconds and milliseconds), shown in the source zone', () => {
    expect(read('1700000000', 'en')).toBe('2023-11-14T23:13:20+01:00');
    expect(read('1700000000123', 'en', 'UTC')).toBe('2023-11-14T22:13:20Z');
    expect(read('170000000', 'en')).toBeNull(); // nine digits: no timestamp
  });

  it('takes the Gregorian date when the page also gives another calendar', () => {
    expect(read('١٤٤٥/٠٨/٢٤ هـ (2024-03-05)', 'ar')).toBe(MARCH_5);
    expect(read('1402/12/15 — 5 March 2024', 'fa')).toBe(MARCH_5);
    expect(read('5 มีนาคม 2567 (5 March 2024)', 'th')).toBe(MARCH_5);
    expect(read('٢٣ شعبان ١٤٤٥ هـ الموافق 5 مارس 2024', 'ar')).toBe(MARCH_5);
  });

  it('reads month names of more scripts and their abbreviations', () => {
    expect(read('ΑΥΓΟΥΣΤΟΥ 12, 2024', 'el')).toBe('2024-08-12T00:00:00+02:00');
    expect(read('12 Αυγ. 2024', 'el')).toBe('2024-08-12T00:00:00+02:00');
    expect(read('5 มี.ค. 2024', 'th')).toBe(MARCH_5);
    expect(read('12 באוגוסט 2024', 'he')).toBe('2024-08-12T00:00:00+02:00');
    expect(read('13 gusht 2020, 09:08', 'sq')).toBe('2020-08-13T09:08:00+02:00');
    expect(read('12. avgust 2024', 'sr')).toBe('2024-08-12T00:00:00+02:00');
    expect(read('12 آب 2024', 'ar')).toBe('2024-08-12T00:00:00+02:00');
    expect(read('12 Ogos 2024', 'ms')).toBe('2024-08-12T00:00:00+02:00');
    // Catalan, Hungarian's abbreviations, Urdu, Tagalog and the scripts of India.
    for (const [text, lang] of [
      ["5 d'març de 2024", 'ca'], ['2024. márc. 5.', 'hu'], ['5 مارچ 2024', 'ur'], ['5 Marso 2024', 'tl'], ['5 மார்ச் 2024', 'ta'],
      ['5 మార్చి 2024', 'te'], ['5 मार्च 2024', 'mr'], ['5 માર્ચ 2024', 'gu'], ['5 മാർച്ച് 2024', 'ml'], ['5 ಮಾರ್ಚ್ 2024', 'kn'],
    ]) {
      expect(read(text, lang), text).toBe(MARCH_5);
    }
  });

  it('reads dotted dates spaced as Czech, Slovak, Slovenian and Croatian typography writes them', () => {
    expect(read('5. 3. 2024', 'cs')).toBe(MARCH_5);
    expect(read('Publikováno 5. 3. 2024 14:05', 'cs')).toBe('2024-03-05T14:05:00+01:00');
    expect(read('5. 3. 2024.', 'hr')).toBe(MARCH_5);
  });

  it('reads hours and minutes written as CJK words, and the afternoon before a 12-hour time', () => {
    for (const [text, lang] of [['2024年3月5日 14時05分', 'ja'], ['2024年3月5日 午後2時5分', 'ja'], ['2024年3月5日 下午2:05', 'zh'], ['2024. 3. 5. 오후 2:05', 'ko']]) {
      expect(read(text, lang), text).toBe('2024-03-05T14:05:00+01:00');
    }
    expect(read('2024. 3. 5. 오전 12:30', 'ko')).toBe('2024-03-05T00:30:00+01:00');
    expect(read('2024. 3. 5. 오전 9:30', 'ko')).toBe('2024-03-05T09:30:00+01:00');
  });

  it('reads one of a unit written without a digit: a number word or the unit alone', () => {
    const HOUR_1 = '2025-06-01T11:00:00+02:00';
    for (const [text, lang] of [
      ['час назад', 'ru'], ['годину тому', 'uk'], ['godzinę temu', 'pl'], ['před hodinou', 'cs'], ['منذ ساعة', 'ar'],
      ['לפני שעה', 'he'], ['bir saat önce', 'tr'], ['یک ساعت پیش', 'fa'], ['πριν από μία ώρα', 'el'], ['satu jam yang lalu', 'id'],
      ['một giờ trước', 'vi'], ['acum o oră', 'ro'], ["un'ora fa", 'it'], ['un’ora fa', 'it'], ["un'ora fa", 'pt'],
    ]) {
      expect(read(text, lang), text).toBe(HOUR_1);
    }
    expect(read('рік тому', 'uk')).toBe('2024-06-01T00:00:00+02:00');
    // The unit alone, with no word for "ago", is no date; nor is a unit inside a word ("اليوم" is today).
    expect(read('час', 'ru')).toBeNull();
    expect(read('ساعة', 'ar')).toBeNull();
  });

  it('reads the Hebrew dual ("two days") as the Arabic one, and Latvian relative dates', () => {
    expect(read('לפני יומיים', 'he')).toBe(DAYS_2);
    expect(read('לפני שעתיים', 'he')).toBe('2025-06-01T10:00:00+02:00');
    expect(read('יומיים', 'he')).toBeNull();
    expect(read('pirms 3 stundām', 'lv')).toBe(HOURS_3);
    expect(read('pirms 2 dienām', 'lv')).toBe(DAYS_2);
  });

  it('reads digits of any script: Devanagari, Bengali (both spellings of its য়), Thai, full-width', () => {
    expect(read('५ मार्च २०२४', 'hi')).toBe(MARCH_5);
    expect(read('১২ আগস্ট ২০২৪', 'bn')).toBe('2024-08-12T00:00:00+02:00');
    // ফেব্রুয়ারি with য় as one code point (U+09DF) and as য + nukta (U+09AF U+09BC), as pages write it.
    expect(read('১৬ ফেব্রু\u09dfারি ২০২০, ১৬:২০', 'bn')).toBe('2020-02-16T16:20:00+01:00');
    expect(read('১৬ ফেব্রু\u09af\u09bcারি ২০২০', 'bn')).toBe('2020-02-16T00:00:00+01:00');
    expect(read('๑๒ สิงหาคม ๒๕๖๗', 'th')).toBe('2024-08-12T00:00:00+02:00');
    expect(read('２０２４年３月５日', 'ja')).toBe(MARCH_5);
  });

  it('reads a date written only in the Solar Hijri or the Thai Buddhist calendar as its Gregorian day', () => {
    // 2 Tir 1399 is 22 June 2020; Persian and Arabic letters and digits alike.
    expect(read('دوشنبه ۲ تیر ۱۳۹۹', 'fa')).toBe('2020-06-22T00:00:00+02:00');
    expect(read('۲ تير ۱۳۹۹ - 12:09:08', 'fa')).toBe('2020-06-22T12:09:08+02:00');
    expect(read('۱۵ اسفند ۱۴۰۲', 'fa')).toBe(MARCH_5);
    // Numeric, on a Persian page only: elsewhere a 14xx year is the lunar Hijri one, skipped.
    expect(read('۱۴۰۲/۱۲/۱۵', 'fa')).toBe(MARCH_5);
    expect(read('1402/12/15', 'ar')).toBeNull();
    // Buddhist era (Gregorian + 543) with a Thai month name.
    expect(read('5 มีนาคม 2567', 'th')).toBe(MARCH_5);
    expect(read('5 มี.ค. 2567 10:30 น.', 'th')).toBe('2024-03-05T10:30:00+01:00');
    expect(read('5 March 2567', 'en')).toBeNull();
    expect(read('05/03/2567', 'th')).toBe(MARCH_5);
    expect(read('05/03/2567', 'en')).toBeNull();
  });

  it('reads Japanese era and Minguo (Taiwan) years as Gregorian ones', () => {
    expect(read('令和6年3月5日', 'ja')).toBe(MARCH_5);
    expect(read('令和元年5月1日 10:00', 'ja')).toBe('2019-05-01T10:00:00+02:00');
    expect(read('平成31年4月30日', 'ja')).toBe('2019-04-30T00:00:00+02:00');
    expect(read('中華民國 113 年 3 月 5 日', 'zh')).toBe(MARCH_5);
  });

  it('a word for yesterday or today dates a text only as a dateline, not inside prose', () => {
    expect(read('Pubblicato ieri', 'it')).toBe(YESTERDAY);
    expect(read('hôm qua', 'vi')).toBe(YESTERDAY);
    expect(read('i går', 'da')).toBe(YESTERDAY);
    expect(read('hari ini', 'id')).toBe('2025-06-01T00:00:00+02:00');
    // Italian "i" (the) and "ma" (but), Indonesian "ini" (this): words of other languages' days.
    expect(read('Pubblica i tuoi prodotti', 'it')).toBeNull();
    expect(read('Leggi ma anche', 'it')).toBeNull();
    expect(read('Baca berita ini selengkapnya', 'id')).toBeNull();
    // With its time: the wall clock of that day in the source's zone.
    for (const [line, lang] of [['Dün 14:05', 'tr'], ['Wczoraj, 14:05', 'pl'], ['어제 오후 2:05', 'ko'], ['Hôm qua lúc 14:05', 'vi'], ['أمس 14:05', 'ar'], ['Včera 14:05', 'cs']]) {
      expect(read(line, lang), line).toBe('2025-05-31T14:05:00+02:00');
    }
    expect(read('Hari ini 14:05', 'id')).toBe('2025-06-01T14:05:00+02:00');
    // A typographic apostrophe is the typed one.
    expect(read('Aujourd’hui à 14h05', 'fr')).toBe('2025-06-01T14:05:00+02:00');
    // Spanish and Catalan write "at" as two words.
    expect(read('Actualizado hoy a las 14:05', 'es')).toBe('2025-06-01T14:05:00+02:00');
    expect(read('Ayer a las 14:05', 'es')).toBe('2025-05-31T14:05:00+02:00');
    expect(read('Ahir a les 14:05', 'ca')).toBe('2025-05-31T14:05:00+02:00');
    expect(read('Leggi ma 14:05 la riunione', 'it')).toBeNull();
    // A word for "ago" inside another word is none: Catalan "fa" ends "sofa".
    expect(read('sofa 2 dies', 'ca')).toBeNull();
  });

  it('a span ahead of now ("in 3 hours", "for 3 hours") dates no page', () => {
    expect(read('in 3 hours', 'en')).toBeNull();
    expect(read('for 3 hours', 'en')).toBeNull();
    expect(read('in 3 Tagen', 'de')).toBeNull();
  });

  it('a stated date (API) is never relative nor a timestamp', () => {
    expect(parseStatedDate('vor 3 Stunden', { now }).ok).toBe(false);
    expect(parseStatedDate('1700000000', { now }).ok).toBe(false);
  });
});

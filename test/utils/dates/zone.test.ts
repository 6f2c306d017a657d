import { describe, expect, it } from 'vitest';
import { isClockOffset, isShownOffset, languageZone, scriptLanguage, shownOffset } from '../../../src/utils/dates/zone.ts';

describe('shownOffset: the offset feeds write a date in', () => {
  const at = new Date('2026-03-05T04:00:00Z');

  it('keeps the offset the text gave, whatever the source zone', () => {
    expect(shownOffset(at, 330, undefined)).toBe(330);
    expect(shownOffset(at, -240, 'Europe/Berlin')).toBe(-240);
  });

  it('reads a UTC or offset-less date in the source zone at that instant (DST included), else unknown', () => {
    expect(shownOffset(at, 0, 'Europe/Berlin')).toBe(60);
    expect(shownOffset(new Date('2026-07-05T04:00:00Z'), null, 'Europe/Berlin')).toBe(120);
    expect(shownOffset(at, 0, 'Asia/Kathmandu')).toBe(345);
    expect(shownOffset(at, 0, undefined)).toBeNull();
    expect(shownOffset(at, null, 'UTC')).toBeNull();
    expect(shownOffset(at, 0, 'Europe/London')).toBeNull(); // GMT in winter: nothing UTC does not say
  });

  it('leaves out local mean times in seconds and offsets no zone uses', () => {
    expect(shownOffset(new Date('1850-01-01T00:00:00Z'), null, 'Europe/Paris')).toBeNull(); // +00:09:21
    expect(shownOffset(at, 15 * 60, undefined)).toBeNull();
    expect([330, -720, 840].every(isShownOffset)).toBe(true);
    expect([0, 1.5, 841, -841, '330', null].some(isShownOffset)).toBe(false);
  });
});

describe('isClockOffset: the offsets some clock keeps', () => {
  it('takes whole hours from -12 to +14 and the part-hour offsets in use', () => {
    for (const m of [-720, -300, 60, 840, 330, 345, -210, 765]) expect(isClockOffset(m), String(m)).toBe(true);
    for (const m of [-780, 900, 90, -690, 15, 1]) expect(isClockOffset(m), String(m)).toBe(false);
  });
});

describe('languageZone and scriptLanguage: the zone a one-zone language writes its clock in', () => {
  it('names the zone of a language of one country\'s clock, and of none other', () => {
    expect(['ja', 'ko-KR', 'zh-TW', 'th', 'vi'].map(languageZone)).toEqual(['Asia/Tokyo', 'Asia/Seoul', 'Asia/Shanghai', 'Asia/Bangkok', 'Asia/Ho_Chi_Minh']);
    expect([languageZone('en'), languageZone('es-MX'), languageZone(null)]).toEqual([null, null, null]);
  });
  it('reads the language from the script: kana is Japanese (with Han), Hangul Korean, Han alone Chinese', () => {
    expect(['複数要素の関連', '뉴스 속보', '新华社北京电', 'Heat wave', '', null].map(scriptLanguage)).toEqual(['ja', 'ko', 'zh', null, null, null]);
  });
});

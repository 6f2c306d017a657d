import { describe, expect, it } from 'vitest';
import { asciiDigits, collapse, collapsedLength, collapseSpace, trimEndWhere, trimInvisible, truncateText, withoutBom, withoutWordMarks, wordAlternation, wordCount } from '../../src/utils/text.ts';

describe('utils/text', () => {
  it('collapse joins whitespace runs (no-break and zero-width spaces too) and trims', () => {
    expect(['  a \n b ', 'a\u00a0\u00a0b', 'a\u200bb', '', '\t'].map(collapse)).toEqual(['a b', 'a b', 'a b', '', '']);
    expect(collapse(' a\u00a0\u200b b ')).toBe('a b');
  });

  it('reads U+FEFF inside a text as nothing: an editor\'s caret mark inside a word does not split it', () => {
    expect(collapse('The 10 B\ufeffest ROI')).toBe('The 10 Best ROI');
    expect(collapse('\ufeff a \ufeff b\ufeff')).toBe('a b');
    expect(withoutBom('H\ufeffow to')).toBe('How to');
    expect(withoutBom('no mark')).toBe('no mark');
  });

  it('withoutWordMarks reads soft hyphens and U+FEFF as nothing: a word hyphenated for line breaks is still the word', () => {
    expect(withoutWordMarks('Ver\u00adan\u00adstal\u00adtung am M\ufeffarkt')).toBe('Veranstaltung am Markt');
    expect(withoutWordMarks('no mark')).toBe('no mark');
    // Fields shown as written keep them (Reader View's title and excerpt do).
    expect(collapse(' Ita\u00adli\u00adens  Weine ')).toBe('Ita\u00adli\u00adens Weine');
  });

  it('trimInvisible trims whitespace and zero-width characters off both ends, and keeps those inside', () => {
    expect(['\u200d', ' \u200b\u200c\u2060\ufeff ', '\u200d a b\u200d ', 'a', ''].map(trimInvisible)).toEqual(['', '', 'a b', 'a', '']);
    // Inside a line they join or part characters: an emoji sequence, a Persian word's ZWNJ.
    expect(trimInvisible(' \u{1F469}\u200d\u{1F4BB} ')).toBe('\u{1F469}\u200d\u{1F4BB}');
    expect(trimInvisible('\u0645\u06cc\u200c\u0634\u0648\u062f')).toBe('\u0645\u06cc\u200c\u0634\u0648\u062f');
  });
});

describe('collapseSpace', () => {
  it('makes every run of whitespace one space, as replace(/\\s+/g, " ") does, and leaves the ends', () => {
    const texts = ['', ' ', 'one two', '  lead and trail  ', 'tab\tline\nbreak\r\n', 'a \n\t b', 'nbsp\u00a0\u00a0x', 'thin\u2009ideographic\u3000', '\u200bzero-width stays'];
    for (const t of texts) {
      expect(collapseSpace(t), JSON.stringify(t)).toBe(t.replace(/\s+/g, ' '));
      expect(collapsedLength(t), JSON.stringify(t)).toBe(t.replace(/\s+/g, ' ').length);
    }
    expect(collapseSpace(' a \n\t b\u00a0')).toBe(' a b ');
  });
});

describe('truncateText', () => {
  it('leaves short text alone and cuts long text on a word boundary', () => {
    expect(truncateText('short text', 20)).toBe('short text');
    expect(truncateText('one two three four', 12)).toBe('one two…');
    expect(truncateText('abcdefghijklmnop', 10)).toBe('abcdefghi…');
    expect(truncateText('one two three four', 12).length).toBeLessThanOrEqual(12);
  });
});

describe('trimEndWhere', () => {
  it('drops the run of matching characters at the end only, a character outside the BMP tested whole', () => {
    expect(trimEndWhere('Title » › ', /[\s»›]/)).toBe('Title');
    expect(trimEndWhere('a - b - ', /[\s-]/)).toBe('a - b');
    expect(trimEndWhere('---', /-/)).toBe('');
    expect(trimEndWhere('', /-/)).toBe('');
    expect(trimEndWhere('ab😀😀', /[^\p{L}\p{N}]/u)).toBe('ab');
    expect(trimEndWhere('ab𠀀', /[^\p{L}\p{N}]/u)).toBe('ab𠀀');
  });

  it('gives what the pattern `[…]+$` gives, on runs that stop short of the end too', () => {
    for (const s of ['x' + '-'.repeat(20_000) + 'y', '-'.repeat(20_000), 'a, b,, ', ' , ,x, ,']) {
      expect(trimEndWhere(s, /[\s,-]/)).toBe(s.replace(/[\s,-]+$/, ''));
    }
  });
});

describe('asciiDigits', () => {
  it('writes the decimal digits of every script as ASCII, and leaves everything else', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
    expect(asciiDigits('१६ फ़रवरी २०२०')).toBe('16 फ़रवरी 2020');
    expect(asciiDigits('১৬:২০, ১৬ ফেব্রুয়ারি ২০২০')).toBe('16:20, 16 ফেব্রুয়ারি 2020');
    expect(asciiDigits('๒๕๖๗ ２０２４ ၁၉')).toBe('2567 2024 19');
    // Outside the BMP, and five blocks of ten in one run (mathematical bold, double-struck…).
    expect(asciiDigits('\u{1E950}\u{1E959} \u{1D7CE}\u{1D7D7}\u{1D7D8}\u{1D7FF}')).toBe('09 0909');
    // Numerals that are not decimal digits (Roman, circled, superscript) stay as written.
    expect(asciiDigits('Ⅻ ① ² 2024 abc')).toBe('Ⅻ ① ² 2024 abc');
  });
});

describe('wordAlternation', () => {
  it('tries longer words first and matches each literally', () => {
    const re = new RegExp(`^(?:${wordAlternation(['by', 'written by', 'a.m.'])})`);
    expect(re.exec('written by Jane')?.[0]).toBe('written by');
    expect(re.test('a.m.')).toBe(true);
    expect(re.test('axmx')).toBe(false);
  });
});

describe('wordCount', () => {
  it('counts words, with their apostrophes and hyphens, and CJK text at about two characters a word', () => {
    expect(wordCount("Don't pick the well-known one, Sasha says.")).toBe(7);
    expect(wordCount('  \u0001 ')).toBe(0);
    expect(wordCount('複数要素の関連をビジュアライズ')).toBe(8);
  });
});

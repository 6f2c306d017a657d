import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, cleanTitle, stripXmlInvalid } from '../../src/normalize/text.ts';

describe('cleanText', () => {
  it('decodes leftover entities, collapses whitespace and trims', () => {
    expect(cleanText('  Tom &amp; Jerry&#8217;s\n\t &lt;b&gt; &#x1F600; &hellip;  ')).toBe('Tom & Jerry’s <b> 😀 …');
    expect(cleanText('a\u00a0\u00a0b\u200b c')).toBe('a b c');
  });

  it('leaves ampersands that are not strict entities alone', () => {
    expect(cleanText('AT&T and R&D, ?a=1&not=2, &copy 2024, &unknownentity;')).toBe('AT&T and R&D, ?a=1&not=2, &copy 2024, &unknownentity;');
  });

  it('decodes only once', () => {
    expect(cleanText('&amp;amp;')).toBe('&amp;');
  });
});

describe('stripXmlInvalid', () => {
  it('removes C0 controls except tab, LF and CR, and the non-characters U+FFFE/U+FFFF', () => {
    expect(stripXmlInvalid('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\th\ni\rj\uFFFEk\uFFFFl')).toBe('abcdefg\th\ni\rjkl');
  });

  it('removes lone surrogates and keeps valid pairs', () => {
    expect(stripXmlInvalid('x\uD83D\uDE00y')).toBe('x😀y');
    expect(stripXmlInvalid('a\uD83Db')).toBe('ab');
    expect(stripXmlInvalid('a\uDE00b')).toBe('ab');
    expect(stripXmlInvalid('\uDE00\uD83D')).toBe('');
    expect(stripXmlInvalid('\uD83D\uD83D\uDE00')).toBe('😀');
  });

  it('always yields text an XML 1.0 document can carry', () => {
    const xmlChar = /^(?:[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(stripXmlInvalid(s)).toMatch(xmlChar);
      }),
    );
  });

  it('leaves valid text untouched', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const valid = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        expect(stripXmlInvalid(valid)).toBe(valid);
      }),
    );
  });
});

describe('cleanTitle', () => {
  it('drops the site name as suffix or prefix, whatever the separator', () => {
    expect(cleanTitle('Summit ends with joint statement | The BRICS Post', 'The BRICS Post')).toBe('Summit ends with joint statement');
    expect(cleanTitle('Summit ends - BRICS Post', 'The BRICS Post')).toBe('Summit ends');
    expect(cleanTitle('Summit ends — The BRICS Post', 'The BRICS Post')).toBe('Summit ends');
    expect(cleanTitle('The BRICS Post: Summit ends', 'The BRICS Post')).toBe('Summit ends');
    expect(cleanTitle('Summit ends | bricspost.com', 'The BRICS Post')).toBe('Summit ends');
  });

  it('drops a short generic trailing segment after a strong separator', () => {
    expect(cleanTitle('Central bank holds rates steady | Daily Planet')).toBe('Central bank holds rates steady');
    expect(cleanTitle('Central bank holds rates steady – example.org')).toBe('Central bank holds rates steady');
    expect(cleanTitle('Central bank holds rates steady » Voice of America')).toBe('Central bank holds rates steady');
    expect(cleanTitle('Summit ends | The BRICS Post', 'The BRICS Post (demo)')).toBe('Summit ends');
    expect(cleanTitle('Hermitian matrix - Wikipedia')).toBe('Hermitian matrix');
    expect(cleanTitle('Yahoo Sale Leaves Shareholders With Little Say - The New York Times')).toBe('Yahoo Sale Leaves Shareholders With Little Say');
    // Once the site name is gone, the rest is the headline's business.
    expect(cleanTitle('Minecraft 1.8 - The Bountiful Update - Minecraft News', 'Minecraft News')).toBe('Minecraft 1.8 - The Bountiful Update');
  });

  it('keeps segments that belong to the headline', () => {
    expect(cleanTitle('Interview with the minister - Part 2')).toBe('Interview with the minister - Part 2');
    expect(cleanTitle('Spider-Man review: great fun')).toBe('Spider-Man review: great fun');
    expect(cleanTitle('Rates | What happens next for borrowers and savers in the coming year?')).toBe(
      'Rates | What happens next for borrowers and savers in the coming year?',
    );
    expect(cleanTitle('Ukraine - Russia talks')).toBe('Ukraine - Russia talks');
    expect(cleanTitle('Modi meets Xi — and talks trade')).toBe('Modi meets Xi — and talks trade');
    expect(cleanTitle("Modi meets Xi — Here's What They Agreed")).toBe("Modi meets Xi — Here's What They Agreed");
    expect(cleanTitle('Markets | the day ahead')).toBe('Markets | the day ahead');
    // A site name must match most of the segment: "Apple" is not "Apple Insider".
    expect(cleanTitle('Apple: the company that changed phones', 'Apple Insider')).toBe('Apple: the company that changed phones');
  });

  it('never returns an empty title', () => {
    expect(cleanTitle('The BRICS Post', 'The BRICS Post')).toBe('The BRICS Post');
    expect(cleanTitle(' | The BRICS Post', 'The BRICS Post')).toBe('| The BRICS Post');
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), fc.option(fc.string()), (t, site) => {
        if (cleanText(t) !== '') expect(cleanTitle(t, site)).not.toBe('');
      }),
    );
  });

  it('cleans entities and whitespace too', () => {
    expect(cleanTitle('  Q&amp;A:\n the  plan  ')).toBe('Q&A: the plan');
  });
});

import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { parseHtml } from '../../src/html/parse.ts';
import { cleanText } from '../../src/extract/content-dom.ts';
import { creditLine, cutTrailingCredit } from '../../src/extract/content-credits.ts';

/** The first <p> of `html`: whether cutting its trailing credit left no caption, and its text after. */
function cut(html: string): { dropped: boolean; left: string } {
  const p = parseHtml(html).children.find((n) => n.type === 'tag') as Element;
  const caption = cutTrailingCredit(p, cleanText(p));
  // What is left, as the cleaner reads it, is what the cut says is left.
  if (caption) expect(caption).toBe(cleanText(p));
  return { dropped: caption === '', left: cleanText(p) };
}

describe('picture credits', () => {
  it.each([
    'Foto: dpa',
    'Image credit: www.example.com/in/',
    '© Press Office',
    'Tim Robberts/Getty Images',
    'Getty Images / Holger Leue',
    'Daniel Dorko/Hans Lucas/AFP via Getty Images',
    'Jae C. Hong/AP',
    'DGLimages via Getty Images',
    'Judy Eddy/WENN.com',
    'Фото: РИА Новости',
    'Zdjęcie: Jan Kowalski',
    'Fotoğraf: AA',
    'Ảnh: Reuters',
    'צילום: רויטרס',
    '사진=연합뉴스',
    '图片：新华社',
  ])('"%s" is a credit line', (line) => {
    expect(creditLine(line)).toBe(true);
  });

  it.each([
    'A Reuters/Ipsos poll found most residents back the plan.',
    'Getty Images',
    'and/or',
    'Photographs by Jane Doe appear in the exhibition until May, with works lent by the city museum and private collectors.',
  ])('"%s" is not', (line) => {
    expect(creditLine(line)).toBe(false);
  });

  it('reads a line of names and "via" in one pass (a pattern over it backtracked without end)', () => {
    expect(creditLine(`${'a via '.repeat(19)}x`)).toBe(false);
    expect(creditLine(`${'Getty via '.repeat(11)}x!`)).toBe(false);
    expect(creditLine(`${'a via '.repeat(15)}Getty Images`)).toBe(true);
  });

  it('reads an agency line as a heading only with a credit\'s label', () => {
    expect(creditLine('Pexels / Unsplash', true)).toBe(false);
    expect(creditLine('Photo: Pexels / Unsplash', true)).toBe(true);
  });

  it('cuts a caption\'s trailing credit and keeps the caption', () => {
    expect(cut('<p>Marco Odermatt, ski star. © AFP / MARCO BERTORELLO</p>')).toEqual({ dropped: false, left: 'Marco Odermatt, ski star.' });
    expect(cut('<p>Lee Elder at the Masters. | © Augusta National/Getty Images</p>')).toEqual({ dropped: false, left: 'Lee Elder at the Masters.' });
    expect(cut('<p><b>Lee Elder</b> at the Masters. © PGA of America via Getty Images</p>')).toEqual({ dropped: false, left: 'Lee Elder at the Masters.' });
  });

  it('tells the caller to drop a line that was only a labelled credit', () => {
    expect(cut('<p>Bild © Johannes Gregor/hr</p>').dropped).toBe(true);
    expect(cut('<p>Â© dpa-infocom, dpa:201227-99-820474/3</p>').dropped).toBe(true);
  });

  it('leaves a copyright notice, a credit split by markup, and a long paragraph alone', () => {
    expect(cut('<p>The first map of the line. © 1998 The Author</p>')).toEqual({ dropped: false, left: 'The first map of the line. © 1998 The Author' });
    expect(cut('<p>The tram. © <a href="/x">AFP / Jane Doe</a></p>').left).toBe('The tram. © AFP / Jane Doe');
    const long = `${'A sentence of the story that runs on. '.repeat(6)}© AFP / Jane Doe`;
    expect(cut(`<p>${long}</p>`).left).toBe(long.trim());
  });
});

/**
 * The measuring pass (content-measure.ts): collapsed text length and commas per element.
 */
import { describe, expect, it } from 'vitest';
import { Text as TextNode, type Element, type Text } from 'domhandler';
import { parseHtml } from '../../src/html/parse.ts';
import { measure, type Stats } from '../../src/extract/content-measure.ts';

function firstTag(node: { children: unknown[] }, name: string): Element | undefined {
  for (const c of node.children as Element[]) {
    if (c.type === 'tag' && c.name === name) return c;
    if (c.type === 'tag') {
      const found = firstTag(c, name);
      if (found) return found;
    }
  }
  return undefined;
}

describe('measure', () => {
  it('counts whitespace runs once (NBSP, tabs, newlines included), not at a text node’s start, and commas of four scripts', () => {
    const doc = parseHtml('<body><p>  one,\t\ttwo&nbsp;&nbsp;three，四、five، </p><p><a href="/x">six seven</a></p></body>');
    const stats = new Map<Element, Stats>();
    const total = measure(doc, stats);
    // "one," + " " + "two" + " " + "three，四、five،" + " " = 4+1+3+1+13+1; then "six seven" (9).
    expect(total.text).toBe(23 + 9);
    expect(total.commas).toBe(4);
    expect(total.link).toBe(9);
    expect(total.p).toBe(2);
  });

  it('reads whitespace as `\\s` does: indentation-only text counts nothing, a run inside or at the end counts once', () => {
    const texts = [
      '\n\t\t\t  ',
      'word',
      '  lead\n\n\t  inner   end\n  ',
      'thin\u2009space and\u3000ideographic\u00a0\u00a0nbsp',
      '\ufeffbom\vvertical\u2028line',
      'a\u200bzero-width space is not whitespace',
    ];
    for (const t of texts) {
      const doc = parseHtml('<body><p></p></body>');
      const p = firstTag(doc, 'p')!;
      (p.children as Text[]).push(new TextNode(t));
      // The definition: leading whitespace dropped, every run of `\s` one character.
      const expected = t.replace(/^\s+/, '').replace(/\s+/g, ' ').length;
      expect(measure(doc, new Map()).text, JSON.stringify(t)).toBe(expected);
    }
  });
});

/**
 * The measuring pass (content-measure.ts): collapsed text length and commas per element, and the
 * text scans a later pass over the same nodes reuses.
 */
import { describe, expect, it } from 'vitest';
import type { Element, Text } from 'domhandler';
import { parseHtml } from '../../src/html/parse.ts';
import { measure, type Stats, type TextScans } from '../../src/extract/content-measure.ts';

const LONG = 'A paragraph long enough, at well over sixty-four characters, that its scan is kept for reuse.';

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

  it('gives the same figures with kept scans as without, and scans a text node again when its text changed', () => {
    const html = `<body><div><p>${LEAD()}</p><p>${LONG}</p></div></body>`;
    const fresh = measure(parseHtml(html), new Map());
    const doc = parseHtml(html);
    const scans: TextScans = new Map();
    const first = measure(doc, new Map(), { scans });
    expect(scans.size).toBe(2);
    const second = measure(doc, new Map(), { scans });
    expect({ ...second, order: 0 }).toEqual({ ...fresh, order: 0 });
    expect({ ...first, order: 0 }).toEqual({ ...fresh, order: 0 });

    const p = firstTag(doc, 'p')!;
    (p.children[0] as Text).data = 'Short, now.';
    const after = measure(doc, new Map(), { scans });
    expect(after.text).toBe(fresh.text - LEAD().length + 'Short, now.'.length);
    expect(after.commas).toBe(fresh.commas - 2 + 1);
  });
});

function LEAD(): string {
  return 'The first paragraph, with two commas, long enough to be kept as well by the measuring pass.';
}

/**
 * Data tables in the content (content-tables.ts): which tables are data, and which wrappers
 * stand for one.
 */
import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { parseHtml } from '../../src/html/parse.ts';
import { measure, type Stats } from '../../src/extract/content-measure.ts';
import { isDataTable, wrapsDataTable } from '../../src/extract/content-tables.ts';

/** The page's first element of `name`, with the measurements of every element. */
function read(html: string, name: string): { el: Element; stats: Map<Element, Stats> } {
  const doc = parseHtml(`<body>${html}</body>`);
  const stats = new Map<Element, Stats>();
  measure(doc, stats);
  const find = (n: { children: unknown[] }): Element | undefined => {
    for (const c of n.children as Element[]) {
      if (c.type !== 'tag') continue;
      if (c.name === name) return c;
      const f = find(c);
      if (f) return f;
    }
    return undefined;
  };
  return { el: find(doc)!, stats };
}

const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
const table = (rows: string[][]) => `<table>${rows.map(row).join('')}</table>`;
const dataTable = (el: Element, stats: Map<Element, Stats>) => isDataTable(el, stats.get(el));

describe('isDataTable', () => {
  it('takes a table of plain cells, and one whose cells hold a paragraph when it is a grid of more than ten cells', () => {
    const plain = read(table([['a', 'b'], ['c', 'd']]), 'table');
    expect(dataTable(plain.el, plain.stats)).toBe(true);
    const grid = read(table([['<p>Setting</p>', 'Desktop', 'Phone'], ['Chunk', '64', '16'], ['Reads', '32', '8'], ['Timeout', '30', '10']]), 'table');
    expect(dataTable(grid.el, grid.stats)).toBe(true);
  });

  it('leaves out a small table with a paragraph, a table holding another (layout nests), and one of links', () => {
    const small = read(table([['<p>Share</p>', 'Mail'], ['Print', 'Copy']]), 'table');
    expect(dataTable(small.el, small.stats)).toBe(false);
    const nested = read(table([['<p>Menu</p>', table([['x', 'y']])], ...Array(10).fill(['a', 'b'])]), 'table');
    expect(dataTable(nested.el, nested.stats)).toBe(false);
    const links = read(table([['<a href="/a">Home</a>', '<a href="/b">News</a>']]), 'table');
    expect(dataTable(links.el, links.stats)).toBe(false);
  });

  it('counts a cell spanning columns as that many', () => {
    const wide = read(`<table><tr><td colspan="5"><p>Vegetables</p></td></tr>${row(['Onions', '3'])}</table>`, 'table');
    expect(dataTable(wide.el, wide.stats)).toBe(true);
    const narrow = read(`<table><tr><td colspan="2"><p>Vegetables</p></td></tr>${row(['Onions', '3'])}</table>`, 'table');
    expect(dataTable(narrow.el, narrow.stats)).toBe(false);
  });
});

describe('wrapsDataTable', () => {
  const grid = table([['<p>Setting</p>', 'Desktop', 'Phone'], ['Chunk', '64', '16'], ['Reads', '32', '8'], ['Timeout', '30', '10']]);

  it('takes divs whose only element, through more such divs, is a data table', () => {
    const { el, stats } = read(`<div class="table-scroll"><div class="inner">${grid}</div></div>`, 'div');
    expect(wrapsDataTable(el, stats)).toBe(true);
  });

  it('leaves out a div with anything beside the table, a wrapper that is not a div, and a layout table', () => {
    const beside = read(`<div class="table-scroll"><p>Share this</p>${grid}</div>`, 'div');
    expect(wrapsDataTable(beside.el, beside.stats)).toBe(false);
    const section = read(`<section class="table-scroll">${grid}</section>`, 'section');
    expect(wrapsDataTable(section.el, section.stats)).toBe(false);
    const layout = read(`<div class="table-scroll">${table([['<p>Share</p>', 'Mail']])}</div>`, 'div');
    expect(wrapsDataTable(layout.el, layout.stats)).toBe(false);
  });
});

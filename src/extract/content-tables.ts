/**
 * Data tables in the content (content-clean.ts keeps them): a table of data rather than one of
 * layout, and the wrappers around one.
 */
import type { Element } from 'domhandler';
import { findDescendant, isElement, soleElement } from './content-dom.ts';
import { linkDensity, type Stats } from './content-measure.ts';

/** Whether an element is a data table (kept) rather than a layout one. */
export function isDataTable(el: Element, s: Stats | undefined): boolean {
  if (el.attribs.role === 'presentation' || el.attribs.datatable === '0') return false;
  if (el.attribs.summary) return true;
  for (const c of el.children) if (isElement(c) && (c.name === 'caption' || c.name === 'thead' || c.name === 'colgroup')) return true;
  if (!s || s.text === 0 || linkDensity(s) >= 0.5) return false;
  return s.p === 0 || gridOfData(el);
}

/**
 * A grid as data tables are drawn (Readability's measure): ten rows or more, more than four
 * columns, or more than ten cells, and no table inside (layout tables nest). Its cells may hold
 * paragraphs: a shopping list's quantities, a comparison's verdicts.
 */
function gridOfData(table: Element): boolean {
  let rows = 0;
  let columns = 0;
  const walk = (p: Element): boolean => {
    for (const c of p.children) {
      if (!isElement(c)) continue;
      if (c.name === 'tr') {
        rows++;
        let cells = 0;
        for (const td of c.children) {
          if (!isElement(td) || (td.name !== 'td' && td.name !== 'th')) continue;
          cells += Number(td.attribs.colspan) || 1;
          if (hasTable(td)) return false;
        }
        columns = Math.max(columns, cells);
      } else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') {
        if (!walk(c)) return false;
      }
    }
    return true;
  };
  if (!walk(table)) return false;
  return rows >= 10 || columns > 4 || rows * columns > 10;
}

function hasTable(el: Element): boolean {
  return findDescendant(el, (e) => e.name === 'table') !== null;
}

/**
 * A wrapper whose only element is a data table, directly or through more such wrappers (a
 * "scrollable-table" or "table-responsive" div that lets a wide table scroll on phones): it is
 * the table, and stays as the table does, whatever its name says.
 */
export function wrapsDataTable(el: Element, stats: Map<Element, Stats>): boolean {
  if (el.name !== 'div') return false;
  let e: Element = el;
  for (let depth = 0; depth < 6; depth++) {
    const only = soleElement(e);
    if (!only) return false;
    if (only.name === 'table') return isDataTable(only, stats.get(only));
    if (only.name !== 'div') return false;
    e = only;
  }
  return false;
}

/** `feedwright preview` without --json: the dry run as readable tables for a terminal. */
import type { PreviewField, PreviewResult } from '../server/preview-types.ts';
import { collapseSpace } from '../utils/text.ts';

/** Longest cell of a table column, in characters (longer text is cut with "…"). */
const CELL = 60;

function cut(text: string, max = CELL): string {
  const flat = collapseSpace(text).trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Rows as aligned columns, two spaces apart, with the header row first. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`.trimEnd());
}

function fieldLine(name: string, f: PreviewField<string | string[]>): string[] {
  const value = f.value === null ? '(none)' : Array.isArray(f.value) ? f.value.join(', ') : f.value;
  return [name, cut(value), f.from ? `[${f.from}]` : ''];
}

export function formatPreview(r: PreviewResult): string {
  const out: string[] = [];
  out.push(`${r.url}${r.finalUrl && r.finalUrl !== r.url ? ` → ${r.finalUrl}` : ''}: ${r.type}${r.detected ? ' (detected)' : ''}${r.readBy === 'browser' ? ', rendered in the browser' : ''}`);
  if (r.error) out.push(`error: ${r.error}`);
  if (r.feeds.length) {
    out.push('', 'The page advertises feeds (a source of type feed can read them):');
    for (const f of r.feeds) out.push(`  ${f.url}  ${f.type}${f.title ? `  "${cut(f.title, 40)}"` : ''}`);
  }
  if (r.groups.length) {
    out.push('', 'Link groups found automatically, best first (* = used when no list selectors are set):');
    out.push(...table(['', 'score', 'links', 'list selectors', 'sample'], r.groups.map((g, i) => [
      `${i + 1}${g.chosen ? '*' : ''}`,
      String(g.score),
      String(g.links),
      `item: ${g.list.item}${g.list.link ? `, link: ${g.list.link}` : ''}${g.exact ? '' : ' (approximate)'}${g.menu ? ' (menu)' : ''}`,
      cut(g.sample.join(' · '), 50),
    ])));
  }
  out.push('', `Items (${r.items.length}):`);
  if (r.items.length) {
    out.push(...table(['date', 'title', 'url'], r.items.map((i) => [i.date ? i.date.slice(0, 10) : '-', cut(i.title, 50), i.url])));
  }
  if (r.articles.length) {
    out.push('', `Article pages read (${r.articles.length}), each field with where it came from:`);
    for (const a of r.articles) {
      out.push(`  ${a.url}`);
      if (a.error) {
        out.push(`    failed: ${a.error}`);
        continue;
      }
      out.push(...table(['field', 'value', 'from'], [
        fieldLine('title', a.title), fieldLine('authors', a.authors), fieldLine('date', a.date),
        fieldLine('image', a.image), fieldLine('summary', a.summary),
        ['text', a.text.value === null ? '(none)' : `${a.words} words`, a.text.from ? `[${a.text.from}]` : ''],
      ]).map((l) => `  ${l}`));
    }
  }
  if (r.warnings.length) {
    out.push('', 'Warnings:');
    for (const w of r.warnings) out.push(`  ! ${w.kind}${w.field ? ` (${w.field})` : ''}: ${w.message}`);
  }
  return out.join('\n');
}

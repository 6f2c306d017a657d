import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.ts';
import type { ScrapeProgress } from '../../src/pipeline/types.ts';

function stream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { writes, isTTY, columns, write: (t: string) => writes.push(t) };
}

const listing = (id: string): ScrapeProgress => ({ sourceId: id, phase: 'listing', found: 0, total: 0, done: 0 });
const pages = (id: string, done: number, total: number): ScrapeProgress => ({ sourceId: id, phase: 'articles', found: 40, total, done });
const done = (id: string, ok = true): ScrapeProgress => ({ sourceId: id, phase: 'done', found: 40, total: 0, done: 0, ok });

describe('CLI progress', () => {
  it('on a terminal, rewrites one status line in place and clears it', () => {
    const s = stream(true);
    const view = createProgress(s, 2);
    view.update(listing('news'));
    view.update(listing('blog'));
    view.update(pages('news', 0, 25));
    view.update(pages('news', 12, 25));
    view.update(done('blog', false));
    expect(s.writes.every((w) => w.startsWith('\r\x1b[2K') && !w.includes('\n'))).toBe(true);
    expect(s.writes.at(-1)).toBe('\r\x1b[2K1/2 sources done · news 12/25 article pages');
    view.clear();
    expect(s.writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('cuts the live line to the terminal width', () => {
    const s = stream(true, 30);
    const view = createProgress(s, 3);
    for (const id of ['a-long-source-name', 'another-long-one', 'third']) view.update(listing(id));
    const shown = s.writes.at(-1)!.replace('\r\x1b[2K', '');
    expect(shown.length).toBeLessThan(30);
    expect(shown.endsWith('…')).toBe(true);
    const sizeless = stream(true, 0);
    createProgress(sizeless, 1).update(listing('a-long-source-name'));
    expect(sizeless.writes.at(-1)).toBe('\r\x1b[2K0/1 sources done · a-long-source-name listing…');
  });

  it('elsewhere, prints plain lines per source with counts (every 10 pages and the last)', () => {
    const s = stream(false);
    const view = createProgress(s, 2);
    view.update(listing('news'));
    view.update(pages('news', 0, 25));
    for (let n = 1; n <= 25; n++) view.update(pages('news', n, 25));
    view.update(done('news'));
    view.update(listing('blog'));
    view.update(done('blog', false));
    view.clear();
    expect(s.writes.join('')).toBe([
      '[news] started',
      '[news] 40 links found, reading 25 article pages',
      '[news] 10/25 article pages read',
      '[news] 20/25 article pages read',
      '[news] 25/25 article pages read',
      '[news] done (1/2 sources)',
      '[blog] started',
      '[blog] failed (2/2 sources)',
      '',
    ].join('\n'));
  });
});

/**
 * Bodies, second look (WCXB's dev split): a reference page's own header, holding its title and
 * intro, and data tables inside scrolling boxes (their cells may hold paragraphs). Small hand-written pages, one idea each.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';

const URL = 'https://docs.example/reference/stream-reader';
const text = (html: string): string => extractArticle(html, URL).text;

const INTRO = [
  'The StreamReader interface reads a stream of bytes in chunks, without holding the whole body in memory at once. Each read resolves with the next chunk, or with a done flag once the stream has ended.',
  'A reader locks its stream: while it is held, no other reader can be created for the same stream. Release the lock when you are done, so that the stream can be cancelled or read again elsewhere.',
];
const SECTIONS = [
  'The constructor takes the stream to read from. It throws when the stream is already locked by another reader, or when it has been closed with an error that was not handled before.',
  'Calling read() returns a promise for the next chunk. Reads are queued in order, so several calls in a row resolve one after the other, each with its own chunk of the body.',
  'Calling cancel() ends the stream and discards any chunks that were not read yet. The promise it returns resolves once the underlying source has been told to stop producing data.',
];

function referencePage(headerClass: string, withTitle = true): string {
  return `<!doctype html><html lang="en"><head><title>StreamReader - Docs</title></head><body>
  <div class="site-header"><a href="/">Docs</a> <a href="/guides">Guides</a> <a href="/reference">Reference</a></div>
  <div class="layout">
    <div class="${headerClass}">${withTitle ? '<h1>StreamReader</h1>' : '<h2>About this page</h2>'}${INTRO.map((p) => `<p>${p}</p>`).join('')}</div>
    <div class="layout__body">
      ${SECTIONS.map((p, i) => `<h2>Section ${i + 1}</h2><p>${p}</p>`).join('')}
    </div>
  </div>
  <footer><p>Content available under a permissive licence.</p></footer>
  </body></html>`;
}

describe('extractArticle: a block named "header" that holds the page title and the intro', () => {
  it('keeps the title block and its intro paragraphs with the body', () => {
    const t = text(referencePage('layout__header'));
    for (const p of [...INTRO, ...SECTIONS]) expect(t).toContain(p);
    expect(t.indexOf(INTRO[0])).toBeLessThan(t.indexOf(SECTIONS[0]));
    expect(t).not.toMatch(/Guides|permissive licence/);
  });

  it('still drops a block named "header" without the page title (a section header, a promo)', () => {
    const t = text(referencePage('section-with-header', false));
    for (const p of SECTIONS) expect(t).toContain(p);
    expect(t).not.toContain(INTRO[0]);
  });
});

describe('extractArticle: a data table whose cells hold paragraphs, in scrolling wrappers', () => {
  // Wide tables sit in wrappers that let them scroll on phones; "scroll" weighs a block down.
  const scrolling = (table: string) => `<div class="scrollable-table"><div class="scrollable-table">${table}</div></div>`;
  const page = (extra: string) => `<!doctype html><html lang="en"><head><title>StreamReader - Docs</title></head><body>
    <article><h1>StreamReader</h1>${INTRO.map((p) => `<p>${p}</p>`).join('')}${extra}${SECTIONS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const ROWS = [['Chunk size', '64 KiB', '16 KiB'], ['Queued reads', '32', '8'], ['Timeout', '30 s', '10 s'], ['Retries', '3', '1']];

  it('keeps a grid of data (more than ten cells) though a cell holds a paragraph, and the wrappers are named for scrolling', () => {
    const grid = `<table><tbody><tr><td><h4>Setting</h4></td><td><h4>Desktop</h4></td><td><h4>Phone</h4></td></tr>
      ${ROWS.map(([a, b, c], i) => `<tr><td>${i === 0 ? `<p>${a}</p>` : a}</td><td>${b}</td><td>${c}</td></tr>`).join('')}</tbody></table>`;
    const t = text(page(`<h2>Defaults</h2>${scrolling(grid)}`));
    expect(t).toContain('Queued reads');
    expect(t).toContain('Timeout');
    expect(t).toContain(SECTIONS[0]);
  });

  it('still drops a small layout table with a paragraph in such a wrapper (four cells are no grid of data)', () => {
    const box = '<table><tr><td><p>Share this page</p></td><td>Mail</td></tr><tr><td>Print</td><td>Copy link to the clipboard</td></tr></table>';
    const t = text(page(scrolling(box)));
    expect(t).toContain(INTRO[0]);
    expect(t).not.toContain('Copy link to the clipboard');
  });
});

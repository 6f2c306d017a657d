import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { removeTablesOfContents } from '../../src/extract/content-toc.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { parseHtml } from '../../src/html/parse.ts';
import { serializeHtml } from '../../src/html/serialize.ts';
import { ARTICLE_PROSE as PROSE } from '../helpers/prose.ts';

const paras = PROSE.map((p) => `<p>${p}</p>`).join('');
const links = (...names: string[]) => names.map((n) => `<li><a href="#${n.toLowerCase().replace(/\W+/g, '-')}">${n}</a></li>`).join('');

/** The content after the pass: `html` parsed into a wrapper, as cleanup holds it. */
function afterPass(html: string): string {
  const root = parseHtml(`<div>${html}</div>`).children[0] as Element;
  removeTablesOfContents(root);
  return serializeHtml(root.children);
}

describe('removeTablesOfContents', () => {
  it('removes a block named for a table of contents, and its label', () => {
    const toc = `<div id="ez-toc-container" class="ez-toc-v2"><p class="ez-toc-title">Table of Contents</p><ul>${links('Why trams', 'The new line', 'What it costs')}</ul></div>`;
    const out = afterPass(`<p>${PROSE[0]}</p>${toc}${paras}`);
    expect(out).not.toMatch(/Table of Contents|Why trams|What it costs/);
    expect(out).toContain(PROSE[3]);
  });

  it('removes an unnamed list of links to the page\'s own sections, nested too, with its label line', () => {
    const toc = `<h3>In this article</h3><ul>${links('Why trams')}<li><a href="#line">The new line</a><ul>${links('Stops', 'Fares')}</ul></li></ul>`;
    const out = afterPass(`${toc}${paras}`);
    expect(out).not.toMatch(/In this article|Why trams|Stops|Fares/);
    expect(out).toContain(PROSE[0]);
  });

  it('removes a named list of entries without links (a script links them)', () => {
    const toc = '<ul id="table-of-contents-ul"><li><span>Methodology</span></li><li><span>1. Le Wagon</span></li><li><span>Conclusion</span></li></ul>';
    expect(afterPass(`${toc}${paras}`)).not.toMatch(/Methodology|Le Wagon/);
  });

  it('keeps a list named for a table of contents whose entries are not headings (steps, points)', () => {
    const steps = `<ol class="toc-steps">${PROSE.slice(0, 3).map((p) => `<li>${p}</li>`).join('')}</ol>`;
    expect(afterPass(`<p>${PROSE[4]}</p>${steps}`)).toContain(PROSE[1]);
  });

  it('removes a label left on its own line after its list went, in other languages too', () => {
    for (const label of ['Table of Contents', 'Contents:', 'Inhaltsverzeichnis', 'Sommaire', 'Índice', 'Содержание', 'İçindekiler', '목차', 'Mục lục', 'Daftar isi', 'Obsah', 'Περιεχόμενα', 'المحتويات', 'Sumário']) {
      const out = afterPass(`<h2><span>${label}</span></h2>${paras}`);
      expect(out, label).not.toContain(label);
      expect(out).toContain(PROSE[0]);
    }
    // A sentence that starts with the word is no label.
    expect(afterPass(`<p>Contents of the new timetable</p>${paras}`)).toContain('Contents of the new timetable');
  });

  it('takes a list of fewer than three in-page links for no table of contents', () => {
    expect(afterPass(`<ul>${links('Jump to the recipe', 'Print it')}</ul>${paras}`)).toContain('Jump to the recipe');
  });

  it('keeps a footnote list: its links lead back to the text, but it is mostly the notes', () => {
    const notes = `<ol class="footnotes">${[1, 2, 3].map((i) => `<li id="fn${i}">${PROSE[i]} <a href="#ref${i}">↩</a></li>`).join('')}</ol>`;
    expect(afterPass(`${paras}${notes}`)).toContain(`${PROSE[2]} <a href="#ref2">↩</a>`);
  });

  it('keeps a section named for the table of contents that links to it (prose, few links)', () => {
    const section = `<div class="content_body" id="TOC_TITLE_2"><h2>The new line</h2><p>${PROSE[1]}</p><ul><li>Stops: 12</li></ul></div>`;
    expect(afterPass(`<p>${PROSE[0]}</p>${section}<p>${PROSE[2]}</p>`)).toContain(PROSE[1]);
  });

  it("keeps a named list of a manual's other pages (not this page's own sections)", () => {
    const chapter = '<ul class="toc"><li><a href="indexes-intro.html">11.1. Introduction</a></li><li><a href="indexes-types.html">11.2. Index Types</a></li><li><a href="indexes-multicolumn.html">11.3. Multicolumn Indexes</a></li></ul>';
    expect(afterPass(`<p>${PROSE[0]}</p>${chapter}${paras}`)).toContain('11.2. Index Types');
  });

  it('keeps a wrapper named for its table of contents that holds the article', () => {
    const out = afterPass(`<div class="post has-toc"><ul>${links('One', 'Two', 'Three')}</ul>${paras}</div>`);
    expect(out).toContain(PROSE[0]);
    expect(out).not.toContain('>Two<');
  });
});

describe('extractArticle: tables of contents', () => {
  it('leaves a table of contents out of the text and the html', () => {
    const toc = `<nav class="wp-block-table-of-contents"><ol>${links('Why trams', 'The new line', 'What it costs')}</ol></nav>`;
    const html = `<!doctype html><html><head><title>Council expands trams</title></head><body><article><h1>Council expands trams</h1><p>${PROSE[0]}</p><div class="toc-box">${toc}</div>${paras}</article></body></html>`;
    const a = extractArticle(html, 'https://site.example/news/trams');
    expect(a.text).not.toMatch(/Why trams|What it costs/);
    expect(a.html).not.toContain('#the-new-line');
    expect(a.text).toContain(PROSE[3]);
  });
});

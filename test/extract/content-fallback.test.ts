import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';
import { isTiny, TINY_TEXT } from '../../src/extract/content-fallback.ts';
import { ARTICLE_PROSE } from '../helpers/prose.ts';

const URL = 'https://site.example/news/2024/03/story/';

const PROSE = ARTICLE_PROSE.slice(0, 3);

const shell = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>Council expands trams</title>${head}</head><body>${body}</body></html>`;

describe('extractArticle: a second strategy when the first result is empty or tiny', () => {
  it('isTiny counts characters that are not whitespace', () => {
    expect(isTiny(' \n'.repeat(500) + 'x'.repeat(TINY_TEXT - 1))).toBe(true);
    expect(isTiny('x'.repeat(TINY_TEXT))).toBe(false);
  });

  it('an app shell with its body in JSON-LD gets the JSON-LD articleBody, paragraph by paragraph', () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Council expands trams', articleBody: PROSE.join('\n') });
    const a = extractArticle(shell(`<script type="application/ld+json">${ld}</script>`, '<div id="app"><p>Loading…</p></div>'), URL);
    for (const p of PROSE) expect(a.text).toContain(p);
    expect(a.html.match(/<p>/g)).toHaveLength(PROSE.length);
    expect(a.html).not.toContain('Loading');
  });

  it('escapes a JSON-LD articleBody written as text, and sanitizes one written as HTML', () => {
    const body = (b: string) => JSON.stringify({ '@type': 'Article', articleBody: b });
    const asText = extractArticle(shell(`<script type="application/ld+json">${body(`${PROSE[0]} 1 < 2 & <b>not markup`)}</script>`, ''), URL);
    expect(asText.html).toContain('1 &lt; 2 &amp; &lt;b&gt;not markup');
    const asHtml = extractArticle(shell(`<script type="application/ld+json">${body(`<p>${PROSE[0]}</p><p onclick="x()">${PROSE[1]}</p>`)}</script>`, ''), URL);
    expect(asHtml.text).toContain(PROSE[1]);
    expect(asHtml.html).not.toContain('onclick');
  });

  it('searches again without name-based pruning when the article sits in a block named like chrome', () => {
    // The navigation holds more plain text than the article, so the "promo" block is dropped as
    // a minor part of the page on the first pass.
    const nav = `<nav>${'<span>Sections and services of the site, listed for every reader of every page. </span>'.repeat(14)}</nav>`;
    const a = extractArticle(shell('', `${nav}<div class="promo-feature">${PROSE.map((p) => `<p>${p}</p>`).join('')}</div>`), URL);
    for (const p of PROSE) expect(a.text).toContain(p);
    expect(a.text).not.toContain('Sections and services');
  });

  it('falls back to the listing summary for a page with no body at all', () => {
    const summary = 'The council voted to expand the tram network with three new lines and twelve stations, a plan first proposed in 2019 that officials say will cost 1.2 billion euros over the next decade.';
    const a = extractArticle(shell('', '<div id="root"></div>'), URL, { summary });
    expect(a.text).toBe(summary);
    expect(a.html).toBe(`<p>${summary}</p>`);
    expect(extractArticle(shell('', '<div id="root"></div>'), URL).text).toBe('');
  });

  it('keeps a first result that is short but longer than anything the other strategies find', () => {
    const a = extractArticle(shell('', `<article><p>${PROSE[0]}</p></article>`), URL, { summary: 'A short teaser.' });
    expect(a.text).toBe(PROSE[0]);
  });
});

describe('extractArticle: a content selector that matched is kept, however short', () => {
  it('does not replace a short selected body with the JSON-LD articleBody or a looser search', () => {
    const ld = JSON.stringify({ '@type': 'NewsArticle', articleBody: PROSE.join('\n') });
    const html = shell(`<script type="application/ld+json">${ld}</script>`, `<div class="note">A short note.</div><article>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>`);
    expect(extractArticle(html, URL, { selectors: { content: '.note' } }).text).toBe('A short note.');
    // A selector that matched nothing falls back to automatic extraction, and to the second strategy.
    expect(extractArticle(html, URL, { selectors: { content: '.missing' } }).text).toContain(PROSE[2]);
  });
});

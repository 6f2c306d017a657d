import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/defaults.ts';
import { articleExcerpt } from '../../src/extract/excerpt.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { parseHtml } from '../../src/html/parse.ts';
import { ARTICLE_PROSE as PROSE } from '../helpers/prose.ts';

const URL = 'https://site.example/news/2024/03/story/';

const paragraphs = PROSE.map((p) => `<p>${p}</p>`).join('\n');
/** A long lead (about 490 characters): longer than a feed summary, shorter than the bound. */
const LONG = `${PROSE[0]} ${PROSE[1]} ${PROSE[2]}`;

function page(inner: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><title>Council expands trams</title>${head}</head><body>
  <nav class="menu"><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sport</a></li></ul></nav>
  <main><article><h1>Council expands trams</h1>${inner}</article></main>
  <footer class="site-footer"><p>© 2024 Site Example. All rights reserved.</p></footer>
  </body></html>`;
}
const excerpt = (html: string) => extractArticle(html, URL).excerpt;

describe('extractArticle: excerpt', () => {
  it('is the page description when there is one', () => {
    expect(excerpt(page(paragraphs, '<meta name="description" content="Trams: the council says yes.">'))).toBe('Trams: the council says yes.');
  });

  it('keeps a long description whole (the feed summary is cut later, not the excerpt)', () => {
    expect(LONG.length).toBeGreaterThan(400);
    expect(excerpt(page(paragraphs, `<meta name="description" content="${LONG}">`))).toBe(LONG);
  });

  it('without a description, is the whole first paragraph of the content', () => {
    expect(excerpt(page(`<p>${LONG}</p>${paragraphs}`))).toBe(LONG);
  });

  it('takes a div holding only text and inline markup as a paragraph', () => {
    const html = page(`<div>\n  ${PROSE[3]} <a href="/plan">The plan</a> is <em>public</em>.\n</div><p>Links</p><p><a href="/x">link</a></p>${paragraphs}`);
    expect(excerpt(html)).toBe(`${PROSE[3]} The plan is public.`);
  });

  it('ends the first paragraph at a double line break, as Reader View splits it there', () => {
    const html = page(`<div class="entry">\n${PROSE[0]}<br>\n${PROSE[1]}<br>\n<br>\n${PROSE[2]}<br><br>${PROSE[3]}</div>${paragraphs}`);
    expect(excerpt(html)).toBe(`${PROSE[0]} ${PROSE[1]}`);
    expect(excerpt(page(`<p><br><br>${PROSE[2]}<br><br>${PROSE[3]}</p>${paragraphs}`))).toBe(PROSE[2]);
  });

  it('takes a run of bare text before the first block as the first paragraph', () => {
    expect(excerpt(page(`<div class="entry">${PROSE[3]} <em>Council</em> says.<p>${PROSE[0]}</p>${paragraphs}</div>`))).toBe(`${PROSE[3]} Council says.`);
    // A short run is a label, not a paragraph.
    expect(excerpt(page(`<div class="entry">Updated <b>today</b><p>${PROSE[0]}</p>${paragraphs}</div>`))).toBe(PROSE[0]);
  });

  it('ends a run of bare text where a block between runs was left out, as Reader View ends its paragraph there', () => {
    // An empty spacer div (or a dropped widget) between two runs of bare text: two paragraphs on the page.
    const html = page(`<div class="entry">${PROSE[0]}<div class="spacer"></div>${PROSE[1]}<br><p>${PROSE[2]}</p>${paragraphs}</div>`);
    expect(excerpt(html)).toBe(PROSE[0]);
    // So in a div left holding text alone once the spacer is gone.
    expect(excerpt(page(`<div class="entry"><div>${PROSE[0]}<div class="spacer"></div>${PROSE[1]}</div>${paragraphs}</div>`))).toBe(PROSE[0]);
    // A <br> of the page's own only breaks a line inside the paragraph, in inline markup too.
    expect(excerpt(page(`<div class="entry">${PROSE[0]}<span><br></span>${PROSE[1]}<p>${PROSE[2]}</p>${paragraphs}</div>`))).toBe(`${PROSE[0]} ${PROSE[1]}`);
    expect(excerpt(page(`<div class="entry">${PROSE[0]}<br>${PROSE[1]}<p>${PROSE[2]}</p>${paragraphs}</div>`))).toBe(`${PROSE[0]} ${PROSE[1]}`);
  });

  it('keeps a first paragraph of over 10,000 characters whole, as Reader View does', () => {
    const long = PROSE.join(' ').repeat(Math.ceil(10_500 / PROSE.join(' ').length));
    expect(long.length).toBeGreaterThan(10_000);
    expect(excerpt(page(`<p>${long}</p>${paragraphs}`))).toBe(long.trim());
  });

  it('skips a short text div (a label or a caption), not prose', () => {
    // Straight on content nodes: the content cleaner drops most such divs before this point.
    const nodes = parseHtml(`<div><img src="/tram.jpg" alt="A tram"><div class="caption">A tram on the new line</div><div>${PROSE[1]}</div></div>`).children;
    expect(articleExcerpt(null, nodes, '')).toBe(PROSE[1]);
  });

  it('does not take a div of blocks as one paragraph', () => {
    expect(excerpt(page(`<div class="entry-content">${paragraphs}</div>`))).toBe(PROSE[0]);
  });

  it('is cut at a word, with an ellipsis, only past DEFAULTS.maxExcerptChars', () => {
    const huge = 'word '.repeat(DEFAULTS.maxExcerptChars);
    const got = excerpt(page(paragraphs, `<meta name="description" content="${huge}">`))!;
    expect(got.length).toBeLessThanOrEqual(DEFAULTS.maxExcerptChars + 1);
    expect(got.length).toBeGreaterThan(DEFAULTS.maxExcerptChars * 0.9);
    expect(got.endsWith('word…')).toBe(true);
  });
});

describe('articleExcerpt: soft hyphens', () => {
  it('keeps the soft hyphens of the paragraph it shows, as Reader View does, where the plain text leaves them out', () => {
    const hyphenated = PROSE[0].replace(/\b(\w{4})(\w{4,})/g, '$1&shy;$2');
    const a = extractArticle(page(`<p>${hyphenated}</p>\n${paragraphs}`), URL);
    expect(a.excerpt).toContain('\u00ad');
    expect(a.excerpt!.replaceAll('\u00ad', '')).toBe(PROSE[0]);
    expect(a.text).not.toContain('\u00ad');
    expect(a.text).toContain(PROSE[0]);
  });
});

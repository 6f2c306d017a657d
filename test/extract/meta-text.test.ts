/**
 * meta-text.ts: entities a page escaped twice inside an attribute read as the characters they name;
 * markup a CMS wrote into a text field read as its text.
 */
import { describe, expect, it } from 'vitest';
import { cleanMetaText, unescapeEntities, withoutMarkup } from '../../src/extract/meta-text.ts';
import { extractArticle } from '../../src/extract/index.ts';

describe('unescapeEntities', () => {
  it('decodes every named entity, in any case, and numeric references', () => {
    expect(unescapeEntities('&bdquo;H&auml;rting&ldquo; &euml; &Auml; &frac12; &hellip; &amp;#8217; &#x1F600; &#0;')).toBe('„Härting“ ë Ä ½ … ’ 😀 \ufffd');
  });

  it('leaves what is not an entity as written', () => {
    expect(unescapeEntities('Q&A; AT&T &unknown; &copy and 5 & 6')).toBe('Q&A; AT&T &unknown; &copy and 5 & 6');
  });

  it('reads a description escaped twice whole, not half', () => {
    const html =
      '<html lang="de"><head><meta name="description" content="&amp;bdquo;Wir bleiben&amp;ldquo;, sagt Jos&amp;eacute;"></head>' +
      `<body><article><h1>Titel</h1><p>${'Ein Satz über die Lage. '.repeat(20)}</p></article></body></html>`;
    expect(extractArticle(html, 'https://example.de/a').excerpt).toBe('„Wir bleiben“, sagt José');
  });
});

describe('withoutMarkup', () => {
  it('reads a value written as HTML as its text', () => {
    expect(cleanMetaText('<p>I did <a href="https://adventofcode.com/2025">Advent of Code</a> again.</p>')).toBe('I did Advent of Code again.');
    expect(cleanMetaText('<p><span><span>Nested spans</span></span> of a description.</p>')).toBe('Nested spans of a description.');
    expect(withoutMarkup('<a href="/experts/jane-doe" hreflang="en">Jane Doe</a>')).toBe('Jane Doe');
    // Escaped once more inside JSON-LD: decoded, then read.
    expect(cleanMetaText('&lt;p&gt;Escaped &amp;amp; wrapped&lt;/p&gt;')).toBe('Escaped & wrapped');
  });

  it('leaves a tag named in prose as text', () => {
    for (const s of ['30 Years of <br> Tags', '<table>: The Table element - HTML | MDN', 'The <table> HTML element represents tabular data', 'Watch <The Palace: Tale of Jang Noksu> tonight', 'a < b and c > d']) {
      expect(cleanMetaText(s)).toBe(s);
    }
  });

  it('gives feeds the author of a page whose meta author is a profile link', () => {
    const html = `<html><head><title>T</title><meta name="author" content='<a href="/pl/eksperci/jan-kowalski" hreflang="pl">Jan Kowalski</a>'>
      <meta name="description" content="<p>A description cut from the <strong>body</strong>.</p>"></head>
      <body><article><p>${'Body text of the article, long enough to be read as one. '.repeat(8)}</p></article></body></html>`;
    const a = extractArticle(html, 'https://example.pl/a');
    expect(a.author).toBe('Jan Kowalski');
    expect(a.authors).toEqual(['Jan Kowalski']);
    expect(a.excerpt).toBe('A description cut from the body.');
  });
});

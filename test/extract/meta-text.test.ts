/**
 * meta-text.ts: entities a page escaped twice inside an attribute read as the characters they name.
 */
import { describe, expect, it } from 'vitest';
import { unescapeEntities } from '../../src/extract/meta-text.ts';
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

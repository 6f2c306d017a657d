/**
 * The page index is built two ways: by a walk of a finished tree (`pageIndex`) and by the parser
 * as it creates the elements (`pageIndexer` given to `parseHtml`, as extractArticle does). Both
 * must find the same elements.
 */
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { pageIndex, pageIndexer, type PageIndex } from '../../src/extract/page-index.ts';
import { corpusAvailable, loadAeb, loadHtmldate, loadReadability } from '../../testkit/corpus.ts';

/** Both ways over one parse (so elements compare by identity). */
function bothWays(html: string): { parsed: PageIndex; walked: PageIndex } {
  const indexer = pageIndexer();
  const doc = parseHtml(html, indexer.visit);
  return { parsed: indexer.index(), walked: pageIndex(doc) };
}

/** Differences between two indexes, by field (elements by identity). */
function differences(a: PageIndex, b: PageIndex): string[] {
  const same = (x: unknown, y: unknown): boolean =>
    Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((v, i) => v === y[i]) : x === y;
  return (Object.keys(a) as (keyof PageIndex)[]).filter((k) => !same(a[k], b[k]));
}

const PAGE = `<!DOCTYPE html><html lang="de"><head>
<title>First title</title><base href="/base/"><base href="/second/">
<link rel="Canonical alternate" href="/canon"><link rel="image_src" href="/img.png"><link rel="canonical" href="/later">
<meta property="og:title" content="OG"><meta name="description" content="D">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>
<script src="/app.js"></script><script>var published = "2024-01-02T10:00:00+01:00";</script>
<style>h1 { color: red }</style>
</head><body>
<div role="main" itemscope itemtype="https://schema.org/QAPage">
<svg><title>Icon</title><script>var inSvg = 1;</script></svg>
<h1>Question</h1><h2>Answers</h2><time datetime="2024-01-02">2 Jan</time><time>no datetime</time>
<article><h1>Inner</h1><meta itemprop="name" content="n"><div itemscope itemtype="http://schema.org/Product "></div></article>
</div><script type="APPLICATION/LD+JSON">[{"@type":"Person"}]</script>
</body></html>`;

describe('page index', () => {
  it('finds the same elements whether the parser builds it or a walk does', () => {
    const { parsed, walked } = bothWays(PAGE);
    expect(differences(parsed, walked)).toEqual([]);
    // What the page holds, so that the comparison covers every field.
    expect(parsed.title?.children).toHaveLength(1);
    expect(parsed.baseHref).toBe('/base/');
    expect(parsed.canonicalHref).toBe('/canon');
    expect(parsed.imageSrcHref).toBe('/img.png');
    expect(parsed.metas.map((m) => m.attribs.content)).toEqual(['OG', 'D', 'n']);
    expect(parsed.jsonLd).toEqual(['{"@type":"NewsArticle","headline":"H"}', '[{"@type":"Person"}]']);
    expect(parsed.inlineScripts.map((s) => (s.children[0] as unknown as { data: string }).data)).toEqual([
      '{"@type":"NewsArticle","headline":"H"}',
      'var published = "2024-01-02T10:00:00+01:00";',
      'var inSvg = 1;',
      '[{"@type":"Person"}]',
    ]);
    expect(parsed.times).toHaveLength(1);
    expect(parsed.h1.map((h) => h.children.length)).toEqual([1, 1]);
    expect(parsed.h1h2).toHaveLength(3);
    expect((parsed.mainScope as Element).attribs.role).toBe('main');
    expect(parsed.html?.attribs.lang).toBe('de');
    expect(parsed.body?.name).toBe('body');
    expect(parsed.thread).toBe(true);
    expect(parsed.product).toBe(true);
  });

  it('says a page is a product only when its microdata names one', () => {
    const product = (type: string) => bothWays(`<html><body><div itemscope itemtype="${type}"><h1>Kettle</h1></div></body></html>`).parsed.product;
    expect(product('https://schema.org/ProductGroup')).toBe(true);
    expect(product('https://schema.org/Product https://schema.org/Thing')).toBe(true);
    expect(product('https://schema.org/ProductModelReview')).toBe(false);
    expect(product('https://schema.org/Article')).toBe(false);
  });

  it.skipIf(!corpusAvailable())('finds the same elements both ways on every corpus page', () => {
    const pages = [...loadAeb(), ...loadHtmldate(), ...loadReadability()];
    const differ = pages.flatMap((p) => {
      const { parsed, walked } = bothWays(p.html);
      const fields = differences(parsed, walked);
      return fields.length ? [`${p.url}: ${fields.join(', ')}`] : [];
    });
    expect(differ).toEqual([]);
  });
});

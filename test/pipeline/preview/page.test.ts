import { describe, expect, it } from 'vitest';
import type { FetchResult } from '../../../src/fetch/types.ts';
import { advertisedFeeds, detectType } from '../../../src/pipeline/preview/page.ts';

const res = (text: string, contentType: string | null = null, url = 'https://example.com/x'): FetchResult =>
  ({ url, status: 200, notModified: false, text, contentType, etag: null, lastModified: null });

describe('detectType', () => {
  it('reads the content type, then the root element', () => {
    expect(detectType(res('<html></html>', 'application/atom+xml'))).toBe('feed');
    expect(detectType(res('{}', 'application/feed+json'))).toBe('feed');
    expect(detectType(res('\uFEFF<?xml version="1.0"?>\n<!-- c --><rss version="2.0"><channel/></rss>', 'text/xml'))).toBe('feed');
    expect(detectType(res('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'application/xml'))).toBe('feed');
    expect(detectType(res('<rdf:RDF xmlns:rdf="x"></rdf:RDF>'))).toBe('feed');
    expect(detectType(res('{"version": "https://jsonfeed.org/version/1.1", "items": []}', 'application/json'))).toBe('feed');
    expect(detectType(res('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'))).toBe('sitemap');
    expect(detectType(res('<sitemapindex></sitemapindex>'))).toBe('sitemap');
    expect(detectType(res('', 'application/gzip', 'https://example.com/sitemap.xml.gz'))).toBe('sitemap');
    expect(detectType(res('<!doctype html><html><body>rss feed</body></html>', 'text/html'))).toBe('html');
    expect(detectType(res('{"items": []}', 'application/json'))).toBe('html');
  });
});

describe('detectType on a long prolog', () => {
  it('reads past declarations and comments one by one, to the root or to none', () => {
    expect(detectType(res(`${'<!-- a -->'.repeat(300)}<rss version="2.0"></rss>`))).toBe('feed');
    expect(detectType(res(`<?xml version="1.0"?>${'<?xml-stylesheet href="a.xsl"?>'.repeat(100)}<urlset/>`))).toBe('sitemap');
    // No root after them: every grouping of the comments was once tried (2^n).
    expect(detectType(res(`${'<!--a-->'.repeat(500)}plain text`))).toBe('html');
    expect(detectType(res(`${'<?a?>'.repeat(800)}!`))).toBe('html');
  });
});

describe('advertisedFeeds', () => {
  it('lists rel=alternate feed links, absolute (against <base>), once each', () => {
    const html = `<html><head><base href="https://cdn.example.com/site/">
      <link rel="alternate" type="application/rss+xml" title=" News " href="feed.xml">
      <link rel="Alternate" type="application/atom+xml" href="/atom.xml">
      <link rel="alternate" type="application/feed+json" href="https://example.com/feed.json">
      <link rel="alternate" type="application/rss+xml" href="feed.xml">
      <link rel="alternate" hreflang="de" href="/de/">
      <link rel="stylesheet" type="text/css" href="s.css">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head></html>`;
    expect(advertisedFeeds(html, 'https://example.com/')).toEqual([
      { url: 'https://cdn.example.com/site/feed.xml', type: 'application/rss+xml', title: 'News' },
      { url: 'https://cdn.example.com/atom.xml', type: 'application/atom+xml', title: null },
      { url: 'https://example.com/feed.json', type: 'application/feed+json', title: null },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { configIssues } from '../helpers/config-error.ts';

const errorOf = (text: string) => configIssues(text);

describe('source types', () => {
  it('defaults to html; feed/sitemap take url and/or urls (merged, url first, no duplicates)', () => {
    const cfg = parseConfig(`sources:
  - id: page
    url: https://a.example/news
  - id: merged
    type: feed
    url: https://a.example/feed.xml
    urls: [https://b.example/atom.xml, https://a.example/feed.xml]
  - id: map
    type: sitemap
    urls: [https://a.example/sitemap.xml]
  - id: pushed
    type: push
`, 'sources.yaml');
    const [page, merged, map, pushed] = cfg.sources;
    expect(page.type).toBe('html');
    expect(page.urls).toBeUndefined();
    expect(merged.url).toBe('https://a.example/feed.xml');
    expect(merged.urls).toEqual(['https://a.example/feed.xml', 'https://b.example/atom.xml']);
    expect(map.url).toBe('https://a.example/sitemap.xml');
    expect(pushed.type).toBe('push');
    expect(pushed.url).toBeUndefined();
  });

  it('names file, source and field for type problems', () => {
    expect(errorOf(`sources:
  - id: f
    type: feed
  - id: h
    urls: [https://a.example/]
  - id: p
    type: push
    urls: [https://a.example/]
  - id: s
    type: sitemap
    url: https://a.example/s.xml
    list: { item: article }
  - id: x
    type: atom
    url: https://a.example/
`)).toEqual([
      'sources.yaml: source "f" (sources[0]): url: required for a feed source (or urls: a list)',
      'sources.yaml: source "h" (sources[1]): url: required',
      'sources.yaml: source "h" (sources[1]): urls: only feed and sitemap sources read several URLs; html sources use url',
      'sources.yaml: source "p" (sources[2]): urls: push sources are never fetched; remove urls',
      'sources.yaml: source "s" (sources[3]): list: listing selectors apply to html sources only',
      'sources.yaml: source "x" (sources[4]): type: must be one of html, feed, sitemap, push, merge',
    ]);
  });

  it('checks every url in urls', () => {
    expect(errorOf('sources:\n  - id: f\n    type: feed\n    urls: [https://a.example/, "not a url"]\n')).toEqual([
      'sources.yaml: source "f" (sources[0]): urls[1]: must be an absolute http, https or file URL, got "not a url"',
    ]);
  });
});

import { XMLValidator } from 'fast-xml-parser';
import { parseOpml } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { renderOpml } from '../../src/render/opml.ts';

describe('renderOpml', () => {
  const feeds = [
    { id: 'news', title: 'News & "Views" <daily>', siteUrl: 'https://news.example/latest?a=1&b=2' },
    { id: 'local', title: 'Local file', siteUrl: 'file:///srv/site/index.html' },
  ];
  const xml = renderOpml(feeds, { baseUrl: 'https://feeds.example', dateCreated: '2024-03-05T12:00:00Z' });

  it('is well-formed OPML 2.0 listing every feed as type rss', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<opml version="2.0">');
    const opml = parseOpml(xml);
    expect(opml.head?.dateCreated).toBe('Tue, 05 Mar 2024 12:00:00 GMT');
    expect(opml.body?.outlines).toEqual([
      {
        type: 'rss',
        text: 'News & "Views" <daily>',
        title: 'News & "Views" <daily>',
        xmlUrl: 'https://feeds.example/feeds/news.rss',
        htmlUrl: 'https://news.example/latest?a=1&b=2',
      },
      // a file: listing is not a web page: no htmlUrl
      { type: 'rss', text: 'Local file', title: 'Local file', xmlUrl: 'https://feeds.example/feeds/local.rss' },
    ]);
  });

  it('lists nothing, validly, when no feed is configured', () => {
    const empty = renderOpml([], { baseUrl: 'https://feeds.example' });
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(parseOpml(empty).body?.outlines ?? []).toEqual([]);
  });
});

import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderIndexPage } from '../../src/render/index-page.ts';

describe('renderIndexPage', () => {
  const feeds = [
    { id: 'news', title: 'News & <b>Views</b> "q"', siteUrl: 'https://news.example/', itemCount: 3, updated: '2024-03-05T12:00:00.000Z' },
    { id: 'blog', title: 'Blog', siteUrl: 'https://blog.example/' },
  ];
  const html = renderIndexPage(feeds, { baseUrl: 'https://feeds.example' });
  const { document } = parseHTML(html);

  it('has one autodiscovery link per feed and format', () => {
    const links = [...document.querySelectorAll('link[rel="alternate"]')].map((l) => [l.getAttribute('type'), l.getAttribute('href'), l.getAttribute('title')]);
    expect(links).toEqual([
      ['application/rss+xml', 'https://feeds.example/feeds/news.rss', 'News & <b>Views</b> "q" (RSS)'],
      ['application/atom+xml', 'https://feeds.example/feeds/news.atom', 'News & <b>Views</b> "q" (Atom)'],
      ['application/feed+json', 'https://feeds.example/feeds/news.json', 'News & <b>Views</b> "q" (JSON Feed)'],
      ['application/rss+xml', 'https://feeds.example/feeds/blog.rss', 'Blog (RSS)'],
      ['application/atom+xml', 'https://feeds.example/feeds/blog.atom', 'Blog (Atom)'],
      ['application/feed+json', 'https://feeds.example/feeds/blog.json', 'Blog (JSON Feed)'],
    ]);
  });

  it('lists every feed with its three links, escaping titles', () => {
    const rows = [...document.querySelectorAll('li')];
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('.feed')?.textContent).toBe('News & <b>Views</b> "q"');
    expect(rows[0].querySelector('b')).toBeNull();
    expect([...rows[0].querySelectorAll('.links a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://feeds.example/feeds/news.rss',
      'https://feeds.example/feeds/news.atom',
      'https://feeds.example/feeds/news.json',
    ]);
    expect(rows[0].querySelector('.meta')?.textContent).toContain('3 items');
  });

  it('loads no external assets', () => {
    expect(document.querySelectorAll('script, link[rel="stylesheet"], img')).toHaveLength(0);
  });
});

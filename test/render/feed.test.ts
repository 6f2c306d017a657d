import { XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/model.ts';
import { renderFeed } from '../../src/render/feed.ts';
import type { FeedMeta } from '../../src/render/types.ts';
import { stripXmlIllegal } from '../../src/render/xml-chars.ts';
import { makeItem } from '../helpers/items.ts';

const meta: FeedMeta = {
  id: 'news',
  title: 'News & Views',
  siteUrl: 'https://news.example/latest',
  baseUrl: 'https://feeds.example',
  description: 'Latest articles',
  language: 'en_gb',
  updated: '2024-03-05T12:00:00.000Z',
  hub: null,
};

const items: Item[] = [
  makeItem(3, {
    title: 'Third & "last" <one>',
    authors: ['Jane Doe', 'Ahmed Ali'],
    updated: '2024-03-05T12:00:00.000Z',
    categories: ['World', 'Q&A'],
  }),
  makeItem(2, { image: 'https://news.example/img/photo.PNG', authors: [] }),
  makeItem(1, { image: 'https://news.example/img/photo', summary: null, contentHtml: null }),
];

function wellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  // XMLValidator tolerates a raw "<" inside attribute values; XML 1.0 does not.
  const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (const m of outsideCdata.matchAll(/\s[\w:]+="([^"]*)"/g)) expect(m[1]).not.toContain('<');
}

/** Decode the five XML entities (feedsmith leaves type="html" text encoded). */
function decodeHtml(s: string): string {
  return s.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
}

describe('renderFeed rss', () => {
  const xml = renderFeed('rss', meta, items);
  const feed = parseRssFeed(xml);

  it('is well-formed RSS 2.0 with channel metadata and a self link', () => {
    wellFormed(xml);
    expect(xml).toMatch(/<rss version="2.0"/);
    expect(feed.title).toBe('News & Views');
    expect(feed.link).toBe('https://news.example/latest');
    expect(feed.description).toBe('Latest articles');
    expect(feed.language).toBe('en-GB');
    expect(feed.lastBuildDate).toBe('Tue, 05 Mar 2024 12:00:00 GMT');
    expect(feed.atom?.links).toContainEqual({ href: 'https://feeds.example/feeds/news.rss', rel: 'self', type: 'application/rss+xml' });
  });

  it('keeps item order and uses permalink guids and RFC 822 dates', () => {
    expect(feed.items?.map((i) => i.link)).toEqual(items.map((i) => i.url));
    expect(feed.items?.[0].guid).toEqual({ value: items[0].url, isPermaLink: true });
    expect(feed.items?.[0].pubDate).toBe('Sun, 03 Mar 2024 10:00:00 GMT');
    expect(feed.items?.[0].title).toBe('Third & "last" <one>');
  });

  it('writes authors as dc:creator (never a bare-name <author>) with the dc namespace', () => {
    expect(xml).not.toMatch(/<author>/);
    expect(feed.items?.[0].dc?.creators).toEqual(['Jane Doe', 'Ahmed Ali']);
    expect(xml).toMatch(/<rss [^>]*xmlns:dc="http:\/\/purl.org\/dc\/elements\/1.1\/"/);
    // Without any content:encoded feed 6 would not declare dc; we still must.
    const noContent = renderFeed('rss', meta, [makeItem(1, { contentHtml: null })]);
    wellFormed(noContent);
    expect(noContent).toMatch(/<rss [^>]*xmlns:dc=/);
    expect(parseRssFeed(noContent).items?.[0].dc?.creators).toEqual(['Author 1']);
  });

  it('gives enclosures a real MIME type and a length', () => {
    const enclosures = feed.items?.map((i) => i.enclosures?.[0]);
    expect(enclosures?.map((e) => e?.type)).toEqual(['image/jpeg', 'image/png', 'image/jpeg']);
    expect(enclosures?.every((e) => e?.length === 0)).toBe(true);
    expect(xml).not.toMatch(/image\/jpg"/);
  });

  it('carries categories, HTML-escaped summaries and full content', () => {
    expect(feed.items?.[0].categories).toEqual([{ name: 'World' }, { name: 'Q&A' }]);
    expect(feed.items?.[0].content?.encoded).toBe('<p>Body of article 3.</p>');
    expect(feed.items?.[0].description).toBe('Summary of article 3.');
    // neither summary nor content: the title is the description
    expect(feed.items?.[2].description).toBe(items[2].title);
    // content without a summary: the content doubles as the description, placed before it
    const noSummary = renderFeed('rss', meta, [makeItem(1, { summary: null })]);
    expect(parseRssFeed(noSummary).items?.[0].description).toBe('<p>Body of article 1.</p>');
    expect(noSummary.indexOf('<description>')).toBeLessThan(noSummary.indexOf('<content:encoded>'));
  });
});

describe('renderFeed atom', () => {
  const xml = renderFeed('atom', meta, items);
  const feed = parseAtomFeed(xml);

  it('is well-formed Atom with id, self/alternate links and RFC 3339 updated', () => {
    wellFormed(xml);
    expect(feed.id).toBe('https://feeds.example/feeds/news.atom');
    expect(feed.title?.value).toBe('News & Views');
    expect(feed.updated).toBe('2024-03-05T12:00:00.000Z');
    expect(feed.links).toContainEqual({ href: 'https://feeds.example/feeds/news.atom', rel: 'self' });
    expect(feed.links).toContainEqual({ href: 'https://news.example/latest', rel: 'alternate' });
  });

  it('has stable entry ids, updated/published, html content and summary', () => {
    const [first, , last] = feed.entries ?? [];
    expect(feed.entries?.map((e) => e.id)).toEqual(items.map((i) => i.url));
    expect(first.updated).toBe('2024-03-05T12:00:00.000Z');
    expect(first.published).toBe('2024-03-03T10:00:00.000Z');
    expect(first.content).toEqual({ value: '<p>Body of article 3.</p>', type: 'html' });
    expect(first.summary?.type).toBe('html');
    expect(decodeHtml(first.title!.value!)).toBe('Third & "last" <one>');
    expect(last.content).toBeUndefined();
    expect(last.links?.[0].href).toBe(items[2].url);
  });

  it('names authors, gives categories a term, and a feed author when an entry has none', () => {
    expect(feed.entries?.[0].authors).toEqual([{ name: 'Jane Doe' }, { name: 'Ahmed Ali' }]);
    expect(feed.entries?.[1].authors).toBeUndefined();
    expect(feed.authors).toEqual([{ name: 'News & Views' }]);
    expect(feed.entries?.[0].categories).toEqual([{ term: 'World' }, { term: 'Q&A' }]);
    const allAuthored = parseAtomFeed(renderFeed('atom', meta, [makeItem(1)]));
    expect(allAuthored.authors).toBeUndefined();
  });

  it('links images as enclosures with a MIME type from the extension', () => {
    const enclosures = feed.entries?.map((e) => e.links?.find((l) => l.rel === 'enclosure'));
    expect(enclosures?.map((l) => [l?.href, l?.type])).toEqual([
      [items[0].image, 'image/jpeg'],
      [items[1].image, 'image/png'],
      [items[2].image, 'image/jpeg'],
    ]);
    expect(xml).not.toMatch(/<rights>/);
  });

  it('never dates an update before publication', () => {
    const odd = makeItem(1, { published: '2024-03-02T00:00:00.000Z', updated: '2024-03-01T00:00:00.000Z' });
    const entry = parseAtomFeed(renderFeed('atom', meta, [odd])).entries?.[0];
    expect(entry?.updated).toBe('2024-03-02T00:00:00.000Z');
  });
});

describe('renderFeed json', () => {
  const doc = JSON.parse(renderFeed('json', { ...meta, hub: 'https://hub.example/' }, items));

  it('is JSON Feed 1.1', () => {
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.title).toBe('News & Views');
    expect(doc.home_page_url).toBe('https://news.example/latest');
    expect(doc.feed_url).toBe('https://feeds.example/feeds/news.json');
    expect(doc.language).toBe('en-GB');
    expect(doc.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/' }]);
    expect(() => parseJsonFeed(doc)).not.toThrow();
  });

  it('has 1.1 item fields: authors array, dates, content_html, summary, image, tags', () => {
    const [first, second, third] = doc.items;
    expect(first).toMatchObject({
      id: items[0].url,
      url: items[0].url,
      title: 'Third & "last" <one>',
      authors: [{ name: 'Jane Doe' }, { name: 'Ahmed Ali' }],
      date_published: '2024-03-03T10:00:00.000Z',
      date_modified: '2024-03-05T12:00:00.000Z',
      content_html: '<p>Body of article 3.</p>',
      summary: 'Summary of article 3.',
      image: items[0].image,
      tags: ['World', 'Q&A'],
    });
    expect(first.author).toBeUndefined();
    expect(second.authors).toBeUndefined();
    // No HTML: the text goes in content_text, never as content_html.
    expect(third.content_html).toBeUndefined();
    expect(third.content_text).toBe(items[2].title);
    expect(doc.items.map((i: { id: string }) => i.id)).toEqual(items.map((i) => i.url));
  });
});

describe('renderFeed input hygiene', () => {
  it('renders a valid empty feed in every format', () => {
    const empty = { ...meta, updated: null };
    const rss = renderFeed('rss', empty, []);
    const atom = renderFeed('atom', empty, []);
    wellFormed(rss);
    wellFormed(atom);
    expect(parseRssFeed(rss).items ?? []).toEqual([]);
    expect(parseRssFeed(rss).lastBuildDate).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(parseAtomFeed(atom).entries ?? []).toEqual([]);
    expect(JSON.parse(renderFeed('json', empty, [])).items).toEqual([]);
  });

  it('strips characters XML cannot carry from every field', () => {
    const dirty = makeItem(1, {
      title: 'A\u0000B\u0008C\uFFFE\uFFFFD\uD800E',
      authors: ['Jo\u001Fe'],
      summary: 'x\u000By\uDFFFz',
      contentHtml: '<p>c\u0001d\u{1FFFE}e</p>',
      categories: ['t\u0002g'],
    });
    for (const format of ['rss', 'atom', 'json'] as const) {
      const out = renderFeed(format, { ...meta, title: 'T\u0007' }, [dirty]);
      expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uFDD0-\uFDEF]/);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(out).not.toContain('\u{1FFFE}');
      if (format !== 'json') wellFormed(out);
    }
    expect(parseRssFeed(renderFeed('rss', meta, [dirty])).items?.[0].title).toBe('ABCDE');
  });

  it('drops an invalid language and items without an http(s) URL, and never links file: sites', () => {
    const odd = { ...meta, language: 'English', siteUrl: 'file:///srv/site/index.html' };
    const feed = parseRssFeed(renderFeed('rss', odd, [makeItem(1, { url: 'javascript:alert(1)' }), makeItem(2)]));
    expect(feed.language).toBeUndefined();
    expect(feed.link).toBe('https://feeds.example/');
    expect(feed.items?.map((i) => i.link)).toEqual([makeItem(2).url]);
  });

  it('writes each link once: two stored items with one URL never share an id/guid (the newest is kept)', () => {
    const url = 'https://news.example/articles/same';
    const items = [makeItem(3, { url, title: 'Newest' }), makeItem(2), makeItem(1, { url, title: 'Older' })];
    const rss = parseRssFeed(renderFeed('rss', meta, items)).items ?? [];
    expect(rss.map((i) => [i.guid?.value, i.title])).toEqual([[url, 'Newest'], [makeItem(2).url, 'Article number 2']]);
    const atom = parseAtomFeed(renderFeed('atom', meta, items)).entries ?? [];
    expect(atom.map((e) => e.id)).toEqual([url, makeItem(2).url]);
    const json = JSON.parse(renderFeed('json', meta, items)).items as { id: string }[];
    expect(json.map((i) => i.id)).toEqual([url, makeItem(2).url]);
  });

  it('honours an explicit self URL', () => {
    const atom = parseAtomFeed(renderFeed('atom', { ...meta, selfUrl: 'https://feeds.example/feeds/news.atom?limit=5' }, []));
    expect(atom.links).toContainEqual({ href: 'https://feeds.example/feeds/news.atom?limit=5', rel: 'self' });
  });

  it('round-trips arbitrary text through the XML writers (escaping property)', () => {
    const tricky = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .array(fc.constantFrom(']]>', '&amp;', '&', '<', '>', '"', "'", '<b>', '\u0000', '\uD800', 'x', ' '), { maxLength: 12 })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(tricky, tricky, tricky, (title, author, html) => {
        const item = makeItem(1, { title: `T${title}`, authors: [`A${author}`], categories: [`C${author}`], contentHtml: `<p>${html}</p>` });
        const expected = (s: string) => stripXmlIllegal(s).trim().replace(/\s+/g, ' ');
        const rssXml = renderFeed('rss', meta, [item]);
        const atomXml = renderFeed('atom', meta, [item]);
        wellFormed(rssXml);
        wellFormed(atomXml);
        const rssItem = parseRssFeed(rssXml).items![0];
        expect(rssItem.dc?.creators).toEqual([expected(`A${author}`)]);
        expect(rssItem.categories).toEqual([{ name: expected(`C${author}`) }]);
        // XML parsers normalize line ends (CR LF / CR → LF); that is not a writer defect.
        expect(rssItem.content?.encoded).toBe(stripXmlIllegal(`<p>${html}</p>`).trim().replace(/\r\n?/g, '\n'));
        const entry = parseAtomFeed(atomXml).entries![0];
        expect(entry.categories).toEqual([{ term: expected(`C${author}`) }]);
        expect(decodeHtml(entry.title!.value!)).toBe(expected(`T${title}`));
      }),
      { numRuns: 300 },
    );
  });
});

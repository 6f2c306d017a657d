import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle, ListedLink } from '../../src/model.ts';
import { normalizeItem } from '../../src/normalize/item.ts';
import { makeSource } from '../../testkit/sources.ts';

const source = makeSource({ id: 'brics', title: 'The BRICS Post', url: 'https://www.example.com/news/', timezone: 'Asia/Kolkata', language: 'en' });
const fetchedAt = new Date('2024-06-10T12:00:00Z');
const ctx = { source, fetchedAt };

function article(over: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    title: 'Summit ends with joint statement | The BRICS Post',
    author: 'By Jane Doe and John Roe',
    authors: ['Jane Doe', 'John Roe'],
    date: '2024-06-09T08:30:00+05:30',
    text: 'Leaders met for two days. They agreed on many things.',
    html: '<p>Leaders met for two days.</p><p>They agreed on many things.</p>',
    excerpt: 'Leaders met for two days.',
    siteName: 'The BRICS Post',
    lang: 'en-GB',
    image: '/img/summit.jpg',
    canonicalUrl: 'https://example.com/news/summit-ends',
    categories: ['Politics', 'Diplomacy', 'politics', ' '],
    ...over,
  };
}

const fetchedUrl = 'https://www.example.com/news/summit-ends?utm_source=rss';

describe('normalizeItem', () => {
  it('builds a complete item from an article page', async () => {
    const item = await normalizeItem({ article: article(), fetchedUrl }, ctx);
    expect(item).toEqual({
      id: createHash('sha256').update('https://example.com/news/summit-ends').digest('hex').slice(0, 32),
      sourceId: 'brics',
      url: 'https://example.com/news/summit-ends',
      title: 'Summit ends with joint statement',
      authors: ['Jane Doe', 'John Roe'],
      published: '2024-06-09T03:00:00.000Z',
      updated: '2024-06-09T03:00:00.000Z', // no modification date: the publication date
      publishedOffset: 330, // the page's own +05:30, kept for the feeds
      updatedOffset: 330,
      firstSeen: '2024-06-10T12:00:00.000Z',
      summary: 'Leaders met for two days.',
      contentHtml: '<p>Leaders met for two days.</p><p>They agreed on many things.</p>',
      image: 'https://www.example.com/img/summit.jpg',
      categories: ['Politics', 'Diplomacy'],
      language: 'en-GB',
      contentHash: item.contentHash,
    });
    expect(item.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('dates updated by the article\'s own modification date, else its publication, else first seen', async () => {
    const updatedOf = async (over: Partial<ExtractedArticle>, listed?: ListedLink) =>
      (await normalizeItem({ article: article(over), listed, fetchedUrl }, ctx)).updated;
    // dateModified / article:modified_time as extracted (written with an offset)
    expect(await updatedOf({ modified: '2024-06-10T09:00:00+05:30' })).toBe('2024-06-10T03:30:00.000Z');
    // without an offset: the source's zone, like every other date
    expect(await updatedOf({ modified: '2024-06-10 09:00' })).toBe('2024-06-10T03:30:00.000Z');
    // never before publication, never after the fetch
    expect(await updatedOf({ modified: '2024-06-01T00:00:00Z' })).toBe('2024-06-09T03:00:00.000Z');
    expect(await updatedOf({ modified: '2024-06-10T20:00:00Z' })).toBe(fetchedAt.toISOString());
    // unreadable or absent: the publication date
    expect(await updatedOf({ modified: 'soon' })).toBe('2024-06-09T03:00:00.000Z');
    expect(await updatedOf({ modified: null })).toBe('2024-06-09T03:00:00.000Z');
    // no date anywhere: first seen
    expect(await updatedOf({ date: null, modified: null })).toBe(fetchedAt.toISOString());
    expect((await normalizeItem({ listed: { url: fetchedUrl, title: 'Listed' } }, ctx)).updated).toBe(fetchedAt.toISOString());
  });

  it('keeps the offset the page wrote its dates in, or the source zone\'s, never a UTC one', async () => {
    const utc = makeSource({ id: 'utc', url: 'https://www.example.com/news/' });
    const offsets = async (over: Partial<ExtractedArticle>, src = utc, listed?: ListedLink) => {
      const item = await normalizeItem({ article: article(over), listed, fetchedUrl }, { source: src, fetchedAt });
      return [item.published, item.publishedOffset, item.updated, item.updatedOffset];
    };
    // The instant is unchanged; the offset comes along.
    expect(await offsets({ date: '2024-03-05T09:30:00+05:30' })).toEqual(['2024-03-05T04:00:00.000Z', 330, '2024-03-05T04:00:00.000Z', 330]);
    expect(await offsets({ date: 'Tue, 05 Mar 2024 09:30:00 -0400', modified: '2024-03-06T10:00:00+01:00' }))
      .toEqual(['2024-03-05T13:30:00.000Z', -240, '2024-03-06T09:00:00.000Z', 60]);
    // Z, GMT, +00:00 or no offset at all: unknown, the feeds show UTC as before.
    for (const date of ['2024-03-05T09:30:00Z', 'Tue, 05 Mar 2024 09:30:00 GMT', '2024-03-05T09:30:00+00:00', '2024-03-05']) {
      expect((await offsets({ date }))[1]).toBeNull();
    }
    expect((await offsets({ date: null }))[1]).toBeNull();
    // A source zone gives the offset of that zone at that instant (DST included).
    const berlin = makeSource({ id: 'b', url: 'https://www.example.com/news/', timezone: 'Europe/Berlin' });
    expect(await offsets({ date: '2024-03-05 09:30' }, berlin)).toEqual(['2024-03-05T08:30:00.000Z', 60, '2024-03-05T08:30:00.000Z', 60]);
    expect((await offsets({ date: '2024-06-05T07:30:00Z' }, berlin))[1]).toBe(120);
    expect((await offsets({ date: null }, berlin))[1]).toBe(120); // first seen, 10 June
    // A listing date in the source zone.
    const listedOnly = await normalizeItem({ listed: { url: fetchedUrl, title: 'L', date: '5 March 2024 09:30' } }, { source: berlin, fetchedAt });
    expect([listedOnly.published, listedOnly.publishedOffset]).toEqual(['2024-03-05T08:30:00.000Z', 60]);
  });

  it('fills gaps from the listing entry', async () => {
    const listed: ListedLink = {
      url: 'https://www.example.com/news/summit-ends',
      title: 'Summit ends (listing title)',
      date: '9 June 2024 10:15',
      summary: '<b>Listing</b> summary &amp; more',
      image: 'https://cdn.example.com/listing.jpg',
    };
    const item = await normalizeItem(
      { article: article({ title: null, date: null, excerpt: null, text: '', image: null, lang: null }), listed, fetchedUrl },
      ctx,
    );
    expect(item.title).toBe('Summit ends (listing title)');
    // Listing dates without an offset are read in the source's zone (IST = UTC+5:30).
    expect(item.published).toBe('2024-06-09T04:45:00.000Z');
    expect(item.summary).toBe('Listing summary & more');
    expect(item.image).toBe('https://cdn.example.com/listing.jpg');
    expect(item.language).toBe('en');
  });

  it('works from a listing entry alone', async () => {
    const listed: ListedLink = { url: 'https://www.example.com/news/b?fbclid=1', title: 'Only listed', date: 'yesterday' };
    const item = await normalizeItem({ listed }, ctx);
    expect(item.url).toBe('https://www.example.com/news/b');
    expect(item.title).toBe('Only listed');
    expect(item.contentHtml).toBeNull();
    expect(item.authors).toEqual([]);
    const published = new Date(item.published).getTime();
    expect(published).toBeLessThan(fetchedAt.getTime());
    expect(published).toBeGreaterThan(fetchedAt.getTime() - 3 * 86400_000);
  });

  it('reads a listing\'s numeric date day first on a day-first English site, month first elsewhere', async () => {
    const utc = { source: makeSource({ id: 'n', title: 'N', url: 'https://news.example/', timezone: 'UTC', language: 'en' }), fetchedAt };
    const listedAt = async (url: string) => (await normalizeItem({ listed: { url, title: 'L', date: '06/05/2024' } }, utc)).published;
    expect(await listedAt('https://www.news.co.uk/a')).toBe('2024-05-06T00:00:00.000Z');
    expect(await listedAt('https://www.news.example/a')).toBe('2024-06-05T00:00:00.000Z');
    // A source configured in a day-first English reads it day first on any host.
    const british = { source: makeSource({ id: 'n', title: 'N', url: 'https://news.example/', timezone: 'UTC', language: 'en-GB' }), fetchedAt };
    const page = { url: 'https://www.news.example/a', title: 'L', date: '06/05/2024' };
    expect((await normalizeItem({ listed: page }, british)).published).toBe('2024-05-06T00:00:00.000Z');
    // Unless the page names its own region.
    expect((await normalizeItem({ listed: page, article: article({ lang: 'en-US', date: null }) }, british)).published).toBe('2024-06-05T00:00:00.000Z');
  });

  it('falls back to the first-seen time when no date is known, or the date is absurd', async () => {
    const none = await normalizeItem({ article: article({ date: null }), fetchedUrl }, ctx);
    expect(none.published).toBe(fetchedAt.toISOString());
    const future = await normalizeItem({ article: article({ date: '2031-01-01T00:00:00Z' }), fetchedUrl }, ctx);
    expect(future.published).toBe(fetchedAt.toISOString());
    const garbage = await normalizeItem({ article: article({ date: 'soon' }), listed: { url: fetchedUrl, date: 'n/a' }, fetchedUrl }, ctx);
    expect(garbage.published).toBe(fetchedAt.toISOString());
  });

  it('reads a date-only article date as midnight in the source zone', async () => {
    const item = await normalizeItem({ article: article({ date: '2024-06-09' }), fetchedUrl }, ctx);
    expect(item.published).toBe('2024-06-08T18:30:00.000Z');
  });

  it('ignores an off-site canonical URL', async () => {
    const item = await normalizeItem({ article: article({ canonicalUrl: 'https://aggregator.example.net/x' }), fetchedUrl }, ctx);
    expect(item.url).toBe('https://www.example.com/news/summit-ends');
  });

  it('summarizes on a word boundary within 500 characters', async () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const item = await normalizeItem({ article: article({ excerpt: long }), fetchedUrl }, ctx);
    expect(item.summary!.length).toBeLessThanOrEqual(500);
    expect(item.summary!.endsWith('…')).toBe(true);
    const body = item.summary!.slice(0, -1);
    expect(long.startsWith(body)).toBe(true);
    expect(long[body.length]).toBe(' ');
  });

  it('derives a summary from the text when there is no excerpt', async () => {
    const item = await normalizeItem({ article: article({ excerpt: null }), fetchedUrl }, ctx);
    expect(item.summary).toBe('Leaders met for two days. They agreed on many things.');
  });

  it('never leaves the title empty', async () => {
    const noTitle = await normalizeItem({ article: article({ title: '  ' }), fetchedUrl }, ctx);
    expect(noTitle.title).toBe('Leaders met for two days.');
    const nothing = await normalizeItem(
      { article: article({ title: null, excerpt: null, text: '' }), fetchedUrl },
      ctx,
    );
    expect(nothing.title).toBe('https://example.com/news/summit-ends');
  });

  it('strips characters XML cannot carry from every string', async () => {
    const item = await normalizeItem(
      {
        article: article({
          title: 'Bad\u0000 title\uD800',
          authors: ['Ann\u0001 Author'],
          excerpt: 'Sum\u000Bmary',
          html: '<p>Body\u0002 \uDE00text 😀</p>',
          categories: ['Cat\uFFFF'],
        }),
        fetchedUrl,
      },
      ctx,
    );
    const strings = [item.title, item.summary, item.contentHtml, item.url, item.image, ...item.authors, ...item.categories].join('');
    expect(strings).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(item.title).toBe('Bad title');
    expect(item.contentHtml).toBe('<p>Body text 😀</p>');
  });

  it('falls back to the source language, then null', async () => {
    expect((await normalizeItem({ article: article({ lang: null }), fetchedUrl }, ctx)).language).toBe('en');
    expect((await normalizeItem({ article: article({ lang: 'pt_br' }), fetchedUrl }, ctx)).language).toBe('pt-BR');
    const noLang = { source: { ...source, language: undefined }, fetchedAt };
    expect((await normalizeItem({ article: article({ lang: 'not a tag!' }), fetchedUrl }, noLang)).language).toBeNull();
  });

  it('takes the content\'s first picture only when neither the page nor its listing names an image', async () => {
    const contentImage = 'https://www.example.com/photos/hall.jpg';
    const listed: ListedLink = { url: fetchedUrl, title: 'T', image: 'https://cdn.example.com/listing.jpg' };
    const page = (image: string | null) => article({ image, contentImage });
    expect((await normalizeItem({ article: page(null), fetchedUrl }, ctx)).image).toBe(contentImage);
    expect((await normalizeItem({ article: page(null), listed, fetchedUrl }, ctx)).image).toBe('https://cdn.example.com/listing.jpg');
    expect((await normalizeItem({ article: page('/img/og.jpg'), listed, fetchedUrl }, ctx)).image).toBe('https://www.example.com/img/og.jpg');
  });

  it('drops image URLs that are not http(s)', async () => {
    const item = await normalizeItem({ article: article({ image: 'data:image/png;base64,AAAA' }), fetchedUrl }, ctx);
    expect(item.image).toBeNull();
  });

  describe('contentHash', () => {
    const base = () => normalizeItem({ article: article(), fetchedUrl }, ctx);

    it('ignores dates and fetch time', async () => {
      const a = await base();
      const b = await normalizeItem({ article: article({ date: '2024-01-01T00:00:00Z' }), fetchedUrl }, { source, fetchedAt: new Date('2024-07-01T00:00:00Z') });
      expect(b.contentHash).toBe(a.contentHash);
    });

    it('changes when anything a reader sees changes', async () => {
      const a = (await base()).contentHash;
      const variants: Partial<ExtractedArticle>[] = [
        { title: 'Another title' },
        { html: '<p>Edited body</p>' },
        { excerpt: 'Another summary' },
        { authors: ['Someone Else'] },
        { image: '/img/other.jpg' },
        { categories: ['Economy'] },
      ];
      const hashes = await Promise.all(variants.map(async (v) => (await normalizeItem({ article: article(v), fetchedUrl }, ctx)).contentHash));
      for (const h of hashes) expect(h).not.toBe(a);
      expect(new Set(hashes).size).toBe(hashes.length);
    });
  });

  it('needs a URL', async () => {
    await expect(normalizeItem({ article: article() }, ctx)).rejects.toThrow(TypeError);
  });
});

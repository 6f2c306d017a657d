import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';
import type { ExtractedArticle } from '../../src/model.ts';
import { normalizeItem } from '../../src/normalize/item.ts';
import { pushedItem } from '../../src/server/push-items.ts';
import { makeSource } from '../../testkit/sources.ts';

const source = makeSource({ id: 'health', title: 'Health News', url: 'https://news.example/' });
const fetchedAt = new Date('2024-06-10T12:00:00Z');
const ctx = { source, fetchedAt };

const page = (byline: string) => `<!doctype html><html><head><title>Sleep and memory</title></head><body>
  <article><h1>Sleep and memory</h1><span class="byline">${byline}</span>
  <p>${'Researchers followed two hundred adults for a year and measured how they slept. '.repeat(6)}</p>
  <p>${'Those who slept longer remembered more of what they had read the day before. '.repeat(6)}</p>
  </article></body></html>`;

function article(over: Partial<ExtractedArticle>): ExtractedArticle {
  return {
    title: 'T', author: null, date: null, text: 'Body text.', html: '<p>Body text.</p>', excerpt: null,
    siteName: null, lang: null, image: null, canonicalUrl: null, categories: [], ...over,
  };
}

describe('authors: one splitter, from the page to the stored item', () => {
  it('keeps "Brenda Goodman, MA" one author from extraction to the item', async () => {
    const url = 'https://news.example/sleep';
    const extracted = extractArticle(page('Brenda Goodman, MA'), url);
    expect(extracted.authors).toEqual(['Brenda Goodman, MA']);
    const item = await normalizeItem({ article: extracted, fetchedUrl: url }, ctx);
    expect(item.authors).toEqual(['Brenda Goodman, MA']);
  });

  it('splits a byline of several people once, in extraction', async () => {
    const url = 'https://news.example/sleep';
    const extracted = extractArticle(page('By Stella Kim and Jennifer Jett'), url);
    expect(extracted.authors).toEqual(['Stella Kim', 'Jennifer Jett']);
    expect((await normalizeItem({ article: extracted, fetchedUrl: url }, ctx)).authors).toEqual(['Stella Kim', 'Jennifer Jett']);
  });

  it('stores the listed authors as given: cleaned and deduplicated, never re-split', async () => {
    const item = await normalizeItem({ article: article({ authors: ['Goodman, Brenda', ' Jane\u0001 Doe ', 'jane doe', ''] }), fetchedUrl: 'https://news.example/a' }, ctx);
    expect(item.authors).toEqual(['Goodman, Brenda', 'Jane Doe']);
  });

  it('an article without an author list: its byline is read by the extractor\'s splitter', async () => {
    const authorsOf = async (author: string) =>
      (await normalizeItem({ article: article({ author }), fetchedUrl: 'https://news.example/a' }, ctx)).authors;
    expect(await authorsOf('Goodman, Brenda')).toEqual(['Goodman, Brenda']);
    expect(await authorsOf('Brenda Goodman, MA')).toEqual(['Brenda Goodman, MA']);
    expect(await authorsOf('By Jane Doe and John Roe')).toEqual(['Jane Doe', 'John Roe']);
  });

  it('a pushed author string stays one author, and the item hash covers the authors', async () => {
    const push = makeSource({ id: 'wire', title: 'Health News', type: 'push' });
    const one = await pushedItem({ url: 'https://news.example/p', title: 'P', author: { name: 'A and B' } }, push, fetchedAt);
    const list = await pushedItem({ url: 'https://news.example/p', title: 'P', authors: [{ name: 'A' }, { name: 'B' }] }, push, fetchedAt);
    const inherited = await pushedItem({ url: 'https://news.example/p', title: 'P' }, push, fetchedAt, { authors: ['A and B'], language: null });
    if (!one.ok || !list.ok || !inherited.ok) throw new Error('expected valid pushes');
    expect(one.item.authors).toEqual(['A and B']);
    expect(list.item.authors).toEqual(['A', 'B']);
    expect(inherited.item.authors).toEqual(['A and B']);
    expect(inherited.item.contentHash).toBe(one.item.contentHash);
    expect(list.item.contentHash).not.toBe(one.item.contentHash);
  });
});

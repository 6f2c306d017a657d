import type { Item } from '../../src/model.ts';

/** A complete, valid Item for tests; override what the test is about. */
export function makeItem(n: number, overrides: Partial<Item> = {}): Item {
  const day = String(((n - 1 + 28) % 28) + 1).padStart(2, '0');
  const published = overrides.published ?? `2024-03-${day}T10:00:00.000Z`;
  return {
    id: `item-${n}`,
    sourceId: 'news',
    url: `https://news.example/articles/${n}`,
    title: `Article number ${n}`,
    authors: [`Author ${n}`],
    published,
    updated: published,
    firstSeen: published,
    summary: `Summary of article ${n}.`,
    contentHtml: `<p>Body of article ${n}.</p>`,
    image: `https://news.example/img/${n}.jpg`,
    categories: ['World'],
    language: 'en',
    contentHash: `hash-${n}`,
    ...overrides,
  };
}

import type { Item } from '../../src/model.ts';
import type { Store } from '../../src/store/store.ts';

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

/**
 * Bundle fixtures: alpha holds items 1..3, beta 4..5 plus a later copy of alpha's article 2 (same
 * canonical URL), gamma one item outside any bundle.
 */
export async function storeBundleMembers(store: Pick<Store, 'upsertItems'>, at: Date): Promise<void> {
  await store.upsertItems('alpha', [1, 2, 3].map((n) => makeItem(n, { sourceId: 'alpha', id: `a${n}`, categories: ['Ünïcode'] })), at);
  await store.upsertItems('beta', [
    makeItem(4, { sourceId: 'beta', id: 'b4', categories: [] }),
    makeItem(5, { sourceId: 'beta', id: 'b5' }),
    makeItem(2, { sourceId: 'beta', id: 'b2', published: '2024-03-09T10:00:00.000Z', title: 'Copy of 2' }),
  ], at);
  await store.upsertItems('gamma', [makeItem(9, { sourceId: 'gamma', id: 'g9' })], at);
}

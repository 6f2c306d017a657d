import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { makeItem } from '../helpers/items.ts';

let store: Store;
const at = new Date('2024-04-01T00:00:00Z');
const ids = (items: { id: string }[]) => items.map((i) => i.id);

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
});
afterEach(() => store.close());

describe('upsertItems with maxItems', () => {
  it('keeps every item while the source is under the cap', async () => {
    await store.upsertItems('news', [1, 2, 3].map((n) => makeItem(n)), at, { maxItems: 3 });
    expect(ids(await store.listItems('news', 100))).toEqual(['item-3', 'item-2', 'item-1']);
    expect((await store.feedVersion('news')).itemCount).toBe(3);
  });

  it('prunes the oldest items past the cap in the same write, and counts what is left', async () => {
    await store.upsertItems('news', [1, 2, 3].map((n) => makeItem(n)), at, { maxItems: 4 });
    const result = await store.upsertItems('news', [4, 5, 6].map((n) => makeItem(n)), at, { maxItems: 4 });
    expect(result).toEqual({ created: 3, updated: 0, unchanged: 0, createdIds: ['item-4', 'item-5', 'item-6'], updatedIds: [] });
    expect(ids(await store.listItems('news', 100))).toEqual(['item-6', 'item-5', 'item-4', 'item-3']);
    expect((await store.feedVersion('news')).itemCount).toBe(4);
  });

  it('prunes by publication date, not by arrival: a late old article goes first', async () => {
    await store.upsertItems('news', [5, 6].map((n) => makeItem(n)), at, { maxItems: 2 });
    await store.upsertItems('news', [makeItem(1)], at, { maxItems: 2 });
    expect(ids(await store.listItems('news', 100))).toEqual(['item-6', 'item-5']);
  });

  it('leaves other sources alone', async () => {
    await store.upsertItems('other', [1, 2].map((n) => makeItem(n, { sourceId: 'other' })), at);
    await store.upsertItems('news', [1, 2, 3].map((n) => makeItem(n)), at, { maxItems: 1 });
    expect(ids(await store.listItems('other', 100))).toEqual(['item-2', 'item-1']);
    expect(ids(await store.listItems('news', 100))).toEqual(['item-3']);
  });

  it('keeps everything without maxItems', async () => {
    await store.upsertItems('news', Array.from({ length: 30 }, (_, i) => makeItem(i + 1)), at);
    expect(await store.listItems('news', 100)).toHaveLength(30);
  });
});

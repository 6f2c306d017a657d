import { describe, expect, it, vi } from 'vitest';
import * as storedSource from '../../src/config/stored-source.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { readStoredSources, type StoredSourceParses } from '../../src/store/stored-sources.ts';

describe('readStoredSources with the rows validated before', () => {
  it('validates only new and changed rows, gives the same entries, and keeps only the rows of the last read', async () => {
    const store = await openSqliteStore(':memory:');
    const now = new Date('2026-01-01T00:00:00Z');
    for (const id of ['a', 'b', 'c']) await store.putStoredSource(id, JSON.stringify({ url: `https://${id}.example/` }), now);
    await store.putStoredSource('bad', JSON.stringify({ url: 'https://bad.example/', limit: 0 }), now);
    const known: StoredSourceParses = new Map();
    const spy = vi.spyOn(storedSource, 'parseStoredSource');
    const first = await readStoredSources(store, 'row', known);
    expect(spy).toHaveBeenCalledTimes(4);
    expect(first.entries.map((e) => e.source.id)).toEqual(['a', 'b', 'c']);
    expect(first.problems).toEqual(['row "bad": limit: must be at least 1']);

    spy.mockClear();
    const again = await readStoredSources(store, 'row', known);
    expect(spy).not.toHaveBeenCalled();
    expect(again).toEqual(first);

    await store.putStoredSource('b', JSON.stringify({ url: 'https://b.example/changed' }), now);
    await store.removeSource('c');
    const changed = await readStoredSources(store, 'row', known);
    expect(spy.mock.calls.map(([row]) => row.id)).toEqual(['b']);
    expect(changed.entries.map((e) => e.source.url)).toEqual(['https://a.example/', 'https://b.example/changed']);
    expect([...known.keys()].map((k) => k.split('\u0000')[0]).sort()).toEqual(['a', 'b', 'bad']);
    expect(await readStoredSources(store, 'row')).toEqual(changed); // without the map: the same answer
    spy.mockRestore();
  });
});

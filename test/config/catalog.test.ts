import { describe, expect, it } from 'vitest';
import { SourceCatalog, writtenOf, type CatalogChange, type CatalogEntry } from '../../src/config/catalog.ts';
import { resolveSourceRefs } from '../../src/config/env-refs.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { parseStoredSource } from '../../src/config/stored-source.ts';
import { makeSource } from '../../testkit/sources.ts';

const entry = (id: string, over: Parameters<typeof makeSource>[0] = {}): CatalogEntry => {
  const source = makeSource({ id, ...over });
  return { source, origin: 'file', written: writtenOf(source) };
};

describe('SourceCatalog', () => {
  it('serves file sources first, then database ones, and tells listeners what changed', () => {
    const catalog = new SourceCatalog();
    const changes: CatalogChange[] = [];
    catalog.onChange((c) => changes.push(c));
    catalog.setFile([entry('a'), entry('b')], 'sources.yaml');
    catalog.setDb([entry('c')]);
    expect(catalog.sources.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(catalog.get('c')?.origin).toBe('db');
    expect(catalog.get('a')?.origin).toBe('file');
    catalog.setFile([entry('a', { title: 'New title' }), entry('d')]);
    expect(changes).toEqual([
      { added: ['a', 'b'], changed: [], removed: [] },
      { added: ['c'], changed: [], removed: [] },
      { added: ['d'], changed: ['a'], removed: ['b'] },
    ]);
    // The same content again changes nothing, and says nothing.
    catalog.setFile([entry('a', { title: 'New title' }), entry('d')]);
    expect(changes).toHaveLength(3);
  });

  it('never lets a database source replace a file source: the clash is reported', () => {
    const catalog = new SourceCatalog();
    catalog.setFile([entry('news', { title: 'From the file' })], 'data/sources.yaml');
    catalog.setDb([entry('news', { title: 'From the database' }), entry('other')], ['database sources row "bad": limit: must be at least 1']);
    expect(catalog.get('news')?.source.title).toBe('From the file');
    expect(catalog.sources.map((s) => s.id)).toEqual(['news', 'other']);
    expect(catalog.problems).toEqual([
      'database sources row "bad": limit: must be at least 1',
      'database source "news" is not served: data/sources.yaml has a source with that id; remove one of them or rename it',
    ]);
    // Once the file gives the id up, the database source is served.
    catalog.setFile([]);
    expect(catalog.get('news')?.source.title).toBe('From the database');
    expect(catalog.problems).toEqual(['database sources row "bad": limit: must be at least 1']);
  });

  it('leaves out a bundle whose member is gone, and says so', () => {
    const catalog = new SourceCatalog();
    catalog.setFile([entry('a')]);
    catalog.setDb([entry('b'), entry('all', { type: 'merge', sources: ['a', 'b'] })]);
    expect(catalog.get('all')).toBeDefined();
    catalog.setDb([entry('all', { type: 'merge', sources: ['a', 'b'] })]);
    expect(catalog.get('all')).toBeUndefined();
    expect(catalog.problems).toEqual(['source "all" is not served: sources: no source has the id "b"; list the ids of sources in this file']);
  });

  it('writtenOf gives back an entry the config parses to the same source', () => {
    const source = makeSource({ id: 's', list: { item: 'li', link: 'a@href', date: 'time@datetime' }, article: { date: '.when', remove: ['.ad'] } });
    const [again] = parseConfig(JSON.stringify({ sources: [writtenOf(source)] }), 's.json').sources;
    expect(again).toEqual(source);
  });
});

describe('parseStoredSource', () => {
  it('gives the entry as written, with the row\'s id first', () => {
    const parsed = parseStoredSource({ id: 'news', config: JSON.stringify({ url: 'https://x.example/', id: 'ignored' }) });
    expect(parsed).toMatchObject({ written: { id: 'news', url: 'https://x.example/' } });
    expect(Object.keys((parsed as { written: object }).written)).toEqual(['id', 'url']);
    expect(parseStoredSource({ id: 'x', config: '{' })).toMatchObject({ details: [{ field: 'config' }] });
    expect(parseStoredSource({ id: 'x', config: '3' })).toEqual({
      problems: ['database sources row "x": expected a mapping, got number 3'], details: [{ field: '', message: 'expected a mapping, got number 3' }],
    });
  });
});

describe('database sources with ${NAME} references', () => {
  it('resolves them with the runtime\'s resolver; a row naming an unset variable is left out and reported', () => {
    const catalog = new SourceCatalog();
    catalog.resolveDb = (source) => resolveSourceRefs(source, { MEMBERS_TOKEN: 'tok-123' }, 'database');
    catalog.setDb([
      entry('members', { request: { headers: { Authorization: 'Bearer ${MEMBERS_TOKEN}' } } }),
      entry('orphan', { request: { cookies: { session: '${UNSET_SESSION}' } } }),
    ]);
    expect(catalog.get('members')!.source.request!.headers).toEqual({ Authorization: 'Bearer tok-123' });
    // What was written keeps the reference (the API shows and exports it as is).
    expect(JSON.stringify(catalog.get('members')!.written)).not.toContain('tok-123');
    expect(catalog.get('orphan')).toBeUndefined();
    expect(catalog.problems.join('\n')).toMatch(/orphan.*request\.cookies\.session.*UNSET_SESSION/);
  });
});

/** JSON-LD as Reader View reads it: which script and which node it takes, and which it skips. */
import { describe, expect, it } from 'vitest';
import { readerViewNode, statedNames } from '../../src/extract/jsonld-reader-view.ts';

const ctx = '"@context":"https://schema.org"';

describe('readerViewNode', () => {
  const read = (...scripts: string[]) => readerViewNode(scripts.map((s) => JSON.parse(s)))?.headline ?? null;
  it('takes the first script that names an article at its top, in its list or in its @graph', () => {
    expect(read(`{${ctx},"@type":"WebPage","headline":"page"}`, `{${ctx},"@type":"NewsArticle","headline":"two"}`)).toBe('two');
    expect(read(`[{"@type":"WebPage"},{${ctx},"@type":"BlogPosting","headline":"list"}]`)).toBe('list');
    expect(read(`{"@context":{"@vocab":"http://schema.org/"},"@graph":[{"@type":"Organization"},{"@type":"TechArticle","headline":"graph"}]}`)).toBe('graph');
  });
  it('skips a script whose list holds a typed list before the article, as its .match throws there', () => {
    expect(read(`{${ctx},"@graph":[{"@type":["Organization","Brand"]},{"@type":"NewsArticle","headline":"graph"}]}`)).toBeNull();
    expect(read(`{${ctx},"@graph":[{"@type":["Organization"]},{"@type":"NewsArticle","headline":"a"}]}`, `{${ctx},"@type":"Article","headline":"b"}`)).toBe('b');
  });
  it('skips a context other than schema.org, an article nested in another node, a script JSON.parse rejected', () => {
    expect(read(`{"@context":"https://schema.org/docs","@type":"NewsArticle","headline":"x"}`)).toBeNull();
    expect(read(`{${ctx},"@type":"WebPage","mainEntity":{"@type":"NewsArticle","headline":"x"}}`)).toBeNull();
    expect(readerViewNode([undefined])).toBeNull();
  });
});

describe('statedNames', () => {
  it('reads {name} or a list whose first entry has a name, not strings or lists of names', () => {
    expect(statedNames({ name: 'Ann Lee' })).toEqual(['Ann Lee']);
    expect(statedNames([{ name: 'Ann Lee' }, 'Bo Poe', { name: 'Cy Roe' }])).toEqual(['Ann Lee', 'Cy Roe']);
    expect(statedNames(['Ann Lee', { name: 'Bo Poe' }])).toEqual([]);
    expect(statedNames('Ann Lee')).toEqual([]);
    expect(statedNames({ name: ['Ann Lee'] })).toEqual([]);
    expect(statedNames({ '@id': '#ann' })).toEqual([]);
  });
});

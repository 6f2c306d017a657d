import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/types.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { indexPage } from '../../src/server/index-page.ts';
import type { Store } from '../../src/store/store.ts';
import { makeSource } from '../../testkit/sources.ts';

const base = makeSource({ id: 'base' });
const many = (n: number): SourceConfig[] => Array.from({ length: n }, (_, i) => ({
  ...base, id: `site-${i}`, title: i % 10 === 0 ? `Harbour Gazette ${i}` : `Daily News ${i}`, url: `https://site${i}.example/`,
}));

describe('indexPage', () => {
  const sources = many(250);

  it('lists one page of DEFAULTS.indexPageSize, the first by default', () => {
    const { feeds, pagination } = indexPage(sources, undefined, undefined);
    expect(feeds.map((f) => f.id)).toEqual(sources.slice(0, DEFAULTS.indexPageSize).map((s) => s.id));
    expect(pagination).toEqual({ page: 1, pages: Math.ceil(250 / DEFAULTS.indexPageSize), matching: 250, total: 250, query: '' });
  });

  it('finds sources by title or id, case-insensitively, and pages the matches', () => {
    const byTitle = indexPage(sources, '  harbour GAZETTE ', '1', 10);
    expect(byTitle.pagination).toMatchObject({ matching: 25, pages: 3, query: 'harbour GAZETTE' });
    expect(byTitle.feeds.every((f) => f.title.startsWith('Harbour Gazette'))).toBe(true);
    expect(indexPage(sources, 'site-249', undefined).feeds.map((f) => f.id)).toEqual(['site-249']);
    expect(indexPage(sources, 'nothing like it', undefined).feeds).toEqual([]);
  });

  it('clamps a page past the end and ignores an unreadable one', () => {
    expect(indexPage(sources, '', '99', 100).pagination.page).toBe(3);
    expect(indexPage(sources, '', '99', 100).feeds).toHaveLength(50);
    for (const bad of ['0', '-1', 'abc', '1.5']) expect(indexPage(sources, '', bad, 100).pagination.page).toBe(1);
  });

  it('caps the search text', () => {
    expect(indexPage(sources, 'x'.repeat(5000), undefined).pagination.query).toHaveLength(DEFAULTS.maxIndexQueryChars);
  });
});

describe('GET / with many sources', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const sources = many(250);
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
    app = createApp({ sources, store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example' });
  });
  afterEach(() => store.close());

  const page = async (path: string) => parseHTML(await (await app.request(path)).text()).document;

  it('serves one page with autodiscovery for its own feeds only, a search form and page links', async () => {
    const doc = await page('/');
    expect(doc.querySelectorAll('li')).toHaveLength(DEFAULTS.indexPageSize);
    expect(doc.querySelectorAll('link[rel="alternate"]')).toHaveLength(3 * DEFAULTS.indexPageSize);
    expect(doc.querySelector('form[role="search"] input[name="q"]')).not.toBeNull();
    expect(doc.body.textContent).toContain('250 feeds');
    expect(doc.querySelector('a[rel="next"]')!.getAttribute('href')).toBe('https://feeds.example/?page=2');
    expect(doc.querySelector('a[rel="prev"]')).toBeNull();

    const last = await page('/?page=3');
    expect(last.querySelectorAll('li')).toHaveLength(50);
    expect(last.querySelector('li .feed')!.textContent).toBe('Harbour Gazette 200');
    expect(last.querySelector('a[rel="prev"]')!.getAttribute('href')).toBe('https://feeds.example/?page=2');
  });

  it('searches, keeping the query in the page links and escaped in the form', async () => {
    const doc = await page('/?q=Harbour');
    expect([...doc.querySelectorAll('li .feed')].map((a) => a.textContent)).toEqual(
      sources.filter((s) => s.title.startsWith('Harbour')).map((s) => s.title),
    );
    expect(doc.body.textContent).toContain('25 feeds match');
    const hostile = await (await app.request('/?q=%22%3E%3Cscript%3E')).text();
    expect(hostile).not.toContain('"><script>');
    expect(parseHTML(hostile).document.querySelector('input[name="q"]')!.getAttribute('value')).toBe('"><script>');
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { parseSelector, selectorProblem, selectorText } from '../../src/config/selectors.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { findLinks } from '../../src/list/index.ts';

/** Spec as written → its split form. An `@` inside an attribute value is never the attribute. */
const TABLE: [string, { selector: string; attr: string | null }][] = [
  ['a@href', { selector: 'a', attr: 'href' }],
  ['@data-id', { selector: '', attr: 'data-id' }],
  ['.d@data-ts', { selector: '.d', attr: 'data-ts' }],
  ['span[data-x="a@b"]', { selector: 'span[data-x="a@b"]', attr: null }],
  ['meta[content*="@"]', { selector: 'meta[content*="@"]', attr: null }],
  ['a[href$="@x"]@href', { selector: 'a[href$="@x"]', attr: 'href' }],
  ['  h2 a @href ', { selector: 'h2 a', attr: 'href' }],
  ['time', { selector: 'time', attr: null }],
];

describe('parseSelector', () => {
  it.each(TABLE)('%s', (spec, split) => {
    expect(parseSelector(spec)).toEqual(split);
    expect(selectorProblem(spec, { allowAttr: true })).toBeNull();
  });

  it('is what the config stores for every field that reads a value', () => {
    const listFields = ['link', 'title', 'date', 'summary', 'image'];
    const articleFields = ['title', 'date', 'author'];
    const lines = (fields: string[], specs: typeof TABLE) => specs.map(([spec], i) => `      ${fields[i]}: ${JSON.stringify(spec)}\n`).join('');
    const yaml = 'sources:\n  - id: s\n    url: https://example.com/\n    list:\n      item: li\n' +
      lines(listFields, TABLE.slice(0, 5)) + '    article:\n' + lines(articleFields, TABLE.slice(5));
    const [source] = parseConfig(yaml, 's.yaml').sources;
    expect(source.list).toEqual({
      item: 'li', link: TABLE[0][1], title: TABLE[1][1], date: TABLE[2][1], summary: TABLE[3][1], image: TABLE[4][1],
    });
    expect(source.article).toEqual({ fetch: true, title: TABLE[5][1], date: TABLE[6][1], author: TABLE[7][1] });
  });

  it('selectorText writes the split form back', () => {
    for (const [spec, split] of TABLE) expect(parseSelector(selectorText(split))).toEqual(split);
    expect(selectorText({ selector: '', attr: 'data-url' })).toBe('@data-url');
  });

  it('refuses attributes where elements are selected, empty and invalid selectors', () => {
    expect(selectorProblem('li@data-x', { allowAttr: false })).toBe('"li@data-x": an attribute (@data-x) is not allowed here');
    expect(selectorProblem('  ', { allowAttr: true })).toBe('must not be empty');
    expect(selectorProblem('div[', { allowAttr: true })).toMatch(/^invalid CSS selector "div\["/);
    expect(selectorProblem('span[data-x="a@b"]', { allowAttr: false })).toBeNull();
  });
});

const PAGE = `<!doctype html><html><head><title>Site | Page title</title></head><body>
<span data-x="a@b">The configured title</span>
<ul><li class="card"><span data-x="a@b">Card one</span><a href="/one">more</a></li>
<li class="card"><span data-x="a@b">Card two</span><a href="/two">more</a></li></ul>
<article><p>${'Body text of the article. '.repeat(20)}</p></article></body></html>`;

describe('a selector with "@" inside an attribute value, end to end', () => {
  const yaml = `sources:
  - id: s
    url: https://example.com/
    list:
      item: li.card
      title: 'span[data-x="a@b"]'
    article:
      title: 'span[data-x="a@b"]'
`;

  it('reads the article title through the config', () => {
    const [source] = parseConfig(yaml, 's.yaml').sources;
    const article = extractArticle(PAGE, 'https://example.com/one', { selectors: source.article });
    expect(article.title).toBe('The configured title');
    expect(article.unmatchedSelectors ?? []).not.toContain('title');
  });

  it('reads the article title given as written to the library', () => {
    const article = extractArticle(PAGE, 'https://example.com/one', { selectors: { title: 'span[data-x="a@b"]' } });
    expect(article.title).toBe('The configured title');
  });

  it('reads the listing titles, through the config and as written', () => {
    const [source] = parseConfig(yaml, 's.yaml').sources;
    const expected = [{ url: 'https://example.com/one', title: 'Card one' }, { url: 'https://example.com/two', title: 'Card two' }];
    expect(findLinks(PAGE, 'https://example.com/', source.list)).toEqual(expected);
    expect(findLinks(PAGE, 'https://example.com/', { item: 'li.card', title: 'span[data-x="a@b"]' })).toEqual(expected);
  });
});

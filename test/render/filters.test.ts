import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/defaults.ts';
import type { Item } from '../../src/model.ts';
import { compileFilters, parseFeedQuery, shapeItems, type FeedQuery } from '../../src/render/filters.ts';
import { makeItem } from '../helpers/items.ts';

const NOW = new Date('2024-03-10T12:00:00.000Z');

/** Known items: unicode, categories, missing fields; newest first as the store lists them. */
const ITEMS: Item[] = [
  makeItem(9, { title: 'Sponsored: buy now', categories: ['Ads'], published: '2024-03-10T11:00:00.000Z' }),
  makeItem(8, { title: 'Café société à Zürich', authors: ['Zoë Brontë'], categories: ['Culture', 'Europe'], published: '2024-03-10T09:00:00.000Z' }),
  makeItem(7, { title: 'Rust 2024 released', summary: null, contentHtml: '<p>The <b>borrow checker</b> got smarter.</p>', categories: [], published: '2024-03-09T12:00:00.000Z' }),
  makeItem(6, { title: 'No body at all', summary: null, contentHtml: null, authors: [], categories: [], published: '2024-03-08T12:00:00.000Z' }),
  makeItem(5, { title: '東京の天気', categories: ['天気'], published: '2024-03-07T12:00:00.000Z' }),
];

function run(query: Record<string, string>, limit = 50): string[] {
  const parsed = parseFeedQuery((name) => query[name]);
  if (parsed.error !== undefined) throw new Error(parsed.error);
  return shapeItems(ITEMS, { query: parsed.query, limit, now: NOW }).map((i) => i.id);
}

describe('query filters (RSSHub names and semantics)', () => {
  it('filter matches title or description; filter_title only the title', () => {
    expect(run({ filter: 'borrow' })).toEqual(['item-7']); // in the content only
    expect(run({ filter_title: 'borrow' })).toEqual([]);
    expect(run({ filter_description: 'checker got' })).toEqual(['item-7']); // content as text, tags gone
    expect(run({ filter: 'Rust|天気' })).toEqual(['item-7', 'item-5']);
  });

  it('is case-sensitive by default, like RSSHub; filter_case_sensitive=false folds case (unicode too)', () => {
    expect(run({ filter_title: 'sponsored' })).toEqual([]);
    expect(run({ filter_title: 'sponsored', filter_case_sensitive: 'false' })).toEqual(['item-9']);
    expect(run({ filter_title: 'CAFÉ', filter_case_sensitive: 'false' })).toEqual(['item-8']);
    expect(run({ filterout_title: 'SPONSORED', filter_case_sensitive: 'false' })).not.toContain('item-9');
  });

  it('filterout drops matches; an item without the field is not dropped, nor kept by filter_*', () => {
    expect(run({ filterout_title: 'Sponsored' })).toEqual(['item-8', 'item-7', 'item-6', 'item-5']);
    expect(run({ filterout_author: 'Zoë' })).toEqual(['item-9', 'item-7', 'item-6', 'item-5']);
    expect(run({ filter_author: '.' })).not.toContain('item-6'); // no author
    expect(run({ filterout_author: '.' })).toEqual(['item-6']);
    // no description at all: matched on the title (RSSHub)
    expect(run({ filter_description: '^No body' })).toEqual(['item-6']);
  });

  it('filter_category matches any one category; items without categories never match', () => {
    expect(run({ filter_category: '^Europe$' })).toEqual(['item-8']);
    expect(run({ filter_category: '天' })).toEqual(['item-5']);
    expect(run({ filterout_category: 'Ads|World' })).toEqual(['item-8', 'item-7', 'item-6', 'item-5']);
  });

  it('every filter given must match, and any filterout drops', () => {
    expect(run({ filter: 'a', filter_category: 'Culture' })).toEqual(['item-8']);
    expect(run({ filterout_title: 'Rust', filterout_category: 'Ads' })).toEqual(['item-8', 'item-6', 'item-5']);
  });

  it('filter_time keeps items published within that many seconds', () => {
    expect(run({ filter_time: '3600' })).toEqual(['item-9']);
    expect(run({ filter_time: String(2 * 86_400 - 1) })).toEqual(['item-9', 'item-8', 'item-7']);
    expect(run({ filter_time: String(2 * 86_400) })).toContain('item-6'); // the bound is inclusive (RSSHub: <=)
  });

  it('filters first, then limits (as RSSHub)', () => {
    expect(run({ filterout_title: 'Sponsored' }, 2)).toEqual(['item-8', 'item-7']);
  });

  it('sorted (default) puts the newest first; sorted=false keeps the listed order', () => {
    const shuffled = [ITEMS[3], ITEMS[0], ITEMS[4]];
    const ids = (query: FeedQuery) => shapeItems(shuffled, { query, limit: 10, now: NOW }).map((i) => i.id);
    expect(ids({})).toEqual(['item-9', 'item-6', 'item-5']);
    expect(ids({ sorted: false })).toEqual(['item-6', 'item-9', 'item-5']);
  });

  it('brief=N makes the content a plain-text summary of N characters', () => {
    const long = makeItem(1, { contentHtml: `<p>${'word '.repeat(100)}</p><p>ünïcödé ${'é'.repeat(200)}</p>` });
    const parsed = parseFeedQuery((n) => ({ brief: '120' } as Record<string, string>)[n]);
    const [item] = shapeItems([long], { query: parsed.query, limit: 1, now: NOW });
    expect(item.contentHtml).toBeNull();
    expect(item.summary).toMatch(/^word word/);
    expect([...item.summary!].length).toBeLessThanOrEqual(121);
    expect(item.summary!.endsWith('…')).toBe(true);
    expect(item.summary).not.toContain('<');
  });

  it('refuses invalid values with a message naming the parameter', () => {
    const error = (query: Record<string, string>) => parseFeedQuery((n) => query[n]).error;
    expect(error({ filter_title: '(unclosed' })).toMatch(/^filter_title: pattern is not a valid regular expression/);
    expect(error({ filterout_category: '(?=lookahead)' })).toMatch(/^filterout_category: .*RE2/);
    expect(error({ filter: 'a'.repeat(DEFAULTS.maxFilterPatternChars + 1) })).toMatch(/^filter: pattern is 1001 characters long; patterns may have at most 1000/);
    expect(error({ filter: 'a'.repeat(DEFAULTS.maxFilterPatternChars) })).toBeUndefined();
    expect(error({ filter_case_sensitive: 'no' })).toMatch(/filter_case_sensitive must be true or false/);
    expect(error({ filter_time: '-5' })).toMatch(/filter_time must be a positive whole number/);
    expect(error({ sorted: '0' })).toMatch(/sorted must be true or false/);
    expect(error({ brief: '99' })).toMatch(/brief must be a whole number of characters from 100/);
    expect(error({ brief: 'abc' })).toMatch(/brief/);
  });

  it('lists the parameters in one order, whatever order they were written in', () => {
    const a = parseFeedQuery((n) => ({ filterout: 'x', filter_title: 'y' } as Record<string, string>)[n]);
    const b = parseFeedQuery((n) => ({ filter_title: 'y', filterout: 'x' } as Record<string, string>)[n]);
    expect(a.params).toEqual(b.params);
    expect(a.params).toEqual([['filter_title', 'y'], ['filterout', 'x']]);
  });
});

describe('hostile patterns (ReDoS corpus)', () => {
  const hostileTitles = [
    'a'.repeat(50_000) + '!',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.repeat(500),
    `${'ab'.repeat(20_000)}c`,
    `${'x@'.repeat(10_000)}.`,
  ];
  const patterns = ['(a+)+$', '(a|a)*$', '(a|aa)+$', '(.*a){20}', '^(([a-z])+.)+[A-Z]([a-z])+$', '(ab|a)*c$', '(\\w+@)+\\w+\\.\\w+$'];
  const items = hostileTitles.map((title, i) => makeItem(i + 1, { title, summary: title, contentHtml: null }));

  it('completes for every pattern on every hostile title (linear-time engine)', () => {
    for (const pattern of patterns) {
      for (const kind of ['filter', 'filterout_title']) {
        const parsed = parseFeedQuery((n) => (n === kind ? pattern : undefined));
        expect(parsed.error).toBeUndefined();
        const out = shapeItems(items, { query: parsed.query, limit: 10, now: NOW });
        expect(out.length).toBeLessThanOrEqual(items.length);
      }
    }
  });
});

describe('compileFilters (a source\'s filters)', () => {
  it('names every unusable pattern by its config path', () => {
    const result = compileFilters({ include: { title: '(' }, exclude: { category: '[' } });
    expect('problems' in result && result.problems).toEqual([
      expect.stringMatching(/^include\.title: pattern is not a valid/),
      expect.stringMatching(/^exclude\.category: pattern is not a valid/),
    ]);
  });
});

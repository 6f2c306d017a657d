import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkGroups } from '../../src/list/groups.ts';
import { findLinks, readListing } from '../../src/list/index.ts';

const FIXTURES = new URL('../fixtures/list/', import.meta.url);
const CASES = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const page = (name: string) => readFileSync(new URL(`${name}/page.html`, FIXTURES), 'utf8');
const pageUrl = (name: string): string => JSON.parse(readFileSync(new URL(`${name}/expected.json`, FIXTURES), 'utf8')).url;

describe('linkGroups: each group with the list selectors that reproduce it', () => {
  for (const name of CASES) {
    it(`${name}: configuring a group's selectors yields exactly its links, in order`, () => {
      const html = page(name);
      const url = pageUrl(name);
      const groups = linkGroups(html, url);
      expect(groups.length).toBeGreaterThan(0);
      const detected = findLinks(html, url).map((l) => l.url);
      // The chosen groups together are what automatic detection reads.
      const chosen = groups.filter((g) => g.chosen);
      if (detected.length > 0) {
        expect(chosen.length).toBeGreaterThan(0);
        expect(new Set(chosen.flatMap((g) => g.urls))).toEqual(new Set(detected));
      }
      for (const g of groups) {
        const selected = readListing(html, url, g.list).links.map((l) => l.url);
        if (g.exact) expect(selected, JSON.stringify(g.list)).toEqual(g.urls);
        else expect(selected).not.toEqual(g.urls);
      }
      // Every group the detector would choose can be saved as selectors.
      for (const g of chosen) expect(g.exact, `${name}: ${JSON.stringify(g.list)}`).toBe(true);
    });
  }

  it('narrows to a link inside the item when its first link is not the article, and escapes class names', () => {
    const card = (i: number) =>
      `<div class="md:card"><a href="/topics/harbour">Harbour</a><h3 class="headline"><a href="/news/2026/05/story-${i}">Story ${i} about the harbour and its ferries</a></h3></div>`;
    const html = `<html><body><main><section class="river">${[1, 2, 3, 4, 5].map(card).join('')}</section></main>` +
      `<section class="other"><div class="md:card"><a href="/news/2026/05/other">An unrelated card elsewhere on the page</a></div></section></body></html>`;
    const [best] = linkGroups(html, 'https://example.com/');
    expect(best.urls).toEqual([1, 2, 3, 4, 5].map((i) => `https://example.com/news/2026/05/story-${i}`));
    expect(best).toMatchObject({ exact: true, list: { item: 'section.river > div', link: 'h3.headline > a' } });
    expect(readListing(html, 'https://example.com/', best.list).links.map((l) => l.url)).toEqual(best.urls);
  });

  it('gives sample titles and reports menus after real groups', () => {
    const html = '<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li></ul></nav>' +
      `<ul class="posts">${[1, 2, 3, 4].map((i) => `<li><a href="/2026/05/post-${i}">Post number ${i} of the week</a></li>`).join('')}</ul></body></html>`;
    const groups = linkGroups(html, 'https://example.com/', { samples: 2 });
    expect(groups[0]).toMatchObject({ chosen: true, menu: false, sample: ['Post number 1 of the week', 'Post number 2 of the week'] });
    expect(groups.slice(1).every((g) => !g.chosen)).toBe(true);
  });
});

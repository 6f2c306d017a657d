/**
 * Rules of the W3C Feed Validation Service (https://github.com/rubys/feedvalidator), encoded as
 * assertions on rendered output because the service is not reachable offline:
 *
 * - RSS plain-text elements (titles, categories) are checked by `nonhtml` (validators.py): an HTML
 *   end tag draws ContainsHTML; an entity in the decoded text, or a "<" / "&#" in it, draws
 *   ContainsHTML / CharacterData unless the source line uses hexadecimal character references;
 * - Atom: `unique('updated', …)` warns DuplicateUpdated when two entries carry the same string;
 *   an entry without content needs a summary (MissingTextualContent, entry.py);
 * - HTML content (RSS description/content:encoded, Atom type="html"): an element outside the
 *   validator's safe list (iframe among them) draws SecurityRisk; table parts outside a table are
 *   not HTML a reader can place (NotHtml).
 */
import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';
import type { Item } from '../../src/model.ts';
import { normalizeItem } from '../../src/normalize/item.ts';
import { renderFeed } from '../../src/render/feed.ts';
import { parseFeedQuery, shapeItems } from '../../src/render/filters.ts';
import type { FeedMeta } from '../../src/render/types.ts';
import { makeItem } from '../helpers/items.ts';
import { findAll, parseStrictXml } from '../helpers/strict-xml.ts';
import { makeSource } from '../../testkit/sources.ts';

const meta: FeedMeta = {
  id: 'news',
  title: 'News & <Views>',
  siteUrl: 'https://news.example/latest',
  baseUrl: 'https://feeds.example',
  updated: '2024-03-05T12:00:00.000Z',
};

const HTML_END_TAG = /<\/(\w+)>/g;
const HTML_TAGS = new Set(['a', 'b', 'i', 'p', 'div', 'span', 'img', 'em', 'strong', 'script', 'br', 'table', 'td', 'tr', 'iframe', 'h1', 'h2']);
const ENTITY = /&(#?\w+)/g;
const ENTITY_NAMES = new Set(['amp', 'lt', 'gt', 'quot', 'apos', 'nbsp', 'copy', 'reg', 'hellip', 'mdash', 'ndash', 'rsquo', 'lsquo', 'rdquo', 'ldquo']);

/** XML character data as a parser reads it: CDATA verbatim, references decoded. */
function xmlDecode(raw: string): string {
  return raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/).map((part) => part.startsWith('<![CDATA[')
    ? part.slice(9, -3)
    : part.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()];
    })).join('');
}

/** What the validator's `nonhtml` says about every `<tag>` of an RSS document (one line each). */
function nonHtmlWarnings(xml: string, tag: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}>(.*?)</${tag}>`, 'g'))) {
    const raw = m[1];
    const value = xmlDecode(raw);
    const hexRefs = raw.includes('&#x');
    const endTags = [...value.matchAll(HTML_END_TAG)].filter((t) => HTML_TAGS.has(t[1].toLowerCase()));
    if (endTags.length > 0) out.push(`ContainsHTML in <${tag}>${raw}`);
    else if (value.search(ENTITY) >= 0) {
      const entities = [...value.matchAll(ENTITY)].map((e) => e[1]);
      if (!hexRefs && entities.some((e) => ENTITY_NAMES.has(e) || !/^[a-z]+$/i.test(e))) out.push(`ContainsHTML in <${tag}>${raw}`);
    } else if (/&#[x0-9]|<[/a-zA-Z]/.test(value) && !hexRefs) out.push(`CharacterData in <${tag}>${raw}`);
  }
  return out;
}

describe('RSS titles and categories are plain text (nonhtml)', () => {
  const titles = ['"><img src=x onerror=alert(1)>', 'Q&A: Tom & Jerry', 'R&amp;D budget', 'a < b and c > d', 'Plain title'];
  const items = titles.map((title, i) => makeItem(i + 1, { title, categories: ['Q&A', '<b>bold'] }));

  it('draws neither ContainsHTML nor CharacterData, and never uses CDATA for them', () => {
    const xml = renderFeed('rss', meta, items);
    parseStrictXml(xml);
    for (const tag of ['title', 'category']) expect(nonHtmlWarnings(xml, tag)).toEqual([]);
    expect(xml).not.toMatch(/<title><!\[CDATA\[/);
  });

  it('reads as the same plain text in RSS, Atom and JSON Feed', () => {
    const rss = parseStrictXml(renderFeed('rss', meta, items));
    expect(findAll(rss, 'item').map((el) => findAll(el, 'title')[0].text)).toEqual(titles);
    expect(findAll(rss, 'title')[0].text).toBe('News & <Views>');
    expect(parseRssFeed(renderFeed('rss', meta, items)).items?.map((i) => i.title)).toEqual(titles);
    // Atom declares its titles type="html": the HTML, decoded, is the plain title.
    const atom = parseStrictXml(renderFeed('atom', meta, items));
    const atomTitles = findAll(atom, 'entry').map((el) => findAll(el, 'title')[0]);
    expect(atomTitles.every((t) => t.attrs.type === 'html')).toBe(true);
    expect(atomTitles.map((t) => xmlDecode(t.text.replace(/&#39;/g, '&apos;')))).toEqual(titles);
    const json = JSON.parse(renderFeed('json', meta, items)) as { items: { title: string }[] };
    expect(json.items.map((i) => i.title)).toEqual(titles);
  });

  it('the rule check itself flags CDATA markup and entity text (so a pass means something)', () => {
    expect(nonHtmlWarnings('<title><![CDATA["><img src=x>]]></title>', 'title')).toHaveLength(1);
    expect(nonHtmlWarnings('<title>R&amp;amp;D</title>', 'title')).toHaveLength(1);
    expect(nonHtmlWarnings('<title>a &lt;b</title>', 'title')).toHaveLength(1);
    expect(nonHtmlWarnings('<title>a &#x3C;b</title>', 'title')).toEqual([]);
  });
});

describe('Atom entries always carry text (MissingTextualContent)', () => {
  const bare: Item[] = [
    makeItem(3, { summary: null, contentHtml: null, title: 'Listing-only headline' }),
    makeItem(2, { summary: '   ', contentHtml: '' }),
    makeItem(1),
  ];

  it('gives an entry without content a summary: its title', () => {
    const atom = parseStrictXml(renderFeed('atom', meta, bare));
    for (const entry of findAll(atom, 'entry')) {
      const hasContent = entry.children.some((c) => c.name === 'content');
      const summary = entry.children.find((c) => c.name === 'summary');
      expect(hasContent || (summary !== undefined && summary.text.trim() !== '')).toBe(true);
    }
    const entries = parseAtomFeed(renderFeed('atom', meta, bare)).entries ?? [];
    expect(entries[0].summary?.value).toBe('Listing-only headline');
    expect(entries[1].summary?.value).toBe('Article number 2');
    expect(entries[2].summary?.value).toBe('Summary of article 1.');
  });

  it('does the same in RSS (description) and JSON Feed (content_text)', () => {
    const rss = parseRssFeed(renderFeed('rss', meta, bare));
    expect(rss.items?.[0].description).toBe('Listing-only headline');
    const json = JSON.parse(renderFeed('json', meta, bare)) as { items: Record<string, unknown>[] };
    expect(json.items[0].content_text).toBe('Listing-only headline');
    expect(json.items[0].content_html).toBeUndefined();
  });
});

describe('Atom entries never share an updated value (DuplicateUpdated)', () => {
  const sameInstant = '2024-03-04T00:00:00.000Z';
  // Day-only dates and items first seen in the same run give equal instants.
  const tied: Item[] = [
    makeItem(4, { published: sameInstant, updated: sameInstant }),
    makeItem(3, { published: sameInstant, updated: sameInstant }),
    makeItem(2, { published: '2024-03-03T00:00:00.000Z', updated: '2024-03-04T00:00:00.001Z' }),
    makeItem(1, { published: '2024-03-02T00:00:00.000Z', updated: sameInstant }),
  ];

  const updatedOf = (xml: string) => findAll(parseStrictXml(xml), 'entry').map((e) => findAll(e, 'updated')[0].text);

  it('writes distinct updated strings, never before published, the oldest entry keeping its time', () => {
    const values = updatedOf(renderFeed('atom', meta, tied));
    expect(new Set(values).size).toBe(values.length);
    expect(values[3]).toBe(sameInstant);
    values.forEach((v, i) => expect(Date.parse(v)).toBeGreaterThanOrEqual(Date.parse(tied[i].published)));
    // Only ties move, by milliseconds.
    values.forEach((v, i) => expect(Date.parse(v) - Date.parse(tied[i].updated)).toBeLessThan(1000));
  });

  it('keeps the times of existing entries when a newer tied entry arrives', () => {
    const before = updatedOf(renderFeed('atom', meta, tied));
    const after = updatedOf(renderFeed('atom', meta, [makeItem(5, { published: sameInstant, updated: sameInstant }), ...tied]));
    expect(after.slice(1)).toEqual(before);
    expect(new Set(after).size).toBe(after.length);
  });

  it('JSON Feed date_modified agrees with Atom updated', () => {
    const json = JSON.parse(renderFeed('json', meta, tied)) as { items: { date_modified: string }[] };
    expect(json.items.map((i) => i.date_modified)).toEqual(updatedOf(renderFeed('atom', meta, tied)));
  });
});

/** Elements feedwright's sanitizer can emit that the validator also accepts in HTML content. */
const VALIDATOR_SAFE = new Set([
  'a', 'abbr', 'audio', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details',
  'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd',
  'li', 'ol', 'p', 'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'video',
]);
const TABLE_PARTS = new Set(['caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);

/** SecurityRisk / NotHtml findings for one HTML field. */
function htmlWarnings(html: string): string[] {
  const out: string[] = [];
  const walk = (nodes: AnyNode[], inTable: boolean) => {
    for (const node of nodes) {
      if (node.type !== 'tag') continue;
      const name = (node as Element).name.toLowerCase();
      if (!VALIDATOR_SAFE.has(name)) out.push(`SecurityRisk: <${name}>`);
      if (TABLE_PARTS.has(name) && !inTable) out.push(`NotHtml: <${name}> outside a table`);
      walk((node as Element).children, inTable || name === 'table');
    }
  };
  walk(load(html, null, false).root()[0].children, false);
  return out;
}

describe('HTML content passes the validator\'s HTML checks (SecurityRisk, NotHtml)', () => {
  const source = makeSource({ id: 'old', title: 'Old Site', url: 'https://old.example/' });
  const para = (s: string) => `<p>${s} The council met on Tuesday to discuss the budget for the coming year, and several members raised questions about the cost of the new bridge and the harbour.</p>`;
  // A table-layout page: the article body is a table cell, with a video player in it.
  const page = `<!doctype html><html><head><title>Harbour plan | Old Site</title>
<meta property="article:published_time" content="2024-03-01T10:00:00Z"></head><body>
<table width="800"><tr><td class="nav"><a href="/">Home</a> <a href="/news">News</a></td>
<td class="main" valign="top"><h1>Harbour plan</h1>${para('First.')}
<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Harbour tour" frameborder="0" allowfullscreen></iframe>
${para('Second.')}<iframe src="https://player.vimeo.com/video/76979871"></iframe>${para('Third.')}</td></tr></table></body></html>`;

  it('renders no iframe and no table part outside a table, in RSS and Atom', async () => {
    const article = extractArticle(page, 'https://old.example/harbour.html');
    const item = await normalizeItem({ article, fetchedUrl: 'https://old.example/harbour.html' }, { source, fetchedAt: new Date('2024-03-02T00:00:00Z') });
    const rss = parseStrictXml(renderFeed('rss', meta, [item]));
    const atom = parseStrictXml(renderFeed('atom', meta, [item]));
    const fields = [findAll(rss, 'content:encoded')[0].text, findAll(atom, 'content')[0].text];
    for (const html of fields) {
      expect(htmlWarnings(html), html).toEqual([]);
      for (const text of ['First.', 'Second.', 'Third.']) expect(html).toContain(text);
      // The players became links to their video pages, the YouTube one with its thumbnail.
      expect(html).toContain('<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"><img src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" alt="" /><br />Harbour tour</a>');
      expect(html).toContain('<a href="https://vimeo.com/76979871">https://vimeo.com/76979871</a>');
    }
  });

  it('the check itself flags iframes and stray cells (so a pass means something)', () => {
    expect(htmlWarnings('<td><p>x</p></td><iframe src="https://www.youtube.com/embed/a"></iframe>')).toEqual([
      'NotHtml: <td> outside a table', 'SecurityRisk: <iframe>',
    ]);
    expect(htmlWarnings('<table><tr><td>x</td></tr></table>')).toEqual([]);
  });
});

describe('filtered variants pass the same rules (query filters, brief)', () => {
  const items = [
    makeItem(6, { title: 'Sponsored: Q&A <b>deal', categories: ['Ads'] }),
    makeItem(5, { title: 'Tom & Jerry — naïve café', categories: ['Q&A', 'Culture'], contentHtml: `<p>${'a < b & c > d '.repeat(20)}</p><table><tr><td>cell</td></tr></table>` }),
    makeItem(4, { title: 'R&amp;D budget', summary: null, contentHtml: null }),
    makeItem(3, { title: 'Same instant', published: '2024-03-03T00:00:00.000Z', updated: '2024-03-03T00:00:00.000Z' }),
    makeItem(2, { title: 'Same instant too', published: '2024-03-03T00:00:00.000Z', updated: '2024-03-03T00:00:00.000Z' }),
  ];
  const variants = ['filterout_title=^Sponsored&filter_category=.', 'brief=100&filterout_category=Ads', 'filter=&sorted=false&brief=150'];

  for (const variant of variants) {
    it(`?${variant}: no nonhtml, MissingTextualContent, DuplicateUpdated, SecurityRisk or NotHtml findings`, () => {
      const params = new URLSearchParams(variant);
      const parsed = parseFeedQuery((name) => params.get(name) ?? undefined);
      expect(parsed.error).toBeUndefined();
      const shaped = shapeItems(items, { query: parsed.query, limit: 10, now: new Date('2024-03-10T00:00:00Z') });
      expect(shaped.length).toBeGreaterThan(0);
      const variantMeta = { ...meta, selfUrl: `https://feeds.example/feeds/news.rss?${variant}` };
      const rssXml = renderFeed('rss', variantMeta, shaped);
      const rss = parseStrictXml(rssXml);
      for (const tag of ['title', 'category']) expect(nonHtmlWarnings(rssXml, tag)).toEqual([]);
      for (const item of findAll(rss, 'item')) {
        for (const html of [...findAll(item, 'content:encoded'), ...findAll(item, 'description')].map((e) => e.text)) expect(htmlWarnings(html)).toEqual([]);
      }
      const atom = parseStrictXml(renderFeed('atom', { ...variantMeta, selfUrl: variantMeta.selfUrl.replace('.rss', '.atom') }, shaped));
      const entries = findAll(atom, 'entry');
      for (const entry of entries) {
        const content = entry.children.find((c) => c.name === 'content');
        const summary = entry.children.find((c) => c.name === 'summary');
        expect(content !== undefined || (summary !== undefined && summary.text.trim() !== '')).toBe(true);
        if (content) expect(htmlWarnings(content.text)).toEqual([]);
      }
      const updated = entries.map((e) => findAll(e, 'updated')[0].text);
      expect(new Set(updated).size).toBe(updated.length);
      if (parsed.query?.brief !== undefined) expect(findAll(atom, 'content')).toEqual([]);
    });
  }
});

describe('a bundle (type: merge) passes the same rules', () => {
  it('its origin categories are plain text and its entries keep distinct updated values', async () => {
    const { openSqliteStore } = await import('../../src/runtime/node/sqlite.ts');
    const { renderFeedDocument } = await import('../../src/render/document.ts');
    const store = await openSqliteStore(':memory:');
    const members = [makeSource({ id: 'qa', title: 'Q&A <Daily>' }), makeSource({ id: 'rd', title: 'R&amp;D' })];
    const bundle = makeSource({ id: 'all', type: 'merge', sources: ['qa', 'rd'] });
    const at = new Date('2024-03-20T00:00:00.000Z');
    // The same instant in both members: DuplicateUpdated would fire without the renderer's care.
    await store.upsertItems('qa', [1, 2].map((n) => makeItem(n, { sourceId: 'qa', id: `q${n}`, published: '2024-03-05T10:00:00.000Z' })), at);
    await store.upsertItems('rd', [3, 4].map((n) => makeItem(n, { sourceId: 'rd', id: `r${n}`, published: '2024-03-05T10:00:00.000Z', contentHtml: null })), at);
    const options = { baseUrl: 'https://feeds.example', hub: null, startedAt: at, sources: [...members, bundle] };
    const rss = (await renderFeedDocument(store, bundle, 'rss', options)).body;
    parseStrictXml(rss);
    for (const tag of ['title', 'category']) expect(nonHtmlWarnings(rss, tag)).toEqual([]);
    const atom = parseStrictXml((await renderFeedDocument(store, bundle, 'atom', options)).body);
    const entries = findAll(atom, 'entry');
    expect(entries).toHaveLength(4);
    const updated = entries.map((e) => findAll(e, 'updated')[0].text);
    expect(new Set(updated).size).toBe(4);
    expect(entries.every((e) => findAll(e, 'summary').length + findAll(e, 'content').length > 0)).toBe(true);
    expect(entries.map((e) => findAll(e, 'category')[0].attrs.term)).toEqual(['Q&A <Daily>', 'Q&A <Daily>', 'R&amp;D', 'R&amp;D']);
    await store.close();
  });
});

describe('archive pages (RFC 5005) pass the same rules', () => {
  it('are well-formed with namespaced archive links, plain-text titles and distinct updated values', async () => {
    const { openSqliteStore } = await import('../../src/runtime/node/sqlite.ts');
    const { renderArchiveDocument } = await import('../../src/render/document.ts');
    const store = await openSqliteStore(':memory:');
    const source = makeSource({ id: 'news', limit: 3 });
    await store.upsertItems('news', [1, 2, 3, 4, 5, 6, 7].map((n) => makeItem(n, { sourceId: 'news', title: `Q&A <${n}>`, published: '2024-03-05T10:00:00.000Z' })), new Date('2024-03-20T00:00:00.000Z'));
    const options = { baseUrl: 'https://feeds.example', hub: null, startedAt: new Date('2024-03-20T00:00:00.000Z') };
    const rss = (await renderArchiveDocument(store, source, 'rss', 2, options))!.body;
    const rssDoc = parseStrictXml(rss);
    expect(findAll(rssDoc, 'fh:archive')).toHaveLength(1);
    expect(findAll(rssDoc, 'atom:link').map((l) => l.attrs.rel).sort()).toEqual(['current', 'prev-archive', 'self']); // page 2 of 2: the newest archive
    for (const tag of ['title', 'category']) expect(nonHtmlWarnings(rss, tag)).toEqual([]);
    const atom = parseStrictXml((await renderArchiveDocument(store, source, 'atom', 2, options))!.body);
    const updated = findAll(atom, 'entry').map((e) => findAll(e, 'updated')[0].text);
    expect(updated).toHaveLength(3);
    expect(new Set(updated).size).toBe(3);
    expect(findAll(atom, 'fh:archive')).toHaveLength(1);
    await store.close();
  });
});

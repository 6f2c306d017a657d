/**
 * Property: whatever text reaches the renderer, in any Item field or FeedMeta field, RSS and Atom
 * come out as well-formed XML 1.0 that strict parsers accept (sax in strict mode plus an
 * illegal-character scan here; libxml2's xmllint too when installed), JSON Feed as valid JSON of
 * well-formed Unicode, and every text comes back (cleaned of what XML cannot carry) unchanged.
 * feed.test.ts covers hand-picked escaping cases and a feedsmith round trip of four fields; this
 * one drives every field at once, with full UTF-16 (lone surrogates included) and the renderer's
 * own internal marker characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/model.ts';
import { renderFeed } from '../../src/render/feed.ts';
import type { FeedMeta } from '../../src/render/types.ts';
import { stripXmlIllegal } from '../../src/render/xml-chars.ts';
import { findAll, hasXmllint, parseStrictXml, xmllintErrors, type XmlElement } from '../helpers/strict-xml.ts';

/** Fragments that have broken XML writers: delimiters, entities, illegal and reserved characters. */
const NASTY = [
  ']]>', ']]', ']]&gt;', '<![CDATA[', '-->', '<!--', '<?', '?>', '&', '&amp;', '&#0;', '&#x1;', '&lt;', '&nbsp;', '&#xD800;',
  '<', '>', '"', "'", '<b>', '</item>', '</entry>', '<script>', '\u0000', '\u0001', '\u0008', '\u000B', '\u000C',
  '\u001F', '\u007F', '\u0085', '\u009F', '\t', '\n', '\r', '\r\n', '\u2028', '\u2029', '\u00A0', '\uFEFF', '\u200B',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDFFF\uD800', '\uFFFE', '\uFFFF', '\uFFFD', '\uFDD0', '\uFDD1', '\uFDD2',
  '\uFDD3', '\uFDEF', '\u{1FFFE}', '\u{10FFFF}', '\u{1F600}', 'e\u0301', '\u202E', ' ', '  ', 'x', '%', '{', '}', '\\',
];

/** Any UTF-16 code unit, so lone surrogates occur (fc's 'binary' unit only yields whole code points). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const text = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

/** URLs: mostly valid http(s) ones with hostile paths and queries, sometimes any text at all. */
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.webUrl(), text).map(([u, t]) => `${u}/${t}`),
  fc.tuple(fc.webUrl(), text).map(([u, t]) => `${u}?q=${t}`),
  text,
);
const instant = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  text,
);

const item: fc.Arbitrary<Item> = fc.record({
  id: text,
  sourceId: text,
  url: fc.oneof({ weight: 4, arbitrary: fc.webUrl({ withQueryParameters: true }) }, { weight: 1, arbitrary: url }),
  title: text,
  authors: fc.array(text, { maxLength: 3 }),
  published: instant,
  updated: instant,
  firstSeen: instant,
  summary: fc.option(text),
  contentHtml: fc.option(text),
  image: fc.option(url),
  categories: fc.array(text, { maxLength: 3 }),
  language: fc.option(text),
  contentHash: text,
});

const meta: fc.Arbitrary<FeedMeta> = fc.record({
  // Feed ids and the service's base URL come from validated config: URL-safe and absolute.
  id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,15}$/),
  baseUrl: fc.webUrl(),
  title: text,
  siteUrl: url,
  description: fc.option(text, { nil: undefined }),
  language: fc.option(fc.oneof(text, fc.constantFrom('en', 'en_gb', 'pt-BR', 'zh-Hant-TW', 'x'))),
  updated: fc.option(instant),
  hub: fc.option(url),
  selfUrl: fc.option(url, { nil: undefined }),
});

/** What a reader must get back for a text field: cleaned (conformant XML parsers also turn CR LF / CR into LF). */
const cleaned = (s: string | null | undefined) => stripXmlIllegal(s ?? '').trim();
const oneLine = (s: string | null | undefined) => cleaned(s).replace(/\s+/g, ' ');
const xmlLineEnds = (s: string) => s.replace(/\r\n?/g, '\n');
/** Atom type="html" text: the renderer HTML-escapes plain text with these five entities. */
const unescapeHtml = (s: string) =>
  s.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);

/** Every document checked here, for one xmllint pass at the end. */
const xmlDocs: string[] = [];

function checkRss(xml: string, m: FeedMeta, items: Item[]): void {
  const channel = child(parseStrictXml(xml), 'channel')!;
  expect(child(channel, 'title')!.text).toBe(oneLine(m.title) || m.id);
  const rendered = findAll(channel, 'item');
  const linked = items.filter((i) => /^https?:/.test(safeHref(i.url) ?? ''));
  expect(rendered).toHaveLength(linked.length);
  rendered.forEach((el, n) => {
    const it = linked[n];
    expect(child(el, 'title')!.text).toBe(oneLine(it.title) || safeHref(it.url));
    expect(findAll(el, 'dc:creator').map((c) => c.text)).toEqual(it.authors.map(oneLine).filter(Boolean));
    expect(findAll(el, 'category').map((c) => c.text)).toEqual([...new Set(it.categories.map(oneLine).filter(Boolean))]);
    const content = child(el, 'content:encoded');
    expect(content ? xmlLineEnds(content.text) : null).toBe(cleaned(it.contentHtml) ? xmlLineEnds(cleaned(it.contentHtml)) : null);
  });
}

function checkAtom(xml: string, m: FeedMeta, items: Item[]): void {
  const feed = parseStrictXml(xml);
  expect(child(feed, 'title')!.text).toBe(oneLine(m.title) || m.id);
  const linked = items.filter((i) => safeHref(i.url));
  const entries = findAll(feed, 'entry');
  expect(entries).toHaveLength(linked.length);
  entries.forEach((el, n) => {
    const it = linked[n];
    const title = child(el, 'title')!;
    expect(title.attrs.type === 'html' ? unescapeHtml(title.text) : title.text).toBe(oneLine(it.title) || safeHref(it.url));
    expect(findAll(el, 'name').map((c) => c.text)).toEqual(it.authors.map(oneLine).filter(Boolean));
    expect(findAll(el, 'category').map((c) => c.attrs.term)).toEqual([...new Set(it.categories.map(oneLine).filter(Boolean))]);
    const summary = child(el, 'summary');
    if (cleaned(it.summary)) expect(xmlLineEnds(unescapeHtml(summary!.text))).toBe(xmlLineEnds(cleaned(it.summary)));
    else if (cleaned(it.contentHtml)) expect(summary).toBeUndefined();
    // Neither summary nor content: the title stands in (never an entry without text).
    else expect(unescapeHtml(summary!.text)).toBe(oneLine(it.title) || safeHref(it.url));
  });
}

function checkJson(out: string, m: FeedMeta, items: Item[]): void {
  // No lone surrogate survives, raw or as a \uD8xx escape (JSON.stringify writes those for lone ones).
  expect((out as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
  expect(out).not.toMatch(/(?:^|[^\\])(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/);
  const doc = JSON.parse(out) as { version: string; title: string; items: Record<string, unknown>[] };
  expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
  expect(doc.title).toBe(oneLine(m.title) || m.id);
  const linked = items.filter((i) => safeHref(i.url));
  expect(doc.items).toHaveLength(linked.length);
  doc.items.forEach((j, n) => {
    const it = linked[n];
    expect(j.title).toBe(oneLine(it.title) || safeHref(it.url));
    expect(j.content_html).toBe(cleaned(it.contentHtml) || undefined);
    if (!cleaned(it.contentHtml)) expect(j.content_text).toBe(cleaned(it.summary) || oneLine(it.title) || safeHref(it.url));
    expect(((j.authors as { name: string }[] | undefined) ?? []).map((a) => a.name)).toEqual(it.authors.map(oneLine).filter(Boolean));
  });
  // The serialized bytes are valid UTF-8 that decodes back to the same document.
  expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(out))).toBe(out);
}

/** The renderer's notion of a linkable item URL (absolute http/https). */
// The renderer's rule (utils/url): surrounding white space, U+2028 included, is not part of a link.
function safeHref(u: string): string | null {
  try {
    const parsed = new URL(u.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

describe('renderFeed with arbitrary text in every field', () => {
  it('writes strict-parser-clean RSS and Atom and valid JSON, and every text round-trips', () => {
    fc.assert(
      fc.property(meta, fc.array(item, { minLength: 1, maxLength: 3 }), (m, items) => {
        const rss = renderFeed('rss', m, items);
        const atom = renderFeed('atom', m, items);
        xmlDocs.push(rss, atom);
        checkRss(rss, m, items);
        checkAtom(atom, m, items);
        checkJson(renderFeed('json', m, items), m, items);
      }),
      { numRuns: 400 },
    );
  });

  it('the strict checks catch what a lenient validator misses', () => {
    // Guards for the checker itself: each of these must be refused.
    for (const bad of [
      '<a>\u0001</a>', '<a>\uD800</a>', '<a>\uFFFE</a>', '<a b="<"/>', '<a>&nbsp;</a>', '<a><![CDATA[x]]>]]></a>', '<a></b>', '<a/><b/>',
    ]) {
      expect(() => parseStrictXml(bad), bad).toThrow();
    }
    expect(parseStrictXml('<a b="&amp;&lt;">t<![CDATA[]]]]><![CDATA[>]]></a>').text).toBe('t]]>');
  });

  it.skipIf(!hasXmllint())('libxml2 (xmllint --noout) accepts every RSS and Atom document generated above', () => {
    expect(xmlDocs.length).toBeGreaterThan(0);
    // The cross-check itself refuses broken documents.
    expect([...xmllintErrors(['<a>\u0001</a>', '<a b="<"/>', '<a>]]></a>', '<a>ok</a>']).keys()].sort()).toEqual([0, 1, 2]);
    const errors = xmllintErrors(xmlDocs);
    expect([...errors.entries()].slice(0, 3).map(([i, e]) => `${e}\n${xmlDocs[i]?.slice(0, 2000)}`)).toEqual([]);
  });
});

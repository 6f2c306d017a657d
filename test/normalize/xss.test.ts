/**
 * Content safety: every payload of an XSS corpus (OWASP filter-evasion cheat sheet, PortSwigger's
 * cheat sheet, DOMPurify's mXSS cases; test/fixtures/xss/payloads.json) goes through the
 * sanitizer alone, and through the whole path: an origin article page carrying the payload →
 * scrapeSource → store → renderFeed rss/atom/json. Each HTML-bearing field of each output is
 * parsed the way a reader would (XML strictly, then the HTML with a browser-grade parser, parse5,
 * and with htmlparser2) and must contain nothing active.
 */
import { readFile } from 'node:fs/promises';
import { load as loadParse5 } from 'cheerio';
import { load as loadHtmlparser2 } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/types.ts';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import type { Item } from '../../src/model.ts';
import { sanitizeContent } from '../../src/html/sanitize.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import { renderFeed } from '../../src/render/feed.ts';
import type { FeedMeta } from '../../src/render/types.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { startOrigin, type Origin } from '../../testkit/origin.ts';
import { makeSource } from '../../testkit/sources.ts';
import { findAll, parseStrictXml, type XmlElement } from '../helpers/strict-xml.ts';

const PAYLOADS: string[] = JSON.parse(await readFile(new URL('../fixtures/xss/payloads.json', import.meta.url), 'utf8'));

/** Elements a feed's HTML may contain at all (what a reader renders as inert markup). */
const INERT = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'section', 'br', 'hr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'blockquote', 'q', 'cite', 'figure', 'figcaption', 'img', 'a', 'video', 'audio', 'table', 'caption',
  'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'pre', 'code', 'kbd', 'samp', 'var', 'em',
  'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'time', 'abbr', 'span',
  'details', 'summary',
]);
/** Player iframes are allowed from these hosts only (https). */
const EMBED_HOSTS = new Set([
  'www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com', 'player.vimeo.com',
  'www.dailymotion.com', 'geo.dailymotion.com', 'player.twitch.tv', 'embed.ted.com', 'w.soundcloud.com',
  'open.spotify.com', 'www.loom.com', 'fast.wistia.net',
]);
/** Attributes a browser dereferences as a URL (or a list of them). */
const URL_ATTRS = new Set([
  'href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background', 'data', 'dynsrc',
  'lowsrc', 'ping', 'codebase', 'longdesc', 'usemap', 'manifest', 'icon', 'profile', 'datasrc', 'archive',
  'classid', 'srcset', 'imagesrcset', 'values', 'to', 'from', 'by',
]);
/** Never acceptable, whatever the value (style: only when active; name/form: DOM clobbering). */
const FORBIDDEN_ATTRS = new Set(['srcdoc', 'style', 'name', 'form', 'formaction', 'xlink:href', 'attributename', 'datasrc', 'datafld', 'dataformatas']);
const SAFE_SCHEME = /^(?:https?|mailto):/;

/** A URL as a browser reads it: controls and whitespace anywhere are ignored, case folded. */
function urlShape(v: string): string {
  return v.replace(/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/g, '').toLowerCase();
}

/** CSS as an engine reads it: comments gone, escapes decoded, whitespace dropped, case folded. */
function cssShape(v: string): string {
  return v
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) || 0xfffd))
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Every problem an HTML fragment has, as readable strings (empty when inert). */
function dangers(html: string): string[] {
  const found: string[] = [];
  for (const [parser, $] of [['parse5', loadParse5(html, null, false)], ['htmlparser2', loadHtmlparser2(html, null, false)]] as const) {
    const visit = (nodes: AnyNode[]) => {
      for (const node of nodes) {
        if (node.type === 'script' || node.type === 'style') found.push(`${parser}: <${(node as Element).name}> element`);
        if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
        const el = node as Element;
        const name = el.name.toLowerCase();
        if (!INERT.has(name) && name !== 'iframe') found.push(`${parser}: <${name}> element`);
        for (const [rawName, value] of Object.entries(el.attribs)) {
          const attr = rawName.toLowerCase();
          if (attr.startsWith('on')) found.push(`${parser}: ${attr} handler on <${name}>`);
          if (FORBIDDEN_ATTRS.has(attr)) {
            if (attr !== 'style') found.push(`${parser}: ${attr} attribute on <${name}>`);
            else if (/expression\(|url\(|javascript:|behavior:|-moz-binding|@import/.test(cssShape(value))) {
              found.push(`${parser}: active style "${value}"`);
            }
          }
          if (URL_ATTRS.has(attr)) {
            const urls = attr.endsWith('srcset') ? value.split(',').map((c) => c.trim().split(/\s+/)[0]) : [value];
            for (const u of urls) {
              if (u && !SAFE_SCHEME.test(urlShape(u))) found.push(`${parser}: ${attr}="${value}" on <${name}>`);
            }
          }
        }
        if (name === 'iframe') {
          let host = '';
          try {
            const u = new URL(el.attribs.src ?? '');
            host = u.protocol === 'https:' ? u.hostname : '';
          } catch {
            /* no usable src */
          }
          if (!EMBED_HOSTS.has(host)) found.push(`${parser}: <iframe src="${el.attribs.src}">`);
        }
        visit(el.children);
      }
    };
    visit($.root()[0].children);
  }
  return found;
}

describe('XSS payload corpus', () => {
  it('is a real corpus: many payloads, each different', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length);
  });

  it('the checker sees every payload as dangerous before sanitizing (so a pass means something)', () => {
    // Payloads that only become dangerous in other contexts (text that looks like markup, quote
    // breakouts, entity tricks in plain text) are inert as HTML; all others must be flagged.
    const inertAsHtml = PAYLOADS.filter((p) => dangers(p).length === 0);
    expect(inertAsHtml.length).toBeLessThan(PAYLOADS.length * 0.15);
  });
});

describe('sanitizeContent against the corpus', () => {
  it.each(PAYLOADS.map((p, i) => [i, p] as const))('payload %i is inert after sanitizing', (_i, payload) => {
    const out = sanitizeContent(`<p>Before.</p>${payload}<p>After.</p>`, 'https://news.example/2024/post.html');
    expect(dangers(out), out).toEqual([]);
  });

  it('still keeps the safe parts: links, images and allowed embeds', () => {
    const out = sanitizeContent(
      '<p><a href="/x" onclick="alert(1)">x</a> <img src="/a.jpg" onerror="alert(1)" alt="a"></p>' +
        '<iframe src="https://www.youtube.com/embed/abc" onload="alert(1)"></iframe>',
      'https://news.example/post',
    );
    expect(out).toContain('<a href="https://news.example/x">x</a>');
    expect(out).toContain('<img src="https://news.example/a.jpg" alt="a" />');
    expect(out).toContain('<a href="https://www.youtube.com/watch?v=abc">');
    expect(dangers(out)).toEqual([]);
  });
});

// ---- the whole path ----

const FILLER =
  'The council met on Tuesday to discuss the budget for the coming year, and several members ' +
  'raised questions about the cost of the new bridge, the state of the harbour and the library.';

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function articlePage(i: number, payload: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article ${i}</title>
<meta name="description" content="${escapeAttr(payload)}">
<meta property="og:title" content="Article ${i} ${escapeAttr(payload)}">
<meta name="author" content="${escapeAttr(payload)}">
</head><body><article><h1>Article ${i}</h1><time datetime="2024-03-0${(i % 9) + 1}T10:00:00Z">March</time>
<div class="body"><p>${FILLER}</p><p>${FILLER}</p>${payload}<p>${FILLER}</p></div></article></body></html>`;
}

interface Field {
  format: string;
  where: string;
  html: string;
}

/** The HTML-bearing fields of each rendered document, as a reader gets them. */
function htmlFields(rss: string, atom: string, json: string): Field[] {
  const fields: Field[] = [];
  const byLink = (e: XmlElement, tag: string) => findAll(e, tag)[0]?.text ?? '';
  for (const item of findAll(parseStrictXml(rss), 'item')) {
    const where = byLink(item, 'link');
    // RSS description and content:encoded carry (entity-encoded or CDATA) HTML.
    for (const tag of ['description', 'content:encoded']) for (const el of findAll(item, tag)) fields.push({ format: 'rss', where: `${where} ${tag}`, html: el.text });
  }
  for (const entry of findAll(parseStrictXml(atom), 'entry')) {
    const where = findAll(entry, 'id')[0]?.text ?? '';
    for (const tag of ['title', 'summary', 'content']) {
      for (const el of findAll(entry, tag)) {
        if (el.attrs.type === 'html' || el.attrs.type === undefined) fields.push({ format: 'atom', where: `${where} ${tag}`, html: el.attrs.type === 'html' ? el.text : escapeAttr(el.text) });
      }
    }
    for (const link of findAll(entry, 'link')) fields.push({ format: 'atom', where: `${where} link`, html: `<a href="${escapeAttr(link.attrs.href ?? '')}">l</a>` });
  }
  const doc = JSON.parse(json) as { items: { id: string; url?: string; content_html?: string; image?: string }[] };
  for (const item of doc.items) {
    if (item.content_html !== undefined) fields.push({ format: 'json', where: `${item.id} content_html`, html: item.content_html });
    for (const u of [item.url, item.image]) if (u) fields.push({ format: 'json', where: `${item.id} url`, html: `<a href="${escapeAttr(u)}">l</a>` });
  }
  return fields;
}

describe('origin page → scrapeSource → store → renderFeed: no payload survives into any format', () => {
  let origin: Origin;
  let store: Store;
  let items: Item[];
  let source: SourceConfig;

  beforeAll(async () => {
    // Listings of at most BATCH links (the list stage caps a page at 200), one source each.
    const BATCH = 100;
    const routes: Record<string, (req: unknown, res: import('node:http').ServerResponse) => void> = {};
    const html = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
      void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
    const batches = Math.ceil(PAYLOADS.length / BATCH);
    for (let b = 0; b < batches; b++) {
      const links = PAYLOADS.slice(b * BATCH, (b + 1) * BATCH)
        .map((_p, j) => `<li class="post"><a href="/a/${b * BATCH + j}.html">Article ${b * BATCH + j}</a></li>`);
      routes[`/list/${b}`] = html(`<!doctype html><html><body><ul>${links.join('\n')}</ul></body></html>`);
    }
    PAYLOADS.forEach((p, i) => void (routes[`/a/${i}.html`] = html(articlePage(i, p))));
    origin = await startOrigin({ routes });
    store = await openSqliteStore(':memory:');
    const fetch = createFetcher({ allowPrivateNetworks: true, perHostConcurrency: 8 });
    items = [];
    for (let b = 0; b < batches; b++) {
      source = makeSource({
        id: `xss-${b}`, title: 'XSS corpus', url: `${origin.url}list/${b}`, limit: BATCH,
        list: { item: 'li.post', link: 'a', title: 'a' }, article: { fetch: true, content: 'div.body' },
      });
      const report = await scrapeSource(source, { fetch, store, maxArticlesPerRun: BATCH, concurrency: 8 });
      expect(report.error).toBeNull();
      expect(report.warnings).toEqual([]);
      items.push(...(await store.listItems(source.id, BATCH)));
    }
  }, 60_000);

  afterAll(async () => {
    await origin?.close();
    await store?.close();
  });

  it('stored one item per payload, each with the surrounding article content', () => {
    expect(items).toHaveLength(PAYLOADS.length);
    for (const item of items) expect(item.contentHtml).toContain('The council met on Tuesday');
  });

  it('stores only inert content HTML', () => {
    for (const item of items) expect(dangers(item.contentHtml ?? ''), `${item.url}\n${item.contentHtml}`).toEqual([]);
  });

  it('renders RSS, Atom and JSON Feed whose every HTML field is inert', () => {
    const meta: FeedMeta = { id: 'xss', title: 'XSS corpus', siteUrl: origin.url, baseUrl: 'https://feeds.example', updated: null };
    const rss = renderFeed('rss', meta, items);
    const atom = renderFeed('atom', meta, items);
    const json = renderFeed('json', meta, items);
    const fields = htmlFields(rss, atom, json);
    // Every item contributed its content to each format.
    for (const format of ['rss', 'atom', 'json']) {
      expect(fields.filter((f) => f.format === format && /content/.test(f.where)).length).toBe(items.length);
    }
    const problems = fields.flatMap((f) => dangers(f.html).map((d) => `${f.format} ${f.where}: ${d}`));
    expect(problems).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderFeed } from '../../src/render/feed.ts';
import { FEED_STYLESHEET, FEED_STYLESHEET_HREF } from '../../src/render/stylesheet.ts';
import type { FeedMeta } from '../../src/render/types.ts';
import { hasXmllint, parseStrictXml, xmllintErrors } from '../helpers/strict-xml.ts';
import { makeItem } from '../helpers/items.ts';

/**
 * The stylesheet browsers apply to RSS and Atom. The transform is checked with libxslt's xsltproc
 * (the XSLT engine Chromium embeds); CI installs it (Debian package xsltproc), elsewhere that part
 * skips with a notice.
 */
const xsltproc = spawnSync('xsltproc', ['--version'], { stdio: 'ignore' }).status === 0;
if (!xsltproc) console.warn('NOTICE: xsltproc not available; skipping the XSLT transform check (apt install xsltproc).');

const meta: FeedMeta = {
  id: 'news', title: 'News & Views <b>', siteUrl: 'https://news.example/', baseUrl: 'https://feeds.example',
  language: 'en', updated: '2024-03-05T12:00:00.000Z', stylesheet: FEED_STYLESHEET_HREF,
};
const items = [
  makeItem(2, { title: 'Tom & Jerry <script>alert(1)</script>', published: '2024-03-05T11:30:00.000Z' }),
  makeItem(1, { summary: null, contentHtml: null }),
];

function transform(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-xsl-'));
  try {
    writeFileSync(join(dir, 'feed.xsl'), FEED_STYLESHEET);
    writeFileSync(join(dir, 'feed.xml'), xml);
    const run = spawnSync('xsltproc', ['--nonet', join(dir, 'feed.xsl'), join(dir, 'feed.xml')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('feed stylesheet', () => {
  it('is well-formed XSLT 1.0', () => {
    const root = parseStrictXml(FEED_STYLESHEET);
    expect(root.name).toBe('xsl:stylesheet');
    expect(root.attrs.version).toBe('1.0');
  });

  it('is referenced by RSS and Atom, which still parse strictly and to the same feed', () => {
    for (const format of ['rss', 'atom'] as const) {
      const styled = renderFeed(format, meta, items);
      const plain = renderFeed(format, { ...meta, stylesheet: null }, items);
      expect(styled.split('\n').slice(0, 2)).toEqual(['<?xml version="1.0" encoding="utf-8"?>', '<?xml-stylesheet type="text/xsl" href="../feed.xsl"?>']);
      expect(styled.replace('<?xml-stylesheet type="text/xsl" href="../feed.xsl"?>\n', '')).toBe(plain);
      expect(() => parseStrictXml(styled)).not.toThrow();
      expect(parseFeed(styled)).toEqual(parseFeed(plain));
    }
    expect(renderFeed('json', meta, items)).toBe(renderFeed('json', { ...meta, stylesheet: null }, items));
  });

  it.skipIf(!hasXmllint())('libxml2 accepts the stylesheet and the styled feeds', () => {
    const errors = xmllintErrors([FEED_STYLESHEET, renderFeed('rss', meta, items), renderFeed('atom', meta, items)]);
    expect([...errors.values()]).toEqual([]);
  });

  it.skipIf(!xsltproc)('turns RSS and Atom into a readable page: what a feed is, title, site, items with links and dates', () => {
    for (const format of ['rss', 'atom'] as const) {
      const html = transform(renderFeed(format, meta, items));
      const { document } = parseHTML(html);
      expect(document.querySelector('title')?.textContent, format).toBe('News & Views <b> (web feed)');
      expect(document.querySelector('h1')?.textContent).toBe('News & Views <b>');
      expect(document.querySelector('.note')?.textContent).toContain('copy the address of this page into your feed reader');
      expect(document.querySelector('a[href="https://news.example/"]')?.textContent).toBe('Visit the site');
      const entries = [...document.querySelectorAll('li')];
      expect(entries.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(items.map((i) => i.url));
      // Feed text stays text: the title's markup is shown, never run.
      expect(entries[0].querySelector('a')?.textContent).toBe('Tom & Jerry <script>alert(1)</script>');
      expect(document.querySelectorAll('script, b')).toHaveLength(0);
      expect(entries[0].querySelector('.date')?.textContent).toMatch(format === 'rss' ? /^Tue, 05 Mar 2024 11:30:00 GMT$/ : /^2024-03-05 11:30 UTC$/);
    }
  });
});

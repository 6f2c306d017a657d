import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { renderFeed } from '../../src/render/feed.ts';
import type { FeedMeta } from '../../src/render/types.ts';
import { FEED_CONTENT_TYPES } from '../../src/render/urls.ts';
import { makeItem } from '../helpers/items.ts';

/**
 * newsboat (a terminal feed reader, C++ with its own RSS/Atom parsers) reads our feeds over HTTP
 * from a loopback server; its cache (SQLite) then holds each item's date as a Unix time, which
 * must be the item's instant whatever UTC offset the feed wrote it in (+05:30, -05:00, +05:45, UTC).
 * CI installs newsboat; without it the test skips with a visible notice.
 */
const newsboat = spawnSync('newsboat', ['--version'], { stdio: 'ignore' }).status === 0;
if (!newsboat) console.warn('NOTICE: newsboat not available; skipping the newsboat cross-check (apt install newsboat).');

const meta: FeedMeta = {
  id: 'news', title: 'News & Views', siteUrl: 'https://news.example/', baseUrl: 'https://feeds.example', updated: '2026-03-06T12:00:00.000Z',
};
const cases: [number, string, number | null][] = [
  [1, '2026-03-05T04:00:00.000Z', 330], // 09:30 in India
  [2, '2026-03-05T16:15:00.000Z', -300], // 11:15 in New York
  [3, '2026-03-04T23:50:00.000Z', 345], // 05:35 the next day in Nepal
  [4, '2026-03-04T08:00:00.000Z', null], // no offset known: UTC
];
const items = cases.map(([n, at, offset]) => makeItem(n, {
  title: `Story ${n} & more`, published: at, updated: at, publishedOffset: offset, updatedOffset: offset,
}));

describe.skipIf(!newsboat)('newsboat cross-check', () => {
  it('reads RSS and Atom items at their instants, whatever offset they are written in', async () => {
    const docs: Record<string, [string, string]> = {
      '/feed.rss': [renderFeed('rss', meta, items), FEED_CONTENT_TYPES.rss],
      '/feed.atom': [renderFeed('atom', meta, items), FEED_CONTENT_TYPES.atom],
    };
    expect(docs['/feed.rss'][0]).toContain('+0530');
    expect(docs['/feed.atom'][0]).toContain('+05:45');
    const server = createServer((req, res) => {
      const doc = docs[req.url ?? ''];
      if (!doc) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': doc[1] }).end(doc[0]);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'feedwright-newsboat-'));
    try {
      writeFileSync(join(dir, 'config'), '');
      // One cache per feed: newsboat keys items by their guid, which both documents share.
      for (const path of Object.keys(docs)) {
        const cache = join(dir, `${path.slice(1)}.db`);
        writeFileSync(join(dir, 'urls'), `${base}${path}\n`);
        const code = await new Promise<number | null>((resolve, reject) => {
          const child = spawn('newsboat', ['-u', join(dir, 'urls'), '-c', cache, '-C', join(dir, 'config'), '-x', 'reload'], {
            env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir }, stdio: 'ignore',
          });
          child.on('error', reject);
          child.on('close', resolve);
        });
        expect(code).toBe(0);
        const db = new Database(cache, { readonly: true });
        const rows = db.prepare('SELECT title, url, pubDate FROM rss_item WHERE feedurl = ? ORDER BY url').all(`${base}${path}`) as
          { title: string; url: string; pubDate: number }[];
        db.close();
        expect(rows.map((r) => [r.url, r.title, r.pubDate]), path).toEqual(
          items.map((i) => [i.url, i.title, Date.parse(i.published) / 1000]),
        );
      }
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

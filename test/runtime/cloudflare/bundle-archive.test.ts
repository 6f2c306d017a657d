/**
 * Bundles (`type: merge`) and RFC 5005 archives on the Worker in workerd, over D1: the same SQL
 * as on Node (the bundle's window function, the archive's pages from the oldest item).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { D1Database } from '../../../src/runtime/cloudflare/bindings.ts';
import { d1Driver } from '../../../src/runtime/cloudflare/d1.ts';
import { SqlStore } from '../../../src/store/sql-store.ts';
import { makeItem, storeBundleMembers } from '../../helpers/items.ts';
import { buildWorker, removeBundle, startWorker, type Bundle, type WorkerHarness } from './workerd.ts';

const BASE = 'https://feeds.example.test';
const AT = new Date('2024-03-20T00:00:00.000Z');
const hour = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString();

let bundle: Bundle;
let worker: WorkerHarness;
let store: SqlStore; // the Worker's D1, written and read from the test

const CONFIG = [
  `baseUrl: ${BASE}`,
  'sources:',
  '  - { id: alpha, title: Alpha News, type: push, limit: 10 }',
  '  - { id: beta, title: Beta Wire, type: push, limit: 10 }',
  '  - { id: gamma, title: Gamma, type: push, limit: 10 }',
  '  - { id: both, title: Alpha and Beta, type: merge, sources: [alpha, beta], limit: 20 }',
  '  - { id: news, title: News, type: push, limit: 10 }',
].join('\n');

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await worker.mf.dispatchFetch(`http://localhost${path}`, { headers: { 'Accept-Encoding': 'identity', ...headers } });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

beforeAll(async () => {
  bundle = await buildWorker();
  worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: CONFIG });
  store = new SqlStore(d1Driver((await worker.mf.getD1Database('DB')) as unknown as D1Database));
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
  if (bundle) await removeBundle(bundle);
});

describe('bundle on the Worker (D1)', () => {
  it('serves the members\' items de-duplicated by URL, newest first, with origin categories; its ETag follows the members', async () => {
    await storeBundleMembers(store, AT); // alpha 1..3; beta 4, 5 and a later copy of 2; gamma 9
    expect((await store.listItemsAcross(['alpha', 'beta'], 10)).map((i) => i.id)).toEqual(['b2', 'b5', 'b4', 'a3', 'a1']);
    expect(await store.countItemsAcross(['alpha', 'beta'])).toBe(5);

    const first = await get('/feeds/both.json');
    expect(first.status).toBe(200);
    const feed = JSON.parse(first.body) as { items: { url: string; title: string; tags?: string[] }[] };
    expect(feed.items.map((i) => i.title)).toEqual(['Copy of 2', 'Article number 5', 'Article number 4', 'Article number 3', 'Article number 1']);
    expect(new Set(feed.items.map((i) => i.url)).size).toBe(5);
    expect(feed.items.map((i) => i.tags?.[0])).toEqual(['Beta Wire', 'Beta Wire', 'Beta Wire', 'Alpha News', 'Alpha News']);
    expect(feed.items[3].tags).toEqual(['Alpha News', 'Ünïcode']);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await get('/feeds/both.json', { 'If-None-Match': etag })).status).toBe(304);

    // A source outside the bundle changes: still 304. A member changes: a new document and ETag.
    await store.upsertItems('gamma', [makeItem(10, { sourceId: 'gamma', id: 'g10' })], AT);
    expect((await get('/feeds/both.json', { 'If-None-Match': etag })).status).toBe(304);
    await store.upsertItems('beta', [makeItem(6, { sourceId: 'beta', id: 'b6', title: 'Fresh in beta', published: '2024-03-21T00:00:00.000Z' })],
      new Date('2024-03-21T00:00:00.000Z'));
    const after = await get('/feeds/both.json', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((JSON.parse(after.body) as { items: { title: string }[] }).items[0].title).toBe('Fresh in beta');
  });
  it('the index page and /health describe the bundle, not as waiting for a first run', async () => {
    const html = (await get('/')).body.replace(/<[^>]+>/g, '');
    const start = html.indexOf('Alpha and BetaRSS');
    const row = html.slice(start, html.indexOf('NewsRSS', start));
    expect(row).toContain('bundle of 2 sources: Alpha News, Beta Wire');
    expect(row).toContain('6 items · updated 2024-03-21 00:00 UTC'); // alpha 3, beta 4, one URL in both
    expect(row).not.toContain('waiting for its first run');
    const report = JSON.parse((await get('/health')).body) as { sources: { id: string; members?: string[]; description?: string }[] };
    expect(report.sources.find((s) => s.id === 'both')).toMatchObject({ members: ['alpha', 'beta'], description: 'bundle of 2 sources: Alpha News, Beta Wire' });
  });
});

describe('archives on the Worker (D1)', () => {
  const links = (xml: string) => Object.fromEntries(
    [...xml.matchAll(/<link rel="(prev-archive|next-archive|current)" href="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));

  it('a client walking prev-archive from the current feed reaches every stored item exactly once; pages answer 304', async () => {
    const stored = Array.from({ length: 37 }, (_, i) =>
      makeItem(i + 1, { sourceId: 'news', id: `n${i + 1}`, url: `https://news.example/a/${i + 1}`, published: hour(i + 1) }));
    await store.upsertItems('news', stored, AT);

    const archived: string[] = [];
    let current: string[] = [];
    const archives: string[] = [];
    let url: string | undefined = `${BASE}/feeds/news.atom`;
    while (url) {
      const page = await get(url.slice(BASE.length));
      expect(page.status, url).toBe(200);
      const ids = [...page.body.matchAll(/<id>(https:\/\/news\.example\/a\/\d+)<\/id>/g)].map((m) => m[1]);
      const l = links(page.body);
      if (archives.length > 0) {
        expect(page.body).toContain('<fh:archive/>');
        expect(l.current).toBe(`${BASE}/feeds/news.atom`);
        archived.push(...ids);
        const etag = page.headers.get('etag')!;
        expect(etag).toMatch(/^"[^"]+"$/);
        const again = await get(url.slice(BASE.length), { 'If-None-Match': etag });
        expect(again.status, url).toBe(304);
        expect(again.body).toBe('');
      } else {
        current = ids;
      }
      url = l['prev-archive'];
      if (url) archives.push(url);
    }
    expect(archives.map((a) => a.slice(BASE.length))).toEqual(['/feeds/news/archive/3.atom', '/feeds/news/archive/2.atom', '/feeds/news/archive/1.atom']);
    expect(new Set(archived).size).toBe(archived.length); // archive pages never overlap
    const seen = [...archived, ...current.filter((id) => !archived.includes(id))];
    expect(seen).toHaveLength(37);
    expect([...seen].sort()).toEqual(stored.map((i) => i.url).sort());
    expect((await get('/feeds/news/archive/4.atom')).status).toBe(404);
  });
});

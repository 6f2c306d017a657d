import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceType } from '../../src/config/types.ts';
import { renderFeed } from '../../src/render/feed.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApi } from '../../src/server/api.ts';
import type { Store } from '../../src/store/store.ts';
import { makeSource } from '../../testkit/sources.ts';

const NOW = new Date('2024-05-01T12:00:00.000Z');
const ADMIN = 'admin-secret-token-0123456789';
const INGEST = 'ingest-only-token';

const source = (id: string, type: SourceType) => makeSource({ id, title: `${id} title`, type, timezone: 'Europe/Paris' });

let store: Store;
let changed: string[];
let refreshed: string[];
let app: Hono;

function build(tokens: { adminToken?: string; ingestToken?: string } = { adminToken: ADMIN, ingestToken: INGEST }, limits = {}) {
  const api = createApi({
    sources: [source('wire', 'push'), source('site', 'html')],
    store,
    now: () => NOW,
    ...tokens,
    refresh: async (id) => {
      refreshed.push(id);
      return { sourceId: id, ok: true };
    },
    onFeedChanged: (id) => void changed.push(id),
    ...limits,
  });
  return new Hono().route('/api', api);
}

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  changed = [];
  refreshed = [];
  app = build();
});

function push(body: unknown, token: string | null = ADMIN, path = '/api/sources/wire/items', raw?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return app.request(path, { method: 'POST', headers, body: raw ?? JSON.stringify(body) });
}

const article = {
  url: 'https://news.example/2024/04/launch?utm_source=x',
  title: 'Launch day',
  content_html: '<p>We <b>launched</b> today.</p><script>alert(1)</script><img src="/i.png">',
  authors: ['Ada Lovelace', 'Grace Hopper'],
  published: '2024-04-30T09:15:00+02:00',
  categories: ['news', 'launch'],
  language: 'en',
};

describe('POST /api/sources/:id/items', () => {
  it('stores a valid article, normalized and sanitized (201, created)', async () => {
    const res = await push(article);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.updated).toEqual([]);
    expect(body.rejected).toEqual([]);
    expect(body.created).toHaveLength(1);
    expect(body.created[0].url).toBe('https://news.example/2024/04/launch');

    const [item] = await store.listItems('wire', 10);
    expect(item.id).toBe(body.created[0].id);
    expect(item.title).toBe('Launch day');
    expect(item.authors).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(item.published).toBe('2024-04-30T07:15:00.000Z');
    expect(item.contentHtml).toContain('<b>launched</b>');
    expect(item.contentHtml).not.toContain('script');
    expect(item.contentHtml).toContain('https://news.example/i.png');
    expect(item.summary).toBe('We launched today.');
    expect(item.categories).toEqual(['news', 'launch']);
    expect(changed).toEqual(['wire']);
  });

  it('a known URL updates the item; the same content again is unchanged and notifies nobody', async () => {
    const first = await (await push(article)).json();
    const res = await push({ ...article, url: 'https://news.example/2024/04/launch', title: 'Launch day (updated)' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.created).toEqual([]);
    expect(body.updated).toEqual([{ index: 0, id: first.created[0].id, url: 'https://news.example/2024/04/launch' }]);
    expect((await store.listItems('wire', 10)).map((i) => i.title)).toEqual(['Launch day (updated)']);

    const again = await push({ ...article, title: 'Launch day (updated)' });
    expect(again.status).toBe(200);
    expect((await again.json()).unchanged).toHaveLength(1);
    expect(changed).toEqual(['wire', 'wire']);
  });

  it('an explicit id is the item id: a new URL under a known id updates it', async () => {
    await push({ ...article, id: 'cms-42' });
    const res = await push({ id: 'cms-42', url: 'https://news.example/moved', title: 'Moved' });
    const body = await res.json();
    expect(body.updated).toEqual([{ index: 0, id: 'cms-42', url: 'https://news.example/moved' }]);
    const items = await store.listItems('wire', 10);
    expect(items.map((i) => [i.id, i.url, i.title])).toEqual([['cms-42', 'https://news.example/moved', 'Moved']]);
  });

  it('a list with invalid entries: valid ones stored, each rejection says why (207)', async () => {
    const res = await push([
      { url: 'https://news.example/a', title: 'A' },
      { url: 'ftp://news.example/b', title: 'B' },
      { title: 'no url' },
      { url: 'https://news.example/c', published: 'not a date at all' },
      { url: 'https://news.example/d', colour: 'blue' },
      'just a string',
      { url: 'https://news.example/a', title: 'A again' },
    ]);
    expect(res.status).toBe(207);
    const body = await res.json();
    expect(body.created.map((e: { index: number }) => e.index)).toEqual([0]);
    expect(body.updated.map((e: { index: number }) => e.index)).toEqual([6]);
    const reasons = Object.fromEntries(body.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([1, 2, 3, 4, 5]);
    expect(reasons[1]).toMatch(/url: must be an absolute http or https URL/);
    expect(reasons[2]).toMatch(/url: required/);
    expect(reasons[3]).toMatch(/published/);
    expect(reasons[4]).toMatch(/unknown field\(s\): colour/);
    expect(reasons[5]).toMatch(/JSON object/);
    expect((await store.listItems('wire', 10)).map((i) => i.title)).toEqual(['A again']);
  });

  it('every entry invalid: 422 and nothing stored; bad JSON and wrong shapes: 400', async () => {
    const res = await push([{ url: 'javascript:alert(1)' }]);
    expect(res.status).toBe(422);
    expect((await store.feedVersion('wire')).itemCount).toBe(0);
    expect(changed).toEqual([]);

    const bad = await push(null, ADMIN, undefined, '{"url": ');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('bad_json');
    expect((await push([])).status).toBe(400);
    expect((await push(42)).status).toBe(400);
  });

  it('refuses unauthenticated and wrong-token requests with 401 and WWW-Authenticate: Bearer', async () => {
    const none = await push(article, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm="feedwright"/);
    const wrong = await push(article, `${ADMIN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const basic = await app.request('/api/sources/wire/items', {
      method: 'POST', headers: { Authorization: `Basic ${btoa(`u:${ADMIN}`)}` }, body: JSON.stringify(article),
    });
    expect(basic.status).toBe(401);
    expect((await store.feedVersion('wire')).itemCount).toBe(0);
  });

  it('the ingest token may push but not refresh; the admin token may do both', async () => {
    expect((await push(article, INGEST)).status).toBe(201);
    const asIngest = await app.request('/api/sources/site/refresh', { method: 'POST', headers: { Authorization: `Bearer ${INGEST}` } });
    expect(asIngest.status).toBe(401);
    const asAdmin = await app.request('/api/sources/site/refresh', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(asAdmin.status).toBe(200);
    expect(await asAdmin.json()).toEqual({ report: { sourceId: 'site', ok: true } });
    expect(refreshed).toEqual(['site']);
    const pushRefresh = await app.request('/api/sources/wire/refresh', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(pushRefresh.status).toBe(409);
  });

  it('is disabled (403) when no token is configured', async () => {
    app = build({});
    const res = await push(article, 'anything');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'disabled', message: expect.stringContaining('FEEDWRIGHT_ADMIN_TOKEN') });
    app = build({ ingestToken: INGEST });
    const refresh = await app.request('/api/sources/site/refresh', { method: 'POST', headers: { Authorization: `Bearer ${INGEST}` } });
    expect(refresh.status).toBe(403);
  });

  it('only push sources accept items (409), unknown sources are 404', async () => {
    expect((await push(article, ADMIN, '/api/sources/site/items')).status).toBe(409);
    expect((await push(article, ADMIN, '/api/sources/nope/items')).status).toBe(404);
  });

  it('refuses oversized bodies and too many items with 413', async () => {
    app = build(undefined, { maxBodyBytes: 2000, maxItems: 3 });
    const big = await push({ url: 'https://news.example/big', content_html: `<p>${'x'.repeat(5000)}</p>` });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toBe('payload_too_large');
    const many = await push([1, 2, 3, 4].map((n) => ({ url: `https://news.example/${n}` })));
    expect(many.status).toBe(413);
    expect((await many.json()).message).toMatch(/At most 3 items/);
    expect((await store.feedVersion('wire')).itemCount).toBe(0);
  });
});

describe('JSON Feed 1.1 items and documents', () => {
  const jsonFeedItem = {
    id: 'https://blog.example/2024/04/hello',
    url: 'https://blog.example/2024/04/hello',
    external_url: 'https://elsewhere.example/story',
    title: 'Hello, JSON Feed',
    content_html: '<p>Full <em>text</em>.</p>',
    content_text: 'Full text.',
    summary: 'A short summary.',
    date_published: '2024-04-20T10:00:00-07:00',
    date_modified: '2024-04-21T09:30:00Z',
    authors: [{ name: 'Brent Simmons', url: 'https://inessential.com/', avatar: 'https://blog.example/brent.png' }, { name: 'Manton Reece' }],
    tags: ['json', 'feeds'],
    image: 'https://blog.example/hello.png',
    banner_image: 'https://blog.example/banner.png',
    language: 'en-US',
    attachments: [{ url: 'https://blog.example/ep1.mp3', mime_type: 'audio/mpeg', size_in_bytes: 1234, duration_in_seconds: 60 }],
  };

  it('accepts an item in JSON Feed 1.1 shape and keeps what it says', async () => {
    const res = await push(jsonFeedItem);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.created).toEqual([{ index: 0, id: 'https://blog.example/2024/04/hello', url: 'https://blog.example/2024/04/hello' }]);
    const [item] = await store.listItems('wire', 10);
    expect(item).toMatchObject({
      title: 'Hello, JSON Feed',
      contentHtml: '<p>Full <em>text</em>.</p>',
      summary: 'A short summary.',
      published: '2024-04-20T17:00:00.000Z',
      updated: '2024-04-21T09:30:00.000Z',
      authors: ['Brent Simmons', 'Manton Reece'],
      categories: ['json', 'feeds'],
      image: 'https://blog.example/hello.png',
      language: 'en-US',
    });
  });

  it('reads content_text as escaped paragraphs, external_url as the link when url is absent, JSON Feed 1.0 author and numeric ids', async () => {
    const res = await push({
      id: 42, external_url: 'https://elsewhere.example/linked', title: 'Link post',
      content_text: 'First <para>.\n\nSecond & last.', author: { name: 'Old Style' },
      attachments: [{ url: 'https://blog.example/cover.jpg', mime_type: 'image/jpeg' }],
    });
    expect(res.status).toBe(201);
    const item = await store.getItem('wire', '42');
    expect(item).toMatchObject({
      url: 'https://elsewhere.example/linked', authors: ['Old Style'], image: 'https://blog.example/cover.jpg',
      contentHtml: '<p>First &lt;para&gt;.</p><p>Second &amp; last.</p>',
    });
  });

  it('accepts a whole JSON Feed document: items inherit the feed\'s authors and language, extensions are ignored', async () => {
    const res = await push({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'A blog', home_page_url: 'https://blog.example/', feed_url: 'https://blog.example/feed.json',
      description: 'Posts', icon: 'https://blog.example/icon.png', favicon: 'https://blog.example/favicon.ico',
      authors: [{ name: 'Feed Author' }], language: 'fr', hubs: [{ type: 'WebSub', url: 'https://hub.example/' }],
      _blue_shed: { about: 'https://blueshed-podcasts.com/json-feed-extension-docs' },
      items: [
        { id: '1', url: 'https://blog.example/1', title: 'One', content_text: 'Un.', date_published: '2024-04-01T08:00:00Z', _ext: { x: 1 } },
        { ...jsonFeedItem, id: '2', url: 'https://blog.example/2' },
      ],
    });
    expect(res.status).toBe(201);
    expect((await res.json()).created.map((e: { id: string }) => e.id)).toEqual(['1', '2']);
    expect(await store.getItem('wire', '1')).toMatchObject({ authors: ['Feed Author'], language: 'fr', title: 'One' });
    expect(await store.getItem('wire', '2')).toMatchObject({ authors: ['Brent Simmons', 'Manton Reece'], language: 'en-US' });
  });

  it('takes back a JSON Feed that feedwright itself rendered', async () => {
    const meta = { id: 'other', title: 'Other', siteUrl: 'https://news.example/', baseUrl: 'https://feeds.example', updated: null, hub: 'https://feeds.example/websub' };
    await push([article, { url: 'https://news.example/text-only', title: 'Only a summary', summary: 'Just this.' }]);
    const rendered = renderFeed('json', meta, await store.listItems('wire', 10));
    await store.deleteItem('wire', (await store.listItems('wire', 10))[0].id);
    await store.deleteItem('wire', (await store.listItems('wire', 10))[0].id);
    const res = await push(null, ADMIN, undefined, rendered);
    expect(res.status).toBe(201);
    expect((await res.json()).rejected).toEqual([]);
    expect((await store.listItems('wire', 10)).map((i) => i.title).sort()).toEqual(['Launch day', 'Only a summary']);
  });

  it('still refuses unknown fields of any shape, listing the accepted ones', async () => {
    const res = await push([
      { url: 'https://blog.example/a', colour: 'blue' },
      { url: 'https://blog.example/b', authors: [{ name: 'A', email: 'a@example.org' }] },
      { url: 'https://blog.example/c', attachments: [{ url: 'https://blog.example/c.mp3', mime_type: 'audio/mpeg', bitrate: 128 }] },
      { url: 'https://blog.example/d', published: '2024-04-01', date_published: '2024-04-02' },
      { title: 'no link' },
      { url: 'https://blog.example/f', title: 42 },
    ]);
    expect(res.status).toBe(422);
    const reasons = (await res.json()).rejected.map((r: { reason: string }) => r.reason);
    expect(reasons[0]).toMatch(/^unknown field\(s\): colour \(accepted: id, url, external_url, title, content_html, .*date_published, date_modified, authors, .*tags, .*attachments; keys starting with _ are ignored\)$/);
    expect(reasons[1]).toBe('authors.0: unknown field(s): email (accepted: name, url, avatar; keys starting with _ are ignored)');
    expect(reasons[2]).toMatch(/^attachments\.0: unknown field\(s\): bitrate \(accepted: url, mime_type, title, size_in_bytes, duration_in_seconds;/);
    expect(reasons[3]).toBe('published and date_published differ: send one of them');
    expect(reasons[4]).toBe('url: required (or external_url)');
    expect(reasons[5]).toMatch(/^title: .*expected string, received number$/);

    const doc = await push({ version: 'https://jsonfeed.org/version/1.1', items: [{ url: 'https://blog.example/e' }], colour: 'blue' });
    expect(doc.status).toBe(400);
    expect((await doc.json()).message).toMatch(/^JSON Feed document: unknown field\(s\): colour \(accepted: version, items, authors, author, language, title, home_page_url/);
    const notList = await push({ version: 'https://jsonfeed.org/version/1.1', items: 'none' });
    expect((await notList.json()).message).toBe('JSON Feed document: items: must be a list of items');
    expect((await store.feedVersion('wire')).itemCount).toBe(0);
  });
});

describe('published: every real date, impossible ones refused by name', () => {
  const one = async (published: string) => {
    const body = await (await push({ url: 'https://news.example/dated', published })).json();
    return body.rejected.length > 0 ? body.rejected[0].reason as string : (await store.listItems('wire', 1))[0].published;
  };

  it('stores old dates as stated, with no 1990 floor and no year 0001 → this year', async () => {
    expect(await one('1969-07-20T20:17:40Z')).toBe('1969-07-20T20:17:40.000Z');
    await store.deleteItem('wire', (await store.listItems('wire', 1))[0].id);
    expect(await one('Mon, 01 Jan 0001 00:00:00 GMT')).toBe('0001-01-01T00:00:00.000Z');
    const meta = { id: 'wire', title: 'Wire', siteUrl: 'https://news.example/', baseUrl: 'https://feeds.example', updated: null };
    expect(renderFeed('atom', meta, await store.listItems('wire', 1))).toContain('<published>0001-01-01T00:00:00.000Z</published>');
  });

  it('keeps the offset a pushed date states, else the source zone\'s, for the feeds', async () => {
    const body = await (await push({ url: 'https://news.example/offset', published: '2024-03-05T09:30:00+05:30', date_modified: '2024-03-06T10:00:00-04:00' })).json();
    expect(body.rejected).toEqual([]);
    const [stored] = await store.listItems('wire', 1);
    expect(stored).toMatchObject({ published: '2024-03-05T04:00:00.000Z', publishedOffset: 330, updated: '2024-03-06T14:00:00.000Z', updatedOffset: -240 });
    const meta = { id: 'wire', title: 'Wire', siteUrl: 'https://news.example/', baseUrl: 'https://feeds.example', updated: null };
    expect(renderFeed('rss', meta, [stored])).toContain('<pubDate>Tue, 05 Mar 2024 09:30:00 +0530</pubDate>');
    await store.deleteItem('wire', stored.id);
    // Stated in UTC: shown in the source's zone (Europe/Paris), the same instant.
    await push({ url: 'https://news.example/offset', published: '2024-04-05T08:00:00Z' });
    expect((await store.listItems('wire', 1))[0]).toMatchObject({ published: '2024-04-05T08:00:00.000Z', publishedOffset: 120 });
  });

  it('refuses impossible dates, impossible offsets and future dates with a message naming the field', async () => {
    expect(await one('2023-02-29T10:00:00Z')).toBe('published: "2023-02-29T10:00:00Z" is not a real date: February 2023 has 28 days, not 29');
    expect(await one('2024-04-30T10:00:00+25:00')).toMatch(/^published: "2024-04-30T10:00:00\+25:00" is not a real date: there is no UTC offset \+25:00/);
    expect(await one('2024-05-01T18:00:00Z')).toBe('published: "2024-05-01T18:00:00Z" is in the future (it is now 2024-05-01T12:00:00.000Z); send it once the article is out');
    expect(await one('soon')).toMatch(/^published: "soon" is not a date that can be read \(write ISO 8601/);
    expect((await store.feedVersion('wire')).itemCount).toBe(0);
  });

  it('a date a few minutes ahead (clock skew) is stored as now', async () => {
    expect(await one('2024-05-01T12:02:00Z')).toBe(NOW.toISOString());
  });
});

describe('one link, one item (the link is the entry id / guid of the feed)', () => {
  const X = 'https://news.example/x';
  const atomIds = async () => {
    const meta = { id: 'wire', title: 'Wire', siteUrl: 'https://news.example/', baseUrl: 'https://feeds.example', updated: null };
    const xml = renderFeed('atom', meta, await store.listItems('wire', 100));
    return [...xml.matchAll(/<entry>\s*<title[^>]*>[\s\S]*?<\/title>\s*<id>([^<]*)<\/id>/g)].map((m) => m[1]);
  };
  const urlsStored = async () => (await store.listItems('wire', 100)).map((i) => i.url).sort();

  it('refuses a second explicit id for a known link, in one request or across requests, naming the holder', async () => {
    const res = await push([{ id: 'cms-1', url: X, title: 'One' }, { id: 'cms-2', url: `${X}?utm_source=y`, title: 'Two' }]);
    expect(res.status).toBe(207);
    const body = await res.json();
    expect(body.created.map((e: { id: string }) => e.id)).toEqual(['cms-1']);
    expect(body.rejected).toEqual([{ index: 1, reason: expect.stringMatching(/^url: https:\/\/news\.example\/x is already the link of item "cms-1"/) }]);

    const again = await push({ id: 'cms-3', url: X, title: 'Three' });
    expect(again.status).toBe(422);
    expect((await again.json()).rejected[0].reason).toMatch(/push with id "cms-1" to update that item, or delete it first/);
    expect(await urlsStored()).toEqual([X]);
    expect(await atomIds()).toEqual([X]);
  });

  it('an explicit id may not take the link of an item pushed without id', async () => {
    const plain = (await (await push({ url: X, title: 'Plain' })).json()).created[0];
    const res = await push({ id: 'cms-1', url: X, title: 'Explicit' });
    expect(res.status).toBe(422);
    expect((await res.json()).rejected[0].reason).toContain(`item "${plain.id}"`);
    expect(await atomIds()).toEqual([X]);
  });

  it('without id, a known link updates the item holding it, even one pushed with an explicit id', async () => {
    await push({ id: 'cms-1', url: X, title: 'First' });
    const res = await push({ url: X, title: 'Edited' });
    expect(res.status).toBe(200);
    expect((await res.json()).updated).toEqual([{ index: 0, id: 'cms-1', url: X }]);
    expect((await store.listItems('wire', 10)).map((i) => [i.id, i.title])).toEqual([['cms-1', 'Edited']]);
    expect(await atomIds()).toEqual([X]);
  });

  it('a link freed by a move (earlier in the same request) may be taken', async () => {
    await push([{ id: 'a', url: X }, { id: 'b', url: 'https://news.example/y' }]);
    const res = await push([{ id: 'a', url: 'https://news.example/z' }, { id: 'b', url: X }]);
    expect(res.status).toBe(200);
    expect((await res.json()).updated.map((e: { id: string }) => e.id)).toEqual(['a', 'b']);
    expect(await urlsStored()).toEqual([X, 'https://news.example/z']);
    expect((await atomIds()).sort()).toEqual([X, 'https://news.example/z']);
  });

  it('DELETE ?url= removes the item holding the link, even one pushed with an explicit id', async () => {
    await push({ id: 'cms-1', url: X });
    const res = await app.request(`/api/sources/wire/items?url=${encodeURIComponent(`${X}?utm_medium=z`)}`, {
      method: 'DELETE', headers: { Authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: 'cms-1' });
    expect(await urlsStored()).toEqual([]);
  });
});

describe('push sources keep at most maxItems items', () => {
  it('prunes the oldest items (by publication date) past the source\'s maxItems on every push', async () => {
    app = new Hono().route('/api', createApi({
      sources: [makeSource({ id: 'wire', title: 'wire title', type: 'push', timezone: 'Europe/Paris', maxItems: 3 })], store, now: () => NOW, adminToken: ADMIN,
    }));
    const day = (n: number) => ({ url: `https://news.example/day-${n}`, title: `Day ${n}`, published: `2024-04-0${n}T08:00:00Z` });
    expect((await push([1, 2, 3, 4, 5].map(day))).status).toBe(201);
    expect((await store.listItems('wire', 100)).map((i) => i.title)).toEqual(['Day 5', 'Day 4', 'Day 3']);
    expect((await store.feedVersion('wire')).itemCount).toBe(3);

    await push(day(6));
    await push(day(7));
    expect((await store.listItems('wire', 100)).map((i) => i.title)).toEqual(['Day 7', 'Day 6', 'Day 5']);
    expect((await store.feedVersion('wire')).itemCount).toBe(3);
  });

  it('applies the default cap (5000) when the source sets none', async () => {
    const many = (from: number) => Array.from({ length: 100 }, (_, i) => ({
      url: `https://news.example/n-${from + i}`, published: new Date(Date.UTC(2020, 0, 1) + (from + i) * 60_000).toISOString(),
    }));
    for (let from = 0; from < 5100; from += 100) await push(many(from));
    expect((await store.feedVersion('wire')).itemCount).toBe(5000);
    expect((await store.listItems('wire', 5000)).at(-1)?.url).toBe('https://news.example/n-100');
  }, 60_000);
});

describe('DELETE /api/sources/:id/items', () => {
  it('removes an item by id or by URL, 404 when absent, and tells the hub', async () => {
    const created = (await (await push([{ url: 'https://news.example/one' }, { url: 'https://news.example/two?utm_medium=x' }])).json()).created;
    changed = [];
    const auth = { Authorization: `Bearer ${INGEST}` };
    const byId = await app.request(`/api/sources/wire/items/${created[0].id}`, { method: 'DELETE', headers: auth });
    expect(byId.status).toBe(200);
    expect(await byId.json()).toEqual({ deleted: created[0].id });
    const byUrl = await app.request(`/api/sources/wire/items?url=${encodeURIComponent('https://news.example/two')}`, { method: 'DELETE', headers: auth });
    expect(byUrl.status).toBe(200);
    expect((await store.feedVersion('wire')).itemCount).toBe(0);
    expect(changed).toEqual(['wire', 'wire']);
    const again = await app.request(`/api/sources/wire/items/${created[0].id}`, { method: 'DELETE', headers: auth });
    expect(again.status).toBe(404);
    const noAuth = await app.request(`/api/sources/wire/items/${created[0].id}`, { method: 'DELETE' });
    expect(noAuth.status).toBe(401);
  });
});

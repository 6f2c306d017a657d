import { beforeEach, describe, expect, it } from 'vitest';
import { SourceCatalog } from '../../src/config/catalog.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { readConfigText } from '../../src/config/config-text.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import type { SourcesEvent } from '../../src/server/sources-api.ts';
import type { Store } from '../../src/store/store.ts';
import { syncStoredSources } from '../../src/store/stored-sources.ts';
import { makeItem } from '../helpers/items.ts';

const ADMIN = 'admin-secret-token-0123456789';
const NOW = new Date('2024-05-01T12:00:00.000Z');
const FILE = 'conf/sources.yaml';
const FILE_TEXT = `sources:
  - id: file-news
    title: From the file
    url: https://news.example/latest
    list: { item: li.post, link: a@href }
  - id: wire
    type: push
`;

let store: Store;
let catalog: SourceCatalog;
let events: SourcesEvent[];
let app: ReturnType<typeof createApp>;

/** A catalog as the Node runtime fills it: the file's sources, then the database's. */
function fileCatalog(): SourceCatalog {
  const config = parseConfig(FILE_TEXT, FILE);
  const written = (readConfigText(FILE_TEXT, FILE) as { sources: Record<string, unknown>[] }).sources;
  const c = new SourceCatalog();
  c.setFile(config.sources.map((source, i) => ({ source, origin: 'file', written: written[i] })), FILE);
  return c;
}

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  catalog = fileCatalog();
  events = [];
  app = createApp({
    catalog, store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example.org/', now: () => NOW, adminToken: ADMIN,
    onSourcesChanged: (e) => void events.push(e),
  });
});

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${ADMIN}`, ...headers } };
  if (body !== undefined) {
    (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  return app.request(path, init);
}

const NEW = { id: 'blog', title: 'A blog', url: 'https://blog.example/', schedule: '0 * * * *', list: { item: 'article', title: 'h2' } };

describe('admin source API', () => {
  it('needs the admin token on every route', async () => {
    for (const [method, path] of [['GET', '/api/sources'], ['GET', '/api/sources/file-news'], ['POST', '/api/sources'], ['PUT', '/api/sources/x'],
      ['DELETE', '/api/sources/x'], ['POST', '/api/sources/x/pause'], ['POST', '/api/sources/x/resume'], ['GET', '/api/sources/export']]) {
      const res = await app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await app.request(path, { method, headers: { Authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
    }
    const off = createApp({ catalog, store, cache: new MemoryFeedCache(), baseUrl: 'https://x.example' });
    expect((await off.request('/api/sources', { headers: { Authorization: `Bearer ${ADMIN}` } })).status).toBe(403);
  });

  it('lets a session hook in (the studio) instead of the bearer token', async () => {
    const withSession = createApp({ catalog, store, cache: new MemoryFeedCache(), baseUrl: 'https://x.example', adminToken: ADMIN,
      adminSession: (c) => c.req.header('cookie') === 'session=ok' });
    expect((await withSession.request('/api/sources', { headers: { cookie: 'session=ok' } })).status).toBe(200);
    expect((await withSession.request('/api/sources', { headers: { cookie: 'session=bad' } })).status).toBe(401);
  });

  it('lists every source with its config as written, origin and state', async () => {
    const res = await call('GET', '/api/sources');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.configError).toBeNull();
    expect(body.sources.map((s: { id: string; origin: string }) => [s.id, s.origin])).toEqual([['file-news', 'file'], ['wire', 'file']]);
    expect(body.sources[0].config).toEqual({ id: 'file-news', title: 'From the file', url: 'https://news.example/latest', list: { item: 'li.post', link: 'a@href' } });
    expect(body.sources[0].state).toMatchObject({ id: 'file-news', status: 'pending', itemCount: 0 });
    expect(body.sources[0].pausedAt).toBeNull();
  });

  it('adds a database source (201): listed, served at once, told to the runtime', async () => {
    const res = await call('POST', '/api/sources', NEW);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/sources/blog');
    const body = await res.json();
    expect(body).toMatchObject({ id: 'blog', origin: 'db', config: NEW, pausedAt: null, state: { status: 'pending' } });
    expect(events).toEqual([{ kind: 'added', id: 'blog' }]);
    expect(catalog.get('blog')?.source.list?.title).toEqual({ selector: 'h2', attr: null });
    expect((await store.listStoredSources()).map((r) => r.id)).toEqual(['blog']);
    // The feed routes, OPML, index and /health follow without a restart.
    expect((await app.request('/feeds/blog.rss')).status).toBe(200);
    expect(await (await app.request('/feeds.opml')).text()).toContain('feeds/blog.rss');
    expect(await (await app.request('/')).text()).toContain('A blog');
    expect((await (await app.request('/health')).json()).sources.map((s: { id: string }) => s.id)).toContain('blog');
    expect((await (await call('GET', '/api/sources/blog')).json()).config).toEqual(NEW);
  });

  it('refuses an invalid entry with 422 and the loader\'s field paths and messages', async () => {
    const bad = { id: 'bad', url: 'file:///etc/passwd', limit: 0, lst: {} };
    const res = await call('POST', '/api/sources', bad);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toEqual([
      { source: 'bad', field: 'limit', message: 'must be at least 1' },
      { source: 'bad', field: 'lst', message: 'unknown key (did you mean "list"?)' },
      { source: 'bad', field: 'url', message: 'file: URLs are allowed only in the config file' },
    ]);
    // The same words a config file gets for that entry (file: aside, which a file may use).
    const fromFile = (() => { try { parseConfig(JSON.stringify({ sources: [{ ...bad, url: 'https://x.example/' }] }), 's.json'); } catch (e) { return (e as { details: unknown }).details; } })();
    expect(fromFile).toEqual([
      { file: 's.json', source: 'bad', field: 'limit', message: 'must be at least 1' },
      { file: 's.json', source: 'bad', field: 'lst', message: 'unknown key (did you mean "list"?)' },
    ]);
    expect((await call('POST', '/api/sources', { url: 'https://x.example/' })).status).toBe(422);
    expect((await (await call('POST', '/api/sources', { url: 'https://x.example/' })).json()).errors).toEqual([{ source: null, field: 'id', message: 'required' }]);
    expect((await call('POST', '/api/sources', [NEW])).status).toBe(422);
    expect((await call('POST', '/api/sources', { id: 'm', type: 'merge', sources: ['nope'] })).status).toBe(422);
    expect(events).toEqual([]);
    expect(await store.listStoredSources()).toEqual([]);
  });

  it('refuses bad JSON (400), another content type (415) and an oversized body (413)', async () => {
    expect((await call('POST', '/api/sources', '{nope')).status).toBe(400);
    expect((await call('POST', '/api/sources', 'id: x', { 'Content-Type': 'application/yaml' })).status).toBe(415);
    const big = { ...NEW, title: 'x'.repeat(70_000) };
    expect((await call('POST', '/api/sources', big)).status).toBe(413);
  });

  it('refuses an id a file source or a database source already has (409)', async () => {
    const file = await call('POST', '/api/sources', { ...NEW, id: 'file-news' });
    expect(file.status).toBe(409);
    expect((await file.json()).message).toContain(FILE);
    expect((await call('POST', '/api/sources', NEW)).status).toBe(201);
    expect((await call('POST', '/api/sources', NEW)).status).toBe(409);
    // A row that is there but not served (here: invalid) is named as such.
    await store.putStoredSource('hidden', JSON.stringify({ limit: 0 }), NOW);
    const hidden = await call('POST', '/api/sources', { ...NEW, id: 'hidden' });
    expect(hidden.status).toBe(409);
    expect((await hidden.json()).message).toContain('not served');
  });

  it('replaces a database source (PUT 200); file sources are read-only (409 naming the file)', async () => {
    await call('POST', '/api/sources', NEW);
    const res = await call('PUT', '/api/sources/blog', { title: 'Renamed', url: 'https://blog.example/' });
    expect(res.status).toBe(200);
    expect((await res.json()).config).toEqual({ id: 'blog', title: 'Renamed', url: 'https://blog.example/' });
    expect(catalog.get('blog')?.source.title).toBe('Renamed');
    expect(events.at(-1)).toEqual({ kind: 'changed', id: 'blog' });
    expect((await call('PUT', '/api/sources/blog', { id: 'other', url: 'https://blog.example/' })).status).toBe(422);
    expect((await call('PUT', '/api/sources/blog', { url: 'nope' })).status).toBe(422);
    const file = await call('PUT', '/api/sources/file-news', NEW);
    expect(file.status).toBe(409);
    expect((await file.json()).message).toMatch(/conf\/sources\.yaml: edit it there/);
    expect((await call('PUT', '/api/sources/missing', NEW)).status).toBe(404);
  });

  it('deletes a database source with its items and state (204)', async () => {
    await call('POST', '/api/sources', NEW);
    await store.upsertItems('blog', [makeItem(1, { sourceId: 'blog' })], NOW);
    await store.saveState({ sourceId: 'blog', lastAttempt: NOW.toISOString(), lastSuccess: null, lastError: null, consecutiveFailures: 0, nextAttempt: null, originEtag: null, originLastModified: null });
    const res = await call('DELETE', '/api/sources/blog');
    expect(res.status).toBe(204);
    expect(await store.listItems('blog', 10)).toEqual([]);
    expect(await store.getState('blog')).toBeNull();
    expect(await store.listStoredSources()).toEqual([]);
    expect(catalog.get('blog')).toBeUndefined();
    expect(events.at(-1)).toEqual({ kind: 'removed', id: 'blog' });
    expect((await app.request('/feeds/blog.rss')).status).toBe(404);
    expect((await call('DELETE', '/api/sources/blog')).status).toBe(404);
    const file = await call('DELETE', '/api/sources/file-news');
    expect(file.status).toBe(409);
    expect((await file.json()).message).toContain('remove it there');
  });

  it('will not delete a member of a bundle (409)', async () => {
    await call('POST', '/api/sources', NEW);
    expect((await call('POST', '/api/sources', { id: 'all', type: 'merge', sources: ['blog', 'file-news'] })).status).toBe(201);
    expect((await call('DELETE', '/api/sources/blog')).status).toBe(409);
  });

  it('pauses and resumes file and database sources alike; the feed stays', async () => {
    const paused = await call('POST', '/api/sources/file-news/pause');
    expect(paused.status).toBe(200);
    expect((await paused.json()).pausedAt).toBe(NOW.toISOString());
    expect((await store.getState('file-news'))?.pausedAt).toBe(NOW.toISOString());
    expect(events).toEqual([{ kind: 'paused', id: 'file-news' }]);
    expect((await app.request('/feeds/file-news.atom')).status).toBe(200);
    // Pausing twice changes nothing.
    expect((await call('POST', '/api/sources/file-news/pause')).status).toBe(200);
    expect(events).toHaveLength(1);
    const resumed = await call('POST', '/api/sources/file-news/resume');
    expect((await resumed.json()).pausedAt).toBeNull();
    expect(events.at(-1)).toEqual({ kind: 'resumed', id: 'file-news' });
    expect((await call('POST', '/api/sources/missing/pause')).status).toBe(404);
  });

  it('exports YAML that loads back as the same sources, and OPML', async () => {
    await call('POST', '/api/sources', NEW);
    const res = await call('GET', '/api/sources/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    const yaml = await res.text();
    const loaded = parseConfig(yaml, 'exported.yaml');
    expect(loaded.sources).toEqual(catalog.sources);
    const opml = await (await call('GET', '/api/sources/export?format=opml')).text();
    expect(opml).toContain('xmlUrl="https://feeds.example.org/feeds/blog.rss"');
    expect(opml).toContain('xmlUrl="https://feeds.example.org/feeds/file-news.rss"');
    expect((await call('GET', '/api/sources/export?format=csv')).status).toBe(400);
  });

  it('picks up rows written by another process on sync, and never lets one replace a file source', async () => {
    await store.putStoredSource('file-news', JSON.stringify({ url: 'https://evil.example/' }), NOW);
    await store.putStoredSource('cli', JSON.stringify({ url: 'https://cli.example/' }), NOW);
    await syncStoredSources(catalog, store);
    expect(catalog.get('file-news')?.source.url).toBe('https://news.example/latest');
    expect(catalog.get('cli')?.origin).toBe('db');
    const body = await (await call('GET', '/api/sources')).json();
    expect(body.problems).toEqual([`database source "file-news" is not served: ${FILE} has a source with that id; remove one of them or rename it`]);
    expect((await (await app.request('/health', { headers: { Authorization: `Bearer ${ADMIN}` } })).json()).sourceProblems).toEqual(body.problems);
  });

  it('never shows a secret: GET and export mask literal request headers and webhook secrets; an edit sending *** back keeps them', async () => {
    const secret = { ...NEW, request: { headers: { Authorization: 'Bearer s3cr3t-literal', 'X-Key': '${BLOG_KEY}' } }, notify: [{ url: 'https://hooks.example/T0/B0/xyz', secret: 'hmac-literal' }] };
    expect((await call('POST', '/api/sources', secret)).status).toBe(201);
    const shown = (await (await call('GET', '/api/sources/blog')).json()).config;
    expect(shown.request.headers).toEqual({ Authorization: '***', 'X-Key': '${BLOG_KEY}' }); // a reference names the secret, it is not one
    expect(shown.notify[0]).toMatchObject({ url: 'https://hooks.example/***', secret: '***' });
    const exported = await (await call('GET', '/api/sources/export')).text();
    expect(exported).not.toMatch(/s3cr3t-literal|hmac-literal|T0\/B0/);
    expect(JSON.stringify(await (await call('GET', '/api/sources')).json())).not.toMatch(/s3cr3t-literal|hmac-literal/);
    // The studio saves what it was shown, with one field changed: the stored secrets stay.
    expect((await call('PUT', '/api/sources/blog', { ...shown, title: 'Renamed' })).status).toBe(200);
    const row = (await store.listStoredSources()).find((r) => r.id === 'blog')!;
    const stored = JSON.parse(row.config);
    expect(stored.title).toBe('Renamed');
    expect(stored.request.headers).toEqual(secret.request.headers);
    expect(stored.notify[0]).toMatchObject(secret.notify[0]);
  });

  it('unknown ids answer 404 JSON', async () => {
    const res = await call('GET', '/api/sources/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

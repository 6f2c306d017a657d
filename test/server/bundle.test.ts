/**
 * Bundles (`type: merge`): config validation, the store's query across sources (de-duplicated by
 * canonical URL, newest first), the served feed (origin as category, ETag following every member)
 * and WebSub announcing the bundle when a member changes.
 */
import { parseAtomFeed } from 'feedsmith';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { isScheduled } from '../../src/pipeline/due.ts';
import { openSqliteStore, sqliteDriver } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import type { Store } from '../../src/store/store.ts';
import { createWebSub } from '../../src/websub/create.ts';
import { makeItem, storeBundleMembers } from '../helpers/items.ts';
import { makeSource } from '../../testkit/sources.ts';
import Database from 'better-sqlite3';

const BASE = 'https://feeds.example';
const AT = new Date('2024-03-20T00:00:00.000Z');
const SOURCES = [
  makeSource({ id: 'alpha', title: 'Alpha News', limit: 10 }),
  makeSource({ id: 'beta', title: 'Beta Wire', limit: 10 }),
  makeSource({ id: 'gamma', title: 'Gamma', limit: 10 }),
  makeSource({ id: 'both', title: 'Alpha and Beta', type: 'merge', sources: ['alpha', 'beta'], limit: 20 }),
];

describe('bundle config', () => {
  const yaml = (bundle: string) => `sources:\n  - { id: a, url: "https://a.example/" }\n  - { id: m2, type: merge, sources: [a] }\n${bundle}`;

  it('accepts a merge of existing sources, never scheduled', () => {
    const config = parseConfig(yaml('  - { id: m, type: merge, sources: [a, a] }\n'), 'sources.yaml');
    const bundle = config.sources.find((s) => s.id === 'm')!;
    expect(bundle).toMatchObject({ type: 'merge', sources: ['a'] });
    expect(bundle.url).toBeUndefined();
    expect(isScheduled(bundle)).toBe(false);
  });

  it('names file, source and field for unknown members, itself, another merge and fetch keys', () => {
    const problems = (bundle: string) => {
      try {
        parseConfig(yaml(bundle), 'sources.yaml');
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    };
    expect(problems('  - { id: m, type: merge, sources: [nope] }\n'))
      .toContain('sources.yaml: source "m" (sources[2]): sources: no source has the id "nope"');
    expect(problems('  - { id: m, type: merge, sources: [m] }\n')).toContain('source "m" (sources[2]): sources: a merge source cannot list itself');
    expect(problems('  - { id: m, type: merge, sources: [m2] }\n')).toContain('sources: "m2" is itself a merge source');
    expect(problems('  - { id: m, type: merge }\n')).toContain('source "m" (sources[2]): sources: required for a merge source');
    const fetchKeys = problems('  - { id: m, type: merge, sources: [a], url: "https://m.example/", schedule: "0 * * * *", list: { item: li } }\n');
    for (const key of ['url', 'schedule', 'list']) expect(fetchKeys).toContain(`source "m" (sources[2]): ${key}: a merge source is never fetched or scheduled`);
    expect(problems('  - { id: b, url: "https://b.example/", sources: [a] }\n')).toContain('source "b" (sources[2]): sources: only merge sources');
  });
});

describe('bundled feed', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
    await storeBundleMembers(store, AT); // alpha 1..3; beta 4, 5 and a later copy of 2; gamma 9
  });
  afterEach(() => store.close());

  it('the store lists the newest items across sources, one per URL, the newest copy winning', async () => {
    const items = await store.listItemsAcross(['alpha', 'beta'], 10);
    expect(items.map((i) => i.id)).toEqual(['b2', 'b5', 'b4', 'a3', 'a1']);
    expect((await store.listItemsAcross(['alpha', 'beta'], 2)).map((i) => i.id)).toEqual(['b2', 'b5']);
    expect(await store.listItemsAcross([], 5)).toEqual([]);
    expect(await store.countItemsAcross(['alpha', 'beta'])).toBe(5);
    expect(await store.countItemsAcross(['alpha', 'beta', 'alpha', 'gamma'])).toBe(6);
    expect(await store.countItemsAcross([])).toBe(0);
  });

  it('serves the members\' items with their origin as category, and its ETag moves when any member changes', async () => {
    const app = createApp({ sources: SOURCES, store, cache: new MemoryFeedCache(), baseUrl: BASE, now: () => AT });
    const first = await app.request('/feeds/both.atom');
    expect(first.status).toBe(200);
    const feed = parseAtomFeed(await first.text());
    expect(feed.entries?.map((e) => (e.title as unknown as { value: string }).value)).toEqual(['Copy of 2', 'Article number 5', 'Article number 4', 'Article number 3', 'Article number 1']);
    expect(feed.entries?.map((e) => e.categories?.[0]?.term)).toEqual(['Beta Wire', 'Beta Wire', 'Beta Wire', 'Alpha News', 'Alpha News']);
    expect(feed.entries?.[3].categories?.map((c) => c.term)).toEqual(['Alpha News', 'Ünïcode']);
    const etag = first.headers.get('etag')!;
    expect((await app.request('/feeds/both.atom', { headers: { 'If-None-Match': etag } })).status).toBe(304);

    // A change to a source outside the bundle leaves it alone; a member's change moves it.
    await store.upsertItems('gamma', [makeItem(10, { sourceId: 'gamma', id: 'g10' })], AT);
    expect((await app.request('/feeds/both.atom', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    await store.upsertItems('alpha', [makeItem(6, { sourceId: 'alpha', id: 'a6', title: 'Fresh in alpha' })], new Date('2024-03-21T00:00:00.000Z'));
    const after = await app.request('/feeds/both.atom', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('Fresh in alpha');
  });

  it('the index page and /health describe the bundle in its own words, with item count and last change', async () => {
    const app = createApp({ sources: SOURCES, store, cache: new MemoryFeedCache(), baseUrl: BASE, now: () => AT });
    const text = async () => (await (await app.request('/')).text()).replace(/<[^>]+>/g, '');
    const row = (html: string) => html.slice(html.indexOf('Alpha and Beta'), html.indexOf('To add a site'));
    const before = row(await text());
    expect(before).toContain('bundle of 2 sources: Alpha News, Beta Wire');
    expect(before).toContain('5 items'); // alpha 3, beta 3, one URL in both
    expect(before).toContain('updated 2024-03-20 00:00 UTC');
    expect(before).not.toMatch(/waiting for its first run|next run|failing/);

    type Report = { status: string; sources: { id: string; status: string; members?: string[]; description?: string; itemCount: number; lastModified: string | null; nextAttempt: string | null }[] };
    const base = { nextAttempt: null, originEtag: null, originLastModified: null, lastError: null, consecutiveFailures: 0 };
    await store.saveState({ ...base, sourceId: 'alpha', lastAttempt: '2024-03-19T10:00:00.000Z', lastSuccess: '2024-03-19T10:00:00.000Z' });
    let report = (await (await app.request('/health')).json()) as Report;
    expect(report.sources.find((s) => s.id === 'both')).toEqual(expect.objectContaining({
      status: 'ok', members: ['alpha', 'beta'], description: 'bundle of 2 sources: Alpha News, Beta Wire',
      itemCount: 5, lastModified: AT.toISOString(), nextAttempt: null,
    }));
    expect(report.sources.find((s) => s.id === 'alpha')?.members).toBeUndefined();

    // A failing member shows on the bundle, but the overall status counts each source once.
    await store.saveState({ ...base, sourceId: 'beta', lastAttempt: '2024-03-19T11:00:00.000Z', lastSuccess: null, lastError: '2024-03-19T11:00:00.000Z HTTP 503', consecutiveFailures: 2 });
    report = (await (await app.request('/health')).json()) as Report;
    expect(report.sources.find((s) => s.id === 'both')?.status).toBe('failing');
    expect(report.status).toBe('degraded');
    await store.saveState({ ...base, sourceId: 'alpha', lastAttempt: '2024-03-19T12:00:00.000Z', lastSuccess: null, lastError: 'timeout', consecutiveFailures: 1 });
    await store.saveState({ ...base, sourceId: 'gamma', lastAttempt: '2024-03-19T12:00:00.000Z', lastSuccess: null, lastError: 'timeout', consecutiveFailures: 1 });
    expect((await app.request('/health')).status).toBe(503);
    expect(row(await text())).toContain('a member source is failing');
  });

  it('WebSub announces the bundle when a member changed, and only then', async () => {
    const pinged: string[] = [];
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      pinged.push(new URLSearchParams(String(init?.body)).get('hub.url')!);
      return new Response(null, { status: 204 });
    }) as typeof globalThis.fetch;
    const websub = createWebSub({
      config: { allowPrivateNetworks: true, websub: { hub: 'http://127.0.0.1:9/hub' } },
      baseUrl: BASE, sources: () => SOURCES, driver: sqliteDriver(new Database(':memory:')), store, fetch, startedAt: AT,
    });
    await websub.feedChanged('alpha');
    await websub.idle();
    expect(pinged.filter((u) => u.includes('/both.'))).toHaveLength(3);
    pinged.length = 0;
    await websub.feedChanged('gamma');
    await websub.idle();
    expect(pinged.some((u) => u.includes('/both.'))).toBe(false);
    websub.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoliteFetcher } from '../../src/fetch/polite.ts';
import { previewSource } from '../../src/pipeline/preview/preview.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import type { PreviewFn, PreviewOutcome, PreviewResult } from '../../src/server/preview-types.ts';
import type { Store } from '../../src/store/store.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { countingStore } from '../helpers/counting-store.ts';
import { startPreviewSite, STORIES, type PreviewSite } from '../helpers/preview-site.ts';

const TOKEN = 'admin-secret-token-0123456789';
let site: PreviewSite;
let backing: Store;

beforeAll(async () => {
  site = await startPreviewSite();
  backing = await openSqliteStore(':memory:');
});
afterAll(async () => {
  await site.close();
  await backing.close();
});

function app(preview?: PreviewFn, store: Store = backing, adminToken: string | null = TOKEN) {
  return createApp({ sources: [], store, cache: new MemoryFeedCache(), baseUrl: 'http://feeds.test', adminToken, preview });
}

const post = (a: ReturnType<typeof app>, body: unknown, token: string | null = TOKEN) => a.request('/api/preview', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const realPreview: PreviewFn = (body, signal) =>
  previewSource(body, { fetch: createPoliteFetcher({ allowPrivateNetworks: true, hostDelayMs: 0 }) }, signal);

describe('POST /api/preview', () => {
  it('answers the dry run, and writes nothing to the store', async () => {
    const { store, calls } = countingStore(backing);
    const res = await post(app(realPreview, store), { url: site.origin.url });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const result = await res.json() as PreviewResult;
    expect(result).toMatchObject({ type: 'html', error: null, feeds: [{ url: site.origin.at('/feed.xml') }] });
    expect(result.items).toHaveLength(STORIES);
    expect(result.articles).toHaveLength(DEFAULTS.previewArticles);
    expect(result.groups[0]).toMatchObject({ chosen: true, exact: true });
    // Not a single store call, reads included.
    expect(calls).toEqual({});
  });

  it('needs the admin token', async () => {
    const before = site.origin.hits.length;
    const a = app(realPreview);
    expect((await post(a, { url: site.origin.url }, null)).status).toBe(401);
    expect((await post(a, { url: site.origin.url }, 'wrong')).status).toBe(401);
    const off = await post(app(realPreview, backing, null), { url: site.origin.url });
    expect(off.status).toBe(403);
    expect(site.origin.hits.length).toBe(before);
  });

  it('422 with field details for an invalid source, 400 for bad JSON, 413 past the body cap', async () => {
    const a = app(realPreview);
    const bad = await post(a, { url: site.origin.url, list: { item: 'li[' }, articles: -1 });
    expect(bad.status).toBe(422);
    type Problem = { source: string; field: string; message: string };
    const body = await bad.json() as { error: string; message: string; errors: Problem[]; problems: Problem[] };
    expect(body.error).toBe('invalid_source');
    expect(body.problems.map((p) => p.field).sort()).toEqual(['articles', 'list.item']);
    expect(body.problems[0]).toMatchObject({ source: 'preview' });
    // `errors`, as the sources API words a refused entry: exactly {source, field, message} each.
    expect(body.errors).toEqual(body.problems);
    for (const e of body.errors) expect(Object.keys(e).sort()).toEqual(['field', 'message', 'source']);
    expect(body.message).toContain('list.item');
    expect((await post(a, '{"url":')).status).toBe(400);
    const big = await post(a, { url: site.origin.url, padding: 'x'.repeat(DEFAULTS.maxPreviewBodyBytes) });
    expect(big.status).toBe(413);
  });

  it('501 when the runtime gives no preview', async () => {
    expect((await post(app(undefined), { url: site.origin.url })).status).toBe(501);
  });

  it('at most a few previews at once per token: 429 with Retry-After, free again once one ends', async () => {
    const release: (() => void)[] = [];
    let started = 0;
    const slow: PreviewFn = () => new Promise<PreviewOutcome>((resolve) => {
      started += 1;
      release.push(() => resolve({ ok: false, problems: [{ source: 'preview', field: 'url', message: 'x' }] }));
    });
    const a = app(slow);
    const running = Array.from({ length: DEFAULTS.previewConcurrency }, () => post(a, { url: site.origin.url }));
    await expect.poll(() => started).toBe(DEFAULTS.previewConcurrency);
    const refused = await post(a, { url: site.origin.url });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(DEFAULTS.previewRetryAfterS));
    expect(started).toBe(DEFAULTS.previewConcurrency);
    // The preview that started first ends first (requests may reach the route in any order).
    release.shift()!();
    expect((await Promise.race(running)).status).toBe(422);
    const next = post(a, { url: site.origin.url });
    await expect.poll(() => started).toBe(DEFAULTS.previewConcurrency + 1);
    for (const r of release.splice(0)) r();
    expect((await next).status).toBe(422);
    await Promise.all(running);
  });
});

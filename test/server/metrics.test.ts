import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import type { SourceState } from '../../src/model.ts';
import { createNodeMetrics } from '../../src/runtime/node/metrics.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { createApp, type AppDeps } from '../../src/server/app.ts';
import { MemoryFeedCache } from '../../src/server/cache.ts';
import { countingFetcher, METRIC_NAMES, type Metrics } from '../../src/server/metrics.ts';
import { createTextMetrics } from '../../src/server/metrics-text.ts';
import type { Store } from '../../src/store/store.ts';
import { startOrigin } from '../../testkit/origin.ts';
import { makeSource } from '../../testkit/sources.ts';
import { makeItem } from '../helpers/items.ts';
import { parsePrometheus, sampleValue, type Family } from '../helpers/prometheus.ts';

const NOW = new Date('2024-03-10T10:20:00.000Z');
const sources = [makeSource({ id: 'news', url: 'https://news.example/latest' }), makeSource({ id: 'quiet', url: 'https://quiet.example/' })];
const failing: SourceState = {
  sourceId: 'news', lastAttempt: NOW.toISOString(), lastSuccess: null, lastError: `${NOW.toISOString()} HTTP 403 from https://news.example/latest`,
  consecutiveFailures: 1, nextAttempt: null, originEtag: null, originLastModified: null,
  state: 'blocked', stateSince: NOW.toISOString(), stateReason: 'the site refuses feedwright (HTTP 403): HTTP 403 from https://news.example/latest', lastFound: 5,
};

let store: Store;
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  await store.upsertItems('news', [1, 2].map((n) => makeItem(n)), NOW);
});
afterEach(async () => {
  await store.close();
});

const app = (extra: Partial<AppDeps>) => createApp({ sources, store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example', now: () => NOW, ...extra });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function scrape(metricsApp: ReturnType<typeof app>, token: string): Promise<Map<string, Family>> {
  const res = await metricsApp.request('/metrics', { headers: bearer(token) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
}

describe.each([
  ['Node (prom-client)', createNodeMetrics],
  ['Workers (text writer)', createTextMetrics],
])('GET /metrics on %s', (_name, create: () => Metrics) => {
  it('is off (403) without a token, and takes the metrics token over the admin token', async () => {
    const metrics = create();
    expect((await app({ metrics }).request('/metrics')).status).toBe(403);
    const admin = app({ metrics, adminToken: 'admin-1' });
    expect((await admin.request('/metrics')).status).toBe(401);
    expect((await admin.request('/metrics', { headers: bearer('admin-1') })).status).toBe(200);
    const both = app({ metrics, adminToken: 'admin-1', metricsToken: 'metrics-1' });
    expect((await both.request('/metrics', { headers: bearer('admin-1') })).status).toBe(401);
    expect((await both.request('/metrics', { headers: bearer('metrics-1') })).status).toBe(200);
  });

  it('exposes every metric, parsed strictly, with route patterns and source states', async () => {
    const metrics = create();
    const a = app({ metrics, metricsToken: 'm' });
    for (const path of ['/feeds/news.rss', '/feeds/news.rss', '/feeds/nope.rss', '/health', '/no/such/path?x=1']) await (await a.request(path)).arrayBuffer();
    await store.saveState(failing);
    metrics.scrapeRun({ sourceId: 'news', result: 'ok', durationMs: 1500, created: 5, updated: 2 });
    metrics.scrapeRun({ sourceId: 'news', result: 'failed', durationMs: 200, created: 0, updated: 0 });
    metrics.notification('delivered');
    const origin = await startOrigin({ routes: { '/page': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('x'.repeat(1234)) } });
    try {
      await countingFetcher(createFetcher({ allowPrivateNetworks: true }), metrics)(origin.at('/page'));
    } finally {
      await origin.close();
    }

    const m = await scrape(a, 'm');
    expect([...m.keys()].sort()).toEqual(Object.values(METRIC_NAMES).sort());
    expect(m.get(METRIC_NAMES.scrapeDuration)!.type).toBe('histogram');
    expect(m.get(METRIC_NAMES.sourceState)!.type).toBe('gauge');
    for (const name of ['scrapeRuns', 'itemsStored', 'httpRequests', 'fetchBytes', 'notifications'] as const) expect(m.get(METRIC_NAMES[name])!.type).toBe('counter');

    expect(sampleValue(m, METRIC_NAMES.scrapeRuns, { source: 'news', result: 'ok' })).toBe(1);
    expect(sampleValue(m, METRIC_NAMES.scrapeRuns, { source: 'news', result: 'failed' })).toBe(1);
    expect(sampleValue(m, METRIC_NAMES.itemsStored, { source: 'news', change: 'created' })).toBe(5);
    expect(sampleValue(m, METRIC_NAMES.itemsStored, { source: 'news', change: 'updated' })).toBe(2);
    expect(sampleValue(m, `${METRIC_NAMES.scrapeDuration}_count`)).toBe(2);
    expect(sampleValue(m, `${METRIC_NAMES.scrapeDuration}_sum`)).toBeCloseTo(1.7);
    expect(sampleValue(m, `${METRIC_NAMES.scrapeDuration}_bucket`, { le: '1' })).toBe(1);
    expect(sampleValue(m, `${METRIC_NAMES.scrapeDuration}_bucket`, { le: '2.5' })).toBe(2);
    expect(sampleValue(m, METRIC_NAMES.sourceState, { source: 'news', state: 'blocked' })).toBe(1);
    expect(sampleValue(m, METRIC_NAMES.sourceState, { source: 'news', state: 'ok' })).toBe(0);
    expect(sampleValue(m, METRIC_NAMES.sourceState, { source: 'quiet', state: 'new' })).toBe(1);
    expect(sampleValue(m, METRIC_NAMES.fetchBytes)).toBe(1234);
    expect(sampleValue(m, METRIC_NAMES.notifications, { result: 'delivered' })).toBe(1);

    // Route patterns, never raw paths: bounded label values.
    const routes = m.get(METRIC_NAMES.httpRequests)!.samples.map((s) => `${s.labels.route} ${s.labels.status} ${s.value}`).sort();
    expect(routes).toEqual(['/feeds/:file 200 2', '/feeds/:file 404 1', '/health 200 1', 'other 404 1']);
  });
});

describe('GET /health', () => {
  it('shows error details and source URLs only to admins, or to everyone with health: public', async () => {
    await store.saveState(failing);
    const publicView = await (await app({ adminToken: 'admin-1' }).request('/health')).json();
    const news = publicView.sources.find((s: { id: string }) => s.id === 'news');
    expect(news).toMatchObject({ state: 'blocked', stateSince: NOW.toISOString(), status: 'failing', itemCount: 2 });
    expect(JSON.stringify(publicView)).not.toMatch(/news\.example|HTTP 403/);
    for (const hidden of ['url', 'lastError', 'stateReason', 'unmatchedSelectors']) expect(news).not.toHaveProperty(hidden);

    const wrong = await (await app({ adminToken: 'admin-1' }).request('/health', { headers: bearer('nope') })).json();
    expect(wrong.sources[0]).not.toHaveProperty('lastError');
    for (const view of [
      await (await app({ adminToken: 'admin-1' }).request('/health', { headers: bearer('admin-1') })).json(),
      await (await app({ healthPublic: true }).request('/health')).json(),
    ]) {
      expect(view.sources.find((s: { id: string }) => s.id === 'news')).toMatchObject({
        url: 'https://news.example/latest', stateReason: failing.stateReason, lastError: failing.lastError,
      });
    }
  });
});

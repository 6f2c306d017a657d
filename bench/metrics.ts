/**
 * What /metrics' request counting costs on the feed route: the same app with and without a
 * Metrics object, in process (Hono `app.request`, no sockets), rounds interleaved so both see the
 * same machine load. `npx tsx bench/metrics.ts`.
 */
import { openSqliteStore } from '../src/runtime/node/sqlite.ts';
import { createNodeMetrics } from '../src/runtime/node/metrics.ts';
import { createApp } from '../src/server/app.ts';
import { MemoryFeedCache } from '../src/server/cache.ts';
import { makeSource } from '../testkit/sources.ts';

const ROUNDS = 10;
const PER_ROUND = 2000;

const store = await openSqliteStore(':memory:');
const now = new Date('2026-12-03T12:00:00Z');
await store.upsertItems('news', Array.from({ length: 20 }, (_, i) => ({
  id: `i${i}`, sourceId: 'news', url: `https://news.example/${i}`, title: `Item ${i}`, authors: ['Ann'],
  published: new Date(now.getTime() - i * 3_600_000).toISOString(), updated: new Date(now.getTime() - i * 3_600_000).toISOString(),
  firstSeen: now.toISOString(), summary: 'text', contentHtml: '<p>text</p>', image: null, categories: [], language: 'en', contentHash: `h${i}`,
})), now);
const sources = [makeSource({ id: 'news', url: 'https://news.example/' })];
const make = (metrics: boolean) => createApp({ sources, store, cache: new MemoryFeedCache(), baseUrl: 'https://feeds.example', now: () => now, ...(metrics ? { metrics: createNodeMetrics() } : {}) });
const apps = { without: make(false), with: make(true) };

const etag = (await apps.without.request('/feeds/news.rss')).headers.get('etag')!;
await apps.with.request('/feeds/news.rss');

async function round(app: ReturnType<typeof make>, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await (await app.request('/feeds/news.rss', { headers })).arrayBuffer();
  return ((performance.now() - start) * 1000) / PER_ROUND; // µs per request
}

for (const [name, headers] of [['warm feed (200, RSS)', {}], ['conditional poll (304)', { 'if-none-match': etag }]] as const) {
  const times = { without: [] as number[], with: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    times.without.push(await round(apps.without, headers));
    times.with.push(await round(apps.with, headers));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const a = median(times.without);
  const b = median(times.with);
  console.log(`${name}: without metrics ${a.toFixed(1)} µs, with metrics ${b.toFixed(1)} µs per request (median of ${ROUNDS} rounds of ${PER_ROUND}; ${b >= a ? '+' : ''}${(b - a).toFixed(1)} µs, ratio ${(b / a).toFixed(3)})`);
}
await store.close();

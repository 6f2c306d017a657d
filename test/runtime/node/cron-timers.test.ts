/**
 * The Node scheduler against runs that go wrong: an origin whose Retry-After no date can hold, and
 * a run that rejects outright. The process survives, the source is marked failing with backoff.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { SourceRunner } from '../../../src/pipeline/runner.ts';
import type { ScrapeReport } from '../../../src/pipeline/types.ts';
import { startScheduler, type Scheduler } from '../../../src/runtime/node/cron-timers.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';

let origin: Origin;
let store: Store;
let scheduler: Scheduler | undefined;

const source = (url: string) => makeSource({ id: 'hostile', title: 'Hostile', url, schedule: '0 0 1 1 *' });

async function until<T>(read: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition never met');
}

beforeEach(async () => {
  origin = await startOrigin({ routes: {
    '/news/': (_req, res) => void res.writeHead(503, { 'Retry-After': '99999999999999' }).end('come back in 3 million years'),
  } });
  store = await openSqliteStore(':memory:');
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await store.close();
  await origin.close();
});

describe('startScheduler', () => {
  it('records a 503 with a huge Retry-After as a failure with a 24 h wait', async () => {
    const start = Date.now();
    const runner = new SourceRunner({ fetch: createFetcher({ allowPrivateNetworks: true }), store });
    scheduler = await startScheduler([source(`${origin.url}news/`)], runner, store, () => {});
    const state = await until(async () => (await store.getState('hostile'))?.lastError ? store.getState('hostile') : null);
    expect(state!.lastError).toMatch(/HTTP 503/);
    expect(state!.consecutiveFailures).toBe(1);
    const wait = Date.parse(state!.nextAttempt!) - start;
    expect(wait).toBeGreaterThan(23 * 3600_000);
    expect(wait).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
  });

  it('survives a run that rejects: logs it and marks the source failing, with backoff', async () => {
    class BrokenRunner extends SourceRunner {
      override run(): Promise<ScrapeReport> {
        return Promise.reject(new Error('disk I/O error'));
      }
    }
    const lines: string[] = [];
    scheduler = await startScheduler([source(`${origin.url}news/`)], new BrokenRunner({ fetch: createFetcher(), store }), store, (l) => lines.push(l));
    const state = await until(() => store.getState('hostile'));
    expect(state.lastError).toMatch(/run failed unexpectedly: disk I\/O error$/);
    expect(state.consecutiveFailures).toBe(1);
    expect(Date.parse(state.nextAttempt!)).toBeGreaterThan(Date.now());
    expect(lines.join('\n')).toMatch(/\[hostile\] FAILED: run failed unexpectedly: disk I\/O error/);
  });
});

describe('startScheduler at scale', () => {
  it('queues never-scraped sources under the global and per-host caps instead of starting them all', async () => {
    let running = 0;
    let peak = 0;
    const perHost = new Map<string, number>();
    let peakPerHost = 0;
    let done = 0;
    class SlowRunner extends SourceRunner {
      override async run(s: Parameters<SourceRunner['run']>[0]): Promise<ScrapeReport> {
        const host = new URL(s.url!).host;
        running++;
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        peak = Math.max(peak, running);
        peakPerHost = Math.max(peakPerHost, perHost.get(host)!);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        perHost.set(host, perHost.get(host)! - 1);
        done++;
        return { sourceId: s.id, ok: true } as ScrapeReport;
      }
    }
    const sources = Array.from({ length: 40 }, (_, i) =>
      makeSource({ id: `s${i}`, url: `http://127.0.0.${2 + (i % 4)}:9/news/`, schedule: '0 0 1 1 *' }));
    const runner = new SlowRunner({ fetch: createFetcher({ allowPrivateNetworks: true }), store });
    scheduler = await startScheduler(sources, runner, store, () => {}, { maxConcurrent: 3, maxPerHost: 1 });
    await until(async () => done === 40);
    expect(peak).toBe(3);
    expect(peakPerHost).toBe(1);
    expect(scheduler.stats()).toMatchObject({ sources: 40, waiting: 0, running: 0, finished: 40 });
  });
});

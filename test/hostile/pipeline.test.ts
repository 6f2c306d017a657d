/**
 * The pipeline's limits and refusals against the hostile origin, one run at a time with a fixed
 * clock: SSRF through redirects and article links (with DNS faked so that the origin's name looks
 * public), Retry-After, links per page, articles per run, items kept per source, robots.txt.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import { createRobotsPolicy } from '../../src/fetch/robots.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import type { ScrapeDeps } from '../../src/pipeline/types.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { routeTestHosts } from '../../testkit/origin.ts';
import { makeSource } from '../../testkit/sources.ts';
import { pathsOf, startHostileOrigin, type HostileOrigin } from './origin.ts';
import { DEFAULTS } from '../../src/defaults.ts';

const CARDS = { item: '.card', link: 'h2 a', title: 'h2 a' };

let origin: HostileOrigin;
let store: Store;
let clock: Date;

beforeAll(async () => {
  origin = await startHostileOrigin();
});
afterAll(() => origin.close());
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  clock = new Date('2026-01-10T12:00:00Z');
});
afterEach(() => store.close());


/** Private networks allowed: the origin on 127.0.0.1 is reachable directly. */
function localDeps(overrides: Partial<ScrapeDeps> = {}): ScrapeDeps {
  return { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => clock, ...overrides };
}

/**
 * Private networks refused, as in production. `hostile.test` "resolves" to a public address and
 * is routed to the origin, so the first hop is allowed and every later check is the real one.
 */
function guardedDeps(): ScrapeDeps {
  const fetch = createFetcher({
    resolveHost: async (host) => (host === 'hostile.test' ? ['93.184.216.34'] : Promise.reject(new Error(`ENOTFOUND ${host}`))),
    fetch: routeTestHosts(origin.port),
  });
  return { fetch, store, now: () => clock };
}

describe('SSRF through the pipeline (allowPrivateNetworks: false)', () => {
  it.each([
    ['/to-metadata/', 'refusing to fetch http://169.254.169.254/latest/meta-data/ (redirected from http://hostile.test/to-metadata/): link-local address'],
    ['/to-loopback/', 'loopback address; set allowPrivateNetworks: true to allow local sites'],
  ])('refuses the redirect of %s and records why', async (path, message) => {
    const report = await scrapeSource(makeSource({ id: 's', url: `http://hostile.test${path}` }), guardedDeps());
    expect(report.ok).toBe(false);
    expect(report.error).toContain(message);
    expect((await store.getState('s'))!.lastError).toContain(message);
    expect(pathsOf(origin)).not.toContain('/secret');
  });

  it('refuses article links to loopback and metadata, and still reads the public one', async () => {
    const report = await scrapeSource(makeSource({ id: 's', url: 'http://hostile.test/ssrf-links/', list: CARDS }), guardedDeps());
    expect(report.ok).toBe(true);
    expect(report.created).toBe(1);
    expect(report.warnings).toHaveLength(2);
    expect(report.warnings.join('\n')).toMatch(/refusing to fetch http:\/\/127\.0\.0\.1:\d+\/secret: loopback address/);
    expect(report.warnings.join('\n')).toContain('refusing to fetch http://169.254.169.254/latest/meta-data/iam: link-local address');
    expect(pathsOf(origin)).not.toContain('/secret');
  });
});

describe('Retry-After through the pipeline', () => {
  it('waits exactly the seconds a 429 asks for, longer than its own backoff', async () => {
    await scrapeSource(makeSource({ id: 's', url: origin.at('/429/') }), localDeps());
    const state = (await store.getState('s'))!;
    expect(state.lastError).toContain('HTTP 429');
    expect(state.nextAttempt).toBe(new Date(clock.getTime() + 120_000).toISOString());
  });

  it('waits until the date a 503 gives', async () => {
    clock = new Date(); // the origin's Retry-After date is relative to the real clock
    await scrapeSource(makeSource({ id: 's', url: origin.at('/503/') }), localDeps());
    const wait = Date.parse((await store.getState('s'))!.nextAttempt!) - clock.getTime();
    expect(wait).toBeGreaterThan(3 * 3600_000 - 5_000);
    expect(wait).toBeLessThanOrEqual(3 * 3600_000);
  });

  it('without Retry-After falls back to the jittered one-minute backoff', async () => {
    await scrapeSource(makeSource({ id: 's', url: origin.at('/500/') }), localDeps());
    const wait = Date.parse((await store.getState('s'))!.nextAttempt!) - clock.getTime();
    expect(wait).toBeGreaterThanOrEqual(48_000);
    expect(wait).toBeLessThanOrEqual(72_000);
  });
});

describe('limits on what one site can make a run do', () => {
  it('reads at most maxLinks links from a page of 100,000', async () => {
    const report = await scrapeSource(makeSource({ id: 's', url: origin.at('/links/'), article: { fetch: false } }), localDeps({ maxLinks: 50 }));
    expect(report.found).toBe(50);
    expect(report.created).toBe(50);
  });

  it('opens at most maxArticlesPerRun new pages per run; the next run takes the next ones', async () => {
    const before = pathsOf(origin).filter((p) => p.startsWith('/good/a/')).length;
    const deps = localDeps({ maxArticlesPerRun: 2, refreshKnownPerRun: 0 });
    const first = await scrapeSource(makeSource({ id: 's', url: origin.at('/good/') }), deps);
    expect(first).toMatchObject({ ok: true, found: 5, fetched: 2, created: 2 });
    const second = await scrapeSource(makeSource({ id: 's', url: origin.at('/good/') }), deps);
    expect(second).toMatchObject({ ok: true, fetched: 2, created: 2 });
    expect(pathsOf(origin).filter((p) => p.startsWith('/good/a/')).length - before).toBe(4);
    expect((await store.feedVersion('s')).itemCount).toBe(4);
  });

  it('keeps at most maxItems items for the source, the newest ones', async () => {
    const report = await scrapeSource(makeSource({ id: 's', url: origin.at('/good/'), maxItems: 3 }), localDeps({ batchSize: 2 }));
    expect(report).toMatchObject({ ok: true, created: 5 });
    const items = await store.listItems('s', 50);
    expect(items).toHaveLength(3);
    const days = items.map((i) => i.published.slice(0, 10));
    expect(days).toEqual([...days].sort().reverse());
    expect(days.at(-1)! >= '2024-05-04').toBe(true); // stories 3, 4, 5 (days 4, 5, 6) are the newest
  });
});

describe('robots.txt through the pipeline', () => {
  it('reads no page robots.txt closes, and says so', async () => {
    const raw = createFetcher({ allowPrivateNetworks: true });
    const policy = createRobotsPolicy({ fetch: raw, userAgent: DEFAULTS.userAgent, delayMs: 0 });
    const fetch = createFetcher({ allowPrivateNetworks: true, beforeRequest: policy.beforeRequest });
    const report = await scrapeSource(makeSource({ id: 's', url: origin.at('/forbidden-links/'), list: CARDS }), { fetch, store, now: () => clock });
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/^every article failed \(http:\/\/127\.0\.0\.1:\d+\/forbidden\/a\/1: .* is disallowed by robots\.txt \(line 2\)\)$/);
    expect(pathsOf(origin).filter((p) => p.startsWith('/forbidden/'))).toEqual([]);
  });
});

/**
 * A source through its states against a local origin that switches between a normal site, 403,
 * a bot challenge, an empty listing, a redesign, an outage and silence (with an injected clock):
 * the state, its reason and stateSince, one log line per transition, and the last good feed kept.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import { formatReport } from '../../src/pipeline/runner.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import type { ScrapeReport } from '../../src/pipeline/types.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { startOrigin, type Origin } from '../../testkit/origin.ts';
import { makeSource } from '../../testkit/sources.ts';

const DEMO = fileURLToPath(new URL('../../data/demo/', import.meta.url));
const LISTING = readFileSync(new URL('index.html', `file://${DEMO}`), 'utf8');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/challenge/${name}.html`, import.meta.url), 'utf8');
const CHALLENGE = fixture('cloudflare-just-a-moment');

type Mode = 'normal' | '403' | 'challenge' | 'empty' | 'redesign' | 'down' | 'challenge-503' | 'nginx-503' | 'cloudflare-522';
let mode: Mode = 'normal';
let origin: Origin;
let store: Store;
let clock = new Date('2026-11-28T06:00:00Z');
const log: string[] = [];

const LISTINGS: Record<Mode, (res: import('node:http').ServerResponse) => void> = {
  normal: (res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(LISTING),
  '403': (res) => void res.writeHead(403, { 'Content-Type': 'text/html' }).end('<h1>Forbidden</h1>'),
  challenge: (res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(CHALLENGE),
  empty: (res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body><main><h1>Latest news</h1><p>Nothing here yet.</p></main></body></html>'),
  // The same articles in new markup: the configured `article.post` matches nothing.
  redesign: (res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end(LISTING.replace(/<article class="post[^"]*"/g, '<div class="card"').replace(/<\/article>/g, '</div>')),
  down: (res) => void res.writeHead(503, { 'Content-Type': 'text/plain' }).end('maintenance'),
  // Cloudflare's older "I'm under attack" interstitial came with a 503.
  'challenge-503': (res) => void res.writeHead(503, { 'Content-Type': 'text/html; charset=UTF-8', 'CF-RAY': '6a1b2c3d4e5f6071-FRA', Server: 'cloudflare' }).end(fixture('cloudflare-503-checking-browser')),
  'nginx-503': (res) => void res.writeHead(503, { 'Content-Type': 'text/html' }).end(fixture('nginx-503')),
  'cloudflare-522': (res) => void res.writeHead(522, { 'Content-Type': 'text/html; charset=UTF-8', 'CF-RAY': '6a1b2c3d4e5f6071-FRA', Server: 'cloudflare' }).end(fixture('cloudflare-522')),
};

const auto = () => makeSource({ id: 'auto', url: `${origin.url}index.html`, timezone: 'Asia/Kolkata' });
const picky = () => makeSource({ id: 'picky', url: `${origin.url}index.html`, timezone: 'Asia/Kolkata', list: { item: 'article.post', link: 'h2 a' } });

async function run(source: ReturnType<typeof auto>, next: Mode, advanceMs = 60 * 60_000): Promise<ScrapeReport> {
  mode = next;
  clock = new Date(clock.getTime() + advanceMs);
  const report = await scrapeSource(source, { fetch: createFetcher({ allowPrivateNetworks: true }), store, now: () => clock });
  log.push(...formatReport(report).split('\n'));
  return report;
}

beforeAll(async () => {
  origin = await startOrigin({ root: DEMO, routes: { '/index.html': (_req, res) => LISTINGS[mode](res) } });
  store = await openSqliteStore(':memory:');
});
afterAll(async () => {
  await origin.close();
  await store.close();
});

describe('source states against a switching origin', () => {
  const seen: { state: string; since: string; at: string }[] = [];

  it('walks ok → blocked (403) → ok → blocked (challenge) → empty → failing → ok → stale, keeping its items', async () => {
    const expectState = async (r: ScrapeReport, state: string, reason: RegExp) => {
      expect(r.state).toBe(state);
      expect(r.stateReason).toMatch(reason);
      const stored = (await store.getState('auto'))!;
      expect(stored).toMatchObject({ state, stateReason: r.stateReason });
      seen.push({ state, since: stored.stateSince!, at: clock.toISOString() });
      // Whatever happens, the items of the good runs stay.
      expect((await store.listItems('auto', 50)).length).toBe(5);
    };
    let r = await run(auto(), 'normal');
    expect(r.transition).toMatchObject({ sourceId: 'auto', from: 'new', to: 'ok' });
    await expectState(r, 'ok', /^the last run succeeded$/);

    r = await run(auto(), 'normal');
    expect(r.transition).toBeNull();
    await expectState(r, 'ok', /succeeded/);
    expect(seen[1].since).toBe(seen[0].since); // unchanged state, unchanged since

    r = await run(auto(), '403');
    expect(r.transition).toMatchObject({ from: 'ok', to: 'blocked', at: clock.toISOString() });
    await expectState(r, 'blocked', /^the site refuses feedwright \(HTTP 403\): HTTP 403 from http:\/\/127\.0\.0\.1:\d+\/index\.html$/);
    expect(seen[2].since).toBe(seen[2].at);

    r = await run(auto(), 'normal');
    await expectState(r, 'ok', /succeeded/);

    // A 200 that is a challenge is blocked, never an empty listing.
    r = await run(auto(), 'challenge');
    expect(r.found).toBe(0);
    await expectState(r, 'blocked', /answers with a Cloudflare bot challenge \("Just a moment\.\.\."\) instead of the page$/);

    r = await run(auto(), 'empty');
    expect(r.transition).toMatchObject({ from: 'blocked', to: 'empty' });
    await expectState(r, 'empty', /^no article links found on the listing page \(the previous run found 5\)$/);

    r = await run(auto(), 'down');
    await expectState(r, 'failing', /^the site is down \(HTTP 503\): HTTP 503 from /);
    expect(r.stateReason).not.toMatch(/robots/);

    r = await run(auto(), 'normal');
    await expectState(r, 'ok', /succeeded/);

    // Silence: the site keeps listing the same five articles for a year.
    r = await run(auto(), 'normal', 365 * 86_400_000);
    await expectState(r, 'stale', /^no new item for 365 days; this source usually has one every \d+ days?$/);
  });

  it('logs each transition once, and nothing for a run that keeps its state', () => {
    const lines = log.filter((l) => l.startsWith('[auto] state '));
    expect(lines.map((l) => /state (\w+) → (\w+)/.exec(l)!.slice(1).join('→'))).toEqual([
      'new→ok', 'ok→blocked', 'blocked→ok', 'ok→blocked', 'blocked→empty', 'empty→failing', 'failing→ok', 'ok→stale',
    ]);
    expect(lines[1]).toMatch(/^\[auto\] state ok → blocked: the site refuses feedwright \(HTTP 403\)/);
  });

  it('a bot challenge answered with an error status is blocked; the same status with an error page is failing', async () => {
    const edge = () => makeSource({ id: 'edge', url: `${origin.url}index.html`, timezone: 'Asia/Kolkata' });
    let r = await run(edge(), 'challenge-503');
    expect(r.state).toBe('blocked');
    expect(r.stateReason).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/index\.html answers with a Cloudflare bot challenge \("Just a moment\.\.\."\) \(HTTP 503\) instead of the page$/);
    r = await run(edge(), 'nginx-503');
    expect(r.state).toBe('failing');
    expect(r.stateReason).toMatch(/^the site is down \(HTTP 503\): HTTP 503 from /);
    // Cloudflare's own 5xx pages share its block page's markup: still the site being down.
    r = await run(edge(), 'cloudflare-522');
    expect(r.state).toBe('failing');
    expect(r.stateReason).toMatch(/^the site is down \(HTTP 522\): HTTP 522 from /);
  });

  it('a source that ran before states were stored starts from ok or failing, not new', async () => {
    const legacy = () => makeSource({ id: 'legacy', url: `${origin.url}index.html`, timezone: 'Asia/Kolkata' });
    await store.saveState({ sourceId: 'legacy', lastAttempt: clock.toISOString(), lastSuccess: clock.toISOString(), lastError: null,
      consecutiveFailures: 0, nextAttempt: null, originEtag: null, originLastModified: null });
    const r = await run(legacy(), 'normal');
    expect(r).toMatchObject({ state: 'ok', transition: null });
    expect((await store.getState('legacy'))!.stateSince).toBe(clock.toISOString());
  });

  it('a redesigned page whose configured selectors match nothing is drift, and the items stay', async () => {
    let r = await run(picky(), 'normal');
    expect(r.state).toBe('ok');
    r = await run(picky(), 'redesign');
    expect(r.state).toBe('drift');
    expect(r.stateReason).toBe('the page changed: list.item "article.post" matched nothing');
    expect(r.transition).toMatchObject({ from: 'ok', to: 'drift' });
    expect((await store.listItems('picky', 50)).length).toBe(5);
    // A 304-free rerun of the same redesign stays drift, without a second transition.
    r = await run(picky(), 'redesign');
    expect(r).toMatchObject({ state: 'drift', transition: null });
  });
});

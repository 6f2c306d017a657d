/**
 * The real Node server (startNodeServer) against the hostile origin: every misbehaviour at once,
 * next to a good source. The server must keep answering, keep the last good feed, name each
 * problem in /health, and stay within a sane memory bound.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../../src/runtime/node/http-server.ts';
import { pathsOf, startHostileOrigin, type HostileOrigin } from './origin.ts';

const MiB = 1024 * 1024;

interface SourceHealth {
  id: string;
  status: string;
  lastAttempt: string | null;
  lastSuccess: string | null;
  lastError: string | null;
  nextAttempt: string | null;
  itemCount: number;
}

let origin: HostileOrigin;
let server: RunningServer;
let dir: string;
const logs: string[] = [];
let rssBefore = 0;
let rssPeak = 0;
let sampler: ReturnType<typeof setInterval>;
/** /health answers collected while the scrapes were running. */
const answersDuringRuns: number[] = [];

function config(base: string): string {
  const src = (id: string, path: string, extra = '') => `  - id: ${id}\n    url: ${base}${path}\n${extra}`;
  return `allowPrivateNetworks: true
hostDelayMs: 0
health: public
# Every hostile "site" shares this loopback host: let them run at once, as separate sites would.
scrapeConcurrencyPerHost: 20
sources:
${src('good', '/good/')}
${src('flaky', '/flaky/', '    schedule: "*/2 * * * * *"\n    list:\n      item: .card\n      link: h2 a\n      title: h2 a\n')}
${src('endless', '/endless/')}
${src('drip', '/drip/')}
${src('bomb', '/bomb/')}
${src('loop', '/loop/a')}
${src('e500', '/500/')}
${src('e429', '/429/')}
${src('e503', '/503/')}
${src('bad-utf8', '/bad-utf8/')}
${src('lying-charset', '/lying-charset/')}
${src('truncated', '/truncated/')}
${src('huge', '/huge/')}
${src('links', '/links/', '    # One run (at start): a scheduled one landing mid-test would race the counts below.\n    schedule: "0 0 1 1 *"\n')}
`;
}

async function health(): Promise<Map<string, SourceHealth>> {
  const res = await fetch(`${server.url}/health`);
  const body = (await res.json()) as { sources: SourceHealth[] };
  return new Map(body.sources.map((s) => [s.id, s]));
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out; logs:\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  origin = await startHostileOrigin();
  dir = mkdtempSync(join(tmpdir(), 'feedwright-hostile-'));
  writeFileSync(join(dir, 'sources.yaml'), config(origin.at('')));
  globalThis.gc?.();
  rssBefore = process.memoryUsage().rss;
  rssPeak = rssBefore;
  sampler = setInterval(() => void (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  server = await startNodeServer({ configPath: join(dir, 'sources.yaml'), dbPath: join(dir, 'db.sqlite'), port: 0 }, (l) => logs.push(l));
  // First runs: everything but the drip is over within seconds; the drip hits the 15 s deadline.
  await waitFor(async () => {
    const res = await fetch(`${server.url}/health`);
    answersDuringRuns.push(res.status);
    const sources = [...(await health()).values()];
    return sources.every((s) => s.lastAttempt !== null);
  }, 60_000);
  // Then the flaky site changes its markup; its next run (every 2 s) finds nothing.
  origin.breakFlaky();
  await waitFor(async () => (await health()).get('flaky')!.lastError !== null, 15_000);
  clearInterval(sampler);
}, 90_000);

afterAll(async () => {
  clearInterval(sampler);
  await server?.stop();
  await origin?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the server against a hostile origin', () => {
  it('kept answering /health while the hostile runs were in flight', () => {
    expect(answersDuringRuns.length).toBeGreaterThan(3);
    // 503 is /health's own answer while every source attempted so far is failing.
    expect(answersDuringRuns.every((s) => s === 200 || s === 503)).toBe(true);
    expect(answersDuringRuns.at(-1)).toBe(200);
  });

  it('serves the good feed in full', async () => {
    expect((await health()).get('good')).toMatchObject({ status: 'ok', itemCount: 5, lastError: null });
    const res = await fetch(`${server.url}/feeds/good.rss`);
    expect(res.status).toBe(200);
    const rss = new XMLParser().parse(await res.text());
    expect(rss.rss.channel.item).toHaveLength(5);
  });

  it('keeps the last good items of a site whose selectors stop matching, and says why', async () => {
    const flaky = (await health()).get('flaky')!;
    expect(flaky.status).toBe('failing');
    expect(flaky.lastError).toContain('listing selectors found no articles (list.item ".card" matched nothing)');
    expect(flaky).toMatchObject({ state: 'drift', stateReason: 'the page changed: list.item ".card" matched nothing' });
    expect(flaky.itemCount).toBe(3);
    expect(flaky.lastSuccess).not.toBeNull();
    const feed = (await (await fetch(`${server.url}/feeds/flaky.json`)).json()) as { items: unknown[] };
    expect(feed.items).toHaveLength(3);
  });

  it.each([
    ['endless', `larger than maxBytes (${5 * MiB} bytes)`],
    ['bomb', `larger than maxBytes (${5 * MiB} bytes)`],
    ['huge', `larger than maxBytes (${5 * MiB} bytes)`],
    ['drip', 'timed out after 15000 ms'],
    ['loop', 'redirect loop'],
    ['e500', 'HTTP 500 from'],
    ['e429', 'HTTP 429 from'],
    ['e503', 'HTTP 503 from'],
  ])('names the problem of %s in /health', async (id, problem) => {
    const s = (await health()).get(id)!;
    expect(s.status).toBe('failing');
    expect(s.lastError).toContain(problem);
    expect(s.itemCount).toBe(0);
    // The server still renders an (empty) feed for it.
    expect((await fetch(`${server.url}/feeds/${id}.atom`)).status).toBe(200);
  });

  it('waits as long as Retry-After asks before trying a 429 or 503 source again', async () => {
    const h = await health();
    const wait = (id: string) => Date.parse(h.get(id)!.nextAttempt!) - Date.parse(h.get(id)!.lastAttempt!);
    expect(wait('e429')).toBeGreaterThanOrEqual(119_000); // Retry-After: 120 (backoff alone: ≤ 72 s)
    expect(wait('e503')).toBeGreaterThanOrEqual(3 * 3600_000 - 5_000); // an HTTP date three hours ahead
  });

  it('stopped the gzip bomb after a few kilobytes on the wire, never producing 10 GB', () => {
    expect(origin.bomb.rawProduced).toBeLessThan(200 * MiB);
  });

  it('reads at most 200 links of the 100,000-link page and 30 articles per run', async () => {
    expect(logs.join('\n')).toMatch(/\[links\] found 200 links, read 30 articles: 30 new/);
    // 30 per run, however many runs its schedule allowed meanwhile.
    const runs = logs.filter((l) => /\[links\] found 200 links, read 30 articles: 30 new/.test(l)).length;
    expect((await health()).get('links')!.itemCount).toBe(30 * runs);
    expect(pathsOf(origin).filter((p) => p.startsWith('/links/a/'))).toHaveLength(30 * runs);
  });

  it.each(['bad-utf8', 'lying-charset', 'truncated'])('survives %s and stores its articles as valid feed text', async (id) => {
    const s = (await health()).get(id)!;
    expect(s.lastError).toBeNull();
    expect(s.itemCount).toBeGreaterThan(0);
    const res = await fetch(`${server.url}/feeds/${id}.rss`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => new XMLParser().parse(text)).not.toThrow();
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  });

  it('kept memory bounded (bomb, 50 MB page, endless body, 100,000 links)', () => {
    expect(rssPeak - rssBefore).toBeLessThan(300 * MiB);
  });
});

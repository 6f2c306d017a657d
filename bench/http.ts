/**
 * `npm run bench` (part 1): requests per second for a warm feed (identity and gzip) and for a 304,
 * served in one run by
 *   - feedwright: its Hono app on the Node server's own listener (feed polls answered in front of
 *     @hono/node-server by runtime/node/feed-listener.ts),
 *   - feedwright's Hono app alone on @hono/node-server (the same app without that front),
 *   - a minimal Hono app on the same adapter answering the same bytes with the same validator check,
 *   - bare node:http answering the same bytes with the same validator check,
 * with the ratios feedwright / minimal Hono and feedwright / bare. Each case runs the three servers
 * back to back, and BENCH_ROUNDS > 1 repeats the whole set in alternating order (median reported).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { createFetcher } from '../src/fetch/fetcher.ts';
import { mountedFileFetcher } from '../src/fetch/mounted-files.ts';
import { scrapeSource } from '../src/pipeline/scrape.ts';
import { openSqliteStore } from '../src/runtime/node/sqlite.ts';
import { localSiteReader, mountLocalSites } from '../src/runtime/node/local-sites.ts';
import { nodeListener } from '../src/runtime/node/http-server.ts';
import { NODE_COMPRESSORS } from '../src/runtime/node/compress.ts';
import { createApp } from '../src/server/app.ts';
import { MemoryFeedCache } from '../src/server/cache.ts';
import { isNotModified } from '../src/server/conditional.ts';
import { makeSource } from '../testkit/sources.ts';
import { median } from '../testkit/stats.ts';
import { load, machine, type LoadResult } from './lib.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'feedwright-bench-'));
const store = await openSqliteStore(join(dir, 'bench.db'));
// The demo site, published under /local/ as the Node server does.
const { sources: [source], sites } = mountLocalSites([makeSource({
  id: 'brics-post', title: 'The BRICS Post (demo)', url: new URL('../data/demo/index.html', import.meta.url).href,
  timezone: 'Asia/Kolkata',
})], 'http://localhost');
const report = await scrapeSource(source, { fetch: mountedFileFetcher(sites, createFetcher({ readFile: localSiteReader(sites) })), store });
if (!report.ok) throw new Error(`demo scrape failed: ${report.error}`);

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/feeds/brics-post.rss`;
}

const app = createApp({ sources: [source], store, cache: new MemoryFeedCache(), baseUrl: 'http://localhost', compressors: NODE_COMPRESSORS });
const ours = createServer(nodeListener(app));
const oursUrl = await listen(ours);
const appOnly = createServer(nodeListener(app, { feedFront: false }));
const appOnlyUrl = await listen(appOnly);

// The references answer the bytes and headers feedwright answered, with the same validator check.
const warm = await fetch(oursUrl, { headers: { 'accept-encoding': 'identity' } });
const body = Buffer.from(await warm.arrayBuffer());
const gz = gzipSync(body);
const etag = warm.headers.get('etag')!;
const lastModified = new Date(warm.headers.get('last-modified')!);
const common = {
  'content-type': warm.headers.get('content-type')!,
  'last-modified': warm.headers.get('last-modified')!,
  'cache-control': warm.headers.get('cache-control')!,
  vary: 'Accept-Encoding, Sec-Fetch-Dest',
  'access-control-allow-origin': '*',
};
const validators = { etag, lastModified };
const wantsGzip = (ae: string | null | undefined) => !!ae && /\bgzip\b/.test(ae);

const hono = new Hono();
hono.get('/feeds/:file', (c) => {
  const gzip = wantsGzip(c.req.header('accept-encoding'));
  const headers: Record<string, string> = { ...common, etag: gzip ? `W/${etag}` : etag };
  if (isNotModified(c.req.raw.headers, validators, new Date())) return c.body(null, 304, headers);
  if (gzip) headers['content-encoding'] = 'gzip';
  return c.body(gzip ? gz : body, 200, headers);
});
const minimal = createServer(nodeListener(hono));
const minimalUrl = await listen(minimal);

const bare = createServer((req, res) => {
  const gzip = wantsGzip(req.headers['accept-encoding']);
  const headers: Record<string, string | number> = { ...common, etag: gzip ? `W/${etag}` : etag };
  if (isNotModified(new Headers(req.headers as Record<string, string>), validators, new Date())) {
    return void res.writeHead(304, headers).end();
  }
  if (gzip) headers['content-encoding'] = 'gzip';
  const bytes = gzip ? gz : body;
  res.writeHead(200, { ...headers, 'content-length': bytes.length }).end(bytes);
});
const bareUrl = await listen(bare);

const opts = { seconds: SECONDS, connections: CONNECTIONS };
const cases: [string, Record<string, string>, number][] = [
  ['warm 200, identity', {}, 200],
  ['warm 200, gzip', { 'Accept-Encoding': 'gzip' }, 200],
  ['304 (If-None-Match)', { 'If-None-Match': etag }, 304],
];
// Check that all three answer each case alike before measuring.
for (const [name, headers, status] of cases) {
  for (const url of [oursUrl, appOnlyUrl, minimalUrl, bareUrl]) {
    const r = await fetch(url, { headers: { 'accept-encoding': 'identity', ...headers } });
    await r.arrayBuffer();
    if (r.status !== status) throw new Error(`${name}: ${url} answered ${r.status}, expected ${status}`);
  }
}

const servers = [['feedwright', oursUrl], ['app alone', appOnlyUrl], ['minimal Hono', minimalUrl], ['bare node:http', bareUrl]] as const;
// The servers share this process and run one at a time: its CPU time over a run is that server's.
const results = new Map<string, (LoadResult & { cpuUs: number })[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, headers] of cases) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const [server, url] of order) {
      const cpu = process.cpuUsage();
      const loaded = await load(url, { ...opts, headers });
      const used = process.cpuUsage(cpu);
      const r = { ...loaded, cpuUs: (used.user + used.system) / Math.max(1, loaded.requests) };
      const key = `${name}\u0000${server}`;
      results.set(key, [...(results.get(key) ?? []), r]);
    }
  }
}
const med = (name: string, server: string) => {
  const rs = results.get(`${name}\u0000${server}`)!;
  return {
    rps: median(rs.map((r) => r.rps)), p99: median(rs.map((r) => r.p99)), cpuUs: median(rs.map((r) => r.cpuUs)),
    errors: rs.reduce((n, r) => n + r.errors, 0),
  };
};

console.log(`HTTP benchmark — ${machine()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`${SECONDS} s per run, ${CONNECTIONS} connections, ${ROUNDS} round(s) (median), body ${body.length} bytes (${gz.length} gzip), autocannon in a separate process\n`);
console.log('| case | feedwright req/s (p99 ms) | its Hono app alone req/s (p99 ms) | minimal Hono req/s (p99 ms) | bare node:http req/s (p99 ms) | / Hono | / bare |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name] of cases) {
  const [f, a, h, b] = servers.map(([server]) => med(name, server));
  const errors = f.errors + a.errors + h.errors + b.errors;
  console.log(`| ${name} | ${f.rps.toFixed(0)} (${f.p99}) | ${a.rps.toFixed(0)} (${a.p99}) | ${h.rps.toFixed(0)} (${h.p99}) | ${b.rps.toFixed(0)} (${b.p99}) | ${(f.rps / h.rps).toFixed(2)} | ${(f.rps / b.rps).toFixed(2)} |${errors ? ` (${errors} errors)` : ''}`);
}
// CPU per request moves far less than req/s when other work shares the machine.
console.log('\nServer CPU per request (µs, user + system; ratio: the reference\'s CPU per request / feedwright\'s):\n');
console.log('| case | feedwright | its Hono app alone | minimal Hono | bare node:http | / Hono | / bare |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name] of cases) {
  const [f, a, h, b] = servers.map(([server]) => med(name, server).cpuUs);
  console.log(`| ${name} | ${f.toFixed(0)} | ${a.toFixed(0)} | ${h.toFixed(0)} | ${b.toFixed(0)} | ${(h / f).toFixed(2)} | ${(b / f).toFixed(2)} |`);
}
for (const s of [ours, appOnly, minimal, bare]) s.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

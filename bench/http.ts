/**
 * `npm run bench` (part 1): requests per second for a warm feed and for a 304, served by the
 * feedwright Hono app on @hono/node-server, beside a bare node:http server answering the same
 * bytes and headers in the same run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createFetcher } from '../src/fetch/fetcher.ts';
import { mountedFileFetcher } from '../src/fetch/mounted-files.ts';
import { scrapeSource } from '../src/pipeline/scrape.ts';
import { openSqliteStore } from '../src/runtime/node/sqlite.ts';
import { localSiteReader, mountLocalSites } from '../src/runtime/node/local-sites.ts';
import { createApp } from '../src/server/app.ts';
import { MemoryFeedCache } from '../src/server/cache.ts';
import { makeSource } from '../testkit/sources.ts';
import { load, machine, type LoadResult } from './lib.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const dir = mkdtempSync(join(tmpdir(), 'feedwright-bench-'));
const store = await openSqliteStore(join(dir, 'bench.db'));
// The demo site, published under /local/ as the Node server does.
const { sources: [source], sites } = mountLocalSites([makeSource({
  id: 'brics-post', title: 'The BRICS Post (demo)', url: new URL('../data/demo/index.html', import.meta.url).href,
  timezone: 'Asia/Kolkata',
})], 'http://localhost');
const report = await scrapeSource(source, { fetch: mountedFileFetcher(sites, createFetcher({ readFile: localSiteReader(sites) })), store });
if (!report.ok) throw new Error(`demo scrape failed: ${report.error}`);

const app = createApp({ sources: [source], store, cache: new MemoryFeedCache(), baseUrl: 'http://localhost' });
const appServer = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => appServer.once('listening', r));
const appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}/feeds/brics-post.rss`;

// The reference: the same bytes and validators from a bare node:http handler.
const warm = await fetch(appUrl);
const body = Buffer.from(await warm.arrayBuffer());
const headers = Object.fromEntries(['content-type', 'etag', 'last-modified', 'cache-control'].map((h) => [h, warm.headers.get(h)!]));
const etag = headers.etag;
const bare = createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag, 'last-modified': headers['last-modified'] }).end();
  res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/feeds/brics-post.rss`;

const opts = { seconds: SECONDS, connections: CONNECTIONS };
const cond = { ...opts, headers: { 'If-None-Match': etag } };
const rows: [string, LoadResult, LoadResult][] = [];
rows.push(['warm feed (200, RSS)', await load(appUrl, opts), await load(bareUrl, opts)]);
rows.push(['conditional poll (304)', await load(appUrl, cond), await load(bareUrl, cond)]);

console.log(`HTTP benchmark — ${machine()}`);
console.log(`${SECONDS} s per run, ${CONNECTIONS} connections, body ${body.length} bytes, autocannon in a separate process\n`);
console.log('| case | feedwright req/s | p50 / p99 ms | bare node:http req/s | p50 / p99 ms | ratio |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, ours, ref] of rows) {
  const bad = ours.errors + ours.non2xx * (name.includes('304') ? 0 : 1);
  console.log(`| ${name} | ${ours.rps.toFixed(0)} | ${ours.p50} / ${ours.p99} | ${ref.rps.toFixed(0)} | ${ref.p50} / ${ref.p99} | ${(ours.rps / ref.rps).toFixed(2)} |${bad ? ` (${bad} errors)` : ''}`);
}
appServer.close();
bare.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

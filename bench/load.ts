/**
 * `npm run bench:load`: 200 concurrent feed readers polling with conditional requests while
 * scheduled scrapes run, against the real Node server (startNodeServer: config file, SQLite,
 * scheduler) in a child process of its own so its memory is measured alone.
 *
 * - origin: 20 sites (testkit origins, one each on 127.0.0.2…21, so per-host politeness applies
 *   as in production), each publishing a new article every few seconds; listings answer ETag/304;
 * - server: 20 sources on a 6-field cron firing every SCHEDULE_SECONDS;
 * - readers (another child): READERS keep-alive clients in a closed loop, each subscribed to 3 of
 *   the 60 feeds (20 sources × rss/atom/json), polling them in turn and sending back the ETag it
 *   last got for each, as feed readers do (so mostly 304s, a 200 whenever a scrape changed it);
 * - reference, same run: the same readers against a bare node:http server (third child) that
 *   answers the same bytes and the same ETag/304 logic for every path.
 *
 * Prints a Markdown table and rewrites the "## Load" section of BENCHMARKS.md (only that section).
 * Roles: no argument = driver; `--serve CONFIG DB`, `--bare BODYFILE ETAG`, `--readers JSON` = children.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startOrigin, type Handler, type Origin } from '../testkit/origin.ts';
import { percentile } from '../testkit/stats.ts';
import { machine } from './lib.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const READERS = Number(process.env.BENCH_READERS ?? 200);
const SOURCES = Number(process.env.BENCH_SOURCES ?? 20);
const SCHEDULE_SECONDS = Number(process.env.BENCH_SCHEDULE_SECONDS ?? 5);
const FORMATS = ['rss', 'atom', 'json'];
const FEEDS_PER_READER = 3;
const SELF = fileURLToPath(import.meta.url);

interface ReaderStats {
  requests: number;
  ok200: number;
  notModified: number;
  errors: number;
  /** Non-200/304 statuses seen, by status. */
  bad: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}


// ---- children ----

async function serve(configPath: string, dbPath: string): Promise<void> {
  const { startNodeServer } = await import('../src/runtime/node/http-server.ts');
  let runs = 0;
  const server = await startNodeServer({ configPath, dbPath, port: 0 }, (line) => {
    if (/^\d{4}-\d\d-\d\dT/.test(line)) runs++; // one report line per scrape run
  });
  process.stdout.write(`READY ${server.port}\n`);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.on('message', async (msg) => {
    // Each 'runs' also reports (and resets) the event-loop delay since the previous one.
    if (msg === 'runs') {
      process.send?.({ runs, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 });
      loop.reset();
    }
    if (msg === 'stop') {
      await server.stop();
      process.exit(0);
    }
  });
}

async function bare(bodyFile: string, etag: string): Promise<void> {
  const body = readFileSync(bodyFile);
  const server = createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag, 'Cache-Control': 'public, max-age=60' }).end();
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag, 'Content-Length': body.length, 'Cache-Control': 'public, max-age=60' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
}

/** Closed-loop keep-alive readers; prints one JSON ReaderStats line. */
async function readers(opts: { base: string; paths: string[]; readers: number; seconds: number }): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.readers });
  const url = new URL(opts.base);
  const latencies: number[] = [];
  const stats = { requests: 0, ok200: 0, notModified: 0, errors: 0, bad: {} as Record<string, number> };
  const until = performance.now() + opts.seconds * 1000;
  const once = (path: string, etag: string | undefined) =>
    new Promise<{ status: number; etag?: string }>((resolve) => {
      const headers: Record<string, string> = { 'User-Agent': 'feedwright-load/1' };
      if (etag) headers['If-None-Match'] = etag;
      const req = request({ host: url.hostname, port: url.port, path, agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag }));
        res.on('error', () => resolve({ status: 0 }));
      });
      req.setTimeout(10_000, () => req.destroy());
      req.on('error', () => resolve({ status: 0 }));
      req.end();
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.readers }, async (_, r) => {
    // Each reader subscribes to FEEDS_PER_READER feeds spread over the list and polls them in turn.
    const mine = Array.from({ length: FEEDS_PER_READER }, (_, j) => opts.paths[(r + j * Math.ceil(opts.paths.length / FEEDS_PER_READER)) % opts.paths.length]);
    const etags = new Map<string, string>();
    for (let i = 0; performance.now() < until; i++) {
      const path = mine[i % mine.length];
      const t = performance.now();
      const res = await once(path, etags.get(path));
      latencies.push(performance.now() - t);
      stats.requests++;
      if (res.status === 200) {
        stats.ok200++;
        if (res.etag) etags.set(path, res.etag);
      } else if (res.status === 304) stats.notModified++;
      else if (res.status === 0) stats.errors++;
      else stats.bad[res.status] = (stats.bad[res.status] ?? 0) + 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const out: ReaderStats = {
    ...stats, seconds, rps: stats.requests / seconds,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.reduce((a, b) => (b > a ? b : a), 0),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  agent.destroy();
}

// ---- driver ----

/** node-cron warnings "task still running, new execution blocked": a fire skipped (run still going). */
let skippedFires = 0;
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill();
});

function child(args: string[], ipc = false): { proc: ChildProcess; ready: Promise<string>; out: Promise<string> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', SELF, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc' as const] : [])],
  });
  children.add(proc);
  proc.on('close', () => children.delete(proc));
  let errBuf = '';
  proc.stderr!.on('data', (d) => {
    errBuf += d;
    const lines = errBuf.split('\n');
    errBuf = lines.pop()!;
    for (const line of lines) {
      if (line.includes('overlap prevention')) skippedFires++;
      else process.stderr.write(`${line}\n`);
    }
  });
  let buf = '';
  let resolveReady: (s: string) => void;
  const ready = new Promise<string>((r) => (resolveReady = r));
  const out = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      buf += d;
      const m = /READY (\d+)/.exec(buf);
      if (m) resolveReady(m[1]);
    });
    proc.on('error', reject);
    proc.on('close', () => resolve(buf));
  });
  return { proc, ready, out };
}

/** VmHWM (peak resident set) and VmRSS of a process, in MiB. */
function memory(pid: number): { peak: number; rss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peak: kib('VmHWM') / 1024, rss: kib('VmRSS') / 1024 };
}

/** CPU seconds (user + system) a process has used so far (Linux: clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The article page every site serves (the demo's seed article, retitled per article). */
const SEED = readFileSync(new URL('../data/demo/putin-trump-issue-joint-syria-statement.html', import.meta.url), 'utf8');

/** SOURCES sites, each a testkit origin on its own loopback address (127.0.0.2…). */
async function startSites(): Promise<{ sites: Origin[]; urls: string[]; listings: () => number; articles: () => number }> {
  let listings = 0;
  let articles = 0;
  const t0 = Date.now();
  // A new article every SCHEDULE_SECONDS, offset per site; the listing shows the newest 10.
  const newest = () => Math.floor((Date.now() - t0) / (SCHEDULE_SECONDS * 1000)) + 10;
  const routes = (site: number): Record<string, Handler> => ({
    '/': (req, res) => {
      listings++;
      const top = newest();
      const etag = `"l${top}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      const cards = Array.from({ length: 10 }, (_, i) => top - i)
        .map((n) => `<article class="post"><h2><a href="/a/${n}.html">Site ${site} story ${n}: talks on the harbour budget</a></h2><p>Summary of story ${n}.</p></article>`);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: etag })
        .end(`<!doctype html><html><body><header><a href="/">Home</a></header><main>${cards.join('\n')}</main></body></html>`);
    },
    '/a/*': (req, res) => {
      const m = /^\/a\/(\d+)\.html$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (!m) return void res.writeHead(404).end('not found');
      articles++;
      const title = `Site ${site} story ${m[1]}: talks on the harbour budget`;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(SEED.replaceAll('Putin, Trump issue joint Syria statement', title));
    },
  });
  const sites = await Promise.all(Array.from({ length: SOURCES }, (_, k) => startOrigin({ host: `127.0.0.${k + 2}`, routes: routes(k + 1) })));
  return { sites, urls: sites.map((s) => s.url), listings: () => listings, articles: () => articles };
}

function row(name: string, s: ReaderStats, mem: string): string {
  const bad = Object.entries(s.bad).map(([k, v]) => `${v}×${k}`).join(', ');
  return `| ${name} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} / ${s.p99.toFixed(1)} | ${s.ok200} / ${s.notModified} | ${s.errors + Object.values(s.bad).reduce((a, b) => a + b, 0)}${bad ? ` (${bad})` : ''} | ${mem} |`;
}

async function drive(): Promise<void> {
  const loadAtStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-load-'));
  const origin = await startSites();
  const config = [
    'allowPrivateNetworks: true',
    'sources:',
    ...origin.urls.flatMap((u, k) => [
      `  - id: site-${k + 1}`,
      `    title: Site ${k + 1}`,
      `    url: ${u}`,
      `    schedule: "*/${SCHEDULE_SECONDS} * * * * *"`,
      '    limit: 20',
    ]),
  ].join('\n');
  writeFileSync(join(dir, 'sources.yaml'), config);

  const server = child(['--serve', join(dir, 'sources.yaml'), join(dir, 'load.db')], true);
  const port = await server.ready;
  const base = `http://127.0.0.1:${port}`;
  const pid = server.proc.pid!;
  progress(`server ${base} (pid ${pid}); waiting for the first scrape of every source`);
  const paths = Array.from({ length: SOURCES }, (_, k) => FORMATS.map((f) => `/feeds/site-${k + 1}.${f}`)).flat();

  // Warm-up: every source has been scraped once (items in every feed).
  const warmUntil = Date.now() + 60_000;
  for (;;) {
    const h = (await (await fetch(`${base}/health`)).json()) as { sources: { itemCount: number }[] };
    if (h.sources.every((s) => s.itemCount > 0)) break;
    if (Date.now() > warmUntil) throw new Error('sources did not all scrape within 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  progress(`warm; ${SECONDS} s of ${READERS} readers against feedwright`);
  const memBefore = memory(pid);
  const runsBefore = (await runCount(server.proc)).runs;
  const listingsBefore = origin.listings();
  const articlesBefore = origin.articles();
  const skippedBefore = skippedFires;
  const cpuBefore = cpuSeconds(pid);

  let rssPeak = memBefore.rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, memory(pid).rss)), 250);
  const ours = await runReaders(base, paths);
  clearInterval(sampler);
  const memAfter = memory(pid);
  const window = await runCount(server.proc);
  const runs = window.runs - runsBefore;
  const listings = origin.listings() - listingsBefore;
  const articles = origin.articles() - articlesBefore;
  const skipped = skippedFires - skippedBefore;
  const cpu = cpuSeconds(pid) - cpuBefore;

  // Reference: a bare node:http server with the bytes and ETag of one of the feeds.
  const sample = await fetch(`${base}/feeds/site-1.rss`);
  const bodyFile = join(dir, 'feed.rss');
  writeFileSync(bodyFile, Buffer.from(await sample.arrayBuffer()));
  const bareChild = child(['--bare', bodyFile, sample.headers.get('etag')!]);
  const barePort = await bareChild.ready;
  const bareMem0 = memory(bareChild.proc.pid!);
  progress(`${SECONDS} s of ${READERS} readers against the bare reference`);
  const reference = await runReaders(`http://127.0.0.1:${barePort}`, paths);
  const bareMem = memory(bareChild.proc.pid!);
  bareChild.proc.kill();

  server.proc.send('stop');
  await server.out;
  await Promise.all(origin.sites.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });

  const lines = [
    `Machine: ${machine()}. Load generator, server and reference each in their own process; the origin in the driver.`,
    '',
    `${READERS} concurrent keep-alive readers, closed loop for ${SECONDS} s, each subscribed to ${FEEDS_PER_READER} of ${paths.length} feeds (${SOURCES} sources × RSS/Atom/JSON) and polling them in turn with If-None-Match from its last 200; ` +
      `meanwhile the scheduler ran ${SOURCES} sources every ${SCHEDULE_SECONDS} s ("*/${SCHEDULE_SECONDS} * * * * *"): ` +
      `${runs} scrape runs completed, ${listings} listing and ${articles} article fetches from the origin during the window ` +
      `(a fire while that source's previous run is still going is dropped${skipped ? `; ${skipped} reported` : ''}: the fetcher spaces requests to one host by 1 s), ` +
      `each site publishing a new article every ${SCHEDULE_SECONDS} s.`,
    '',
    '| server | req/s | p50 / p99 ms | 200 / 304 | errors | server memory (MiB) |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    row('feedwright (startNodeServer, scrapes running)', ours,
      `peak RSS ${Math.max(memAfter.peak, rssPeak).toFixed(0)} (VmHWM; ${memBefore.rss.toFixed(0)} before the load, ${memAfter.rss.toFixed(0)} after)`),
    row('bare node:http, same bytes and ETag logic', reference, `peak RSS ${bareMem.peak.toFixed(0)} (${bareMem0.rss.toFixed(0)} idle)`),
    '',
    `feedwright server CPU during the window: ${cpu.toFixed(1)} s of ${ours.seconds.toFixed(1)} s (${((100 * cpu) / ours.seconds).toFixed(0)} % of one core; scrapes, renders and requests together); ` +
      `its event loop was delayed ${window.loopP99.toFixed(0)} ms at p99, ${window.loopMax.toFixed(0)} ms at worst. Load average at the start: ${loadAtStart.map((x) => x.toFixed(1)).join(' ')} (other work on the machine).`,
    `Ratio feedwright / bare: ${(ours.rps / reference.rps).toFixed(2)} of the throughput; slowest single request ${ours.max.toFixed(0)} ms (bare ${reference.max.toFixed(0)} ms).`,
    `Reproduce: \`npm run bench:load\` (env: BENCH_SECONDS, BENCH_READERS, BENCH_SOURCES, BENCH_SCHEDULE_SECONDS).`,
  ];
  console.log(lines.join('\n'));
  writeSection(lines.join('\n'));
}

function progress(line: string): void {
  process.stderr.write(`bench:load: ${line}\n`);
}

async function runReaders(base: string, paths: string[]): Promise<ReaderStats> {
  const c = child(['--readers', JSON.stringify({ base, paths, readers: READERS, seconds: SECONDS })]);
  const out = await c.out;
  return JSON.parse(out.trim().split('\n').pop()!) as ReaderStats;
}

interface ServerCounters {
  runs: number;
  /** Event-loop delay since the previous call, ms. */
  loopP99: number;
  loopMax: number;
}

function runCount(proc: ChildProcess): Promise<ServerCounters> {
  return new Promise((resolve) => {
    proc.once('message', (m) => resolve(m as ServerCounters));
    proc.send('runs');
  });
}

/** Replace (or append) the "## Load" section of BENCHMARKS.md, leaving the others alone. */
function writeSection(body: string): void {
  const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = `## Load\n\n${body}\n`;
  const start = current.search(/^## Load\s*$/m);
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const rest = current.slice(start + 1);
    const end = rest.search(/^## /m);
    next = current.slice(0, start) + section + (end < 0 ? '' : `\n${rest.slice(end)}`);
  }
  writeFileSync(file, next);
}

// ---- entry (last, so every module-level constant above is initialized) ----

const role = process.argv[2];
if (role === '--serve') await serve(process.argv[3], process.argv[4]);
else if (role === '--bare') await bare(process.argv[3], process.argv[4]);
else if (role === '--readers') await readers(JSON.parse(process.argv[3]));
else await drive();

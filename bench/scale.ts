/**
 * `npm run bench:scale`: the Node server with many sources, from a cold start, in a child process
 * of its own (so its memory is measured alone).
 *
 * - origin: BENCH_SITES sites, each a testkit origin on its own loopback address (127.0.0.2…),
 *   so per-host caps apply as in production; source i reads listing /list/i.html of site i % SITES
 *   (BENCH_ARTICLES links); a share of sources (BENCH_ARTICLE_SHARE) opens article pages (the
 *   demo's seed article), the rest take items from the listing alone (`article.fetch: false`);
 * - server: startNodeServer with BENCH_SOURCES sources on `*\/30 * * * *`, `hostDelayMs: 0`;
 * - readers (another child) poll random feeds with If-None-Match while the first cycle runs.
 *
 * Measures: boot (spawn → listening), first feed answered, first complete cycle (every source run
 * once), scheduler work per tick, peak RSS, SQLite size, feed latency while scraping, and the
 * times of `/`, `/?page=N`, `/?q=…`, `/feeds.opml`, `/health` after the cycle.
 * Roles: no argument = driver; `--serve CONFIG DB`, `--readers JSON` = children.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrigin, type Origin } from '../testkit/origin.ts';
import { median, percentile } from '../testkit/stats.ts';
import { machine } from './machine.ts';

const SOURCES = Number(process.env.BENCH_SOURCES ?? 10_000);
const SITES = Number(process.env.BENCH_SITES ?? 100);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 50);
const ARTICLE_SHARE = Number(process.env.BENCH_ARTICLE_SHARE ?? 0.02);
const READERS = Number(process.env.BENCH_READERS ?? 16);
// Polls per second, all readers together (0: each reader asks again as soon as it is answered). A
// fixed rate puts the same request load on every server compared, however fast it answers.
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SELF = fileURLToPath(import.meta.url);
const LOOP_MS = 10;

// ---- children ----

async function serve(configPath: string, dbPath: string): Promise<void> {
  const { startNodeServer } = await import('../src/runtime/node/http-server.ts');
  const server = await startNodeServer({ configPath, dbPath, port: 0 }, (line) => void (process.env.BENCH_VERBOSE && process.stderr.write(`${line}\n`)));
  // The server's event loop: how long a request waits behind other work. The histogram records
  // the time between its timer's runs, every LOOP_MS when the loop is free: the delay is the excess.
  const loop = monitorEventLoopDelay({ resolution: LOOP_MS });
  loop.enable();
  process.stdout.write(`READY ${server.port}\n`);
  process.on('message', async (msg) => {
    if (msg === 'loop-reset') loop.reset();
    if (msg === 'stats') {
      const delay = (ns: number) => Math.max(0, ns / 1e6 - LOOP_MS);
      process.send?.({ ...server.schedulerStats(), loopP50: delay(loop.percentile(50)), loopP99: delay(loop.percentile(99)), loopMax: delay(loop.max) });
    }
    if (msg === 'stop') {
      await server.stop();
      process.exit(0);
    }
  });
}

/** Keep-alive readers (at `rate` polls/s, or closed-loop) until told to stop; prints latencies' p50/p99 and counts. */
async function readers(opts: { port: number; sources: number; readers: number; rate: number }): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.readers });
  const latencies: number[] = [];
  const counts: Record<string, number> = {};
  let stop = false;
  process.on('message', (m) => void (m === 'stop' && (stop = true)));
  const etags = new Map<string, string>();
  const once = (path: string) => new Promise<void>((resolve) => {
    const t = performance.now();
    const headers: Record<string, string> = {};
    const known = etags.get(path);
    if (known) headers['If-None-Match'] = known;
    const req = request({ host: '127.0.0.1', port: opts.port, path, agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        latencies.push(performance.now() - t);
        counts[res.statusCode ?? 0] = (counts[res.statusCode ?? 0] ?? 0) + 1;
        if (res.statusCode === 200 && res.headers.etag) etags.set(path, res.headers.etag);
        resolve();
      });
    });
    req.on('error', () => { counts.error = (counts.error ?? 0) + 1; resolve(); });
    req.end();
  });
  const every = opts.rate > 0 ? (1000 * opts.readers) / opts.rate : 0;
  await Promise.all(Array.from({ length: opts.readers }, async (_, r) => {
    let due = performance.now() + (every * r) / opts.readers;
    while (!stop) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      due = Math.max(due + every, performance.now() - every); // a late poll is not made up in a burst
      const i = Math.floor(Math.random() * opts.sources);
      await once(`/feeds/s${i}.${['rss', 'atom', 'json'][i % 3]}`);
    }
  }));
  process.stdout.write(`${JSON.stringify({ requests: latencies.length, counts, p50: percentile(latencies, 50), p99: percentile(latencies, 99) })}\n`);
  agent.destroy();
  process.exit(0);
}

// ---- driver ----

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill();
});

function child(args: string[]): { proc: ChildProcess; ready: Promise<string>; out: Promise<string> } {
  // BENCH_PROFILE=DIR: a CPU profile of the server child (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE && args[0] === '--serve' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', SELF, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  children.add(proc);
  proc.on('close', () => children.delete(proc));
  proc.stderr!.on('data', (d) => {
    const text = String(d);
    if (!process.env.BENCH_VERBOSE && !/FAILED|Error/.test(text)) return;
    process.stderr.write(text.slice(0, 500));
  });
  let buf = '';
  let resolveReady: (s: string) => void;
  const ready = new Promise<string>((r) => (resolveReady = r));
  const out = new Promise<string>((resolve) => {
    proc.stdout!.on('data', (d) => {
      buf += d;
      const m = /READY (\d+)/.exec(buf);
      if (m) resolveReady(m[1]);
    });
    proc.on('close', () => resolve(buf));
  });
  return { proc, ready, out };
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

function ask<T>(proc: ChildProcess, msg: string): Promise<T> {
  return new Promise((resolve) => {
    proc.once('message', (m) => resolve(m as T));
    proc.send(msg);
  });
}

async function timeGet(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t = performance.now();
  const res = await fetch(url);
  const bytes = (await res.arrayBuffer()).byteLength;
  return { ms: performance.now() - t, bytes, status: res.status };
}

async function driver(): Promise<void> {
  const seed = readFileSync(new URL('../data/demo/putin-trump-issue-joint-syria-statement.html', import.meta.url), 'utf8');
  let listings = 0;
  let articles = 0;
  const sites: Origin[] = [];
  for (let s = 0; s < SITES; s++) {
    sites.push(await startOrigin({
      host: `127.0.0.${2 + (s % 250)}`,
      routes: {
        '/list/*': (req, res) => {
          listings++;
          const i = /\/list\/(\d+)\.html/.exec(req.url ?? '')?.[1] ?? '0';
          const items = Array.from({ length: ARTICLES }, (_, k) =>
            `<article class="post"><h2><a href="/a/${i}/${k}.html">Story ${k} of source ${i}</a></h2><time datetime="2024-05-${String(1 + (k % 28)).padStart(2, '0')}T10:00:00Z">May</time><p>Summary of story ${k} from source ${i}.</p></article>`).join('\n');
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(`<!doctype html><html><head><title>Source ${i}</title></head><body><main>${items}</main></body></html>`);
        },
        '/a/*': (req, res) => {
          articles++;
          const [, i, k] = /\/a\/(\d+)\/(\d+)\.html/.exec(req.url ?? '') ?? ['', '0', '0'];
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(seed.replaceAll('Putin, Trump issue joint Syria statement', `Story ${k} of source ${i}`));
        },
      },
    }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-scale-'));
  const fetchEvery = ARTICLE_SHARE > 0 ? Math.round(1 / ARTICLE_SHARE) : Infinity;
  const config = {
    allowPrivateNetworks: true,
    robots: false,
    hostDelayMs: 0,
    sources: Array.from({ length: SOURCES }, (_, i) => ({
      id: `s${i}`,
      title: `Source ${i} of site ${i % SITES}`,
      url: sites[i % SITES].at(`/list/${i}.html`),
      schedule: '*/30 * * * *',
      list: { item: 'article.post', link: 'h2 a@href', title: 'h2 a', date: 'time@datetime', summary: 'p' },
      article: { fetch: i % fetchEvery === 0 },
    })),
  };
  const configPath = join(dir, 'sources.json');
  writeFileSync(configPath, JSON.stringify(config));
  const dbPath = join(dir, 'scale.db');

  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  const t0 = performance.now();
  const server = child(['--serve', configPath, dbPath]);
  const port = Number(await server.ready);
  const boot = performance.now() - t0;
  const base = `http://127.0.0.1:${port}`;
  let firstFeed = NaN;
  for (;;) {
    const r = await fetch(`${base}/feeds/s0.rss`);
    const text = await r.text();
    if (r.status === 200 && text.includes('<item>')) {
      firstFeed = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.proc.send('loop-reset'); // the loop's delays while scraping, boot aside
  const reader = child(['--readers', JSON.stringify({ port, sources: SOURCES, readers: READERS, rate: RATE })]);
  let stats: { finished: number; waiting: number; running: number; maxTickMs: number; lastTickMs: number; ticks: number; loopP50: number; loopP99: number; loopMax: number };
  const limitMs = Number(process.env.BENCH_MAX_SECONDS ?? 1800) * 1000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    stats = await ask(server.proc, 'stats');
    if (stats.finished >= SOURCES && stats.waiting === 0 && stats.running === 0) break;
    if (performance.now() - t0 > limitMs) break;
    if (process.env.BENCH_VERBOSE) console.error(`${((performance.now() - t0) / 1000).toFixed(0)} s: ${stats.finished} runs, ${stats.waiting} waiting, ${stats.running} running`);
  }
  const cycle = performance.now() - t0;
  reader.proc.send('stop');
  const readStats = JSON.parse((await reader.out).trim().split('\n').at(-1)!);
  const tick = await ask<typeof stats>(server.proc, 'stats');

  const pages: [string, string][] = [
    ['/', '/'], ['/?page=50', `/?page=${Math.max(1, Math.floor(SOURCES / 200))}`], ['/?q=site 7', '/?q=site%207'],
    ['/feeds.opml', '/feeds.opml'], ['/health', '/health'], ['a feed (warm)', '/feeds/s1.rss'],
  ];
  const pageTimes: string[] = [];
  for (const [name, path] of pages) {
    const runs = [];
    for (let k = 0; k < 3; k++) runs.push(await timeGet(base + path));
    pageTimes.push(`| \`${name}\` | ${median(runs.map((r) => r.ms)).toFixed(1)} | ${(runs[0].bytes / 1024).toFixed(0)} KiB | ${runs[0].status} |`);
  }
  const rss = peakRss(server.proc.pid!);
  const dbBytes = [dbPath, `${dbPath}-wal`].filter(existsSync).reduce((n, p) => n + statSync(p).size, 0);
  const closed = new Promise((r) => server.proc.once('close', r));
  server.proc.send('stop');
  await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000))]);
  for (const s of sites) await s.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`Scale benchmark — ${machine()}, load average at start ${load}`);
  console.log(`${SOURCES} sources over ${SITES} sites, ${ARTICLES} links each, ${Math.ceil(SOURCES / fetchEvery)} of them opening article pages; ${READERS} readers polling during the cycle (${RATE > 0 ? `${RATE} polls/s in all` : 'closed loop'})\n`);
  console.log('| measure | value |');
  console.log('| --- | ---: |');
  console.log(`| boot (spawn → listening) | ${(boot / 1000).toFixed(2)} s |`);
  console.log(`| first feed with items | ${(firstFeed / 1000).toFixed(2)} s |`);
  console.log(`| first complete cycle (every source run once) | ${(cycle / 1000).toFixed(1)} s${stats.finished < SOURCES ? ` (stopped at ${stats.finished} runs)` : ''} |`);
  console.log(`| origin requests | ${listings} listings, ${articles} articles |`);
  console.log(`| scheduler work per tick, slowest / last | ${tick.maxTickMs.toFixed(2)} / ${tick.lastTickMs.toFixed(2)} ms (${tick.ticks} ticks) |`);
  console.log(`| peak RSS (VmHWM) | ${rss.toFixed(0)} MiB |`);
  console.log(`| SQLite size (db + wal) | ${(dbBytes / 2 ** 20).toFixed(0)} MiB |`);
  console.log(`| event-loop delay while scraping, p50 / p99 / max | ${tick.loopP50.toFixed(1)} / ${tick.loopP99.toFixed(1)} / ${tick.loopMax.toFixed(0)} ms |`);
  console.log(`| feed latency while scraping, p50 / p99 | ${readStats.p50.toFixed(1)} / ${readStats.p99.toFixed(1)} ms (${readStats.requests} requests: ${JSON.stringify(readStats.counts)}) |`);
  console.log('\n| page (after the cycle) | median ms | size | status |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const line of pageTimes) console.log(line);
  process.exit(0);
}

const [role, a, b] = process.argv.slice(2);
if (role === '--serve') await serve(a, b);
else if (role === '--readers') await readers(JSON.parse(a));
else await driver();

/**
 * `npm run bench` (part 2): articles per second through the whole pipeline (fetch → list →
 * extract → normalize → store) against a local origin, beside a reference measured in the same
 * run: the same pages fetched and parsed with cheerio only.
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { createFetcher } from '../src/fetch/fetcher.ts';
import { scrapeSource } from '../src/pipeline/scrape.ts';
import { openSqliteStore } from '../src/runtime/node/sqlite.ts';
import { startOrigin } from '../testkit/origin.ts';
import { makeSource } from '../testkit/sources.ts';
import { median } from '../testkit/stats.ts';
import { machine } from './machine.ts';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const seed = readFileSync(new URL('../data/demo/putin-trump-issue-joint-syria-statement.html', import.meta.url), 'utf8');

const listing = `<!doctype html><html><body><header><nav><a href="/">Home</a><a href="/about">About</a></nav></header>
<main>${Array.from({ length: ARTICLES }, (_, i) => `<article class="post"><h2><a href="/news/${i}-story-number-${i}.html">Story number ${i} about the summit</a></h2><p>Summary of story ${i}.</p></article>`).join('\n')}</main>
<footer><a href="/privacy">Privacy</a></footer></body></html>`;
const origin = await startOrigin({
  routes: {
    '/news/*': (req, res) => {
      const n = /^\/news\/(\d+)-/.exec(req.url ?? '')?.[1] ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(seed
        .replaceAll('Putin, Trump issue joint Syria statement', `Story number ${n} about the summit`)
        .replaceAll('putin-trump-issue-joint-syria-statement.html', `${n}-story-number-${n}.html`));
    },
    '/*': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listing),
  },
});
const base = origin.url.slice(0, -1);

const source = makeSource({ id: 'bench', title: 'bench', url: `${base}/` });
const fetcher = createFetcher({ allowPrivateNetworks: true, perHostConcurrency: 4 });
const ours: number[] = [];
const reference: number[] = [];
// CPU time per article of this process (the origin's included, for both): steadier than the rate
// on a shared machine, where the wall clock also counts time the process was not scheduled.
const oursCpu: number[] = [];
const referenceCpu: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000 / ARTICLES;
};
for (let round = 0; round < ROUNDS; round++) {
  const store = await openSqliteStore(':memory:');
  let t = performance.now();
  let cpu = process.cpuUsage();
  const report = await scrapeSource(source, { fetch: fetcher, store, maxArticlesPerRun: ARTICLES, concurrency: 4 });
  if (!report.ok || report.created !== ARTICLES) throw new Error(`pipeline run incomplete: ${JSON.stringify(report).slice(0, 300)}`);
  ours.push(ARTICLES / ((performance.now() - t) / 1000));
  oursCpu.push(cpuMs(cpu));
  await store.close();

  t = performance.now();
  cpu = process.cpuUsage();
  const urls = Array.from({ length: ARTICLES }, (_, i) => `${base}/news/${i}-story-number-${i}.html`);
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < urls.length) cheerio.load(await (await fetch(urls[next++])).text());
  }));
  reference.push(ARTICLES / ((performance.now() - t) / 1000));
  referenceCpu.push(cpuMs(cpu));
}
await origin.close();
console.log(`\nPipeline benchmark — ${machine()}`);
console.log(`${ARTICLES} article pages (the seed article, ${Buffer.byteLength(seed)} bytes each) from a local origin, concurrency 4, median of ${ROUNDS} rounds\n`);
console.log('| case | articles/s | CPU ms per article |');
console.log('| --- | ---: | ---: |');
console.log(`| feedwright pipeline (fetch → list → extract → normalize → store) | ${median(ours).toFixed(0)} | ${median(oursCpu).toFixed(2)} |`);
console.log(`| reference: fetch + cheerio.load only | ${median(reference).toFixed(0)} | ${median(referenceCpu).toFixed(2)} |`);
console.log(`\nratio pipeline / reference: ${(median(ours) / median(reference)).toFixed(2)}`);

/**
 * `npm run bench:render [-- --pages N]`
 *
 * Pages that only render with JavaScript, read through the Node runtime's browser (one shared
 * Chromium, 2 pages at once), beside the static pipeline reading the same site served prerendered
 * (the same DOM, no script): time per page (median of N article pages, one at a time, browser
 * already running; the launch is shown on its own), and a run of 50 articles through the whole
 * pipeline (listing + 50 article pages → items), with peak memory: the browser's processes
 * (resident, sampled every 50 ms) and this Node process.
 */
import { createBrowserFetch } from '../src/fetch/browser.ts';
import { createPoliteFetcher } from '../src/fetch/polite.ts';
import { createRequestGuard } from '../src/fetch/request-guard.ts';
import { scrapeSource } from '../src/pipeline/scrape.ts';
import { createBrowserPool } from '../src/runtime/node/browser-pool.ts';
import { findChromium, processTreeMemory } from '../src/runtime/node/chromium.ts';
import { openSqliteStore } from '../src/runtime/node/sqlite.ts';
import { startJsSite } from '../testkit/js-site.ts';
import { makeSource } from '../testkit/sources.ts';
import { median } from '../testkit/stats.ts';

const args = process.argv.slice(2);
const i = args.indexOf('--pages');
const perPage = Math.max(3, Number(i >= 0 ? args[i + 1] : 20));
const RUN = 50;

const chromium = findChromium(process.env);
if (!chromium) {
  console.error('no Chromium on this machine (apt-get install chromium, or FEEDWRIGHT_CHROMIUM)');
  process.exit(1);
}

const MiB = 2 ** 20;
const js = await startJsSite({ articles: RUN });
const prerendered = await startJsSite({ articles: RUN, prerendered: true });
const pool = createBrowserPool({ executablePath: chromium });
const browser = createBrowserFetch({ renderer: pool, guard: createRequestGuard({ allowPrivateNetworks: true }) });
const fetch = createPoliteFetcher({ allowPrivateNetworks: true, hostDelayMs: 0, robots: false });

/** Peak resident memory of the browser's processes and of this process while `fn` runs. */
async function peak<T>(fn: () => Promise<T>): Promise<{ value: T; browser: number; node: number }> {
  let browserPeak = 0;
  let nodePeak = process.memoryUsage().rss;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      if (pool.pid) browserPeak = Math.max(browserPeak, (await processTreeMemory(pool.pid)) ?? 0);
      nodePeak = Math.max(nodePeak, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const value = await fn();
  sampling = false;
  await sampler;
  return { value, browser: browserPeak, node: nodePeak };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// The first page starts the browser.
const launch = await timed(() => browser(js.at('/post/1')));

const pageTimes = { browser: [] as number[], static: [] as number[] };
const perPageMemory = await peak(async () => {
  for (let n = 1; n <= perPage; n++) {
    pageTimes.browser.push(await timed(() => browser(js.at(`/post/${n}`))));
    pageTimes.static.push(await timed(() => fetch(prerendered.at(`/post/${n}`))));
  }
});

async function run(render: boolean) {
  const store = await openSqliteStore(':memory:');
  const source = makeSource({ id: 'bench', url: render ? js.url : prerendered.url, render: render ? 'browser' : 'static' });
  const t0 = performance.now();
  const report = await scrapeSource(source, { fetch, browser, store, maxArticlesPerRun: RUN });
  const ms = performance.now() - t0;
  if (!report.ok || report.created !== RUN) throw new Error(`run failed: ${report.error ?? report.warnings[0]} (${report.created} items)`);
  await store.close();
  return ms;
}
const staticRun = await peak(() => run(false));
const renderedRun = await peak(() => run(true));

console.log(`Chromium: ${chromium}; browser pages at once: 2; launches: ${pool.launches}`);
console.log(`first page (starts the browser): ${launch.toFixed(0)} ms\n`);
console.log(`| case | browser (rendered) | static (same pages prerendered) |`);
console.log('| --- | ---: | ---: |');
console.log(`| one article page, median of ${perPage} | ${median(pageTimes.browser).toFixed(0)} ms | ${median(pageTimes.static).toFixed(1)} ms |`);
console.log(`| peak memory while reading them: browser processes / Node | ${(perPageMemory.browser / MiB).toFixed(0)} MiB / ${(perPageMemory.node / MiB).toFixed(0)} MiB | — / same Node |`);
console.log(`| run of ${RUN} articles (listing + ${RUN} pages → items) | ${(renderedRun.value / 1000).toFixed(1)} s | ${(staticRun.value / 1000).toFixed(2)} s |`);
console.log(`| per article in that run | ${(renderedRun.value / RUN).toFixed(0)} ms | ${(staticRun.value / RUN).toFixed(1)} ms |`);
console.log(`| peak memory in that run: browser processes / Node | ${(renderedRun.browser / MiB).toFixed(0)} MiB / ${(renderedRun.node / MiB).toFixed(0)} MiB | 0 / ${(staticRun.node / MiB).toFixed(0)} MiB |`);

await pool.close();
await Promise.all([js.close(), prerendered.close()]);

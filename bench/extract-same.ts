/**
 * `npx tsx bench/extract-same.ts dump FILE [--base DIR]` / `diff A B` / `time --base DIR [--repeat N] [--set S] [--isolated]`
 *
 * Speed work on the extractor must not change what it extracts. This script checks that and
 * measures the gain, over every corpus page (aeb, htmldate, readability, trafilatura, and the
 * outside set when WCEB_DIR names it):
 * - `dump FILE [--base DIR]`: writes `extractArticle`'s whole result for every page (default
 *   options, and again with `provenance: true`; a fixed `now`), one JSON line per page; with
 *   `--base`, the extractor of that checkout.
 * - `diff A B`: compares two dumps and prints the pages whose results differ and in which fields
 *   (never the text itself), exiting 1 when any does.
 * - `time --base DIR`: the extractor of another checkout (`DIR/src/extract/index.ts`, e.g. the
 *   commit before, unpacked with `git archive`) against this one and Readability.js: each round
 *   runs Readability over the whole set (as bench:extract does) and before/after page by page in
 *   alternating order; each page's time is its fastest run. Prints per set the medians, the
 *   median per-page ratio after/before, and each median's ratio to Readability's. Both checkouts
 *   share node_modules, so the libraries' code (htmlparser2, domhandler, sanitize-html…) serves
 *   both: a change in the shapes of the objects they handle (attribute objects, say) slows each
 *   side by the other's and skews the comparison. With `--isolated`, before and after each run
 *   in a worker of their own (extract-same-worker.mjs: own heap, own inline caches), still page
 *   by page in alternating order; that timing suits any change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { requireTool } from './tooling.ts';
import { extractArticle } from '../src/extract/index.ts';
import { corpusAvailable, corpusDir, loadAeb, loadHtmldate, loadReadability, loadTrafilatura, loadWceb, trafilaturaAvailable, wcebDir } from '../testkit/corpus.ts';
import { median } from '../testkit/stats.ts';

type Extract = typeof extractArticle;
interface Page {
  set: string;
  name: string;
  html: string;
  url: string;
}

function pages(only?: string): Page[] {
  if (!corpusAvailable()) throw new Error(`corpus not found at ${corpusDir()} (set CORPUS_DIR)`);
  const out: Page[] = [];
  const want = (s: string): boolean => !only || only === s;
  if (want('aeb')) out.push(...loadAeb().map((p) => ({ set: 'aeb', name: p.id, html: p.html, url: p.url })));
  if (want('htmldate')) out.push(...loadHtmldate().map((p) => ({ set: 'htmldate', name: p.file, html: p.html, url: p.url })));
  if (want('readability')) out.push(...loadReadability().map((p) => ({ set: 'readability', name: p.name, html: p.html, url: p.url })));
  if (want('trafilatura') && trafilaturaAvailable()) out.push(...loadTrafilatura().map((p) => ({ set: 'trafilatura', name: p.file, html: p.html, url: p.url })));
  const w = wcebDir();
  // WCXB's two splits reuse ids: the half names the page too.
  if (want('wceb') && w) out.push(...loadWceb(w).map((p) => ({ set: 'wceb', name: `${p.half}/${p.id}`, html: p.html, url: p.url })));
  return out;
}

/** A fixed clock: relative dates ("3 hours ago") must not differ between two dumps. */
const NOW = new Date('2026-12-01T12:00:00Z');

function result(extract: Extract, p: Page, provenance: boolean): unknown {
  try {
    return extract(p.html, p.url, provenance ? { provenance, now: NOW } : { now: NOW });
  } catch (e) {
    return { threw: e instanceof Error ? e.message : String(e) };
  }
}

async function dump(file: string, base?: string): Promise<void> {
  const extract = base ? await extractorOf(base) : extractArticle;
  const lines: string[] = [];
  for (const p of pages()) {
    lines.push(JSON.stringify({ set: p.set, name: p.name, plain: result(extract, p, false), provenance: result(extract, p, true) }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${lines.length} pages written to ${file}`);
}

function diff(a: string, b: string): void {
  const read = (f: string): Map<string, Record<string, Record<string, unknown>>> =>
    new Map(
      readFileSync(f, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .map((r) => [`${r.set}/${r.name}`, r]),
    );
  const x = read(a);
  const y = read(b);
  let differ = 0;
  const sets = new Map<string, number>();
  for (const [key, r] of x) {
    sets.set(r.set as unknown as string, (sets.get(r.set as unknown as string) ?? 0) + 1);
    const s = y.get(key);
    if (!s) {
      console.log(`${key}: missing in ${b}`);
      differ++;
      continue;
    }
    const fields = new Set<string>();
    for (const mode of ['plain', 'provenance']) {
      const keys = new Set([...Object.keys(r[mode] ?? {}), ...Object.keys(s[mode] ?? {})]);
      for (const k of keys) if (JSON.stringify(r[mode]?.[k]) !== JSON.stringify(s[mode]?.[k])) fields.add(`${mode}.${k}`);
    }
    if (fields.size) {
      differ++;
      console.log(`${key}: ${[...fields].join(', ')}`);
    }
  }
  if (y.size !== x.size) console.log(`page counts differ: ${x.size} / ${y.size}`);
  console.log(`${x.size} pages (${[...sets].map(([s, n]) => `${s} ${n}`).join(', ')}): ${differ} differ`);
  if (differ || y.size !== x.size) process.exit(1);
}

async function extractorOf(base: string): Promise<Extract> {
  return (await import(pathToFileURL(resolve(base, 'src/extract/index.ts')).href)).extractArticle as Extract;
}

/** Timing runners: each times one page (by index) and returns milliseconds. */
type Runner = (i: number) => number | Promise<number>;

/** A runner in the calling isolate. */
function inProcess(run: (p: Page) => unknown, all: Page[]): Runner {
  return (i) => {
    const t0 = performance.now();
    try {
      run(all[i]);
    } catch {
      /* timed all the same */
    }
    return performance.now() - t0;
  };
}

/** A runner in a worker of its own (extract-same-worker.mjs), with the extractor of the checkout at `dir`. */
async function isolated(dir: string, all: Page[]): Promise<{ run: Runner; stop: () => Promise<number> }> {
  const extractor = pathToFileURL(resolve(dir, 'src/extract/index.ts')).href;
  const worker = new Worker(new URL('./extract-same-worker.mjs', import.meta.url), {
    workerData: { extractor, pages: all.map(({ html, url }) => ({ html, url })) },
  });
  // One request at a time: the reply settles the pending promise.
  let settle: { res: (m: unknown) => void; rej: (e: Error) => void } | undefined;
  worker.on('message', (m) => settle?.res(m));
  worker.on('error', (e) => settle?.rej(e));
  const reply = (): Promise<unknown> => new Promise((res, rej) => (settle = { res, rej }));
  await reply(); // loaded
  const run: Runner = (i) => {
    const ms = reply() as Promise<number>;
    worker.postMessage(i);
    return ms;
  };
  return { run, stop: () => worker.terminate() };
}

async function time(base: string, repeat: number, only?: string, separate = false): Promise<void> {
  const { Readability } = requireTool('@mozilla/readability') as typeof import('@mozilla/readability');
  const { parseHTML } = requireTool('linkedom') as typeof import('linkedom');
  const readability = (html: string): unknown => new Readability(parseHTML(html).document as unknown as Document).parse();
  const all = pages(only);
  const workers = separate ? [await isolated(base, all), await isolated(fileURLToPath(new URL('..', import.meta.url)), all)] : [];
  // Before, after, Readability.
  const runners: Runner[] = workers.map((w) => w.run);
  if (!separate) {
    const before = await extractorOf(base);
    runners.push(inProcess((p) => before(p.html, p.url), all), inProcess((p) => extractArticle(p.html, p.url), all));
  }
  runners.push(inProcess((p) => readability(p.html), all));
  for (const run of runners) for (let i = 0; i < Math.min(10, all.length); i++) await run(i);
  const best = runners.map(() => all.map(() => Infinity));
  const once = async (r: number, i: number): Promise<void> => {
    best[r][i] = Math.min(best[r][i], await runners[r](i));
  };
  for (let round = 0; round < repeat; round++) {
    // Readability over the whole set (its garbage is collected in its own phase), before or
    // after ours; before and after page by page, in alternating order, so the machine's drift
    // reaches both alike.
    if (round % 2) for (let i = 0; i < all.length; i++) await once(2, i);
    for (let i = 0; i < all.length; i++) {
      await once(round % 2 ? 1 : 0, i);
      await once(round % 2 ? 0 : 1, i);
    }
    if (!(round % 2)) for (let i = 0; i < all.length; i++) await once(2, i);
  }
  for (const w of workers) await w.stop();
  const sets = [...new Set(all.map((p) => p.set))];
  for (const set of sets) {
    const idx = all.flatMap((p, i) => (p.set === set ? [i] : []));
    const [b, a, r] = best.map((times) => median(idx.map((i) => times[i])));
    const perPage = median(idx.map((i) => best[1][i] / best[0][i]));
    console.log(
      `${set.padEnd(12)} (${String(idx.length).padStart(4)} pages) median before ${b.toFixed(3)} ms, after ${a.toFixed(3)} ms (${(a / b).toFixed(3)} ×; per page, median after/before ${perPage.toFixed(3)}), readability ${r.toFixed(3)} ms | ratio of medians to readability: before ${(b / r).toFixed(3)}, after ${(a / r).toFixed(3)}`,
    );
  }
}

const [mode, ...rest] = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
if (mode === 'dump' && rest[0]) await dump(rest[0], flag('--base'));
else if (mode === 'diff' && rest[0] && rest[1]) diff(rest[0], rest[1]);
else if (mode === 'time' && flag('--base')) await time(flag('--base')!, Math.max(1, Number(flag('--repeat') ?? 5)), flag('--set'), rest.includes('--isolated'));
else {
  console.error('usage: extract-same.ts dump FILE [--base DIR] | diff A B | time --base DIR [--repeat N] [--set S] [--isolated]');
  process.exit(1);
}

/**
 * `npm run bench:extract [-- --set aeb|readability|htmldate|trafilatura|wceb] [--split] [--half A|B]
 *  [--folds] [--fold X|Y|Z] [--json] [--worst N] [--repeat N] [--strip meta|markup] [--hide-url]`
 *
 * Scores extractArticle and Readability.js 0.6 (over linkedom) on the same corpus pages in the
 * same run, with per-page timings (median, p95, ratio of medians) and pages that threw.
 * - `--split`: scores also reported on each half of every set (testkit `corpusHalf`: a hash of
 *   the page's name), for tuning on one half and measuring on the other.
 * - `--half A|B`: only that half's pages (what to look at while tuning; on the outside set, its split).
 * - `--folds`, `--fold X|Y|Z`: the same with three folds (testkit `corpusFold`, another byte of the
 *   hash), a fresh split for a round after both halves have been tuned on.
 * - `--strip meta|markup`, `--hide-url` (htmldate set): score the date fallbacks on pages whose
 *   truth is known. `meta` removes JSON-LD and date metas; `markup` also `<time>`, `datetime`,
 *   `itemprop` and `data-*time*` attributes; `--hide-url` gives every page a URL without a date.
 * - `--agree [--set S] [--worst N]`: instead of the scores, how often our metadata equals
 *   Readability's on every page of every set, per half (bench/agree.ts).
 * - `wceb`: an outside set, run when env WCEB_DIR names a checkout of WCXB (its dev split is half
 *   A, its test split half B) or the `release/` folder of its predecessor WCEB (BENCHMARKS.md).
 *   Totals for the whole set and its halves; `--worst N` lists pages of half A only: half B is
 *   the check nobody looks into.
 */
import { requireTool } from './tooling.ts';
import { extractArticle } from '../src/extract/index.ts';
import type { ExtractOptions } from '../src/extract/options.ts';
import type { ExtractedArticle } from '../src/model.ts';
import {
  aebScore,
  wcxbWordScore,
  corpusAvailable,
  corpusDir,
  htmldateScore,
  articleAsActual,
  loadAeb,
  loadHtmldate,
  loadReadability,
  loadTrafilatura,
  READABILITY_FIELDS,
  readabilityScore,
  trafilaturaAvailable,
  trafilaturaScore,
  calendarDay,
  collapseWs,
  foldTypography,
  loadWceb,
  wcebDir,
  corpusFold,
  corpusHalf,
  type Fold,
  type Half,
  type ReadabilityActual,
} from '../testkit/corpus.ts';
import { median, quantile } from '../testkit/stats.ts';
import { agreementReport, theirsAsActual, type ReadabilityResult } from './agree.ts';

const { Readability } = requireTool('@mozilla/readability') as typeof import('@mozilla/readability');
const { parseHTML } = requireTool('linkedom') as typeof import('linkedom');

interface Run<T> {
  value: T | null;
  ms: number;
  error: string | null;
}

function timed<T>(fn: () => T): Run<T> {
  const t0 = performance.now();
  try {
    const value = fn();
    return { value, ms: performance.now() - t0, error: null };
  } catch (e) {
    return { value: null, ms: performance.now() - t0, error: e instanceof Error ? e.message : String(e) };
  }
}

function readability(html: string, url: string): ReadabilityResult {
  const { document } = parseHTML(html);
  // linkedom documents have no URL; Readability resolves links against documentURI/baseURI.
  try {
    Object.defineProperty(document, 'documentURI', { value: url });
    Object.defineProperty(document, 'baseURI', { value: url });
  } catch {
    /* read-only in some versions: links stay relative, text is unaffected */
  }
  const a = new Readability(document as unknown as Document).parse();
  return {
    title: a?.title ?? null,
    byline: a?.byline ?? null,
    lang: a?.lang ?? null,
    excerpt: a?.excerpt ?? null,
    siteName: a?.siteName ?? null,
    publishedTime: a?.publishedTime ?? null,
    textContent: a?.textContent ?? '',
  };
}

/**
 * Both extractors over `pages` in `repeat` rounds (default 5). A round runs ours over the whole
 * set, then Readability over the whole set (the order flips every round); each page's time is
 * its fastest run over the rounds.
 * - Whole-set phases: each extractor runs after itself, as in a service, and not in the garbage
 *   of the other (run page by page, whichever follows Readability pays for collecting its large
 *   linkedom heap: measured, that adds ~40 % to our per-page time).
 * - Alternating rounds: the machine is shared and its speed drifts; both extractors see the same
 *   conditions over the measurement, and the minimum keeps a GC pause or a neighbour's burst from
 *   being charged to one page.
 */
function runAll(pages: { html: string; url: string }[], options: ExtractOptions = {}): [Run<ExtractedArticle>[], Run<ReadabilityResult>[]] {
  const ours: Run<ExtractedArticle>[] = [];
  const theirs: Run<ReadabilityResult>[] = [];
  const faster = <T>(a: Run<T> | undefined, b: Run<T>): Run<T> => (a === undefined ? b : b.ms < a.ms ? { ...a, ms: b.ms } : a);
  const runOurs = (): void => pages.forEach((p, i) => (ours[i] = faster(ours[i], timed(() => extractArticle(p.html, p.url, options)))));
  const runTheirs = (): void => pages.forEach((p, i) => (theirs[i] = faster(theirs[i], timed(() => readability(p.html, p.url)))));
  for (let round = 0; round < repeat; round++) {
    if (round % 2) {
      runTheirs();
      runOurs();
    } else {
      runOurs();
      runTheirs();
    }
  }
  return [ours, theirs];
}

interface Timing {
  median: number;
  p95: number;
}

function timing(runs: Run<unknown>[]): Timing {
  const ms = runs.map((r) => r.ms);
  return { median: median(ms), p95: quantile(ms, 0.95) };
}

function threw(names: string[], runs: Run<unknown>[]): { page: string; error: string }[] {
  return runs.flatMap((r, i) => (r.error ? [{ page: names[i], error: r.error }] : []));
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const onlySet = flag('--set');
const asJson = args.includes('--json');
const worst = Number(flag('--worst') ?? 0);
const repeat = Math.max(1, Number(flag('--repeat') ?? 5));
const split = args.includes('--split');
const folds = args.includes('--folds');
const onlyHalf = flag('--half')?.toUpperCase() as Half | undefined;
const onlyFold = flag('--fold')?.toUpperCase() as Fold | undefined;
if (onlyHalf && onlyHalf !== 'A' && onlyHalf !== 'B') {
  console.error(`--half takes A or B, not ${onlyHalf}`);
  process.exit(1);
}
if (onlyFold && !['X', 'Y', 'Z'].includes(onlyFold)) {
  console.error(`--fold takes X, Y or Z, not ${onlyFold}`);
  process.exit(1);
}
/** The pages of a set this run looks at (`--half`, `--fold`), named by `name`. */
function pick<T>(pages: T[], name: (p: T) => string): T[] {
  return pages.filter((p) => (!onlyHalf || corpusHalf(name(p)) === onlyHalf) && (!onlyFold || corpusFold(name(p)) === onlyFold));
}
const partName = (part: string): string => `${part === 'A' || part === 'B' ? 'half' : 'fold'} ${part}`;
/** Per-part figures (`--split`: halves A, B; `--folds`: folds X, Y, Z): `score` on each part's indices. */
function halves<S>(names: string[], score: (idx: number[], part: string) => S): Partial<Record<string, S>> {
  const parts: [string, (n: string) => string][] = [];
  if (split) parts.push(...(['A', 'B'] as const).map((h): [string, (n: string) => string] => [h, corpusHalf]));
  if (folds) parts.push(...(['X', 'Y', 'Z'] as const).map((f): [string, (n: string) => string] => [f, corpusFold]));
  const out: Partial<Record<string, S>> = {};
  for (const [part, of] of parts) {
    const idx = names.flatMap((n, i) => (of(n) === part ? [i] : []));
    if (idx.length) out[part] = score(idx, part);
  }
  return out;
}

if (!corpusAvailable()) {
  console.error(`corpus not found at ${corpusDir()} (set CORPUS_DIR)`);
  process.exit(1);
}

const report: Record<string, unknown> = {};
const f3 = (x: number): string => x.toFixed(3);
const ms = (t: Timing): string => `median ${t.median.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms`;
const log = (s: string): void => {
  if (!asJson) console.log(s);
};

function timingReport(ours: Run<unknown>[], theirs: Run<unknown>[], names: string[]) {
  const to = timing(ours);
  const tr = timing(theirs);
  const ratio = tr.median > 0 ? to.median / tr.median : 0;
  log(`  time   ours: ${ms(to)} | readability: ${ms(tr)} | ratio of medians ${ratio.toFixed(3)}`);
  const ot = threw(names, ours);
  const rt = threw(names, theirs);
  log(`  threw  ours: ${ot.length}${ot.length ? ' ' + JSON.stringify(ot) : ''} | readability: ${rt.length}`);
  return { ours: to, readability: tr, ratio, threw: { ours: ot, readability: rt } };
}

// Warm both up so JIT and lazy module init are not charged to the first page.
{
  const warm = '<html><head><title>x</title></head><body><article><p>Warm up, paragraph one, with commas, enough text to score.</p></article></body></html>';
  for (let i = 0; i < 5; i++) runAll([{ html: warm, url: 'https://example.com/' }]);
}

if (args.includes('--agree')) {
  // One run of each extractor per page, default options (what the readability set scores).
  const sets: [string, () => { name: string; html: string; url: string; half?: Half }[]][] = [
    ['readability', () => loadReadability().map((p) => ({ ...p }))],
    ['aeb', () => loadAeb().map((p) => ({ ...p, name: p.id }))],
    ['htmldate', () => loadHtmldate().map((p) => ({ ...p, name: p.file }))],
    ['trafilatura', () => (trafilaturaAvailable() ? loadTrafilatura().map((p) => ({ ...p, name: p.file })) : [])],
    ['wceb', () => (wcebDir() ? loadWceb(wcebDir()!).map((p) => ({ ...p, name: p.id })) : [])],
  ];
  for (const [set, load] of sets) {
    if (onlySet && onlySet !== set) continue;
    const pages = load();
    if (!pages.length) {
      log(`agree ${set}: skipped (set not found)`);
      continue;
    }
    const rows = pages.map((p) => ({ name: p.name, half: p.half, ours: timed(() => extractArticle(p.html, p.url)).value, theirs: timed(() => readability(p.html, p.url)).value }));
    report[set] = agreementReport(set, rows, worst, log);
  }
  if (asJson) console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

if (!onlySet || onlySet === 'aeb') {
  const pages = pick(loadAeb(), (p) => p.id);
  const [ours, theirs] = runAll(pages);
  const scoreOn = (idx: number[], text: (i: number) => string) => aebScore(idx.map((i) => ({ truth: pages[i].articleBody, predicted: text(i) })));
  const all = pages.map((_, i) => i);
  const oursText = (i: number): string => ours[i].value?.text ?? '';
  const theirText = (i: number): string => theirs[i].value?.textContent ?? '';
  const o = scoreOn(all, oursText);
  const r = scoreOn(all, theirText);
  log(`aeb (${pages.length} pages)`);
  log(`  ours         P ${f3(o.precision)}  R ${f3(o.recall)}  F1 ${f3(o.f1)}`);
  log(`  readability  P ${f3(r.precision)}  R ${f3(r.recall)}  F1 ${f3(r.f1)}`);
  const aebHalves = halves(pages.map((p) => p.id), (idx, part) => {
    const a = scoreOn(idx, oursText);
    const b = scoreOn(idx, theirText);
    log(`  ${partName(part)} (${idx.length})  ours F1 ${f3(a.f1)} (P ${f3(a.precision)} R ${f3(a.recall)}) | readability F1 ${f3(b.f1)}`);
    return { ours: a.f1, readability: b.f1 };
  });
  const t = timingReport(ours, theirs, pages.map((p) => p.id));
  const perPage = pages.map((p, i) => ({
    id: p.id,
    url: p.url,
    precision: o.pages[i].precision,
    recall: o.pages[i].recall,
    readabilityPrecision: r.pages[i].precision,
    readabilityRecall: r.pages[i].recall,
  }));
  if (worst > 0) {
    const f = (x: { precision: number | null; recall: number | null }) => {
      const pp = x.precision ?? 0;
      const rr = x.recall ?? 0;
      return pp + rr ? (2 * pp * rr) / (pp + rr) : 0;
    };
    const sorted = [...perPage].sort((a, b) => f(a) - f(b)).slice(0, worst);
    for (const w of sorted) {
      log(
        `  worst ${w.id.slice(0, 12)} P ${f3(w.precision ?? 0)} R ${f3(w.recall ?? 0)} (readability P ${f3(w.readabilityPrecision ?? 0)} R ${f3(w.readabilityRecall ?? 0)}) ${w.url}`,
      );
    }
  }
  report.aeb = {
    pages: pages.length,
    ours: { precision: o.precision, recall: o.recall, f1: o.f1 },
    readability: { precision: r.precision, recall: r.recall, f1: r.f1 },
    halves: aebHalves,
    time: t,
    perPage,
  };
}

const strip = flag('--strip');
if (strip && strip !== 'meta' && strip !== 'markup') {
  console.error(`--strip takes meta or markup, not ${strip}`);
  process.exit(1);
}
/** The page with its date metadata (and, for `markup`, its date markup) taken away. */
function stripDates(html: string): string {
  if (!strip) return html;
  const noMeta = html
    .replace(/<script[^>]*ld\+json[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<meta\b(?![^>]*itemprop)[^>]*(?:date|time|pub|modif|issued|created|updated)[^>]*>/gi, '');
  if (strip === 'meta') return noMeta;
  return noMeta
    .replace(/<meta\b[^>]*itemprop[^>]*>/gi, '')
    .replace(/\s(?:datetime|itemprop|data-[\w-]*(?:time|date)[\w-]*)=("[^"]*"|'[^']*')/gi, '')
    .replace(/<(\/?)time\b/gi, '<$1span');
}

if (!onlySet || onlySet === 'htmldate') {
  const pages = pick(loadHtmldate(), (p) => p.file).map((p) => ({
    ...p,
    html: stripDates(p.html),
    url: args.includes('--hide-url') ? 'https://example.com/article' : p.url,
  }));
  const [ours, theirs] = runAll(pages);
  const oursDate = (i: number): string | null => ours[i].value?.date ?? null;
  const theirDate = (i: number): string | null => theirs[i].value?.publishedTime ?? null;
  const scoreOn = (idx: number[], date: (i: number) => string | null) => htmldateScore(idx.map((i) => ({ truth: pages[i].date, predicted: date(i) })));
  const all = pages.map((_, i) => i);
  const o = scoreOn(all, oursDate);
  const r = scoreOn(all, theirDate);
  log(`htmldate (${pages.length} pages)`);
  log(`  ours         P ${f3(o.precision)}  R ${f3(o.recall)}  F ${f3(o.f)}  (TP ${o.tp} FP ${o.fp} FN ${o.fn})`);
  log(`  readability  P ${f3(r.precision)}  R ${f3(r.recall)}  F ${f3(r.f)}  (TP ${r.tp} FP ${r.fp} FN ${r.fn})`);
  const dateHalves = halves(pages.map((p) => p.file), (idx, part) => {
    const a = scoreOn(idx, oursDate);
    const b = scoreOn(idx, theirDate);
    log(`  ${partName(part)} (${idx.length})  ours F ${f3(a.f)} | readability F ${f3(b.f)}`);
    return { ours: a.f, readability: b.f };
  });
  if (worst > 0) {
    for (const i of all) {
      const day = oursDate(i)?.slice(0, 10) ?? null;
      if (day !== pages[i].date) log(`  miss ${pages[i].file}: got ${oursDate(i)} want ${pages[i].date}`);
    }
  }
  const t = timingReport(ours, theirs, pages.map((p) => p.file));
  report.htmldate = { pages: pages.length, ours: o, readability: r, halves: dateHalves, time: t };
}

if (!onlySet || onlySet === 'readability') {
  const pages = pick(loadReadability(), (p) => p.name);
  const [ours, theirs] = runAll(pages);
  const scoreOn = (idx: number[], actual: (i: number) => ReadabilityActual) =>
    readabilityScore(idx.map((i) => ({ name: pages[i].name, expected: pages[i].expected, actual: actual(i) })));
  const all = pages.map((_, i) => i);
  const oursActual = (i: number): ReadabilityActual => articleAsActual(ours[i].value);
  const theirActual = (i: number): ReadabilityActual => theirsAsActual(theirs[i].value);
  const o = scoreOn(all, oursActual);
  const r = scoreOn(all, theirActual);
  log(`readability (${pages.length} pages)`);
  for (const field of READABILITY_FIELDS) {
    const a = o[field];
    const b = r[field];
    log(
      `  ${field.padEnd(10)} ours ${a.correct}/${a.total} (${f3(a.accuracy)}) | readability ${b.correct}/${b.total} (${f3(b.accuracy)})` +
        (worst > 0 && a.misses.length ? `  misses: ${a.misses.join(', ')}` : ''),
    );
  }
  const metaHalves = halves(pages.map((p) => p.name), (idx, part) => {
    const a = scoreOn(idx, oursActual);
    const b = scoreOn(idx, theirActual);
    const row = (x: typeof a) => READABILITY_FIELDS.map((f) => `${f} ${f3(x[f].accuracy)}`).join(' ');
    log(`  ${partName(part)} (${idx.length})  ours ${row(a)}`);
    log(`  ${' '.repeat(9 + String(idx.length).length)}  readability ${row(b)}`);
    return { ours: a, readability: b };
  });
  const t = timingReport(ours, theirs, pages.map((p) => p.name));
  report.readability = { pages: pages.length, ours: o, readability: r, halves: metaHalves, time: t };
}

if ((!onlySet || onlySet === 'trafilatura') && !trafilaturaAvailable()) {
  log(`trafilatura: not found at ${corpusDir()}/trafilatura, skipped`);
} else if (!onlySet || onlySet === 'trafilatura') {
  const pages = pick(loadTrafilatura(), (p) => p.file);
  const [ours, theirs] = runAll(pages);
  const scoreOn = (idx: number[], text: (i: number) => string) =>
    trafilaturaScore(idx.map((i) => ({ with: pages[i].with, without: pages[i].without, predicted: text(i) })));
  const oursText = (i: number): string => ours[i].value?.text ?? '';
  const theirText = (i: number): string => theirs[i].value?.textContent ?? '';
  const all = pages.map((_, i) => i);
  const o = scoreOn(all, oursText);
  const r = scoreOn(all, theirText);
  const line = (x: typeof o) => `P ${f3(x.precision)}  R ${f3(x.recall)}  F ${f3(x.f)}  acc ${f3(x.accuracy)}  (TP ${x.tp} FN ${x.fn} FP ${x.fp} TN ${x.tn})`;
  log(`trafilatura (${pages.length} pages)`);
  log(`  ours         ${line(o)}`);
  log(`  readability  ${line(r)}`);
  const snippetHalves = halves(pages.map((p) => p.file), (idx, part) => {
    const a = scoreOn(idx, oursText);
    const b = scoreOn(idx, theirText);
    log(`  ${partName(part)} (${idx.length})  ours F ${f3(a.f)} (P ${f3(a.precision)} R ${f3(a.recall)}) | readability F ${f3(b.f)} (P ${f3(b.precision)} R ${f3(b.recall)})`);
    return { ours: a.f, readability: b.f };
  });
  if (worst > 0) {
    const bad = all
      .map((i) => ({ i, miss: o.pages[i].fn + o.pages[i].fp }))
      .filter((x) => x.miss > 0)
      .sort((a, b) => b.miss - a.miss)
      .slice(0, worst);
    for (const { i } of bad) {
      const pg = o.pages[i];
      const rp = r.pages[i];
      log(`  worst ${pages[i].file} FN ${pg.fn} FP ${pg.fp} (readability FN ${rp.fn} FP ${rp.fp}) len ${oursText(i).length}`);
    }
  }
  const t = timingReport(ours, theirs, pages.map((p) => p.file));
  report.trafilatura = { pages: pages.length, ours: o, readability: r, halves: snippetHalves, time: t };
}

const wceb = wcebDir();
if ((!onlySet || onlySet === 'wceb') && !wceb) {
  log('wceb: skipped (set WCEB_DIR to a checkout of WCXB or the release/ folder of WCEB, see BENCHMARKS.md)');
} else if (wceb && (!onlySet || onlySet === 'wceb')) {
  // --half narrows the run to one split (--half A while tuning); --fold belongs to the development sets.
  const pages = loadWceb(wceb).filter((p) => !onlyHalf || p.half === onlyHalf);
  // Scored as the service gives articles to readers: the headline (its truth is the page's title).
  const [ours, theirs] = runAll(pages, { headlineTitle: true });
  const oursText = (i: number): string => ours[i].value?.text ?? '';
  const theirText = (i: number): string => theirs[i].value?.textContent ?? '';
  const body = (idx: number[], text: (i: number) => string) => aebScore(idx.map((i) => ({ truth: pages[i].articleBody, predicted: text(i) })));
  const snippets = (idx: number[], text: (i: number) => string) =>
    trafilaturaScore(idx.map((i) => ({ with: pages[i].with, without: pages[i].without, predicted: text(i) })));
  // The same judgement with typography folded on both sides (testkit foldTypography): WCXB's truth
  // often has straight quotes where the page has curly ones.
  const folded = (idx: number[], text: (i: number) => string) =>
    trafilaturaScore(idx.map((i) => ({ with: pages[i].with.map(foldTypography), without: pages[i].without.map(foldTypography), predicted: foldTypography(text(i)) })));
  const words = (idx: number[], text: (i: number) => string) => wcxbWordScore(idx.map((i) => ({ truth: pages[i].articleBody, predicted: text(i) })));
  const all = pages.map((_, i) => i);
  log(`wceb (${pages.length} pages, outside set: totals only)`);
  const kinds = [...new Set(pages.map((p) => p.kind).filter((k): k is string => !!k))].sort();
  const groups: [string, number[]][] = [['all', all]];
  for (const h of ['A', 'B'] as const) {
    const inHalf = all.filter((i) => pages[i].half === h);
    groups.push([`half ${h}`, inHalf]);
    if (kinds.length) {
      groups.push([`half ${h} article`, inHalf.filter((i) => pages[i].kind === 'article')]);
      groups.push([`half ${h} not article`, inHalf.filter((i) => pages[i].kind !== 'article')]);
    }
  }
  if (kinds.length) {
    groups.push(['article', all.filter((i) => pages[i].kind === 'article')]);
    groups.push(['not article', all.filter((i) => pages[i].kind !== 'article')]);
  }
  const bodies: Record<string, unknown> = {};
  for (const [name, idx] of groups) {
    const o = body(idx, oursText);
    const r = body(idx, theirText);
    const so = snippets(idx, oursText);
    const sr = snippets(idx, theirText);
    log(`  ${name} (${idx.length})`);
    log(`    body      ours F1 ${f3(o.f1)} (P ${f3(o.precision)} R ${f3(o.recall)}) | readability F1 ${f3(r.f1)} (P ${f3(r.precision)} R ${f3(r.recall)})`);
    log(`    snippets  ours F ${f3(so.f)} (P ${f3(so.precision)} R ${f3(so.recall)}) | readability F ${f3(sr.f)} (P ${f3(sr.precision)} R ${f3(sr.recall)})`);
    const fo = folded(idx, oursText);
    const fr = folded(idx, theirText);
    log(`    snippets' ours F ${f3(fo.f)} (P ${f3(fo.precision)} R ${f3(fo.recall)}) | readability F ${f3(fr.f)} (P ${f3(fr.precision)} R ${f3(fr.recall)})  (typography folded)`);
    const wo = words(idx, oursText);
    const wr = words(idx, theirText);
    log(`    words     ours F1 ${f3(wo.f1)} (P ${f3(wo.precision)} R ${f3(wo.recall)}) | readability F1 ${f3(wr.f1)} (P ${f3(wr.precision)} R ${f3(wr.recall)})`);
    bodies[name] = { pages: idx.length, body: { ours: o.f1, readability: r.f1 }, snippets: { ours: so.f, readability: sr.f }, snippetsFolded: { ours: fo.f, readability: fr.f }, words: { ours: wo.f1, readability: wr.f1 } };
  }
  // WCXB's own table: its word F1 by page kind, per half.
  if (kinds.length) {
    log(`  words F1 by kind (WCXB's metric)   ${kinds.map((k) => k.slice(0, 7).padStart(7)).join(' ')}`);
    for (const h of ['A', 'B'] as const) {
      const inHalf = all.filter((i) => pages[i].half === h);
      for (const [who, text] of [['ours', oursText], ['readability', theirText]] as const) {
        const row = kinds.map((k) => f3(words(inHalf.filter((i) => pages[i].kind === k), text).f1).padStart(7));
        log(`    half ${h} ${who.padEnd(24)} ${row.join(' ')}`);
      }
    }
  }
  // Metadata, over pages whose truth has the field: title and author exact (whitespace collapsed,
  // case kept), date by calendar day.
  const field = (want: (i: number) => string | null, got: (i: number) => string | null | undefined) => {
    const score = (of: number[]) => {
      const idx = of.filter((i) => want(i));
      const correct = idx.filter((i) => collapseWs(got(i)) === collapseWs(want(i))).length;
      return { correct, total: idx.length, accuracy: idx.length ? correct / idx.length : 0 };
    };
    const byHalf = (h: Half) => score(all.filter((i) => pages[i].half === h));
    const misses = all.filter((i) => pages[i].half === 'A' && want(i) && collapseWs(got(i)) !== collapseWs(want(i)));
    return { ...score(all), A: byHalf('A'), B: byHalf('B'), misses: misses.map((i) => ({ id: pages[i].id, want: want(i), got: got(i) ?? null })) };
  };
  const day = (s: string | null | undefined): string | null => (s ? (calendarDay(s) ?? null) : null);
  const meta = {
    title: [field((i) => pages[i].title, (i) => ours[i].value?.title), field((i) => pages[i].title, (i) => theirs[i].value?.title)],
    author: [field((i) => pages[i].author, (i) => ours[i].value?.author), field((i) => pages[i].author, (i) => theirs[i].value?.byline)],
    // What feeds carry: the item's `authors`, cleaned of labels and dates, joined as the truth writes a list.
    authors: [
      field((i) => pages[i].author, (i) => ours[i].value?.authors?.join(', ')),
      field((i) => pages[i].author, (i) => theirs[i].value?.byline),
    ],
    date: [
      field((i) => pages[i].date, (i) => day(ours[i].value?.date)),
      field((i) => pages[i].date, (i) => day(theirs[i].value?.publishedTime)),
    ],
  };
  for (const [name, [o, r]] of Object.entries(meta)) {
    log(
      `  ${name.padEnd(8)} ours ${o.correct}/${o.total} (${f3(o.accuracy)}; A ${f3(o.A.accuracy)} B ${f3(o.B.accuracy)}) | ` +
        `readability ${r.correct}/${r.total} (${f3(r.accuracy)}; A ${f3(r.A.accuracy)} B ${f3(r.B.accuracy)})`,
    );
    if (worst > 0) for (const m of o.misses.slice(0, worst)) log(`    miss ${m.id}: got ${JSON.stringify(m.got)} want ${JSON.stringify(m.want)}`);
  }
  if (worst > 0) {
    // Half A only: half B stays unlooked-at, so its totals keep telling whether a change generalizes.
    const f = (x: { precision: number | null; recall: number | null }) => {
      const pp = x.precision ?? 0;
      const rr = x.recall ?? 0;
      return pp + rr ? (2 * pp * rr) / (pp + rr) : 0;
    };
    const a = all.filter((i) => pages[i].half === 'A');
    const o = body(a, oursText);
    const r = body(a, theirText);
    const so = snippets(a, oursText);
    const rows = a.map((i, k) => ({ i, k, f: f(o.pages[k]), rf: f(r.pages[k]) })).sort((x, y) => x.f - y.f).slice(0, worst);
    for (const { i, k, f: fo, rf } of rows) {
      log(
        `  worst ${pages[i].id} [${pages[i].kind ?? '?'}] F1 ${f3(fo)} P ${f3(o.pages[k].precision ?? 0)} R ${f3(o.pages[k].recall ?? 0)} ` +
          `snippets FN ${so.pages[k].fn} FP ${so.pages[k].fp} (readability F1 ${f3(rf)}) ${pages[i].url}`,
      );
    }
  }
  const t = timingReport(ours, theirs, pages.map((p) => p.id));
  report.wceb = { pages: pages.length, groups: bodies, meta, time: t };
}

if (asJson) console.log(JSON.stringify(report, null, 2));

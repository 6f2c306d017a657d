/**
 * `npx tsx bench/site-rules-library.ts DIR` (or FTR_SITE_CONFIG=DIR): how much of a rule library
 * (a checkout of fivefilters/ftr-site-config) feedwright reads. Every `<host>.txt` is parsed as
 * the pipeline parses it; every XPath expression is evaluated once on a small page (an
 * expression that throws there throws on every page). Prints the files read, the lines skipped
 * (problems) and directives not applied (notes) by kind, and the expressions that fail, grouped by
 * the evaluator's message. Nothing is fetched: `test_url` pages are not read.
 *
 * `--pages N`: also evaluates every distinct expression on the first N pages of the aeb and
 * htmldate corpus sets (CORPUS_DIR) twice, as `evaluateXPath` reads it (simple expressions by
 * xpath-simple.ts) and parenthesized, which only the `xpath` package reads, and prints how many
 * results differ and the time of each way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSiteConfig, type SiteRules } from '../src/config/site-config.ts';
import { parseHtml } from '../src/html/parse.ts';
import { evaluateXPath } from '../src/html/xpath.ts';
import { selectSimple } from '../src/html/xpath-simple.ts';
import { loadAeb, loadHtmldate } from '../testkit/corpus.ts';

const dir = process.argv[2] ?? process.env.FTR_SITE_CONFIG;
if (!dir) {
  console.error('usage: npx tsx bench/site-rules-library.ts DIR  (a checkout of fivefilters/ftr-site-config)');
  process.exit(2);
}

// Rule files are named for hosts (`example.com.txt`, `.example.com.txt`) or global.txt.
const files = readdirSync(dir).filter((f) => f.endsWith('.txt') && (f === 'global.txt' || /\.[a-z0-9-]+\.txt$/i.test(f))).sort();
// A page with one of each common element (attributes set): a predicate is evaluated, and can
// fail, only on elements its step selects.
const TAGS = [
  'div', 'span', 'p', 'a', 'article', 'section', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4',
  'ul', 'ol', 'li', 'img', 'figure', 'figcaption', 'picture', 'source', 'time', 'table', 'tr', 'td', 'iframe', 'form',
  'button', 'blockquote', 'strong', 'em', 'b', 'i', 'small', 'br', 'hr', 'noscript', 'svg', 'video', 'label', 'dl', 'dd',
];
const attrs = 'class="a b" id="c" href="/n" src="/i.jpg" rel="next" itemprop="x" data-x="1" title="t" content="c" property="p" name="n"';
const probe = parseHtml(`<html lang="en"><head><title>t</title><meta ${attrs}><link ${attrs}><script ${attrs}>x</script></head>` +
  `<body ${attrs}>${TAGS.map((t) => `<${t} ${attrs}>text <${t} ${attrs}>inner</${t}></${t}>`).join('')}</body></html>`);

const tally = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const kindOf = (line: string) => line.replace(/^[^:]*:\d+: |^\d+: /, '').replace(/\(.*?\)/, '(…)').replace(/, got .*$/, '').replace(/ [a-z_]+ is not supported/, ' … is not supported');
const notes = new Map<string, number>();
const problems = new Map<string, number>();
const problemFiles: string[] = [];
const failures = new Map<string, string[]>();
const errors: string[] = [];
let expressions = 0;
const distinct = new Set<string>();
let read = 0;

const EXPRESSION_LISTS: [keyof SiteRules, string][] = [
  ['body', 'body'], ['title', 'title'], ['author', 'author'], ['date', 'date'], ['strip', 'strip'],
  ['nextPageLink', 'next_page_link'], ['singlePageLink', 'single_page_link'], ['dissolve', 'dissolve'], ['nativeAdClue', 'native_ad_clue'],
];

for (const f of files) {
  let rules: SiteRules;
  try {
    rules = parseSiteConfig(readFileSync(join(dir, f), 'utf8'), f);
    read++;
  } catch (err) {
    errors.push((err as Error).message);
    continue;
  }
  for (const n of rules.notes) tally(notes, n.replace(/^\d+: /, '').replace(/\(.*?\)/, '(…)'));
  for (const p of rules.problems) tally(problems, kindOf(p));
  if (rules.problems.length) problemFiles.push(...rules.problems);
  const all: [string, string][] = EXPRESSION_LISTS.flatMap(([list, name]) => (rules[list] as string[]).map((e): [string, string] => [name, e]));
  all.push(...rules.wrapIn.map(({ tag, expression }): [string, string] => [`wrap_in(${tag})`, expression]));
  for (const list of ['singlePageLink', 'nextPageLink'] as const) {
    all.push(...Object.values(rules.linkConditions[list]).map((e): [string, string] => ['if_page_contains', e]));
  }
  for (const [name, e] of all) {
    expressions++;
    distinct.add(e);
    try {
      evaluateXPath(e, probe);
    } catch (err) {
      const message = (err as Error).message.split('\n')[0].slice(0, 70);
      failures.set(message, [...(failures.get(message) ?? []), `${f}: ${name}: ${e}`]);
    }
  }
}

const failed = [...failures.values()].reduce((n, l) => n + l.length, 0);
console.log(`rule files: ${files.length}, read: ${read}, unreadable: ${errors.length}`);
for (const e of errors) console.log(`  unreadable: ${e}`);
console.log(`XPath expressions: ${expressions}, evaluated: ${expressions - failed}, failing: ${failed}`);
for (const [message, list] of [...failures].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${list.length} × ${message}`);
  for (const x of list.slice(0, 4)) console.log(`      ${x.slice(0, 150)}`);
}
console.log(`lines skipped (problems): ${problemFiles.length}`);
for (const p of problemFiles) console.log(`  ${p.slice(0, 160)}`);
console.log('directives not applied (notes), by directive:');
for (const [k, n] of [...notes].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${k}`);

const pagesArg = process.argv.indexOf('--pages');
if (pagesArg > 0) {
  const n = Number(process.argv[pagesArg + 1] ?? 6);
  const docs = [...loadHtmldate().slice(0, n), ...loadAeb().slice(0, n)].map((p) => parseHtml(p.html));
  const list = [...distinct];
  const simple = list.filter((e) => selectSimple(e, probe) !== null).length;
  const outcome = (f: () => unknown): string => {
    try {
      return JSON.stringify(f(), (k, v) => (k === 'nodes' ? (v as unknown[]).length : k === 'element' ? undefined : v));
    } catch (err) {
      return `error: ${(err as Error).message}`;
    }
  };
  let differ = 0;
  let failedOneWay = 0;
  let fastMs = 0;
  let packageMs = 0;
  for (const doc of docs) {
    for (const e of list) {
      let t = performance.now();
      const a = outcome(() => evaluateXPath(e, doc));
      fastMs += performance.now() - t;
      t = performance.now();
      const b = outcome(() => evaluateXPath(`(${e})`, doc));
      packageMs += performance.now() - t;
      if (a.startsWith('error') !== b.startsWith('error')) failedOneWay++;
      else if (a !== b && !a.startsWith('error')) differ++;
    }
  }
  console.log(`distinct expressions: ${list.length}, read without the xpath package: ${simple}`);
  console.log(`on ${docs.length} corpus pages: ${list.length * docs.length} evaluations, results that differ: ${differ}, failing one way only: ${failedOneWay}`);
  console.log(`time: evaluateXPath ${(fastMs / 1000).toFixed(1)} s, the package alone ${(packageMs / 1000).toFixed(1)} s (${(fastMs / packageMs).toFixed(2)} ×)`);
}

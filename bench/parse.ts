/**
 * `npm run bench:parse [-- --repeat N]`
 *
 * HTML parsing over the corpus pages: htmlparser2 with its own tokenizer (what cheerio does by
 * default) against the skipping tokenizer of src/html/parse.ts, and against `parseHtml` (that
 * tokenizer and the name-interning parser: what the extractor uses), interleaved per page, each page
 * timed as the fastest of `repeat` runs (default 7). linkedom's parse (what Readability's side of
 * bench:extract pays) is shown for reference.
 */
import { parseDocument, Parser, Tokenizer } from 'htmlparser2';
import { requireTool } from './tooling.ts';
import { parseHtml, parserClass, tokenizer } from '../src/html/parse.ts';
import { corpusAvailable, corpusDir, loadAeb, loadHtmldate, loadReadability } from '../testkit/corpus.ts';
import { median, quantile } from '../testkit/stats.ts';

const { parseHTML } = requireTool('linkedom') as typeof import('linkedom');

if (!corpusAvailable()) {
  console.error(`corpus not found at ${corpusDir()} (set CORPUS_DIR)`);
  process.exit(1);
}

const args = process.argv.slice(2);
const i = args.indexOf('--repeat');
const repeat = Math.max(1, Number(i >= 0 ? args[i + 1] : 7));

const skipping = tokenizer();
if (skipping === Tokenizer) console.warn('note: the skipping tokenizer failed its self-check; both rows use the stock one');
if (parserClass() === Parser) console.warn('note: the name-interning parser failed its self-check; parseHtml uses the stock one');

const variants: [name: string, parse: (html: string) => unknown][] = [
  ['htmlparser2, stock tokenizer', (html) => parseDocument(html)],
  ['htmlparser2, skipping tokenizer', (html) => parseDocument(html, { Tokenizer: skipping })],
  ['parseHtml (+ interned names)', (html) => parseHtml(html)],
  ['linkedom (reference)', (html) => parseHTML(html)],
];

const pages = [...loadAeb(), ...loadHtmldate(), ...loadReadability()].map((p) => p.html);
const times = variants.map(() => [] as number[]);

for (const html of pages.slice(0, 20)) for (const [, parse] of variants) parse(html); // warm-up
for (const html of pages) {
  const best = variants.map(() => Infinity);
  for (let r = 0; r < repeat; r++) {
    variants.forEach(([, parse], v) => {
      const t0 = performance.now();
      parse(html);
      best[v] = Math.min(best[v], performance.now() - t0);
    });
  }
  best.forEach((ms, v) => times[v].push(ms));
}

const base = median(times[0]);
console.log(`${pages.length} pages, fastest of ${repeat} runs per page`);
variants.forEach(([name], v) => {
  const m = median(times[v]);
  console.log(
    `  ${name.padEnd(32)} median ${m.toFixed(3)} ms  p95 ${quantile(times[v], 0.95).toFixed(3)} ms  (${(m / base).toFixed(2)} × stock)`,
  );
});

// Broken pages: tens of thousands of unclosed tags (a template's `<li><ul>` or `<font>` never
// closed). Stock htmlparser2 keeps every one open and pays for each tag as many steps as are open;
// parseHtml keeps at most 4 × DEFAULTS.maxNestingDepth open (parse-names.ts).
const broken: [name: string, html: string][] = [
  ['20,000 × <li><ul> (320 kB)', `<body><ul>${'<li><ul>'.repeat(20000)}</body>`],
  ['40,000 × <font> (520 kB)', `<body>${'<font size=2>x '.repeat(40000)}</body>`],
];
console.log('broken pages, one run each');
for (const [name, html] of broken) {
  const ms = (parse: (html: string) => unknown): string => {
    const t0 = performance.now();
    parse(html);
    return (performance.now() - t0).toFixed(0);
  };
  console.log(`  ${name.padEnd(30)} parseHtml ${ms(parseHtml)} ms  htmlparser2 (reference) ${ms((h) => parseDocument(h))} ms`);
}

/**
 * What a site rule file costs: extracting a page under its rules (applySiteRules, then
 * extractArticle with the rule's body as content) against automatic extraction of the same page,
 * in the same run, interleaved, fastest of RUNS per page. Pages: the bundled demo site under
 * data/site-config/demo.txt and the site-rules test fixtures under their rule file.
 * `npx tsx bench/site-rules.ts`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parseSiteConfig, type SiteRules } from '../src/config/site-config.ts';
import { extractArticle } from '../src/extract/index.ts';
import { applySiteRules, RULE_BODY_ATTRIBUTE } from '../src/extract/site-rules.ts';
import { machine } from './lib.ts';

const RUNS = 25;
const root = new URL('../', import.meta.url);
const rulesOf = (path: string, name: string) => parseSiteConfig(readFileSync(new URL(path, root), 'utf8'), name);
const pagesIn = (dir: string, rules: SiteRules, skip: RegExp) => readdirSync(new URL(dir, root))
  .filter((f) => f.endsWith('.html') && !skip.test(f))
  .map((f) => ({ name: f, html: readFileSync(new URL(`${dir}${f}`, root), 'utf8'), url: `https://site.example/${f}`, rules }));
const pages = [
  ...pagesIn('data/demo/', rulesOf('data/site-config/demo.txt', 'demo.txt'), /^index\.html$/),
  ...pagesIn('test/fixtures/site-rules/site/', rulesOf('test/fixtures/site-rules/rules/fixture.txt', 'fixture.txt'), /^index\.html$/),
];

const automatic = (p: (typeof pages)[number]) => extractArticle(p.html, p.url, {});
const ruled = (prune: boolean) => (p: (typeof pages)[number]) => {
  const r = applySiteRules(p.html, p.url, p.rules);
  return extractArticle(r.html, p.url, r.body ? { selectors: { content: `[${RULE_BODY_ATTRIBUTE}]` }, pruneContent: prune } : {});
};
const cases = [['automatic (reference)', automatic], ['rules, prune: yes', ruled(true)], ['rules, prune: no', ruled(false)]] as const;

const time = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};
const best = cases.map(() => pages.map(() => Infinity));
for (let run = 0; run < RUNS; run++) {
  for (const [pi, page] of pages.entries()) {
    for (const [ci, [, fn]] of cases.entries()) best[ci][pi] = Math.min(best[ci][pi], time(() => fn(page)));
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
console.log(`${machine()}\nfastest of ${RUNS} interleaved runs per page, ${pages.length} pages\n`);
for (const [ci, [name]] of cases.entries()) {
  const ratios = pages.map((_, pi) => best[ci][pi] / best[0][pi]);
  console.log(`  ${name.padEnd(24)} median ${median(best[ci]).toFixed(3)} ms  total ${sum(best[ci]).toFixed(2)} ms  ` +
    `(median ${median(ratios).toFixed(2)} × reference per page)`);
}

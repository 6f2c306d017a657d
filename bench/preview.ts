/**
 * `npx tsx bench/preview.ts [-- --repeat N]`
 *
 * What a preview adds to reading a listing page: `linkGroups` (every candidate group with the
 * list selectors that reproduce it, each checked by running it) against `explainLinks` (the same
 * detection, groups only) as the reference, on synthetic listings of growing size (a mega menu, a
 * story grid, sidebars), interleaved, each timed as the fastest of `repeat` runs (default 7).
 */
import { linkGroups } from '../src/list/groups.ts';
import { explainLinks } from '../src/list/index.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--repeat');
const repeat = Math.max(1, Number(at >= 0 ? args[at + 1] : 7));

function listing(cards: number): string {
  const menu = Array.from({ length: 12 }, (_, c) => `<li class="mega__item"><div class="mega__panel"><ul>${
    Array.from({ length: 25 }, (_, i) => `<li><a href="/section-${c}/page-${i}">Section ${c} page ${i}</a></li>`).join('')}</ul></div></li>`).join('');
  const grid = Array.from({ length: cards }, (_, i) =>
    `<article class="card card--${i % 3}"><a class="card__img" href="/news/2026/05/story-${i}"><img src="/i/${i}.jpg" alt=""></a>` +
    `<div class="card__body"><a class="card__kicker" href="/topics/t${i % 7}">Topic</a><h2 class="card__title"><a href="/news/2026/05/story-${i}">Story ${i} about the harbour and the new ferry berths</a></h2>` +
    `<time datetime="2026-05-01T10:00:00Z">1 May</time><p>Teaser text for story ${i}, with a few more words.</p></div></article>`).join('');
  const sidebar = Array.from({ length: 10 }, (_, i) => `<li><a href="/news/2026/04/popular-${i}">Popular story ${i}</a></li>`).join('');
  return `<html><body class="page"><header><nav class="mega"><ul class="mega__top">${menu}</ul></nav></header>` +
    `<main><section class="grid">${grid}</section></main><aside><ol class="popular">${sidebar}</ol></aside>` +
    `<footer><ul class="menu"><li><a href="/contact">Contact</a></li><li><a href="/about">About</a></li></ul></footer></body></html>`;
}

const variants: [string, (html: string, url: string) => unknown][] = [
  ['explainLinks (reference)', explainLinks],
  ['linkGroups', (html, url) => linkGroups(html, url)],
];

console.log(`fastest of ${repeat} interleaved runs per page\n`);
for (const cards of [20, 200, 1000]) {
  const html = listing(cards);
  const url = 'https://example.com/';
  for (const [, fn] of variants) fn(html, url); // warm-up
  const best = variants.map(() => Infinity);
  for (let r = 0; r < repeat; r++) {
    for (const [v, [, fn]] of variants.entries()) {
      const t = performance.now();
      fn(html, url);
      best[v] = Math.min(best[v], performance.now() - t);
    }
  }
  const groups = linkGroups(html, url);
  console.log(`${cards} cards, ${Math.round(html.length / 1024)} KiB, ${groups.length} groups (${groups.filter((g) => g.exact).length} exact):`);
  for (const [v, [name]] of variants.entries()) {
    console.log(`  ${name.padEnd(26)} ${best[v].toFixed(2).padStart(8)} ms  (${(best[v] / best[0]).toFixed(2)} × reference)`);
  }
}

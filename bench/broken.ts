/**
 * `npm run bench:broken`
 *
 * Extraction of broken or hostile pages, each under the 5 MiB a fetch reads: tens of thousands of
 * unclosed tags, of siblings the cleaner removes, or of items in one list. Such a page
 * must cost about what its size says, not the square of its tag count: one stuck extraction holds
 * up every feed of a Node process, and a Worker's CPU limit ends it. Readability.js 0.6 (over
 * linkedom) on the same pages in the same run is the reference. One run each: the point is the
 * order of magnitude.
 *
 * Then site rule edits (ftr-site-config directives) selecting 20,000 siblings: each edit, at
 * 5,000 and 20,000 siblings, against the same page read with the rule file's `body:` alone
 * (parse, XPath, serialization: the floor no edit can go below).
 *
 * Then XPath expressions of the kinds rule files write that only the `xpath` package evaluates
 * (positions, axes, functions), on 2,000 and 8,000 siblings, against `//span` on the same page
 * (read without the package, xpath-simple.ts).
 *
 * Last, response bodies of 256 KiB of one unclosed token, through the fetcher's wall check and the
 * preview's type check: each must read its input about once.
 */
import { requireTool } from './tooling.ts';
import { extractArticle } from '../src/extract/index.ts';
import { applySiteRules } from '../src/extract/site-rules.ts';
import { parseSiteConfig } from '../src/config/site-config.ts';
import { evaluateXPath } from '../src/html/xpath.ts';
import { parseHtml } from '../src/html/parse.ts';
import { detectErrorPageWall } from '../src/fetch/challenge.ts';
import { detectType } from '../src/pipeline/preview/page.ts';

const { Readability } = requireTool('@mozilla/readability') as typeof import('@mozilla/readability');
const { parseHTML } = requireTool('linkedom') as typeof import('linkedom');

const prose = 'Text of the article goes here, one sentence after another. '.repeat(20);
const pages: [name: string, html: string][] = [
  ['40,000 unclosed <div>', `<html><body>${'<div>'.repeat(40000)}<p>${prose}</p></body></html>`],
  ['40,000 × <li><ul>, unclosed', `<html><body><ul>${'<li><ul>'.repeat(40000)}</body></html>`],
  ['40,000 unclosed <font>', `<html><body><article>${'<font size=2>x '.repeat(40000)}</article></body></html>`],
  ['40,000 empty <div></div>', `<html><body>${'<div></div>'.repeat(40000)}<p>${prose}</p></body></html>`],
  ['40,000 × the same <p>', `<html><body><div>${'<p>Some words of text here, again.</p>'.repeat(40000)}</div></body></html>`],
  ['40,000 inline <script>s', `<html><body>${'<script>var a = "2020-01-01T10:00:00+02:00";</script>\n'.repeat(40000)}<p>${prose}</p></body></html>`],
  ['40,000 date <span>s', `<html><body>${'<span class="date">March 3, 2021</span>'.repeat(40000)}<p>${prose}</p></body></html>`],
  ['40,000 author <span>s', `<html><body>${'<span class="author">By Jane</span>'.repeat(40000)}<p>${prose}</p></body></html>`],
  ['150,000 tags after </body>', `<html><body><p>${prose}</p></body></html>${'<b>x</b>'.repeat(150000)}`],
  ['20,000 × <span class="ad"><i>', `<html><body><article><p>${prose}</p><div>${'<span class="ad">x</span><i>y</i>'.repeat(20000)}</div></article></body></html>`],
  ['20,000 byline <span>s in a row', `<html><body><article><p>${prose}</p><div>${'<span class="byline">By Jane Doe</span> '.repeat(20000)}</div></article></body></html>`],
  ['40,000 <div class="comment">', `<html><body><article><p>${prose}</p><div>${'<div class="comment">c</div>'.repeat(40000)}</div></article></body></html>`],
  ['JSON-LD of 100,000 authors', `<html><head><script type="application/ld+json">{"@type":"NewsArticle","author":[${Array(100000).fill('{"name":"A B"}').join(',')}]}</script></head><body><p>${prose}</p></body></html>`],
  ['JSON-LD body of 200,000 "<p"', `<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"${'<p'.repeat(200000)}"}</script></head><body><p>x</p></body></html>`],
];

const time = (fn: () => unknown): string => {
  const t0 = performance.now();
  try {
    fn();
  } catch (e) {
    const ms = (performance.now() - t0).toFixed(0);
    if (e instanceof RangeError) return 'threw (stack overflow)';
    return /stopped after/.test(String(e)) ? `stopped, ${ms} ms` : `threw (${String(e).slice(0, 40)})`;
  }
  return `${(performance.now() - t0).toFixed(0)} ms`.padStart(9);
};

extractArticle(`<html><body><p>${prose}</p></body></html>`, 'https://example.com/a'); // warm-up
console.log('page                              size     ours  readability');
for (const [name, html] of pages) {
  const ours = time(() => extractArticle(html, 'https://example.com/a'));
  const theirs = time(() => new Readability(parseHTML(html).document).parse());
  console.log(`${name.padEnd(30)} ${`${Math.round(html.length / 1024)} kB`.padStart(8)} ${ours} ${theirs}`);
}

const edits: [rule: string, unit: string][] = [
  ['strip: //span', '<span>x</span><p>y</p>'],
  ['strip_id_or_class: ad', '<span class="ad">x</span><p>y</p>'],
  ['strip_image_src: ad.gif', '<img src="ad.gif"><p>y</p>'],
  ['wrap_in(div): //span', '<span>x</span><p>y</p>'],
  ['dissolve: //span', '<span>x <b>y</b></span><p>y</p>'],
  ['convert_double_br_tags: yes', 'text<br><br>'],
];
const ruled = (n: number, unit: string, rule: string): string =>
  time(() => applySiteRules(`<html><body><div id="main">${unit.repeat(n)}</div><p>${prose}</p></body></html>`, 'https://example.com/a', parseSiteConfig(`body: //div[@id="main"]\n${rule}`, 'example.com.txt')));
console.log('\nsite rule edit                 5,000 sib. 20,000 sib.  body: alone');
for (const [rule, unit] of edits) {
  console.log(`${rule.padEnd(30)} ${ruled(5000, unit, rule)}   ${ruled(20000, unit, rule)}   ${ruled(20000, unit, '')}`);
}

const expressions = [
  '//span[1]',
  '(//span)[last()]',
  '//span[position() > 1]',
  "//span[text()='x']",
  '//span[not(./parent::figcaption)]',
  "//*[contains(concat(' ', normalize-space(@class), ' '), ' ad ')]",
  '//span/following-sibling::text()[1]',
  '//p[following-sibling::span]',
];
const siblings = (n: number) => parseHtml(`<html><body><div id="main">${'<span class="ad">x</span><p>y</p>'.repeat(n)}</div></body></html>`);
const [small, large] = [siblings(2000), siblings(8000)];
console.log('\nXPath expression                         2,000 sib.  8,000 sib.  //span, 8,000');
for (const e of expressions) {
  console.log(`${e.padEnd(40)} ${time(() => evaluateXPath(e, small))} ${time(() => evaluateXPath(e, large))} ${time(() => evaluateXPath('//span', large))}`);
}

// Bodies that no fetch should stall on: wall detection reads the first 256 KiB of every response,
// and a preview reads the head of the page to tell a feed from a page.
const hostile = ['<', '<script', '<!--', '<title', '<svg ', '<iframe src=', 'class="', '<!--cf-wrapper-->', '<!--var dd={-->'];
console.log('\nresponse body, 256 KiB of          wall check  preview type');
for (const unit of hostile) {
  const body = unit.repeat(Math.ceil((256 * 1024) / unit.length));
  const res = { url: 'https://example.com/', status: 200, notModified: false, text: body, contentType: null, etag: null, lastModified: null };
  console.log(`${JSON.stringify(unit).padEnd(34)} ${time(() => detectErrorPageWall({ status: 403, body }))} ${time(() => detectType(res))}`);
}
const prolog = (n: number) => ({ url: 'https://example.com/', status: 200, notModified: false, text: `${'<!--a-->'.repeat(n)}text`, contentType: null, etag: null, lastModified: null });
console.log(`${'30 / 500 comments, no root'.padEnd(34)} ${time(() => detectType(prolog(30)))} ${time(() => detectType(prolog(500)))}`);

/**
 * The extraction corpus (../shared/corpus, or env CORPUS_DIR) and its three metrics, implemented
 * exactly as the corpus README states. Used by bench/extract.ts, bench/parse.ts and the corpus tests.
 *
 * - aeb: 4-token shingle precision/recall/F1 of the article body.
 * - readability: exact-match accuracy per metadata field (whitespace collapsed; date by calendar day).
 * - htmldate: publication day; F = 2TP / (2TP + FP + FN).
 * - trafilatura: snippet judgements; P, R, F over all `with` / `without` snippets.
 *
 * `corpusHalf` splits any set into two stable halves (by a hash of the page's name), for tuning on
 * one and measuring on the other.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { codecForLabel } from '../src/fetch/encoding-labels.ts';
import type { ExtractedArticle } from '../src/model.ts';

// ---------------------------------------------------------------------------------------------
// Location and decoding

/** The corpus directory: env CORPUS_DIR, else ../shared/corpus next to the repository. */
export function corpusDir(): string {
  const fromEnv = process.env.CORPUS_DIR;
  if (fromEnv) return fromEnv;
  return fileURLToPath(new URL('../../shared/corpus', import.meta.url));
}

/** True when the corpus is present (a user's clone usually lacks it). */
export function corpusAvailable(dir: string = corpusDir()): boolean {
  return existsSync(join(dir, 'aeb', 'ground-truth.json'));
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** Find the charset a page declares: BOM first, then `<meta charset>` / http-equiv in its head. */
export function sniffCharset(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Meta tags are ASCII; latin1 maps bytes 1:1 so offsets and ASCII survive any real encoding.
  const head = iconv.decode(Buffer.from(bytes.subarray(0, 16384)), 'latin1');
  const m = META_CHARSET.exec(head);
  if (m) {
    const label = m[1].toLowerCase();
    // Browsers treat a declared UTF-16 in a byte-oriented document as UTF-8 (HTML spec).
    if (label.startsWith('utf-16')) return 'utf-8';
    // Labels mean what they mean to browsers (and to the service's fetcher): `iso-8859-1` is
    // windows-1252, `shift_jis` is cp932, … (WHATWG Encoding Standard).
    const codec = codecForLabel(label);
    if (iconv.encodingExists(codec)) return codec;
  }
  return 'utf-8';
}

/** Decode a page's bytes by its own charset (BOM, then meta), stripping any BOM. */
export function decodeHtml(bytes: Uint8Array): string {
  const charset = sniffCharset(bytes);
  // iconv-lite strips the BOM by default.
  return iconv.decode(Buffer.from(bytes), charset);
}

/** Read and decode a gzipped HTML file. */
export function readHtmlGz(path: string): string {
  return decodeHtml(gunzipSync(readFileSync(path)));
}

// ---------------------------------------------------------------------------------------------
// Sets

export interface AebPage {
  id: string;
  url: string;
  html: string;
  /** Ground-truth plain text of the article body. */
  articleBody: string;
}

export interface ReadabilityExpected {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
  dir: string | null;
}

export interface ReadabilityPage {
  name: string;
  /** The test pages have no real URL; Readability's own tests use this one. */
  url: string;
  html: string;
  expected: ReadabilityExpected;
}

export interface HtmldatePage {
  url: string;
  file: string;
  html: string;
  /** YYYY-MM-DD */
  date: string;
}

export function loadAeb(dir: string = corpusDir()): AebPage[] {
  const base = join(dir, 'aeb');
  const truth = JSON.parse(readFileSync(join(base, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string; articleBody: string }
  >;
  return Object.keys(truth)
    .sort()
    .map((id) => ({
      id,
      url: truth[id].url,
      articleBody: truth[id].articleBody,
      html: readHtmlGz(join(base, 'html', `${id}.html.gz`)),
    }));
}

export function loadReadability(dir: string = corpusDir()): ReadabilityPage[] {
  const base = join(dir, 'readability');
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(base, e.name, 'source.html.gz')))
    .map((e) => e.name)
    .sort()
    .map((name) => ({
      name,
      url: 'http://fakehost/test/page.html',
      html: readHtmlGz(join(base, name, 'source.html.gz')),
      expected: JSON.parse(readFileSync(join(base, name, 'expected-metadata.json'), 'utf8')) as ReadabilityExpected,
    }));
}

export function loadHtmldate(dir: string = corpusDir()): HtmldatePage[] {
  const base = join(dir, 'htmldate');
  const truth = JSON.parse(readFileSync(join(base, 'truth.json'), 'utf8')) as Record<string, { file: string; date: string }>;
  return Object.keys(truth)
    .sort()
    .map((url) => ({
      url,
      file: truth[url].file,
      date: truth[url].date,
      html: readHtmlGz(join(base, 'html', truth[url].file)),
    }));
}

export interface TrafilaturaPage {
  url: string;
  file: string;
  html: string;
  /** Snippets of the main text a good extraction contains. */
  with: string[];
  /** Snippets of boilerplate it must not contain. */
  without: string[];
}

export function loadTrafilatura(dir: string = corpusDir()): TrafilaturaPage[] {
  const base = join(dir, 'trafilatura');
  const truth = JSON.parse(readFileSync(join(base, 'truth.json'), 'utf8')) as Record<
    string,
    { file: string; with?: string[]; without?: string[] }
  >;
  return Object.keys(truth)
    .sort()
    .map((url) => ({
      url,
      file: truth[url].file,
      with: truth[url].with ?? [],
      without: truth[url].without ?? [],
      html: readHtmlGz(join(base, 'html', truth[url].file)),
    }));
}

/** True when the trafilatura set is present (it came after the other three). */
export function trafilaturaAvailable(dir: string = corpusDir()): boolean {
  return existsSync(join(dir, 'trafilatura', 'truth.json'));
}

// ---------------------------------------------------------------------------------------------
// An outside set, never tuned on

/**
 * An outside set named by env WCEB_DIR, in either of its published layouts:
 * - the release folder of Murrough-Foley/web-content-extraction-benchmark (WCEB, 1,000 pages of
 *   2025–26: `html/<id>.html.gz` and `ground-truth.json`); its halves are testkit `corpusHalf`;
 * - a checkout of its successor WCXB (2,008 pages, CC-BY-4.0: `dev/` and `test/`, each with
 *   `html/<id>.html.gz` and `ground-truth/<id>.json`); its development split is half A and its
 *   held-out test split half B.
 * It is not part of ../shared and nobody here tunes on half B: the bench reports only its
 * totals, so it stays a fair check of whether a change generalizes.
 */
export function wcebDir(): string | undefined {
  return process.env.WCEB_DIR || undefined;
}

export interface WcebPage {
  id: string;
  url: string;
  html: string;
  /** The article text (scored with the aeb metric). */
  articleBody: string;
  with: string[];
  without: string[];
  title: string | null;
  author: string | null;
  /** YYYY-MM-DD, or null when the page has none. */
  date: string | null;
  /** article, listing, forum, product, … when the truth file says so. */
  kind: string | null;
  /** A: development pages; B: pages nobody looks into one by one. */
  half: Half;
}

/** One page's truth in WCXB's per-page files (schema 2.0). */
interface WcxbTruth {
  url?: string;
  page_type?: string;
  _internal?: { page_type?: { primary?: string } };
  ground_truth?: { title?: string | null; author?: string | null; publish_date?: string | null; main_content?: string; with?: string[]; without?: string[] };
}

function loadWcxb(dir: string): WcebPage[] {
  return (['dev', 'test'] as const).flatMap((split) => {
    const truthDir = join(dir, split, 'ground-truth');
    if (!existsSync(truthDir)) return [];
    return readdirSync(truthDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => f.slice(0, -'.json'.length))
      .filter((id) => existsSync(join(dir, split, 'html', `${id}.html.gz`)))
      .map((id): WcebPage => {
        const t = JSON.parse(readFileSync(join(truthDir, `${id}.json`), 'utf8')) as WcxbTruth;
        const g = t.ground_truth ?? {};
        return {
          id,
          url: t.url ?? `https://example.com/${id}`,
          html: readHtmlGz(join(dir, split, 'html', `${id}.html.gz`)),
          articleBody: g.main_content ?? '',
          with: g.with ?? [],
          without: g.without ?? [],
          title: g.title || null,
          author: g.author || null,
          date: calendarDay(g.publish_date ?? undefined) ?? null,
          kind: t._internal?.page_type?.primary ?? t.page_type ?? null,
          half: split === 'dev' ? 'A' : 'B',
        };
      });
  });
}

export function loadWceb(dir: string): WcebPage[] {
  if (!existsSync(join(dir, 'ground-truth.json'))) return loadWcxb(dir);
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    {
      url?: string;
      articleBody?: string;
      with?: string[];
      without?: string[];
      title?: string;
      author?: string;
      publish_date?: string;
      page_type?: string;
    }
  >;
  return Object.keys(truth)
    .sort()
    .filter((id) => existsSync(join(dir, 'html', `${id}.html.gz`)))
    .map((id) => {
      const t = truth[id];
      return {
        id,
        url: t.url ?? `https://example.com/${id}`,
        html: readHtmlGz(join(dir, 'html', `${id}.html.gz`)),
        articleBody: t.articleBody ?? '',
        with: t.with ?? [],
        without: t.without ?? [],
        title: t.title || null,
        author: t.author || null,
        date: calendarDay(t.publish_date) ?? null,
        kind: t.page_type ?? null,
        half: corpusHalf(id),
      };
    });
}

export type Half = 'A' | 'B';

/**
 * The half a page belongs to: the low bit of the first byte of SHA-256 of its name (aeb id,
 * htmldate/trafilatura file, readability folder). Stable across runs and machines, and blind to
 * content, so neither half is picked by hand.
 */
export function corpusHalf(name: string): Half {
  return createHash('sha256').update(name).digest()[0] & 1 ? 'B' : 'A';
}

export type Fold = 'X' | 'Y' | 'Z';
const FOLDS: Fold[] = ['X', 'Y', 'Z'];

/**
 * A second, independent split into three folds: the second byte of the same hash, modulo 3
 * (so a fold mixes both halves). For a round tuned on one fold and checked on the other two,
 * after the halves have both been looked at.
 */
export function corpusFold(name: string): Fold {
  return FOLDS[createHash('sha256').update(name).digest()[1] % 3];
}

// ---------------------------------------------------------------------------------------------
// trafilatura: snippet judgements

export interface SnippetScore {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  precision: number;
  recall: number;
  accuracy: number;
  f: number;
}

/**
 * The set's own metric: whitespace collapsed in both texts; each `with` snippet found is a TP
 * (else FN), each `without` snippet found an FP (else TN); P, R and F over all snippets.
 */
export function trafilaturaScore(results: { with: string[]; without: string[]; predicted: string }[]): SnippetScore & {
  pages: { tp: number; fn: number; fp: number; tn: number }[];
} {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  const pages = results.map((r) => {
    const text = collapseWs(r.predicted);
    const page = { tp: 0, fn: 0, fp: 0, tn: 0 };
    for (const s of r.with) {
      if (text.includes(collapseWs(s))) page.tp++;
      else page.fn++;
    }
    for (const s of r.without) {
      if (text.includes(collapseWs(s))) page.fp++;
      else page.tn++;
    }
    tp += page.tp;
    fn += page.fn;
    fp += page.fp;
    tn += page.tn;
    return page;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const all = tp + fn + fp + tn;
  return { tp, fn, fp, tn, precision, recall, accuracy: all ? (tp + tn) / all : 0, f: harmonic(precision, recall), pages };
}

// ---------------------------------------------------------------------------------------------
// aeb: shingle matching

const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Maximal runs of Unicode letters, digits and `_` (case kept). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Multiset of n-token shingles; a text shorter than n tokens is one shorter shingle. */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const out = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const sh = tokens.slice(i, i + n);
    if (sh.length === 0) continue;
    const key = sh.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface ShingleCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** TP / FP / FN of predicted vs true text, each divided by TP+FP+FN (when that is > 0). */
export function shingleMatch(truth: string, predicted: string, n = 4): ShingleCounts {
  const t = shingles(truth, n);
  const p = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, pc] of p) {
    const tc = t.get(k) ?? 0;
    tp += Math.min(pc, tc);
    fp += Math.max(0, pc - tc);
  }
  for (const [k, tc] of t) fn += Math.max(0, tc - (p.get(k) ?? 0));
  const total = tp + fp + fn;
  return total > 0 ? { tp: tp / total, fp: fp / total, fn: fn / total } : { tp: 0, fp: 0, fn: 0 };
}

export interface PageScore {
  precision: number | null;
  recall: number | null;
}

/** Per-page precision and recall (null when undefined for that page). */
export function pagePrecisionRecall(c: ShingleCounts): PageScore {
  if (c.fp === 0 && c.fn === 0) return { precision: 1, recall: 1 };
  return {
    precision: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null,
    recall: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null,
  };
}

export interface PrfScore {
  precision: number;
  recall: number;
  f1: number;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

function harmonic(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** aeb score: mean precision, mean recall over pages where each is defined, F1 of the two means. */
export function aebScore(pairs: { truth: string; predicted: string }[]): PrfScore & { pages: PageScore[] } {
  const pages = pairs.map(({ truth, predicted }) => pagePrecisionRecall(shingleMatch(truth, predicted)));
  const precision = mean(pages.flatMap((p) => (p.precision === null ? [] : [p.precision])));
  const recall = mean(pages.flatMap((p) => (p.recall === null ? [] : [p.recall])));
  return { precision, recall, f1: harmonic(precision, recall), pages };
}

/** Words as WCXB's evaluate.py tokenizes them (Python's Unicode `\w+` on the lower-cased text). */
const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * WCXB's own score: per page, precision and recall of the bag of words (lower-cased `\w+`
 * tokens, counted with multiplicity) against the reference; the means over pages of precision,
 * recall and per-page F1 (a page with an empty reference scores 1 when the prediction is empty
 * too, else 0). Comparable with the figures its README publishes for other extractors.
 */
export function wcxbWordScore(pairs: { truth: string; predicted: string }[]): PrfScore {
  const words = (s: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const w of s.toLowerCase().match(WORD) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const pages = pairs.map(({ truth, predicted }) => {
    const ref = words(truth);
    const got = words(predicted);
    const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
    const nRef = total(ref);
    const nGot = total(got);
    if (!nRef) return nGot ? { p: 0, r: 0, f: 0 } : { p: 1, r: 1, f: 1 };
    if (!nGot) return { p: 0, r: 0, f: 0 };
    let overlap = 0;
    for (const [w, n] of got) overlap += Math.min(n, ref.get(w) ?? 0);
    const p = overlap / nGot;
    const r = overlap / nRef;
    return { p, r, f: harmonic(p, r) };
  });
  return { precision: mean(pages.map((x) => x.p)), recall: mean(pages.map((x) => x.r)), f1: mean(pages.map((x) => x.f)) };
}

// ---------------------------------------------------------------------------------------------
// readability: per-field exact match

export type ReadabilityField = 'title' | 'byline' | 'lang' | 'excerpt' | 'siteName' | 'published';

export const READABILITY_FIELDS: ReadabilityField[] = ['title', 'byline', 'lang', 'published', 'excerpt', 'siteName'];

/** What an extractor returned for a readability page, in the metric's terms. */
export interface ReadabilityActual {
  title: string | null;
  byline: string | null;
  lang: string | null;
  excerpt: string | null;
  siteName: string | null;
  /** Any date string; compared by its calendar day. */
  published: string | null;
}

/** Our `extractArticle` result in the metric's terms (the readability gate, bench:extract, --agree). */
export const articleAsActual = (a: ExtractedArticle | null): ReadabilityActual => ({
  title: a?.title ?? null,
  byline: a?.author ?? null,
  lang: a?.lang ?? null,
  excerpt: a?.excerpt ?? null,
  siteName: a?.siteName ?? null,
  published: a?.date ?? null,
});

export function collapseWs(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * A text with its typography folded to plain ASCII: curly quotes and primes to ' and ", dashes and
 * the minus sign to -, the ellipsis to ..., invisible characters (soft hyphen, zero-width marks,
 * BOM) dropped. For the outside set's snippet judgement: WCXB's annotators wrote many truths
 * with straight quotes where the page (and so any faithful extractor) has curly ones, and a
 * snippet's substring test would count that as text missed. Applied to both sides alike.
 */
export function foldTypography(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
}

/**
 * The calendar day of a date string: the YYYY-MM-DD it is written with when it starts with one
 * (ISO 8601, so the day in its own offset), else the UTC day of what Date parses, else null.
 */
export function calendarDay(s: string | null | undefined): string | null {
  if (!s) return null;
  const m = /^\s*(\d{4}-\d{2}-\d{2})/.exec(s);
  if (m) return m[1];
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

export interface FieldScore {
  correct: number;
  total: number;
  accuracy: number;
  /** Page names that missed, for inspection. */
  misses: string[];
}

/** Per-field accuracy over pages whose expected value is non-empty. */
export function readabilityScore(
  results: { name: string; expected: ReadabilityExpected; actual: ReadabilityActual }[],
): Record<ReadabilityField, FieldScore> {
  const out = {} as Record<ReadabilityField, FieldScore>;
  for (const field of READABILITY_FIELDS) {
    let correct = 0;
    let total = 0;
    const misses: string[] = [];
    for (const { name, expected, actual } of results) {
      let want: string | null;
      let got: string | null;
      if (field === 'published') {
        want = calendarDay(expected.publishedTime);
        got = calendarDay(actual.published);
      } else {
        want = collapseWs(expected[field]);
        got = collapseWs(actual[field]);
      }
      if (!want) continue;
      total++;
      if (want === got) correct++;
      else misses.push(name);
    }
    out[field] = { correct, total, accuracy: total ? correct / total : 0, misses };
  }
  return out;
}

/**
 * Agreement of one extractor's metadata with another's (Readability.js, whose output is the
 * readability set's truth) on pages with no truth of their own: `readabilityScore` with `theirs`
 * as the expected answer, so the same comparison (whitespace collapsed, published by calendar day)
 * over the pages where `theirs` has a value.
 */
export function readabilityAgreement(
  pages: { name: string; ours: ReadabilityActual; theirs: ReadabilityActual }[],
): Record<ReadabilityField, FieldScore> {
  return readabilityScore(
    pages.map(({ name, ours, theirs }) => ({
      name,
      expected: { ...theirs, publishedTime: theirs.published, dir: null },
      actual: ours,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// htmldate: publication day

export interface DateScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f: number;
}

/** No date = FN, right day = TP, another day = FP; F = 2TP / (2TP + FP + FN). */
export function htmldateScore(results: { truth: string; predicted: string | null }[]): DateScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { truth, predicted } of results) {
    const day = calendarDay(predicted);
    if (!day) fn++;
    else if (day === truth) tp++;
    else fp++;
  }
  return {
    tp,
    fp,
    fn,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    f: 2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 0,
  };
}


/**
 * Corpus gates: runs extractArticle over ../shared/corpus and fails when a score drops below its
 * gate. Gates: the target where reached, else reached − 0.01 (a ratchet: raise them as results
 * improve, never lower them). Speed is measured by
 * `npm run bench:extract`, not here (no timing assertions in tests).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  articleAsActual,
  aebScore,
  corpusAvailable,
  corpusDir,
  htmldateScore,
  loadAeb,
  loadHtmldate,
  loadReadability,
  loadTrafilatura,
  readabilityScore,
  trafilaturaAvailable,
  trafilaturaScore,
  type ReadabilityField,
} from '../../testkit/corpus.ts';
import { extractArticle } from '../../src/extract/index.ts';
import type { ExtractOptions } from '../../src/extract/options.ts';
import type { ExtractedArticle } from '../../src/model.ts';

export const CORPUS_GATES = {
  /** aeb article body, shingle F1. Target 0.97 (reached: 0.988; halves 0.986 and 0.990). */
  aebF1: 0.97,
  /**
   * trafilatura snippet F. Target 0.93 on pages not tuned on (reached on the whole set: 0.955,
   * halves 0.950 and 0.960; the held-out halves and folds of the rounds that got here are in
   * BENCHMARKS.md).
   */
  trafilaturaF: 0.93,
  /** htmldate publication day, F. Target 0.95 (reached: 0.952; halves 0.947 and 0.957). */
  htmldateF: 0.95,
  /** readability metadata, per-field accuracy. Targets 0.98 on title, byline, lang, published. */
  readability: {
    title: 0.98,
    byline: 0.98,
    lang: 0.98,
    published: 0.98,
    /**
     * Target 0.98 not met: reached 0.967 (59/61), ratchet − 0.01. The 2 misses are Reader View
     * artifacts we do not copy: a literal "&nbsp;" left in a description, and a first <p> that is
     * a table-of-contents label ("Contents") (see BENCHMARKS.md).
     */
    excerpt: 0.95,
    /** No target; reached 1.000. */
    siteName: 0.99,
  } satisfies Record<ReadabilityField, number>,
  /** Pages allowed to throw. */
  threw: 0,
} as const;

const available = corpusAvailable();
if (!available) {
  console.warn(`[corpus.test] corpus not found at ${corpusDir()} — corpus gates skipped (set CORPUS_DIR to run them).`);
}
const trafilaturaSet = available && trafilaturaAvailable();
if (available && !trafilaturaSet) {
  console.warn(`[corpus.test] ${corpusDir()}/trafilatura not found — its gate skipped.`);
}

function run(html: string, url: string, failures: string[], name: string, options: ExtractOptions = {}): ExtractedArticle | null {
  try {
    return extractArticle(html, url, options);
  } catch (e) {
    failures.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

describe.skipIf(!available)('corpus gates', () => {
  describe('aeb', () => {
    let result: { f1: number; precision: number; recall: number };
    const threw: string[] = [];
    beforeAll(() => {
      const pages = loadAeb();
      const pairs = pages.map((p) => ({ truth: p.articleBody, predicted: run(p.html, p.url, threw, p.id)?.text ?? '' }));
      result = aebScore(pairs);
    }, 300_000);

    it(`article body F1 ≥ ${CORPUS_GATES.aebF1}`, () => {
      expect(result.f1).toBeGreaterThanOrEqual(CORPUS_GATES.aebF1);
    });
    it('no page throws', () => {
      expect(threw.length, threw.join('\n')).toBeLessThanOrEqual(CORPUS_GATES.threw);
    });
  });

  describe.skipIf(!trafilaturaSet)('trafilatura', () => {
    let f = 0;
    const threw: string[] = [];
    beforeAll(() => {
      const pages = loadTrafilatura();
      f = trafilaturaScore(pages.map((p) => ({ with: p.with, without: p.without, predicted: run(p.html, p.url, threw, p.file)?.text ?? '' }))).f;
    }, 300_000);

    it(`main-text snippet F ≥ ${CORPUS_GATES.trafilaturaF}`, () => {
      expect(f).toBeGreaterThanOrEqual(CORPUS_GATES.trafilaturaF);
    });
    it('no page throws', () => {
      expect(threw.length, threw.join('\n')).toBeLessThanOrEqual(CORPUS_GATES.threw);
    });
  });

  describe('htmldate', () => {
    let f = 0;
    const threw: string[] = [];
    beforeAll(() => {
      const pages = loadHtmldate();
      f = htmldateScore(pages.map((p) => ({ truth: p.date, predicted: run(p.html, p.url, threw, p.file)?.date ?? null }))).f;
    }, 300_000);

    it(`publication day F ≥ ${CORPUS_GATES.htmldateF}`, () => {
      expect(f).toBeGreaterThanOrEqual(CORPUS_GATES.htmldateF);
    });
    it('no page throws', () => {
      expect(threw.length, threw.join('\n')).toBeLessThanOrEqual(CORPUS_GATES.threw);
    });
  });

  describe('readability metadata', () => {
    let scores: ReturnType<typeof readabilityScore>;
    const threw: string[] = [];
    beforeAll(() => {
      const pages = loadReadability();
      scores = readabilityScore(
        pages.map((p) => {
          // The truth is Reader View's output: titles as Reader View gives them (site names kept).
          const a = run(p.html, p.url, threw, p.name);
          return {
            name: p.name,
            expected: p.expected,
            actual: articleAsActual(a),
          };
        }),
      );
    }, 300_000);

    for (const [field, gate] of Object.entries(CORPUS_GATES.readability) as [ReadabilityField, number][]) {
      it(`${field} accuracy ≥ ${gate}`, () => {
        const s = scores[field];
        expect(s.accuracy, `misses: ${s.misses.join(', ')}`).toBeGreaterThanOrEqual(gate);
      });
    }
    it('no page throws', () => {
      expect(threw.length, threw.join('\n')).toBeLessThanOrEqual(CORPUS_GATES.threw);
    });
  });
});

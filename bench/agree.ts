/**
 * Agreement with Reader View (`bench:extract -- --agree [--worst N]`): how often our default
 * `extractArticle` metadata equals Readability.js 0.6's on the same page, per field, with the
 * readability set's own comparison (testkit `readabilityScore`: whitespace collapsed, published by
 * calendar day, only pages where Readability gives a value). The readability set's truth IS
 * Readability's output, so agreement on any other page measures the same thing on pages nobody
 * tuned the metadata on. Reported per set and per half (testkit `corpusHalf` of the page's name, or
 * the page's own split where the set has one: WCXB's dev split is half A, its test split half B);
 * `--worst N` lists half-A disagreements only: half B is read as totals.
 */
import type { ExtractedArticle } from '../src/model.ts';
import { articleAsActual, corpusHalf, READABILITY_FIELDS, readabilityAgreement, type Half, type ReadabilityActual, type ReadabilityField } from '../testkit/corpus.ts';

/** What Readability.js gives for a page (the fields the bench reads). */
export interface ReadabilityResult {
  title: string | null;
  byline: string | null;
  lang: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
  textContent: string;
}

export const theirsAsActual = (a: ReadabilityResult | null): ReadabilityActual => ({
  title: a?.title ?? null,
  byline: a?.byline ?? null,
  lang: a?.lang ?? null,
  excerpt: a?.excerpt ?? null,
  siteName: a?.siteName ?? null,
  published: a?.publishedTime ?? null,
});

export interface AgreementPage {
  name: string;
  /** The page's half where its set fixes one (WCXB's splits); else `corpusHalf(name)`. */
  half?: Half;
  ours: ExtractedArticle | null;
  theirs: ReadabilityResult | null;
}

export type Agreement = Record<ReadabilityField, { correct: number; total: number; accuracy: number }>;

/** Per-field agreement over `pages` (Readability's answer taken as the expected one). */
export function agreement(pages: AgreementPage[]): Agreement & { misses: Record<ReadabilityField, string[]> } {
  const score = readabilityAgreement(pages.map((p) => ({ name: p.name, ours: articleAsActual(p.ours), theirs: theirsAsActual(p.theirs) })));
  const out = { misses: {} } as Agreement & { misses: Record<ReadabilityField, string[]> };
  for (const f of READABILITY_FIELDS) {
    const { correct, total, accuracy, misses } = score[f];
    out[f] = { correct, total, accuracy };
    out.misses[f] = misses;
  }
  return out;
}

/** Agreement on a set, whole and per half, printed; half-A disagreements listed up to `worst` per field. */
export function agreementReport(set: string, pages: AgreementPage[], worst: number, log: (s: string) => void): Record<string, Agreement> {
  const byHalf = (h: Half) => pages.filter((p) => (p.half ?? corpusHalf(p.name)) === h);
  const parts: Record<string, AgreementPage[]> = { all: pages, A: byHalf('A'), B: byHalf('B') };
  const out: Record<string, Agreement> = {};
  const cell = (x: { correct: number; total: number; accuracy: number }) => `${x.correct}/${x.total} (${x.accuracy.toFixed(3)})`;
  log(`agree ${set} (${pages.length} pages: A ${parts.A.length}, B ${parts.B.length})`);
  for (const [part, ps] of Object.entries(parts)) {
    const { misses, ...a } = agreement(ps);
    out[part] = a;
    if (part === 'A' && worst > 0) {
      for (const f of READABILITY_FIELDS) {
        for (const name of misses[f].slice(0, worst)) {
          const p = ps.find((x) => x.name === name)!;
          log(`  differ ${f} ${name}: got ${JSON.stringify(articleAsActual(p.ours)[f])} | readability ${JSON.stringify(theirsAsActual(p.theirs)[f])}`);
        }
      }
    }
  }
  for (const f of READABILITY_FIELDS) log(`  ${f.padEnd(10)} A ${cell(out.A[f])}  B ${cell(out.B[f])}  all ${cell(out.all[f])}`);
  return out;
}

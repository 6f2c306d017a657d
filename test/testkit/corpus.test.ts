import { describe, expect, it } from 'vitest';
import { corpusFold, corpusHalf, trafilaturaScore } from '../../testkit/corpus.ts';

describe('trafilaturaScore (the set’s snippet metric)', () => {
  it('counts found `with` snippets as TP, found `without` snippets as FP, with whitespace collapsed', () => {
    const s = trafilaturaScore([
      { with: ['the main  text', 'missing part'], without: ['Share this', 'Footer'], predicted: 'Intro. The main\n text here.\nShare this' },
      { with: ['the main text'], without: ['Footer'], predicted: 'the main text' },
    ]);
    // "The main" differs in case: the metric is case-sensitive, as the set's own script.
    expect({ tp: s.tp, fn: s.fn, fp: s.fp, tn: s.tn }).toEqual({ tp: 1, fn: 2, fp: 1, tn: 2 });
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f).toBeCloseTo(0.4);
    expect(s.pages[0]).toEqual({ tp: 0, fn: 2, fp: 1, tn: 1 });
  });

  it('an empty extraction misses every `with` snippet and contains no `without` one', () => {
    const s = trafilaturaScore([{ with: ['a b c'], without: ['x y z'], predicted: '' }]);
    expect({ tp: s.tp, fn: s.fn, fp: s.fp, tn: s.tn }).toEqual({ tp: 0, fn: 1, fp: 0, tn: 1 });
  });
});

describe('corpusHalf', () => {
  it('is stable per name and splits a set into two sizeable halves', () => {
    const names = Array.from({ length: 400 }, (_, i) => `page-${i}.html.gz`);
    expect(names.map(corpusHalf)).toEqual(names.map(corpusHalf));
    const a = names.filter((n) => corpusHalf(n) === 'A').length;
    expect(a).toBeGreaterThan(150);
    expect(a).toBeLessThan(250);
  });
});

describe('corpusFold', () => {
  it('is stable per name, splits a set into three sizeable folds, and cuts across the halves', () => {
    const names = Array.from({ length: 600 }, (_, i) => `page-${i}.html.gz`);
    expect(names.map(corpusFold)).toEqual(names.map(corpusFold));
    for (const fold of ['X', 'Y', 'Z']) {
      const inFold = names.filter((n) => corpusFold(n) === fold);
      expect(inFold.length).toBeGreaterThan(150);
      expect(inFold.length).toBeLessThan(250);
      const a = inFold.filter((n) => corpusHalf(n) === 'A').length;
      expect(a).toBeGreaterThan(inFold.length * 0.3);
      expect(a).toBeLessThan(inFold.length * 0.7);
    }
  });
});

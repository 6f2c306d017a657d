import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { corpusFold, corpusHalf, loadWceb, readabilityAgreement, trafilaturaScore, wcxbWordScore, type ReadabilityActual } from '../../testkit/corpus.ts';

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

describe('readabilityAgreement (our metadata against Readability’s on pages without truth)', () => {
  const none: ReadabilityActual = { title: null, byline: null, lang: null, excerpt: null, siteName: null, published: null };
  it('compares as the readability set does: whitespace collapsed, published by day, only where Readability has a value', () => {
    const a = readabilityAgreement([
      {
        name: 'one',
        ours: { ...none, title: 'A  title', byline: 'Jane Doe', published: '2024-03-01T23:00:00-05:00', siteName: 'Site' },
        theirs: { ...none, title: 'A title\n', byline: 'By Jane Doe', published: '2024-03-01', lang: 'en' },
      },
      { name: 'two', ours: { ...none, title: 'Other' }, theirs: { ...none, title: 'Other', excerpt: '' } },
    ]);
    expect(a.title).toMatchObject({ correct: 2, total: 2 });
    expect(a.byline).toMatchObject({ correct: 0, total: 1, misses: ['one'] });
    expect(a.published).toMatchObject({ correct: 1, total: 1 });
    // Readability gave no site name or excerpt: not counted, whatever ours says.
    expect(a.siteName.total).toBe(0);
    expect(a.excerpt.total).toBe(0);
    expect(a.lang).toMatchObject({ correct: 0, total: 1 });
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

describe('wcxbWordScore (WCXB evaluate.py: bag-of-words F1, mean over pages)', () => {
  it('counts words with multiplicity, lower-cased, Unicode letters included, and averages per page', () => {
    const s = wcxbWordScore([
      { truth: 'The cat sat. The cat!', predicted: 'the CAT ran' },
      { truth: '', predicted: '' },
    ]);
    expect(s.precision).toBeCloseTo((2 / 3 + 1) / 2, 10);
    expect(s.recall).toBeCloseTo((2 / 5 + 1) / 2, 10);
    expect(s.f1).toBeCloseTo((0.5 + 1) / 2, 10);
    expect(wcxbWordScore([{ truth: 'Café über', predicted: 'café—' }])).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(wcxbWordScore([{ truth: '', predicted: 'noise' }]).f1).toBe(0);
    expect(wcxbWordScore([{ truth: 'text', predicted: '' }]).f1).toBe(0);
  });
});

describe('loadWceb (the outside set, WCXB layout)', () => {
  it('reads dev/ as half A and test/ as half B, with the truth of each page in its own file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcxb-'));
    try {
      const page = (split: string, id: string, truth: object): void => {
        mkdirSync(join(dir, split, 'html'), { recursive: true });
        mkdirSync(join(dir, split, 'ground-truth'), { recursive: true });
        writeFileSync(join(dir, split, 'html', `${id}.html.gz`), gzipSync(`<html><body><p>page ${id}</p></body></html>`));
        writeFileSync(join(dir, split, 'ground-truth', `${id}.json`), JSON.stringify(truth));
      };
      page('dev', '0001', {
        url: 'https://example.com/a',
        _internal: { page_type: { primary: 'forum' } },
        ground_truth: { title: 'A thread', author: null, publish_date: '2024-05-01', main_content: 'First post', with: ['First post'], without: ['Log in'] },
      });
      page('test', '4011', { url: 'https://example.com/b', page_type: 'article', ground_truth: { title: 'News', main_content: 'Text' } });
      // A truth file without its page is skipped.
      mkdirSync(join(dir, 'test', 'ground-truth'), { recursive: true });
      writeFileSync(join(dir, 'test', 'ground-truth', '4012.json'), '{}');
      const pages = loadWceb(dir);
      expect(pages.map((p) => [p.id, p.half, p.kind])).toEqual([
        ['0001', 'A', 'forum'],
        ['4011', 'B', 'article'],
      ]);
      expect(pages[0]).toMatchObject({ articleBody: 'First post', with: ['First post'], without: ['Log in'], title: 'A thread', author: null, date: '2024-05-01' });
      expect(pages[1]).toMatchObject({ articleBody: 'Text', with: [], without: [], date: null });
      expect(pages[1].html).toContain('page 4011');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadWceb (the outside set, release folder format)', () => {
  it('joins ground-truth.json with html/<id>.html.gz, decodes by the page charset and skips ids without a page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wceb-'));
    try {
      mkdirSync(join(dir, 'html'));
      const page = '<html><head><meta charset="windows-1252"><title>Caf\u00e9 \u201cnews\u201d</title></head><body><p>x</p></body></html>';
      writeFileSync(join(dir, 'html', '0001.html.gz'), gzipSync(iconv.encode(page, 'windows-1252')));
      writeFileSync(
        join(dir, 'ground-truth.json'),
        JSON.stringify({
          '0001': { url: 'https://example.com/a', articleBody: 'Body', with: ['Body'], title: 'Café', author: '', publish_date: '2025-09-04T10:00:00Z' },
          '0002': { url: 'https://example.com/b', articleBody: 'no page on disk' },
        }),
      );
      const pages = loadWceb(dir);
      expect(pages.map((p) => p.id)).toEqual(['0001']);
      expect(pages[0]).toMatchObject({ url: 'https://example.com/a', articleBody: 'Body', with: ['Body'], without: [], title: 'Café', author: null, date: '2025-09-04', kind: null, half: corpusHalf('0001') });
      expect(pages[0].html).toContain('Caf\u00e9 \u201cnews\u201d');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

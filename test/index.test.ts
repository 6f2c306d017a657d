import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as feedwright from '../src/index.ts';
import type { FieldSelector, ParsedSource, SourceConfig } from '../src/index.ts';

describe('package entry', () => {
  it('exports extractArticle, which reads the demo article', () => {
    const html = readFileSync(new URL('../data/demo/putin-trump-issue-joint-syria-statement.html', import.meta.url), 'utf8');
    const article = feedwright.extractArticle(html, 'https://thebricspost.example/putin-trump/', { timezone: 'Asia/Kolkata' });
    expect(article.title).toBe('Putin, Trump issue joint Syria statement');
    expect(article.date).toBe('2017-11-12T10:44:00+05:30');
    expect(Object.keys(article).sort()).toEqual(
      ['author', 'authors', 'canonicalUrl', 'categories', 'contentImage', 'date', 'excerpt', 'html', 'image', 'lang', 'modified', 'siteName', 'text', 'title'],
    );
  });

  it('exports the pipeline and server building blocks', () => {
    for (const name of ['createApp', 'scrapeSource', 'createFetcher', 'parseConfig', 'renderFeed', 'findLinks', 'SqlStore', 'MemoryFeedCache']) {
      expect(typeof (feedwright as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('exports exactly its public API, parseSource included (from the owning modules)', () => {
    expect(Object.keys(feedwright).sort()).toEqual([
      'ConfigError', 'FetchError', 'MemoryFeedCache', 'SourceRunner', 'SqlStore', 'backoffUntil', 'createApp', 'createFetcher',
      'extractArticle', 'findLinks', 'htmlToText', 'isDue', 'nextRun', 'normalizeItem', 'parseConfig', 'parseDate', 'parseSource',
      'renderFeed', 'sanitizeContent', 'scrapeSource',
    ]);
    const parsed: ParsedSource = feedwright.parseSource({ id: 'a', url: 'https://example.com/', list: { item: '.card', link: 'h2 a@href' } });
    const source: SourceConfig | undefined = parsed.source;
    const link: FieldSelector | undefined = source?.list?.link;
    expect(link).toEqual({ selector: 'h2 a', attr: 'href' });
    expect(feedwright.parseSource({ id: 'a' }).problems?.length).toBeGreaterThan(0);
  });

  it('pulls in no Node-only module (it must bundle for Workers)', () => {
    const seen = new Set<string>();
    const visit = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      const text = readFileSync(file, 'utf8');
      expect(text, file.pathname).not.toMatch(/from ['"]node:/);
      for (const [, spec] of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+\.ts)['"]/g)) visit(new URL(spec, file));
    };
    visit(new URL('../src/index.ts', import.meta.url));
    expect(seen.size).toBeGreaterThan(20);
  });
});

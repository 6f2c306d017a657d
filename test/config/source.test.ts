import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { configIssues } from '../helpers/config-error.ts';
import { parseSource } from '../../src/config/source.ts';

const RAW = {
  id: 'news',
  url: 'https://example.com/news',
  schedule: '0 * * * *',
  language: 'EN-us',
  list: { item: 'li', link: 'a@href', date: 'time@datetime' },
  article: { title: 'h1', remove: '.ad' },
};

const configProblems = (raw: unknown) => configIssues(JSON.stringify({ sources: [raw] }), 'sources.json');

describe('parseSource', () => {
  it('gives the source the config file gives', () => {
    const [fromConfig] = parseConfig(JSON.stringify({ sources: [RAW] }), 'sources.json').sources;
    expect(parseSource(RAW)).toEqual({ source: fromConfig });
    expect(fromConfig.list?.link).toEqual({ selector: 'a', attr: 'href' });
    expect(fromConfig.language).toBe('en-US');
  });

  it('reports the problems the config file reports, under its own label', () => {
    const bad = { ...RAW, schedule: '*/61 * * * *', limit: 0, list: { item: 'li[', lnk: 'a' }, urls: ['https://example.com/a'] };
    const label = 'sources.json: source "news" (sources[0])';
    const fromConfig = configProblems(bad);
    expect(fromConfig.length).toBe(5);
    const row = parseSource(bad, { label: 'D1 sources row "news"' });
    expect(row.problems).toEqual(fromConfig.map((p) => p.replace(label, 'D1 sources row "news"')));
    expect(parseSource(bad).problems).toEqual(fromConfig.map((p) => p.replace(`${label}: `, '')));
    expect(row.problems).toContain('D1 sources row "news": list.lnk: unknown key (did you mean "link"?)');
  });

  it('refuses what is not a mapping', () => {
    expect(parseSource(['x'], { label: 'row' })).toEqual({ problems: ['row: expected a mapping, got a list'], details: [{ field: '', message: 'expected a mapping, got a list' }] });
  });

  it('resolves relative file: URLs against fileBase, or refuses file: URLs when told to', () => {
    const local = { id: 'l', type: 'feed', urls: ['file:feeds/a.xml', 'https://example.com/b.xml'] };
    expect(parseSource(local, { fileBase: 'file:///srv/data/' }).source?.urls).toEqual(['file:///srv/data/feeds/a.xml', 'https://example.com/b.xml']);
    expect(parseSource(local, { label: 'row', fileUrls: false }).problems).toEqual(['row: urls[0]: file: URLs are allowed only in the config file']);
    expect(parseSource({ id: 'm', url: 'FILE:///x.html' }, { fileUrls: false }).problems).toEqual(['url: file: URLs are allowed only in the config file']);
  });
});

describe('language', () => {
  const language = (tag: string) => parseSource({ id: 's', url: 'https://example.com/', language: tag });

  it('keeps tags every feed format carries, in canonical form', () => {
    expect(language('EN-us').source?.language).toBe('en-US');
    expect(language('pt-br').source?.language).toBe('pt-BR');
    expect(language('zh-Hant-TW').source?.language).toBe('zh-Hant-TW');
  });

  it('refuses a well-formed tag the feeds would leave out, saying why', () => {
    expect(language('english').problems).toEqual([
      'language: language tag "english" would be left out of every feed: its first part must be a 2–3 letter ISO 639 code, such as "en", "en-US" or "pt-BR"',
    ]);
  });

  it('refuses tags that are not BCP 47, suggesting the fix when there is one', () => {
    expect(language('i-klingon').problems).toEqual(['language: invalid BCP 47 language tag "i-klingon": use a tag such as "en", "en-US" or "pt-BR"']);
    expect(language('en_US').problems).toEqual(['language: invalid BCP 47 language tag "en_US" (did you mean "en-US"?)']);
  });
});

describe('filters', () => {
  const raw = (filters: unknown) => ({ id: 'a', url: 'https://example.com/news', filters });

  it('keeps include/exclude patterns and caseSensitive as written', () => {
    const filters = { include: { text: 'rust|go', category: '^Tech$' }, exclude: { title: 'Sponsored' }, caseSensitive: false };
    expect(parseSource(raw(filters)).source?.filters).toEqual(filters);
    expect(parseSource({ id: 'a', url: 'https://example.com/news' }).source?.filters).toBeUndefined();
  });

  it('names an invalid or too long pattern and an unknown field by path', () => {
    const { problems } = parseSource(raw({ include: { title: '(x', bogus: 'y' }, exclude: { author: 'a'.repeat(1001) } }), { label: 's.yaml: source "a"' });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^s\.yaml: source "a": filters\.include\.title: pattern is not a valid regular expression/),
      expect.stringMatching(/^s\.yaml: source "a": filters\.exclude\.author: pattern is 1001 characters long/),
      expect.stringMatching(/filters\.include.*bogus/),
    ]));
  });
});

describe('render', () => {
  const raw = (render: unknown, extra: Record<string, unknown> = {}) => ({ id: 'a', url: 'https://example.com/news', render, ...extra });

  it('takes a mode, or the object form with waitFor and timeout; absent means static', () => {
    expect(parseSource({ id: 'a', url: 'https://example.com/news' }).source?.render).toBeUndefined();
    expect(parseSource(raw('auto')).source?.render).toEqual({ mode: 'auto' });
    expect(parseSource(raw({ mode: 'browser', waitFor: ' main a ', timeout: 20000 })).source?.render)
      .toEqual({ mode: 'browser', waitFor: 'main a', timeout: 20000 });
  });

  it('names what is wrong, field by field', () => {
    expect(parseSource(raw('dynamic')).problems).toEqual(['render.mode: must be one of static, browser, auto']);
    expect(parseSource(raw({ mode: 'browser', waitFor: '##', timeout: 500, waitfor: 1 })).problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^render\.waitFor: invalid CSS selector "##"/),
      'render.timeout: must be at least 1000 (milliseconds)',
      'render.waitfor: unknown key (did you mean "waitFor"?)',
    ]));
    expect(parseSource(raw({ waitFor: 'main' })).problems).toEqual(['render.mode: must be one of static, browser, auto']);
    expect(parseSource(raw({ mode: 'auto', timeout: 10_000_000 })).problems).toEqual(['render.timeout: must be at most 120000 (milliseconds)']);
  });

  it('applies to html sources only', () => {
    expect(parseSource(raw('browser', { type: 'feed' })).problems)
      .toEqual(['render: pages are rendered in a browser for html sources only (feeds and sitemaps are read as they are)']);
    expect(parseSource(raw('static', { type: 'sitemap' })).problems).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/messages.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { configErrorOf } from '../helpers/config-error.ts';
import { cronProblem } from '../../src/utils/cron.ts';

/** The ConfigError thrown for `text`, or a failure if none is thrown. */
const errorOf = (text: string, fileName = 'data/sources.yaml') => configErrorOf(text, fileName);

function yamlSource(fields: string): string {
  return `sources:\n  - id: brics\n    url: https://example.com/news\n${fields}`;
}

describe('parseConfig defaults', () => {
  it('applies every default for a minimal YAML source', () => {
    const cfg = parseConfig('sources:\n  - id: brics\n    url: https://example.com/news\n', 'sources.yaml');
    expect(cfg).toEqual({
      allowPrivateNetworks: false,
      sources: [
        {
          id: 'brics',
          title: 'brics',
          type: 'html',
          url: 'https://example.com/news',
          schedule: '*/30 * * * *',
          timezone: 'UTC',
          limit: 50,
          article: { fetch: true },
        },
      ],
    });
  });

  it('keeps given values, normalizes remove to a list, canonicalizes zone and language', () => {
    const cfg = parseConfig(
      `baseUrl: https://feeds.example.org
allowPrivateNetworks: true
sources:
  - id: site.news_1
    title: Site News
    url: file:///srv/fixtures/list.html
    schedule: "0 */2 * * *"
    timezone: europe/paris
    language: EN-us
    limit: 1000
    list:
      item: article.post
      link: "h2 a@href"
      title: h2
      date: "time@datetime"
      summary: p.lede
      image: "img@src"
    article:
      fetch: false
      content: div.body
      remove: .ad
      title: h1
      date: time
      author: .byline
`,
      'x.yml',
    );
    expect(cfg.baseUrl).toBe('https://feeds.example.org');
    expect(cfg.allowPrivateNetworks).toBe(true);
    const s = cfg.sources[0];
    expect(parseConfig(yamlSource('    timezone: Asia/Kolkata\n'), 'a.yaml').sources[0].timezone).toBe('Asia/Kolkata');
    expect(s).toMatchObject({
      id: 'site.news_1',
      title: 'Site News',
      url: 'file:///srv/fixtures/list.html',
      schedule: '0 */2 * * *',
      timezone: 'Europe/Paris',
      language: 'en-US',
      limit: 1000,
    });
    // Selectors that read a value are stored split once (`sel@attr`); element selectors stay strings.
    expect(s.list).toEqual({
      item: 'article.post',
      link: { selector: 'h2 a', attr: 'href' },
      title: { selector: 'h2', attr: null },
      date: { selector: 'time', attr: 'datetime' },
      summary: { selector: 'p.lede', attr: null },
      image: { selector: 'img', attr: 'src' },
    });
    expect(s.article).toEqual({
      fetch: false, content: 'div.body', remove: ['.ad'],
      title: { selector: 'h1', attr: null }, date: { selector: 'time', attr: null }, author: { selector: '.byline', attr: null },
    });
  });

  it('reads JSON the same way as YAML', () => {
    const json = JSON.stringify({ sources: [{ id: 'a', url: 'https://example.com/', article: { remove: ['.x', '.y'] } }] });
    const fromJson = parseConfig(json, 'config.json');
    const fromYaml = parseConfig('sources:\n  - id: a\n    url: https://example.com/\n    article:\n      remove: [.x, .y]\n', 'config.yaml');
    expect(fromJson).toEqual(fromYaml);
    expect(fromJson.sources[0].article).toEqual({ fetch: true, remove: ['.x', '.y'] });
  });

  it('refuses an empty or source-less config when sources are required (Node)', () => {
    for (const [text, name] of [['', 'empty.yaml'], ['sources:\n', 'none.yaml'], ['{"sources": []}', 'none.json'], ['baseUrl: https://x.example\n', 'top.yaml']]) {
      let err: unknown;
      try {
        parseConfig(text, name, { requireSources: true });
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toBe(`${name}: sources: no sources to serve; add at least one (an id and the url of a listing page, feed or sitemap), see README "Configuration"`);
    }
  });

  it('accepts an empty file and an empty source list', () => {
    expect(parseConfig('', 'empty.yaml')).toEqual({ allowPrivateNetworks: false, sources: [] });
    expect(parseConfig('{"sources": []}', 'empty.json')).toEqual({ allowPrivateNetworks: false, sources: [] });
    expect(parseConfig('sources:\n', 'empty.yaml')).toEqual({ allowPrivateNetworks: false, sources: [] });
  });

  it('resolves relative file: URLs against fileBase, and leaves other URLs alone', () => {
    const text = `sources:
  - id: a
    url: file:demo/index.html
  - id: b
    url: file:../up/list.html
  - id: c
    url: file:///srv/list.html
  - id: d
    url: https://example.com/news
`;
    const urls = (cfg: ReturnType<typeof parseConfig>) => cfg.sources.map((s) => s.url);
    expect(urls(parseConfig(text, 'data/sources.yaml', { fileBase: 'file:///opt/feedwright/data/' }))).toEqual([
      'file:///opt/feedwright/data/demo/index.html',
      'file:///opt/feedwright/up/list.html',
      'file:///srv/list.html',
      'https://example.com/news',
    ]);
    expect(urls(parseConfig(text, 'data/sources.yaml'))[0]).toBe('file:demo/index.html');
  });

  it('loads the bundled data/sources.yaml', () => {
    const text = readFileSync(new URL('../../data/sources.yaml', import.meta.url), 'utf8');
    const cfg = parseConfig(text, 'data/sources.yaml', { fileBase: 'file:///app/data/' });
    expect(cfg.sources.length).toBeGreaterThan(0);
    for (const s of cfg.sources) expect(s.url?.startsWith('file:///app/data/')).toBe(true);
  });

  it('lets sources share settings through YAML anchors and merge keys', () => {
    const shared = parseConfig(
      `sources:
  - &first
    id: a
    url: https://a.example/
    schedule: "0 * * * *"
    timezone: Asia/Kolkata
  - <<: *first
    id: b
    timezone: UTC
`,
      'a.yaml',
    );
    expect(shared.sources.map((s) => [s.id, s.url, s.schedule, s.timezone])).toEqual([
      ['a', 'https://a.example/', '0 * * * *', 'Asia/Kolkata'],
      ['b', 'https://a.example/', '0 * * * *', 'UTC'],
    ]);
  });

  it('accepts 6-field cron and cron aliases', () => {
    expect(parseConfig(yamlSource('    schedule: "0 0 */6 * * *"\n'), 'a.yaml').sources[0].schedule).toBe('0 0 */6 * * *');
    expect(parseConfig(yamlSource('    schedule: "@hourly"\n'), 'a.yaml').sources[0].schedule).toBe('@hourly');
  });
});

describe('parseConfig errors name file, source and field', () => {
  const cases: [string, string, RegExp][] = [
    ['schedule', '    schedule: "*/61 * * *"\n', /^data\/sources\.yaml: source "brics" \(sources\[0\]\): schedule: invalid cron expression "\*\/61 \* \* \*"/],
    ['schedule step', '    schedule: "*/61 * * * *"\n', /source "brics" \(sources\[0\]\): schedule: invalid cron expression "\*\/61 \* \* \* \*"/],
    ['schedule value', '    schedule: "60 * * * *"\n', /source "brics" \(sources\[0\]\): schedule: invalid cron expression/],
    ['timezone', '    timezone: Mars/Olympus_Mons\n', /source "brics" \(sources\[0\]\): timezone: unknown IANA time zone "Mars\/Olympus_Mons"/],
    ['language', '    language: en_US\n', /source "brics" \(sources\[0\]\): language: invalid BCP 47 language tag "en_US"/],
    ['limit zero', '    limit: 0\n', /source "brics" \(sources\[0\]\): limit: must be at least 1/],
    ['limit too big', '    limit: 1001\n', /source "brics" \(sources\[0\]\): limit: must be at most 1000/],
    ['limit fraction', '    limit: 2.5\n', /source "brics" \(sources\[0\]\): limit: /],
    ['limit type', '    limit: many\n', /source "brics" \(sources\[0\]\): limit: expected a number, got string "many"/],
    ['title empty', '    title: ""\n', /source "brics" \(sources\[0\]\): title: must not be empty/],
    ['list.item missing', '    list:\n      link: a\n', /source "brics" \(sources\[0\]\): list\.item: required/],
    ['list.item bad selector', '    list:\n      item: "div["\n', /source "brics" \(sources\[0\]\): list\.item: invalid CSS selector "div\["/],
    ['list.link empty', '    list:\n      item: li\n      link: ""\n', /list\.link: must not be empty/],
    ['article.fetch', '    article:\n      fetch: "yes"\n', /source "brics" \(sources\[0\]\): article\.fetch: expected a boolean, got string "yes"/],
    ['article.remove item', '    article:\n      remove: [".ad", ""]\n', /source "brics" \(sources\[0\]\): article\.remove\[1\]: must not be empty/],
    ['article.remove type', '    article:\n      remove: 3\n', /article\.remove: expected a string or a list of strings/],
    ['unknown source key', '    titel: Hello\n', /source "brics" \(sources\[0\]\): titel: unknown key \(did you mean "title"\?\)/],
    ['unknown list key', '    list:\n      item: li\n      dates: time\n', /source "brics" \(sources\[0\]\): list\.dates: unknown key \(did you mean "date"\?\)/],
  ];
  it.each(cases)('%s', (_name, fields, pattern) => {
    const err = errorOf(yamlSource(fields));
    expect(err.issues).toHaveLength(1);
    expect(err.message).toMatch(pattern);
  });

  it('bad URLs', () => {
    for (const url of ['example.com/news', 'ftp://example.com/', '/relative/path', 'javascript:alert(1)']) {
      const err = errorOf(`sources:\n  - id: s\n    url: "${url}"\n`);
      expect(err.message).toBe(`data/sources.yaml: source "s" (sources[0]): url: must be an absolute http, https or file URL, got "${url}"`);
    }
    expect(errorOf('baseUrl: file:///x\nsources: []\n').message).toBe(
      'data/sources.yaml: baseUrl: must be an absolute http(s) URL, got "file:///x"',
    );
  });

  it('names a source by index when it has no id, and reports missing fields', () => {
    const err = errorOf('sources:\n  - id: ok\n    url: https://a.example/\n  - title: No id\n');
    expect(err.issues).toEqual(['data/sources.yaml: sources[1]: id: required', 'data/sources.yaml: sources[1]: url: required']);
  });

  it('rejects ids that are not URL-safe', () => {
    for (const id of ['has space', '-leading', 'a/b', 'ünï']) {
      const err = errorOf(`sources:\n  - id: "${id}"\n    url: https://a.example/\n`);
      expect(err.message).toMatch(new RegExp(`^data/sources\\.yaml: source "${id}" \\(sources\\[0\\]\\): id: must be URL-safe`));
    }
  });

  it('rejects duplicate ids', () => {
    const err = errorOf('sources:\n  - id: a\n    url: https://a.example/\n  - id: b\n    url: https://b.example/\n  - id: a\n    url: https://c.example/\n');
    expect(err.issues).toEqual(['data/sources.yaml: source "a" (sources[2]): id: duplicate id "a" (already used by sources[0])']);
  });

  it('rejects unknown top-level keys with a suggestion', () => {
    const err = errorOf('allowPrivateNetwork: true\nsources: []\n');
    expect(err.issues).toEqual(['data/sources.yaml: allowPrivateNetwork: unknown key (did you mean "allowPrivateNetworks"?)']);
    expect(errorOf('whatever: 1\n').issues).toEqual(['data/sources.yaml: whatever: unknown key']);
  });

  it('collects every problem instead of stopping at the first', () => {
    const err = errorOf(`allowPrivateNetworks: maybe
sources:
  - id: brics
    url: nope
    schedule: "* *"
    timezone: Nowhere/Land
  - id: brics
    url: https://x.example/
  - 42
`);
    expect(err.issues).toEqual([
      'data/sources.yaml: allowPrivateNetworks: expected a boolean, got string "maybe"',
      'data/sources.yaml: source "brics" (sources[0]): url: must be an absolute http, https or file URL, got "nope"',
      'data/sources.yaml: source "brics" (sources[0]): schedule: invalid cron expression "* *": expected 5 or 6 fields, got 2',
      'data/sources.yaml: source "brics" (sources[0]): timezone: unknown IANA time zone "Nowhere/Land"',
      'data/sources.yaml: source "brics" (sources[1]): id: duplicate id "brics" (already used by sources[0])',
      'data/sources.yaml: sources[2]: expected a mapping, got number 42',
    ]);
  });

  it('rejects a top level that is not a mapping, and sources that are not a list', () => {
    expect(errorOf('- a\n- b\n').message).toMatch(/^data\/sources\.yaml: the top level must be a mapping/);
    expect(errorOf('sources: {id: a}\n').issues).toEqual(['data/sources.yaml: sources: expected a list, got a mapping']);
  });
});

describe('parseConfig syntax errors and formats', () => {
  it('names file and line for YAML syntax errors', () => {
    const err = errorOf('sources:\n  - id: a\n    url: https://a.example/\n    id: b\n');
    expect(err.issues).toEqual(['data/sources.yaml: line 4, column 5: YAML syntax error: Map keys must be unique']);
    expect(errorOf('sources:\n  - id: [a\n').message).toMatch(/^data\/sources\.yaml: line \d+, column \d+: YAML syntax error: /);
  });

  it('names file and line for JSON syntax errors', () => {
    const err = errorOf('{\n  "sources": [\n    {"id": "a" "url": "https://a.example/"}\n  ]\n}', 'cfg.json');
    expect(err.message).toMatch(/^cfg\.json: line 3, column \d+: JSON syntax error: /);
  });

  it('refuses unknown extensions, and YAML handed in as JSON', () => {
    expect(errorOf('sources: []', 'config.toml').message).toBe('config.toml: unsupported config file type ".toml": use .yaml, .yml or .json');
    expect(errorOf('sources: []', 'config').message).toMatch(/^config: unsupported config file type/);
    expect(errorOf('sources: []', 'config.json').message).toMatch(/^config\.json: .*JSON syntax error/);
  });

  it('JSON errors use the same messages as YAML ones', () => {
    const err = errorOf(JSON.stringify({ sources: [{ id: 'j', url: 'https://a.example/', limit: -3 }] }), 'c.json');
    expect(err.issues).toEqual(['c.json: source "j" (sources[0]): limit: must be at least 1']);
  });
});

describe('cronProblem', () => {
  it('accepts valid 5- and 6-field expressions and refuses the rest', () => {
    for (const ok of ['*/30 * * * *', '0 9 * * MON-FRI', '15,45 */2 1-15 * *', '0 0 0 * * *', '0 0 * * 7', '@daily']) {
      expect(cronProblem(ok), ok).toBeNull();
    }
    for (const bad of ['* * * *', '* * * * * * *', '*/0 * * * *', '*/61 * * * *', '0 25 * * *', 'every hour', '0 0 31 2 *']) {
      expect(cronProblem(bad), bad).not.toBeNull();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse-config.ts';
import { BUNDLE_FILE_BASE, parseBundledConfig, parseDbSource } from '../../../src/runtime/cloudflare/sources.ts';

describe('Worker sources', () => {
  it('the bundled config resolves relative file: URLs like the Node config (fileBase)', () => {
    const text = 'sources:\n  - id: demo\n    url: file:demo/index.html\n  - id: f\n    type: feed\n    urls: [file:feeds/a.xml, file:///abs/b.xml, https://example.com/c.xml]\n';
    const config = parseBundledConfig(text);
    expect(config).toEqual(parseConfig(text, 'data/sources.yaml', { fileBase: BUNDLE_FILE_BASE }));
    expect(config.sources[0].url).toBe('file:///data/demo/index.html');
    expect(config.sources[1].urls).toEqual(['file:///data/feeds/a.xml', 'file:///abs/b.xml', 'https://example.com/c.xml']);
  });

  it('a D1 row gives the source a config file gives, its id from the id column', () => {
    const raw = { url: 'https://example.com/news', list: { item: 'li', link: 'a@href' }, article: { date: 'time@datetime' } };
    const [fromConfig] = parseConfig(JSON.stringify({ sources: [{ ...raw, id: 'news' }] }), 'sources.json').sources;
    expect(parseDbSource({ id: 'news', config: JSON.stringify({ ...raw, id: 'other' }) })).toEqual({ source: fromConfig });
  });

  it('a bad D1 row gives every problem once, named by the row', () => {
    const row = { id: 'news', config: JSON.stringify({ url: 'file:///etc/passwd', limit: 0, lst: {} }) };
    expect(parseDbSource(row)).toEqual({
      problems: [
        'D1 sources row "news": limit: must be at least 1',
        'D1 sources row "news": lst: unknown key (did you mean "list"?)',
        'D1 sources row "news": url: file: URLs are allowed only in the config file',
      ],
    });
    expect(parseDbSource({ id: 'x', config: '{nope' })).toEqual({ problems: [expect.stringMatching(/^D1 sources row "x": config: not JSON: /)] });
    expect(parseDbSource({ id: 'x', config: '[]' })).toEqual({ problems: ['D1 sources row "x": expected a mapping, got a list'] });
  });
});

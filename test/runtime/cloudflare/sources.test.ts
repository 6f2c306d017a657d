import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse-config.ts';
import { resolveSourceRefs } from '../../../src/config/env-refs.ts';
import { openSqlite } from '../../../src/runtime/node/sqlite.ts';
import {
  BUNDLE_FILE_BASE, bundledEntries, bundledSources, loadSource, loadSources, parseBundledConfig, parseDbSource,
} from '../../../src/runtime/cloudflare/sources.ts';

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

  it('one source by id (the queue consumer) is the one the full catalog serves, reading only its row', async () => {
    const text = 'sources:\n  - id: bundled\n    url: file:demo/index.html\n';
    const config = parseBundledConfig(text);
    const entries = bundledEntries(config, text, 'data/sources.yaml');
    const { store, driver } = await openSqlite(':memory:');
    const now = new Date('2026-01-01T00:00:00Z');
    const put = (id: string, entry: object) => store.putStoredSource(id, JSON.stringify(entry), now);
    await put('news', { url: 'https://news.example/', request: { headers: { Authorization: 'Bearer ${TOKEN}' } } });
    await put('bundled', { url: 'https://impostor.example/' }); // clashes with the bundled source: not served
    await put('bad', { url: 'https://bad.example/', limit: 0 });
    await put('unset', { url: 'https://unset.example/', request: { headers: { A: '${NOPE}' } } });
    await put('off', { url: 'https://off.example/' });
    await driver.run('UPDATE sources SET enabled = 0 WHERE id = ?', ['off']);
    const resolveDb = (s: Parameters<typeof resolveSourceRefs>[0]) => resolveSourceRefs(s, { TOKEN: 't0k' }, 'D1 sources');
    const all = await loadSources(config, store, entries, 'data/sources.yaml', resolveDb);
    const bundled = bundledSources(config, entries, 'data/sources.yaml');
    let full = 0;
    const one = (id: string) => loadSource(id, bundled, store, resolveDb, async () => (full++, all));
    for (const id of ['news', 'bundled']) {
      expect((await one(id))?.source).toEqual(all.sources.find((s) => s.id === id));
    }
    expect((await one('news'))?.source.request?.headers).toEqual({ Authorization: 'Bearer t0k' });
    expect((await one('bundled'))?.bundled).toBe(true);
    expect((await one('news'))?.bundled).toBe(false);
    for (const id of ['bad', 'unset', 'off', 'missing']) {
      expect(await one(id)).toBeNull();
      expect(all.sources.some((s) => s.id === id)).toBe(false);
    }
    expect(full).toBe(0);
  });
});

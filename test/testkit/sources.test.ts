import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { makeSource } from '../../testkit/sources.ts';

describe('testkit makeSource', () => {
  it('gives what a config file with the same source gives', () => {
    const fromConfig = parseConfig('sources:\n  - { id: src, url: "https://src.example/" }\n', 'c.yaml').sources[0];
    expect(makeSource()).toEqual(fromConfig);
    const listed = { id: 'n', url: 'https://n.example/', list: { item: '.card', link: 'a@href' }, limit: 7 };
    expect(makeSource(listed)).toEqual(parseConfig(JSON.stringify({ sources: [listed] }), 'c.json').sources[0]);
  });

  it('gives push sources no url', () => {
    const push = makeSource({ id: 'p', type: 'push' });
    expect(push.type).toBe('push');
    expect(push.url).toBeUndefined();
  });

  it('refuses what config refuses, with its message', () => {
    expect(() => makeSource({ schedule: 'every day' })).toThrow(/schedule/);
  });
});

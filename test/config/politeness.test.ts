import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { configIssues } from '../helpers/config-error.ts';

const base = 'sources:\n  - id: a\n    url: https://example.com/news\n';

const problems = (text: string) => configIssues(text);

describe('politeness and storage limits in the config', () => {
  it('leaves robots, hostDelayMs and maxItems unset by default (their defaults apply where used)', () => {
    const cfg = parseConfig(base, 'sources.yaml');
    expect(cfg.robots).toBeUndefined();
    expect(cfg.hostDelayMs).toBeUndefined();
    expect(cfg.sources[0].maxItems).toBeUndefined();
  });

  it('reads robots, hostDelayMs and a per-source maxItems', () => {
    const cfg = parseConfig(`robots: false\nhostDelayMs: 0\n${base}    maxItems: 20\n`, 'sources.yaml');
    expect(cfg.robots).toBe(false);
    expect(cfg.hostDelayMs).toBe(0);
    expect(cfg.sources[0].maxItems).toBe(20);
  });

  it('refuses bad values with a message naming the key', () => {
    expect(problems(`robots: maybe\n${base}`)).toEqual(['sources.yaml: robots: expected a boolean, got string "maybe"']);
    expect(problems(`hostDelayMs: -5\n${base}`)).toEqual(['sources.yaml: hostDelayMs: must be at least 0']);
    expect(problems(`hostDelayMs: 1.5\n${base}`)).toEqual([expect.stringMatching(/^sources\.yaml: hostDelayMs: /)]);
    expect(problems(`${base}    maxItems: 0\n`)).toEqual(['sources.yaml: source "a" (sources[0]): maxItems: must be at least 1']);
  });
});

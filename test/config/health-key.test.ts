import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { configIssues } from '../helpers/config-error.ts';

const base = 'sources:\n  - id: a\n    url: https://example.com/news\n';

describe('the health key', () => {
  it('is unset by default (details for admins only) and reads public or private', () => {
    expect(parseConfig(base, 's.yaml').health).toBeUndefined();
    expect(parseConfig(`health: public\n${base}`, 's.yaml').health).toBe('public');
    expect(parseConfig(`health: private\n${base}`, 's.yaml').health).toBe('private');
  });

  it('refuses anything else, saying what it may be', () => {
    expect(configIssues(`health: open\n${base}`)).toEqual([
      'sources.yaml: health: must be "public" (error details and source URLs for everyone) or "private" (only with the admin token)',
    ]);
  });
});

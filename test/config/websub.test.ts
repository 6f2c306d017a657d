import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { configIssues } from '../helpers/config-error.ts';

const base = 'sources:\n  - id: a\n    url: https://example.com/news\n';

const problems = (text: string) => configIssues(text);

describe('websub limits in the config', () => {
  it('leaves websub unset by default (the hub defaults apply)', () => {
    expect(parseConfig(base, 'sources.yaml').websub).toBeUndefined();
  });

  it('reads the built-in hub limits, alone or with an external hub', () => {
    const cfg = parseConfig(
      `websub:\n  maxSubscriptions: 50\n  maxSubscriptionsPerTopic: 5\n  maxPendingVerifications: 4\n  maxConcurrentDeliveries: 2\n${base}`,
      'sources.yaml',
    );
    expect(cfg.websub).toEqual({ maxSubscriptions: 50, maxSubscriptionsPerTopic: 5, maxPendingVerifications: 4, maxConcurrentDeliveries: 2 });
    expect(parseConfig(`websub:\n  hub: https://hub.example.org/\n${base}`, 'sources.yaml').websub).toEqual({ hub: 'https://hub.example.org/' });
  });

  it('refuses bad limits with a message naming the key', () => {
    expect(problems(`websub:\n  maxSubscriptions: 0\n${base}`)).toEqual(['sources.yaml: websub.maxSubscriptions: must be at least 1']);
    expect(problems(`websub:\n  maxConcurrentDeliveries: 1000\n${base}`)).toEqual(['sources.yaml: websub.maxConcurrentDeliveries: must be at most 100']);
    expect(problems(`websub:\n  maxPendingVerifications: 2.5\n${base}`)).toEqual([expect.stringMatching(/^sources\.yaml: websub\.maxPendingVerifications: /)]);
  });
});

import { expect } from 'vitest';
import { ConfigError } from '../../src/config/messages.ts';
import { parseConfig } from '../../src/config/parse-config.ts';

/** The ConfigError that parsing `text` as `fileName` throws; fails the test when it parses. */
export function configErrorOf(text: string, fileName = 'sources.yaml'): ConfigError {
  try {
    parseConfig(text, fileName);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected parseConfig to throw');
}

/** The issues (one line each: file, source, field, message) of a config that does not parse. */
export function configIssues(text: string, fileName = 'sources.yaml'): string[] {
  return configErrorOf(text, fileName).issues;
}

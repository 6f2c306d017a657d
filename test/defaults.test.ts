import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse-config.ts';
import { DEFAULTS } from '../src/defaults.ts';
import { DEFAULT_LIMITS } from '../src/server/limits.ts';
import { DEFAULT_HUB_LIMITS } from '../src/websub/own-hub.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every .ts file under src/ except defaults.ts, with its text. */
function sourceFiles(dir = join(ROOT, 'src')): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    const file = relative(ROOT, path).split('\\').join('/');
    return e.name.endsWith('.ts') && file !== 'src/defaults.ts' ? [{ file, text: readFileSync(path, 'utf8') }] : [];
  });
}

describe('DEFAULTS', () => {
  it('is what a minimal source and config parse to', () => {
    const config = parseConfig('sources:\n  - id: a\n    url: https://example.com/news\n', 'sources.yaml');
    const [source] = config.sources;
    expect(source.schedule).toBe(DEFAULTS.schedule);
    expect(source.timezone).toBe(DEFAULTS.timezone);
    expect(source.limit).toBe(DEFAULTS.limit);
    expect(source.maxItems).toBeUndefined(); // callers apply DEFAULTS.maxItems
    expect(config.allowPrivateNetworks).toBe(false);
  });

  it('refuses a limit above DEFAULTS.maxLimit and accepts it at the bound', () => {
    const source = (limit: number) => `sources:\n  - id: a\n    url: https://example.com/\n    limit: ${limit}\n`;
    expect(parseConfig(source(DEFAULTS.maxLimit), 's.yaml').sources[0].limit).toBe(DEFAULTS.maxLimit);
    expect(() => parseConfig(source(DEFAULTS.maxLimit + 1), 's.yaml')).toThrow(`must be at most ${DEFAULTS.maxLimit}`);
  });

  it('refuses hostDelayMs above DEFAULTS.maxHostDelayMs', () => {
    expect(() => parseConfig(`hostDelayMs: ${DEFAULTS.maxHostDelayMs + 1}\nsources: []\n`, 's.yaml')).toThrow(`at most ${DEFAULTS.maxHostDelayMs}`);
  });

  it('is the one declaration of the defaults: no module renames a key or restates a value', () => {
    const problems: string[] = [];
    // The names the stages used to declare their own copies under.
    const former = /\bexport const (DEFAULT_(?:SCHEDULE|LIMIT|MAX_ITEMS|MAX_LINKS|HOST_DELAY_MS|USER_AGENT|CONFIG|DB|PORT|MAX_PUSH_ITEMS|MAX_PUSH_BYTES|LEASE|RETRY_DELAYS_MS)|MAX_LIMIT|ROBOTS_MAX_BYTES|MAX_RETRY_AFTER_S|MAX_FAILED_ARTICLES|MAX_INFLATED_BYTES|MAX_CHILD_SITEMAPS|MAX_SITEMAP_ENTRIES|LEASE_MS|MIN_MAX_AGE|MAX_MAX_AGE|MAX_SECRET_BYTES)\b/;
    const alias = /\bexport const \w+\s*(?::[^=]+)?=\s*DEFAULTS\.\w+\s*;/;
    // Values distinctive enough to spot when a module writes its own copy.
    const restated = ["'*/30 * * * *'", 'feedwright/0.', '8787', "'data/feedwright.db'", '512 * 1024', '5 * 1024 * 1024', '50 * 1024 * 1024'];
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    for (const { file, text } of files) {
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''); // comments may cite values
      if (former.test(code)) problems.push(`${file}: declares ${code.match(former)![1]} (use DEFAULTS)`);
      if (alias.test(code)) problems.push(`${file}: renames a DEFAULTS key: ${code.match(alias)![0]}`);
      for (const value of restated) if (code.includes(value)) problems.push(`${file}: restates ${value} (use DEFAULTS)`);
    }
    expect(problems).toEqual([]);
  });

  it('the composite defaults (request limits, hub limits) are built from DEFAULTS', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxUrlLength: DEFAULTS.maxUrlLength, maxHeaderBytes: DEFAULTS.maxHeaderBytes, maxBodyBytes: DEFAULTS.maxBodyBytes });
    expect(DEFAULT_HUB_LIMITS).toEqual({
      maxSubscriptionsPerTopic: DEFAULTS.websubMaxSubscriptionsPerTopic,
      maxSubscriptions: DEFAULTS.websubMaxSubscriptions,
      maxPendingVerifications: DEFAULTS.websubMaxPendingVerifications,
      maxConcurrentDeliveries: DEFAULTS.websubMaxConcurrentDeliveries,
    });
  });
});

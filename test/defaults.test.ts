import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMIT, DEFAULT_MAX_ITEMS, DEFAULT_SCHEDULE, MAX_LIMIT, parseConfig } from '../src/config/schema.ts';
import { DEFAULTS } from '../src/defaults.ts';
import { DEFAULT_USER_AGENT } from '../src/fetch/fetcher.ts';
import { MAX_RETRY_AFTER_S } from '../src/fetch/retry-after.ts';
import { DEFAULT_HOST_DELAY_MS, ROBOTS_MAX_BYTES } from '../src/fetch/robots.ts';
import { DEFAULT_MAX_LINKS } from '../src/list/index.ts';
import { MAX_FAILED_ARTICLES } from '../src/pipeline/failed-articles.ts';
import { MAX_INFLATED_BYTES } from '../src/fetch/document-text.ts';
import { MAX_CHILD_SITEMAPS, MAX_SITEMAP_ENTRIES } from '../src/pipeline/collect/sitemaps.ts';
import { DEFAULT_CONFIG, DEFAULT_DB, DEFAULT_PORT } from '../src/runtime/node/context.ts';
import { LEASE_MS } from '../src/runtime/cloudflare/lease.ts';
import { DEFAULT_MAX_PUSH_BYTES, DEFAULT_MAX_PUSH_ITEMS } from '../src/server/api.ts';
import { DEFAULT_LIMITS } from '../src/server/limits.ts';
import { MAX_MAX_AGE, MIN_MAX_AGE } from '../src/server/max-age.ts';
import { DEFAULT_HUB_LIMITS, DEFAULT_LEASE, DEFAULT_RETRY_DELAYS_MS, MAX_SECRET_BYTES } from '../src/websub/hub.ts';

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

  // The constants the stages declare today; they go once every caller reads DEFAULTS.
  it('agrees with the values the modules declare today', () => {
    expect({
      schedule: DEFAULT_SCHEDULE, limit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT, maxItems: DEFAULT_MAX_ITEMS,
      maxLinks: DEFAULT_MAX_LINKS, hostDelayMs: DEFAULT_HOST_DELAY_MS, robotsMaxBytes: ROBOTS_MAX_BYTES,
      userAgent: DEFAULT_USER_AGENT, maxRetryAfterS: MAX_RETRY_AFTER_S, maxFailedArticles: MAX_FAILED_ARTICLES,
      maxInflatedBytes: MAX_INFLATED_BYTES, maxChildSitemaps: MAX_CHILD_SITEMAPS, maxSitemapEntries: MAX_SITEMAP_ENTRIES,
      port: DEFAULT_PORT, configPath: DEFAULT_CONFIG, dbPath: DEFAULT_DB, workerLeaseMs: LEASE_MS,
      maxPushItems: DEFAULT_MAX_PUSH_ITEMS, maxPushBytes: DEFAULT_MAX_PUSH_BYTES,
      maxUrlLength: DEFAULT_LIMITS.maxUrlLength, maxHeaderBytes: DEFAULT_LIMITS.maxHeaderBytes, maxBodyBytes: DEFAULT_LIMITS.maxBodyBytes,
      minFeedMaxAgeS: MIN_MAX_AGE, maxFeedMaxAgeS: MAX_MAX_AGE,
      websubLeaseSeconds: DEFAULT_LEASE.defaultSeconds, websubMinLeaseSeconds: DEFAULT_LEASE.minSeconds,
      websubMaxLeaseSeconds: DEFAULT_LEASE.maxSeconds, websubRetryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
      websubMaxSecretBytes: MAX_SECRET_BYTES,
      websubMaxSubscriptionsPerTopic: DEFAULT_HUB_LIMITS.maxSubscriptionsPerTopic,
      websubMaxSubscriptions: DEFAULT_HUB_LIMITS.maxSubscriptions,
      websubMaxPendingVerifications: DEFAULT_HUB_LIMITS.maxPendingVerifications,
      websubMaxConcurrentDeliveries: DEFAULT_HUB_LIMITS.maxConcurrentDeliveries,
    }).toEqual(Object.fromEntries(Object.entries(DEFAULTS).filter(([key]) => [
      'schedule', 'limit', 'maxLimit', 'maxItems', 'maxLinks', 'hostDelayMs', 'robotsMaxBytes', 'userAgent', 'maxRetryAfterS',
      'maxFailedArticles', 'maxInflatedBytes', 'maxChildSitemaps', 'maxSitemapEntries', 'port', 'configPath', 'dbPath',
      'workerLeaseMs', 'maxPushItems', 'maxPushBytes', 'maxUrlLength', 'maxHeaderBytes', 'maxBodyBytes', 'minFeedMaxAgeS',
      'maxFeedMaxAgeS', 'websubLeaseSeconds', 'websubMinLeaseSeconds', 'websubMaxLeaseSeconds', 'websubRetryDelaysMs',
      'websubMaxSecretBytes', 'websubMaxSubscriptionsPerTopic', 'websubMaxSubscriptions', 'websubMaxPendingVerifications',
      'websubMaxConcurrentDeliveries',
    ].includes(key))));
  });
});

/**
 * The defaults README states are DEFAULTS (src/defaults.ts): each row of the "Top level", "A source",
 * "Limits and politeness" and "Environment" tables is either compared with the DEFAULTS keys it
 * documents or named below as stating no default, so a changed default or a new row cannot drift.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../src/defaults.ts';

const README = readFileSync(join(resolve(import.meta.dirname, '..'), 'README.md'), 'utf8');

const KiB = 1024;
const MiB = 1024 * KiB;

/** The first table under `### heading`: first cell (without backticks) → the other cells. */
function table(heading: string): Map<string, string[]> {
  const at = README.indexOf(`\n### ${heading}\n`);
  if (at < 0) throw new Error(`README has no "### ${heading}" section`);
  const lines = README.slice(at + heading.length + 6).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.slice(1, -1).split(' | ').map((c) => c.trim());
    rows.set(cells[0].replaceAll('`', ''), cells.slice(1));
  }
  return rows;
}

interface Expectation {
  /** The default cell, exactly (backticks aside). */
  value?: string;
  /** Phrases the row's other cells must contain. */
  mentions?: string[];
}

/** Checks every row of a table: listed rows against DEFAULTS, the rest must be named in `noDefault`. */
function check(heading: string, expected: Record<string, Expectation>, noDefault: string[]): void {
  const rows = table(heading);
  const problems: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const cells = rows.get(key);
    if (!cells) {
      problems.push(`${heading}: no row "${key}"`);
      continue;
    }
    const stated = cells[0].replaceAll('`', '');
    if (want.value !== undefined && stated !== want.value) {
      problems.push(`${heading} / ${key}: README says ${JSON.stringify(stated)}, DEFAULTS say ${JSON.stringify(want.value)}`);
    }
    for (const phrase of want.mentions ?? []) {
      if (!cells.join(' | ').includes(phrase)) problems.push(`${heading} / ${key}: should say ${JSON.stringify(phrase)} (DEFAULTS)`);
    }
  }
  for (const key of rows.keys()) {
    if (!(key in expected) && !noDefault.includes(key)) {
      problems.push(`${heading}: row "${key}" is not checked; compare it with DEFAULTS here or list it as stating no default`);
    }
  }
  expect(problems).toEqual([]);
}

describe('README states the defaults of src/defaults.ts', () => {
  it('"Top level" table', () => {
    check('Top level', {
      robots: { value: String(DEFAULTS.robots) },
      hostDelayMs: {
        value: String(DEFAULTS.hostDelayMs),
        mentions: [`0–${DEFAULTS.maxHostDelayMs} ms`, `capped at ${DEFAULTS.maxHostDelayMs / 1000} s`],
      },
      'scrapeConcurrency, scrapeConcurrencyPerHost': {
        value: `${DEFAULTS.scrapeConcurrency}, ${DEFAULTS.scrapeConcurrencyPerHost}`,
        mentions: [`up to an hour`],
      },
      'websub.maxSubscriptions, websub.maxSubscriptionsPerTopic': {
        value: `${DEFAULTS.websubMaxSubscriptions}, ${DEFAULTS.websubMaxSubscriptionsPerTopic}`,
      },
      'websub.maxPendingVerifications, websub.maxConcurrentDeliveries': {
        value: `${DEFAULTS.websubMaxPendingVerifications}, ${DEFAULTS.websubMaxConcurrentDeliveries}`,
      },
    }, ['baseUrl', 'allowPrivateNetworks', 'health', 'websub.hub', 'notify', 'proxy', 'siteConfig', 'sources']);
  });

  it('"A source" table', () => {
    check('A source', {
      schedule: { value: DEFAULTS.schedule },
      timezone: { value: DEFAULTS.timezone },
      limit: {
        value: String(DEFAULTS.limit),
        mentions: [`at most ${DEFAULTS.maxLimit}`, `capped at ${DEFAULTS.maxFeedItems} in served feeds`],
      },
      maxItems: { value: String(DEFAULTS.maxItems) },
      render: { mentions: [`default ${DEFAULTS.renderTimeoutMs / 1000} s`, `at most ${DEFAULTS.maxRenderTimeoutMs / 1000} s`] },
    }, ['id', 'title', 'type', 'url', 'urls', 'sources', 'language', 'filters', 'list', 'article', 'request', 'notify', 'siteConfig']);
  });

  it('"Limits and politeness" table', () => {
    check('Limits and politeness', {
      'body size': { value: `${DEFAULTS.fetchMaxBytes / MiB} MiB` },
      'time per request': { value: `${DEFAULTS.fetchTimeoutMs / 1000} s`, mentions: [`timed out after ${DEFAULTS.fetchTimeoutMs} ms`] },
      redirects: { value: String(DEFAULTS.maxRedirects) },
      'links per listing page': { value: String(DEFAULTS.maxLinks) },
      nesting: { value: `${DEFAULTS.maxNestingDepth} elements deep` },
      'new article pages per run': {
        value: String(DEFAULTS.articlesPerRun),
        mentions: [`plus ${DEFAULTS.refreshKnownPerRun} known pages`],
      },
      'items per source': { value: `maxItems (${DEFAULTS.maxItems})` },
      'robots.txt': {
        value: `robots: ${DEFAULTS.robots}`,
        mentions: [
          DEFAULTS.robotsCacheTtlMs === 3_600_000 ? 'Read once an hour' : `Read every ${DEFAULTS.robotsCacheTtlMs / 60_000} minutes`,
          `the first ${DEFAULTS.robotsMaxBytes / KiB} KiB apply`,
          `for ${DEFAULTS.robotsErrorTtlMs / 60_000} minutes`,
        ],
      },
      spacing: {
        value: `hostDelayMs (${DEFAULTS.hostDelayMs / 1000} s)`,
        mentions: [`(up to ${DEFAULTS.maxHostDelayMs / 1000} s)`],
      },
      'failing sources': {
        mentions: [
          `Retried after ${DEFAULTS.backoffBaseMs / 60_000}, ${2 * DEFAULTS.backoffBaseMs / 60_000}, ${4 * DEFAULTS.backoffBaseMs / 60_000} … minutes`,
          `at most ${DEFAULTS.backoffMaxMs / 3_600_000} h)`,
          `(at most ${DEFAULTS.maxRetryAfterS / 3600} h)`,
        ],
      },
      'refused sources': {
        mentions: [
          `wait ${DEFAULTS.cooldownBaseMs / 60_000}, ${2 * DEFAULTS.cooldownBaseMs / 60_000}, ${4 * DEFAULTS.cooldownBaseMs / 60_000} … minutes`,
          `at most ${DEFAULTS.cooldownMaxMs / 3_600_000} h)`,
        ],
      },
      'pages per article': { value: String(DEFAULTS.maxArticlePages), mentions: [`up to ${DEFAULTS.maxSiteConfigBytes / KiB} KiB`] },
      'failed article pages': { value: `${DEFAULTS.maxFailedArticles} per source` },
    }, ['outbound addresses']);
  });

  it('"Environment" table', () => {
    check('Environment', {
      PORT: { value: String(DEFAULTS.port) },
      FEEDWRIGHT_CONFIG: { value: DEFAULTS.configPath },
      FEEDWRIGHT_DB: { value: DEFAULTS.dbPath },
      FEEDWRIGHT_EXTRACT_THREADS: { value: String(DEFAULTS.extractThreads) },
      FEEDWRIGHT_BROWSER_PAGES: { value: String(DEFAULTS.browserPages) },
    }, ['HOST', 'FEEDWRIGHT_ADMIN_TOKEN', 'FEEDWRIGHT_INGEST_TOKEN', 'FEEDWRIGHT_METRICS_TOKEN', 'FEEDWRIGHT_CHROMIUM', 'HTTPS_PROXY, HTTP_PROXY', 'NO_PROXY']);
  });

  it('"Pages that need JavaScript" states the browser\'s limits', () => {
    const at = README.indexOf('\n### Pages that need JavaScript\n');
    const section = README.slice(at, README.indexOf('\n### ', at + 5));
    expect(section).toContain(`replaced after ${DEFAULTS.browserRestartAfterPages} pages, when its processes pass ${DEFAULTS.browserMaxMemoryBytes / MiB} MiB`);
    expect(section).toContain(`with the ${DEFAULTS.fetchMaxBytes / MiB} MiB cap per response`);
  });
});

import type { SourceConfig } from '../config/types.ts';
import { nextRun } from '../utils/cron.ts';
import type { FeedStatus } from '../render/listing.ts';
import type { SourceHealth } from './health.ts';

/**
 * The index page's view of a source, from its /health entry: state, last error split from its
 * timestamp (the pipeline stores "<ISO instant> <message>"), and when it runs next: the next cron
 * fire, or during backoff the retry (a cron fire inside the backoff is skipped by both runtimes).
 */
export function feedStatus(source: SourceConfig, health: SourceHealth, now: Date): FeedStatus {
  if (source.type === 'merge') {
    return {
      state: 'bundle', description: health.description, memberFailing: health.status === 'failing',
      lastSuccess: health.lastSuccess, lastError: null, lastErrorAt: null, consecutiveFailures: 0, nextRun: null,
    };
  }
  const [, at, message] = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) ([\s\S]*)$/.exec(health.lastError ?? '') ?? [null, null, health.lastError];
  return {
    state: source.type === 'push' ? 'push' : health.status,
    lastSuccess: health.lastSuccess,
    lastError: message ?? null,
    lastErrorAt: at ?? null,
    consecutiveFailures: health.consecutiveFailures,
    nextRun: source.type === 'push' ? null : nextRunAt(source, health.nextAttempt, now),
    sourceState: health.state,
    stateSince: health.stateSince,
    stateReason: health.stateReason ?? null,
  };
}

function nextRunAt(source: SourceConfig, nextAttempt: string | null, now: Date): string | null {
  try {
    const cron = nextRun(source, now);
    const retry = nextAttempt ? new Date(nextAttempt) : null;
    if (!retry || Number.isNaN(retry.getTime()) || retry <= now) return cron.toISOString();
    return (retry < cron ? retry : nextRun(source, retry)).toISOString();
  } catch {
    return null; // an unparseable schedule is refused by the config; nothing to announce
  }
}

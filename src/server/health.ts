/** GET /health: each source's scrape state from the stored run states and feed versions. */
import { readFeedVersion } from '../render/document.ts';
import type { SourceConfig } from '../config/types.ts';
import type { FeedVersion, SourceState } from '../model.ts';
import type { Store } from '../store/store.ts';

export type SourceHealthStatus = 'ok' | 'failing' | 'pending';

export interface SourceHealth {
  id: string;
  title: string;
  /** pending: never attempted; failing: the last attempt failed. */
  status: SourceHealthStatus;
  lastAttempt: string | null;
  lastSuccess: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextAttempt: string | null;
  itemCount: number;
  lastModified: string | null;
  /** Article pages that failed and wait for a retry. */
  failedArticles: number;
  /** Configured selectors that matched nothing in the last run. */
  unmatchedSelectors: string[];
}

export interface HealthReport {
  /** ok: no source failing; degraded: some are; failing: every attempted source is. */
  status: 'ok' | 'degraded' | 'failing';
  time: string;
  sources: SourceHealth[];
}

/** The /health document, from the stored run states and feed versions. */
export async function health(sources: SourceConfig[], store: Store, now: Date): Promise<HealthReport> {
  const states = new Map<string, SourceState>((await store.listStates()).map((s) => [s.sourceId, s]));
  const versions: FeedVersion[] = await Promise.all(sources.map((s) => readFeedVersion(store, s, sources)));
  const report = sources.map((s, i): SourceHealth => {
    const st = states.get(s.id);
    const failing = (st?.consecutiveFailures ?? 0) > 0;
    return {
      id: s.id,
      title: s.title,
      status: !st?.lastAttempt ? 'pending' : failing ? 'failing' : 'ok',
      lastAttempt: st?.lastAttempt ?? null,
      lastSuccess: st?.lastSuccess ?? null,
      lastError: st?.lastError ?? null,
      consecutiveFailures: st?.consecutiveFailures ?? 0,
      nextAttempt: st?.nextAttempt ?? null,
      itemCount: versions[i].itemCount,
      lastModified: versions[i].lastModified,
      failedArticles: st?.failedArticles?.length ?? 0,
      unmatchedSelectors: st?.unmatchedSelectors ?? [],
    };
  });
  const attempted = report.filter((r) => r.status !== 'pending');
  const failing = attempted.filter((r) => r.status === 'failing').length;
  const status = failing === 0 ? 'ok' : failing === attempted.length ? 'failing' : 'degraded';
  return { status, time: now.toISOString(), sources: report };
}

/** GET /health: each source's scrape state from the stored run states and feed versions. */
import { mergeMembers } from '../config/merge.ts';
import { readFeedVersion } from '../render/document.ts';
import type { SourceConfig } from '../config/types.ts';
import type { FeedVersion, SourceState, SourceStateName } from '../model.ts';
import type { Store } from '../store/store.ts';

export type SourceHealthStatus = 'ok' | 'failing' | 'pending';

export interface SourceHealth {
  id: string;
  title: string;
  /** pending: never attempted; failing: the last attempt failed. */
  status: SourceHealthStatus;
  /** ok, new, paused, failing, blocked, empty, drift or stale; since when, and why (admin view). */
  state: SourceStateName;
  stateSince: string | null;
  stateReason?: string | null;
  /** The listing, feed or sitemap read (admin view). */
  url?: string | null;
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
  /** Bundles (`type: merge`) only: the member source ids, in the bundle's order. */
  members?: string[];
  /** Bundles only, in words: "bundle of 2 sources: Alpha, Beta". */
  description?: string;
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
  // A bundle holds its members' items less the copies of one URL.
  const bundleCounts = await Promise.all(sources.map((s) => s.type === 'merge' ? store.countItemsAcross(mergeMembers(s, sources).map((m) => m.id)) : 0));
  const report = sources.map((s, i): SourceHealth => {
    if (s.type === 'merge') return bundleHealth(s, sources, states, { ...versions[i], itemCount: bundleCounts[i] });
    const st = states.get(s.id);
    const failing = (st?.consecutiveFailures ?? 0) > 0;
    return {
      id: s.id,
      title: s.title,
      status: !st?.lastAttempt ? 'pending' : failing ? 'failing' : 'ok',
      ...sourceStatus(s, st),
      url: s.url ?? s.urls?.[0] ?? null,
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
  // A bundle is never run itself; its members are counted on their own.
  const attempted = report.filter((r) => r.status !== 'pending' && r.members === undefined);
  const failing = attempted.filter((r) => r.status === 'failing').length;
  const status = failing === 0 ? 'ok' : failing === attempted.length ? 'failing' : 'degraded';
  return { status, time: now.toISOString(), sources: report };
}

/** A bundle describes itself and takes its state from its members: failing when one is, pending until one ran. */
function bundleHealth(bundle: SourceConfig, sources: readonly SourceConfig[], states: Map<string, SourceState>, version: FeedVersion): SourceHealth {
  const members = mergeMembers(bundle, sources);
  const memberStates = members.flatMap((m) => states.get(m.id) ?? []);
  const ran = memberStates.filter((st) => st.lastAttempt);
  const failing = ran.filter((st) => st.consecutiveFailures > 0);
  const worst = failing[0] ? sourceStatus(bundle, failing[0]) : null;
  const latest = (pick: (st: SourceState) => string | null) => ran.map(pick).filter((v): v is string => !!v).sort().at(-1) ?? null;
  return {
    id: bundle.id,
    title: bundle.title,
    status: ran.length === 0 ? 'pending' : failing.length > 0 ? 'failing' : 'ok',
    state: worst?.state ?? (ran.length === 0 ? 'new' : 'ok'),
    stateSince: worst?.stateSince ?? null,
    stateReason: worst ? `${failing[0].sourceId}: ${worst.stateReason ?? worst.state}` : null,
    url: null,
    lastAttempt: latest((st) => st.lastAttempt),
    lastSuccess: latest((st) => st.lastSuccess),
    lastError: failing.length > 0 ? failing.map((st) => `${st.sourceId}: ${st.lastError ?? 'failing'}`).join('; ') : null,
    consecutiveFailures: Math.max(0, ...failing.map((st) => st.consecutiveFailures)),
    nextAttempt: null,
    itemCount: version.itemCount,
    lastModified: version.lastModified,
    failedArticles: memberStates.reduce((sum, st) => sum + (st.failedArticles?.length ?? 0), 0),
    unmatchedSelectors: [],
    members: members.map((m) => m.id),
    description: bundleDescription(members),
  };
}

/** "bundle of 2 sources: Alpha, Beta" (member titles, in the bundle's order). */
export function bundleDescription(members: readonly Pick<SourceConfig, 'title'>[]): string {
  return `bundle of ${members.length} source${members.length === 1 ? '' : 's'}${members.length ? `: ${members.map((m) => m.title).join(', ')}` : ''}`;
}

/** A source's state as everyone may see it (/health, the index page, GET /api/sources). */
export interface SourceStatus {
  state: SourceStateName;
  stateSince: string | null;
  /** Why, in a sentence; may name URLs and errors, so only admins see it over HTTP. */
  stateReason: string | null;
}

/** A source's state from its stored run state: paused, new until it ran, else what its last run judged. */
export function sourceStatus(source: Pick<SourceConfig, 'type'>, st: SourceState | null | undefined): SourceStatus {
  if (st?.pausedAt) return { state: 'paused', stateSince: st.pausedAt, stateReason: 'paused by an operator' };
  if (source.type === 'push') return { state: 'ok', stateSince: null, stateReason: 'items arrive through the push API' };
  if (!st?.lastAttempt) return { state: 'new', stateSince: null, stateReason: 'not run yet' };
  // A state stored before states existed: what the failure count says.
  const state = st.state ?? (st.consecutiveFailures > 0 ? 'failing' : 'ok');
  return { state, stateSince: st.stateSince ?? null, stateReason: st.stateReason ?? st.lastError };
}

/** Fields of /health only admins (or `health: public`) see: error details and source URLs. */
const DETAILS = ['url', 'lastError', 'stateReason', 'unmatchedSelectors'] as const;

/** The /health document without error details and source URLs. */
export function publicHealth(report: HealthReport): HealthReport {
  return {
    ...report,
    sources: report.sources.map((s) => {
      const copy: SourceHealth = { ...s };
      for (const key of DETAILS) delete copy[key];
      return copy;
    }),
  };
}

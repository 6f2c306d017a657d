/**
 * A source's state after a run (ok, failing, blocked, empty, drift, stale, paused), why in a
 * sentence, since when, and the transition when it changed. Pure: plain data about the run, the
 * previous state, the source's recent items and the clock in; a verdict out.
 */
import { DEFAULTS } from '../defaults.ts';
import { BLOCKING_STATUSES, WallError } from '../fetch/challenge.ts';
import { FetchError } from '../fetch/types.ts';
import type { Item, SourceStateName, StateTransition } from '../model.ts';
import { errorMessage } from '../utils/errors.ts';

/** Why a run failed, sorted into the state it puts the source in. */
export interface RunFailure {
  state: 'failing' | 'blocked' | 'empty';
  reason: string;
}

/** An empty listing: thrown by the collector, told apart from a site that is down. */
export class EmptyListingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmptyListingError';
  }
}

/** The fields whose disappearance on new items is drift. */
export const DRIFT_FIELDS = ['date', 'author', 'content', 'image'] as const;
export type DriftField = (typeof DRIFT_FIELDS)[number];

export interface StateInput {
  sourceId: string;
  now: Date;
  previous: { state: SourceStateName; since: string | null };
  paused: boolean;
  /** The run: null error when it succeeded. */
  failure: RunFailure | null;
  /** The listing answered 304 (nothing was read). */
  notModified: boolean;
  /** Article links the previous listing read found (null: never read), and items stored before the run. */
  earlierFound: number | null;
  storedItems: number;
  /** Configured selectors that matched nothing on most items or pages this run, said for people. */
  driftSelectors: string[];
  /** Recent stored items (newest first by publication), including the ones this run created. */
  recent: Pick<Item, 'published' | 'firstSeen' | 'authors' | 'contentHtml' | 'image'>[];
  /** When this run started: items first seen since are this run's new items. */
  runStarted: Date;
  /** Time between two scheduled runs, in ms. */
  scheduleMs: number;
}

export interface StateVerdict {
  state: SourceStateName;
  reason: string;
  since: string;
  transition: StateTransition | null;
}

export function classifyState(input: StateInput): StateVerdict {
  const { state, reason } = judge(input);
  const at = input.now.toISOString();
  const changed = state !== input.previous.state;
  return {
    state, reason,
    since: changed ? at : input.previous.since ?? at,
    transition: changed ? { sourceId: input.sourceId, from: input.previous.state, to: state, reason, at } : null,
  };
}

function judge(input: StateInput): { state: SourceStateName; reason: string } {
  if (input.paused) return { state: 'paused', reason: 'paused by an operator' };
  const { failure } = input;
  if (failure?.state === 'empty') {
    if (input.driftSelectors.length > 0) return { state: 'drift', reason: `the page changed: ${input.driftSelectors.join('; ')}` };
    if ((input.earlierFound ?? 0) > 0 || input.storedItems > 0) {
      const earlier = input.earlierFound ? ` (the previous run found ${input.earlierFound})` : '';
      return { state: 'empty', reason: `${failure.reason}${earlier}` };
    }
    return { state: 'failing', reason: `${failure.reason}; none was ever found: check the source's url and list selectors` };
  }
  if (failure) return { state: failure.state, reason: failure.reason };
  // A 304 reads nothing: what the listing last showed still holds.
  if (input.notModified && (input.previous.state === 'drift' || input.previous.state === 'empty')) {
    return { state: input.previous.state, reason: 'the listing is unchanged since the run that found the problem' };
  }
  if (input.driftSelectors.length > 0) return { state: 'drift', reason: `the page changed: ${input.driftSelectors.join('; ')}` };
  const fields = missingFields(input);
  if (fields) return { state: 'drift', reason: fields };
  const stale = staleness(input);
  if (stale) return { state: 'stale', reason: stale };
  return { state: 'ok', reason: 'the last run succeeded' };
}

/** "author and image missing on 4 of 5 new items (most earlier items have them)", or null. */
function missingFields(input: StateInput): string | null {
  const started = input.runStarted.getTime();
  const fresh = input.recent.filter((i) => Date.parse(i.firstSeen) >= started);
  const earlier = input.recent.filter((i) => Date.parse(i.firstSeen) < started);
  if (fresh.length < DEFAULTS.driftMinNewItems || earlier.length < DEFAULTS.stateMinItems) return null;
  const missing: string[] = [];
  let worst = 0;
  for (const field of DRIFT_FIELDS) {
    const usual = earlier.filter((i) => has(i, field)).length / earlier.length;
    const gone = fresh.filter((i) => !has(i, field)).length;
    if (usual >= DEFAULTS.driftUsualShare && gone / fresh.length > DEFAULTS.driftMissingShare) {
      missing.push(field);
      worst = Math.max(worst, gone);
    }
  }
  if (missing.length === 0) return null;
  const names = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return `${names} missing on ${worst} of ${fresh.length} new items (most earlier items have ${missing.length === 1 ? 'one' : 'them'})`;
}

function has(item: StateInput['recent'][number], field: DriftField): boolean {
  switch (field) {
    // Without a date of its own an item is dated when it was first seen.
    case 'date': return item.published !== item.firstSeen;
    case 'author': return item.authors.length > 0;
    case 'content': return !!item.contentHtml && item.contentHtml.trim() !== '';
    case 'image': return !!item.image;
  }
}

/** "no new item for 9 days; this source usually has one every 1 day", or null. */
function staleness(input: StateInput): string | null {
  const instants = input.recent.map((i) => Date.parse(i.published)).filter(Number.isFinite).sort((a, b) => b - a);
  if (instants.length < DEFAULTS.stateMinItems) return null;
  const gaps = instants.slice(1).map((t, i) => instants[i] - t).sort((a, b) => a - b);
  const usual = gaps[Math.floor(gaps.length / 2)];
  const lastNew = Math.max(...input.recent.map((i) => Date.parse(i.firstSeen)).filter(Number.isFinite));
  const silence = input.now.getTime() - lastNew;
  if (silence <= Math.max(usual * DEFAULTS.staleGapFactor, input.scheduleMs * DEFAULTS.staleMinRuns)) return null;
  return `no new item for ${duration(silence)}; this source usually has one every ${duration(usual)}`;
}

/** "3 days", "5 hours", "20 minutes". */
export function duration(ms: number): string {
  const units: [string, number][] = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  for (const [name, size] of units) {
    const n = Math.round(ms / size);
    if (n >= 1 || name === 'minute') return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return '';
}

/**
 * Sorts a failed run's error: a bot wall or a blocking status is `blocked`; an empty listing is
 * `empty`; anything else is `failing`, with a sentence that names what failed (DNS, timeout,
 * 5xx, connection), never a robots.txt problem for a site that does not answer.
 */
export function classifyFailure(error: unknown): RunFailure {
  const message = errorMessage(error);
  if (error instanceof EmptyListingError) return { state: 'empty', reason: message };
  if (error instanceof WallError) return { state: 'blocked', reason: message };
  const status = error instanceof FetchError ? error.status : undefined;
  if (status !== undefined && BLOCKING_STATUSES.has(status)) {
    return { state: 'blocked', reason: `the site refuses feedwright (HTTP ${status}): ${message}` };
  }
  if (/\(HTTP (?:401|403|429|451)\)/.test(message) && /robots\.txt/.test(message)) {
    return { state: 'blocked', reason: `the site refuses feedwright: ${message}` };
  }
  return { state: 'failing', reason: `${failureKind(message, status)}: ${message}` };
}

function failureKind(message: string, status: number | undefined): string {
  if (status !== undefined && status >= 500) return `the site is down (HTTP ${status})`;
  if (/DNS lookup failed|ENOTFOUND|EAI_AGAIN/i.test(message)) return 'DNS fails for the site';
  if (/timed out|ETIMEDOUT|UND_ERR_.*TIMEOUT/i.test(message)) return 'the site does not answer in time';
  if (/cannot reach|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|fetch failed/i.test(message)) return 'the site cannot be reached';
  if (/robots\.txt is unreachable/.test(message)) return 'the site is down (its robots.txt answers with an error)';
  if (status !== undefined) return `the site answers HTTP ${status}`;
  return 'the run failed';
}

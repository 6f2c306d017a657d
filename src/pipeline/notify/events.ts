/**
 * What a run has to tell webhooks: a source's state changed (`source.state`), it found new items
 * (`items.new`, one batch per run) or edited ones (`items.updated`). Plain data, built from the
 * run's report and the state transitions it recorded.
 */
import type { NotifyEvent, SourceConfig } from '../../config/types.ts';
import type { StateTransition } from '../../model.ts';
import type { ChangedItem, ScrapeReport } from '../types.ts';

/** The state transitions a run recorded (at most one). */
export function runTransitions(report: Pick<ScrapeReport, 'transition'>): StateTransition[] {
  return report.transition ? [report.transition] : [];
}

/** The source as notifications describe it. */
export interface NotifiedSource {
  id: string;
  title: string;
  /** The site (the listing page or first feed), when it has one. */
  url: string | null;
  /** The source's Atom feed on this service. */
  feed: string;
}

export type Notification =
  | { event: 'source.state'; at: string; source: NotifiedSource; from: string; to: string; reason: string }
  | { event: 'items.new' | 'items.updated'; at: string; source: NotifiedSource; count: number; items: ChangedItem[] };

/** The notifications of one run of `source`, in the order they happened. */
export function runNotifications(
  source: Pick<SourceConfig, 'id' | 'title' | 'url'>,
  report: Pick<ScrapeReport, 'created' | 'updated' | 'changedItems' | 'startedAt'>,
  transitions: readonly StateTransition[],
  baseUrl: string,
  at: string,
): Notification[] {
  const described: NotifiedSource = {
    id: source.id, title: source.title, url: source.url ?? null, feed: `${baseUrl.replace(/\/+$/, '')}/feeds/${source.id}.atom`,
  };
  const out: Notification[] = [];
  if (report.created > 0) {
    out.push({ event: 'items.new', at, source: described, count: report.created, items: report.changedItems?.created ?? [] });
  }
  if (report.updated > 0) {
    out.push({ event: 'items.updated', at, source: described, count: report.updated, items: report.changedItems?.updated ?? [] });
  }
  for (const t of transitions) {
    if (t.sourceId !== source.id || t.from === t.to) continue;
    out.push({ event: 'source.state', at: t.at, source: described, from: t.from, to: t.to, reason: t.reason });
  }
  return out;
}

/** Every webhook that wants `event` for `source`: the top-level ones, then the source's own. */
export function targetsFor<T extends { events: NotifyEvent[] }>(event: NotifyEvent, top: readonly T[] | undefined, own: readonly T[] | undefined): T[] {
  return [...(top ?? []), ...(own ?? [])].filter((t) => t.events.includes(event));
}

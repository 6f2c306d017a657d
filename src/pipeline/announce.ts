/** After a run: tell WebSub when the run changed what a feed shows. */
import type { WebSub } from '../websub/types.ts';
import type { ScrapeReport } from './types.ts';

/** Whether a run changed the feed: it succeeded and created or updated at least one item. */
export function feedChangedBy(report: Pick<ScrapeReport, 'ok' | 'created' | 'updated'>): boolean {
  return report.ok && report.created + report.updated > 0;
}

/**
 * Announces the run's source to WebSub when `feedChangedBy(report)`. Resolves true when it
 * announced, false when the feed did not change; rejects when the hub does (callers log it).
 * `background` keeps deliveries alive on Workers (`ctx.waitUntil`).
 */
export async function announceRun(
  websub: Pick<WebSub, 'feedChanged'>,
  report: Pick<ScrapeReport, 'ok' | 'created' | 'updated' | 'sourceId'>,
  background?: (task: Promise<unknown>) => void,
): Promise<boolean> {
  if (!feedChangedBy(report)) return false;
  await websub.feedChanged(report.sourceId, background);
  return true;
}

/**
 * The metrics every runtime exposes at GET /metrics (Prometheus text format), and what records
 * them. Node backs this with prom-client (runtime/node/metrics.ts); Workers with the small
 * writer in metrics-text.ts. Same names and labels on both.
 */
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import type { Fetcher } from '../fetch/types.ts';
import type { SourceStateName } from '../model.ts';

export const METRIC_NAMES = {
  scrapeRuns: 'feedwright_scrape_runs_total',
  scrapeDuration: 'feedwright_scrape_duration_seconds',
  itemsStored: 'feedwright_items_stored_total',
  sourceState: 'feedwright_source_state',
  httpRequests: 'feedwright_http_requests_total',
  fetchBytes: 'feedwright_fetch_bytes_total',
  notifications: 'feedwright_notifications_total',
} as const;

export const METRIC_HELP: Record<keyof typeof METRIC_NAMES, string> = {
  scrapeRuns: 'Scrape runs by source and result (ok, not_modified, failed).',
  scrapeDuration: 'Duration of scrape runs, in seconds.',
  itemsStored: 'Items written by scrape runs, by source and change (created, updated).',
  sourceState: 'The state of each source: 1 for its current state, 0 for the others.',
  httpRequests: 'HTTP requests answered, by route pattern and status.',
  fetchBytes: 'Bytes of bodies fetched from origins (after decompression).',
  notifications: 'Notifications delivered or given up on, by result.',
};

export const SOURCE_STATES: readonly SourceStateName[] = ['ok', 'new', 'paused', 'failing', 'blocked', 'empty', 'drift', 'stale'];

/** One finished scrape run, as metrics count it. */
export interface RunMetrics {
  sourceId: string;
  result: 'ok' | 'not_modified' | 'failed';
  durationMs: number;
  created: number;
  updated: number;
}

/** Records metrics and writes the exposition. Recording must cost next to nothing. */
export interface Metrics {
  scrapeRun(run: RunMetrics): void;
  /** `route` is a route pattern (`/feeds/:file`), never a raw path: bounded label values. */
  httpRequest(route: string, status: number): void;
  fetchBytes(bytes: number): void;
  /** A notification's outcome (`delivered`, `failed`, `gave_up`, …). */
  notification(result: string): void;
  /** The Prometheus text exposition, with each source's current state. */
  expose(states: readonly { source: string; state: SourceStateName }[]): Promise<string>;
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The route pattern that answered, for the `route` label: unmatched paths share one value. */
export function routeLabel(c: Context): string {
  const path = routePath(c);
  return path === '' || path.endsWith('*') ? 'other' : path;
}

/** HTTP requests per `route status` key: a map increment per request, turned into metrics when exposed. */
export class RequestTally {
  readonly counts = new Map<string, number>();

  add(route: string, status: number): void {
    const key = `${status} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  *entries(): Generator<{ route: string; status: string; count: number }> {
    for (const [key, count] of this.counts) {
      const space = key.indexOf(' ');
      yield { route: key.slice(space + 1), status: key.slice(0, space), count };
    }
  }
}

/** The fetcher, counting the body bytes it brings in. */
export function countingFetcher(fetch: Fetcher, metrics: Pick<Metrics, 'fetchBytes'>): Fetcher {
  return async (url, options) => {
    const result = await fetch(url, options);
    if (result.bytes) metrics.fetchBytes(result.bytes.byteLength);
    return result;
  };
}

/**
 * A small Prometheus text writer with the metrics of metrics.ts, for runtimes without prom-client
 * (Workers). Counts live in memory, per isolate: a counter starts again from zero in a new
 * isolate, which Prometheus reads as a counter reset.
 */
import { DEFAULTS } from '../defaults.ts';
import { METRIC_HELP, METRIC_NAMES, RequestTally, SOURCE_STATES, type Metrics, type RunMetrics } from './metrics.ts';

type Labels = Record<string, string>;

export function createTextMetrics(): Metrics {
  const runs = new Map<string, number>();
  const stored = new Map<string, number>();
  const requests = new RequestTally();
  const notifications = new Map<string, number>();
  const buckets: number[] = [...DEFAULTS.scrapeDurationBucketsS];
  const bucketCounts = buckets.map(() => 0);
  let durationSum = 0;
  let durationCount = 0;
  let fetched = 0;

  return {
    scrapeRun(run: RunMetrics) {
      bump(runs, labelKey({ source: run.sourceId, result: run.result }));
      if (run.created) bump(stored, labelKey({ source: run.sourceId, change: 'created' }), run.created);
      if (run.updated) bump(stored, labelKey({ source: run.sourceId, change: 'updated' }), run.updated);
      const seconds = run.durationMs / 1000;
      buckets.forEach((le, i) => { if (seconds <= le) bucketCounts[i] += 1; });
      durationSum += seconds;
      durationCount += 1;
    },
    httpRequest: (route, status) => requests.add(route, status),
    fetchBytes(bytes) { fetched += bytes; },
    notification: (result) => bump(notifications, labelKey({ result })),
    async expose(states) {
      const out: string[] = [];
      family(out, 'scrapeRuns', 'counter', [...runs].map(([k, v]) => [k, v]));
      const histogram = buckets.map((le, i): [string, number] => [`le="${le}"`, bucketCounts[i]]);
      histogram.push(['le="+Inf"', durationCount]);
      header(out, 'scrapeDuration', 'histogram');
      for (const [labels, v] of histogram) out.push(`${METRIC_NAMES.scrapeDuration}_bucket{${labels}} ${v}`);
      out.push(`${METRIC_NAMES.scrapeDuration}_sum ${durationSum}`, `${METRIC_NAMES.scrapeDuration}_count ${durationCount}`);
      family(out, 'itemsStored', 'counter', [...stored]);
      family(out, 'sourceState', 'gauge', states.flatMap(({ source, state }) =>
        SOURCE_STATES.map((s): [string, number] => [labelKey({ source, state: s }), s === state ? 1 : 0])));
      family(out, 'httpRequests', 'counter', [...requests.entries()].map(({ route, status, count }) => [labelKey({ route, status }), count]));
      family(out, 'fetchBytes', 'counter', [['', fetched]]);
      family(out, 'notifications', 'counter', [...notifications]);
      return `${out.join('\n')}\n`;
    },
  };
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function header(out: string[], metric: keyof typeof METRIC_NAMES, type: string): void {
  out.push(`# HELP ${METRIC_NAMES[metric]} ${METRIC_HELP[metric]}`, `# TYPE ${METRIC_NAMES[metric]} ${type}`);
}

function family(out: string[], metric: keyof typeof METRIC_NAMES, type: string, samples: [string, number][]): void {
  header(out, metric, type);
  for (const [labels, v] of samples) out.push(`${METRIC_NAMES[metric]}${labels ? `{${labels}}` : ''} ${v}`);
}

/** `source="a",result="ok"`, values escaped as the text format asks. */
function labelKey(labels: Labels): string {
  return Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`).join(',');
}

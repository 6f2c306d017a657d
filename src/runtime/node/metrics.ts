/** The metrics of server/metrics.ts on prom-client, in a registry of their own. */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DEFAULTS } from '../../defaults.ts';
import { METRIC_HELP, METRIC_NAMES, RequestTally, SOURCE_STATES, type Metrics } from '../../server/metrics.ts';
import type { SourceStateName } from '../../model.ts';

export function createNodeMetrics(): Metrics {
  const registry = new Registry();
  const runs = new Counter({ name: METRIC_NAMES.scrapeRuns, help: METRIC_HELP.scrapeRuns, labelNames: ['source', 'result'], registers: [registry] });
  const duration = new Histogram({
    name: METRIC_NAMES.scrapeDuration, help: METRIC_HELP.scrapeDuration, buckets: [...DEFAULTS.scrapeDurationBucketsS], registers: [registry],
  });
  const stored = new Counter({ name: METRIC_NAMES.itemsStored, help: METRIC_HELP.itemsStored, labelNames: ['source', 'change'], registers: [registry] });
  let states: readonly { source: string; state: SourceStateName }[] = [];
  new Gauge({
    name: METRIC_NAMES.sourceState, help: METRIC_HELP.sourceState, labelNames: ['source', 'state'], registers: [registry],
    collect() {
      this.reset();
      for (const s of states) for (const name of SOURCE_STATES) this.set({ source: s.source, state: name }, s.state === name ? 1 : 0);
    },
  });
  // Requests are tallied in a plain map (the feed route's cost is one map increment) and handed
  // to prom-client only when scraped.
  const tally = new RequestTally();
  new Counter({
    name: METRIC_NAMES.httpRequests, help: METRIC_HELP.httpRequests, labelNames: ['route', 'status'], registers: [registry],
    collect() {
      this.reset();
      for (const { route, status, count } of tally.entries()) this.inc({ route, status }, count);
    },
  });
  const bytes = new Counter({ name: METRIC_NAMES.fetchBytes, help: METRIC_HELP.fetchBytes, registers: [registry] });
  const notifications = new Counter({ name: METRIC_NAMES.notifications, help: METRIC_HELP.notifications, labelNames: ['result'], registers: [registry] });

  return {
    scrapeRun(run) {
      runs.inc({ source: run.sourceId, result: run.result });
      duration.observe(run.durationMs / 1000);
      if (run.created) stored.inc({ source: run.sourceId, change: 'created' }, run.created);
      if (run.updated) stored.inc({ source: run.sourceId, change: 'updated' }, run.updated);
    },
    httpRequest: (route, status) => tally.add(route, status),
    fetchBytes: (n) => bytes.inc(n),
    notification: (result) => notifications.inc({ result }),
    async expose(current) {
      states = current;
      return registry.metrics();
    },
  };
}

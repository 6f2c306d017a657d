import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import type { RunMetrics } from '../server/metrics.ts';
import { scrapeSource } from './scrape.ts';
import type { ScrapeDeps, ScrapeReport } from './types.ts';

/**
 * Runs sources through the pipeline, never two runs of one source at once: a second request
 * while a run is in flight gets that run's report. One source's failure never affects another.
 */
export class SourceRunner {
  readonly #inFlight = new Map<string, Promise<ScrapeReport>>();

  constructor(
    private readonly deps: ScrapeDeps,
    private readonly onReport: (report: ScrapeReport) => void = () => {},
  ) {}

  run(source: SourceConfig): Promise<ScrapeReport> {
    const running = this.#inFlight.get(source.id);
    if (running) return running;
    const run = scrapeSource(source, this.deps)
      .then((report) => {
        this.onReport(report);
        return report;
      })
      .finally(() => this.#inFlight.delete(source.id));
    this.#inFlight.set(source.id, run);
    return run;
  }

  /** Runs several sources, `parallel` at once (default DEFAULTS.runAllParallel); resolves when all are done. */
  async runAll(sources: SourceConfig[], parallel: number = DEFAULTS.runAllParallel): Promise<ScrapeReport[]> {
    const reports: ScrapeReport[] = new Array(sources.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(parallel, sources.length) }, async () => {
      while (next < sources.length) {
        const i = next++;
        reports[i] = await this.run(sources[i]);
      }
    }));
    return reports;
  }

  /** Resolves when every in-flight run has finished (for graceful shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }
}

/** One log line per run: what it found and what changed, then the selectors that matched nothing and a state change. */
export function formatReport(r: ScrapeReport): string {
  const t = r.transition;
  // A state change is told once, by the run that caused it.
  const change = t ? `\n[${r.sourceId}] state ${t.from} → ${t.to}: ${t.reason}` : '';
  const selectors = (r.unmatchedSelectors ?? []).map((m) => `\n[${r.sourceId}] selector ${m}`).join('') + change;
  const waiting = r.failedArticles ? `, ${r.failedArticles} failed article(s) wait for a retry` : '';
  if (!r.ok) return `[${r.sourceId}] FAILED after ${r.durationMs} ms: ${r.error}${selectors}`;
  if (r.notModified && r.fetched === 0 && r.warnings.length === 0) {
    return `[${r.sourceId}] listing not modified (304)${waiting}, ${r.durationMs} ms${selectors}`;
  }
  const warn = r.warnings.length ? `, ${r.warnings.length} article(s) failed` : '';
  const what = r.notModified ? 'listing not modified (304), retried failed articles' : `found ${r.found} links`;
  return `[${r.sourceId}] ${what}, read ${r.fetched} articles: ` +
    `${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged${warn}${waiting} (${r.durationMs} ms)${selectors}`;
}

/** What metrics count of a run. */
export function runMetrics(r: ScrapeReport): RunMetrics {
  return { sourceId: r.sourceId, result: !r.ok ? 'failed' : r.notModified ? 'not_modified' : 'ok', durationMs: r.durationMs, created: r.created, updated: r.updated };
}

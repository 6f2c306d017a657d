/**
 * Which due source runs next, at scale: at most `maxConcurrent` runs at once, at most
 * `maxPerHost` of them on one host, and hosts served in turn (round robin), so that a slow or
 * crowded host never holds the slots other hosts' sources are waiting for, and thousands of due
 * sources (a start-up, a shared schedule) queue instead of all starting at once. A source already
 * queued or running is not queued twice. Pure: the caller passes the run function.
 */
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';

export interface DispatcherOptions {
  /** Runs one source; its settling frees the slot. */
  run: (source: SourceConfig) => Promise<unknown>;
  /** Sources running at once (default DEFAULTS.scrapeConcurrency). */
  maxConcurrent?: number;
  /** Sources of one host running at once (default DEFAULTS.scrapeConcurrencyPerHost). */
  maxPerHost?: number;
  /** The host a source is fetched from (default: its URL's host, else its id). */
  hostOf?: (source: SourceConfig) => string;
}

/** The host of a source's URL; sources without one (push, merge) count as hosts of their own. */
export function sourceHost(source: Pick<SourceConfig, 'id' | 'url'>): string {
  if (!source.url) return `#${source.id}`;
  try {
    return new URL(source.url).host || source.url;
  } catch {
    return source.url;
  }
}

export class Dispatcher {
  readonly #run: (source: SourceConfig) => Promise<unknown>;
  readonly #max: number;
  readonly #maxPerHost: number;
  readonly #hostOf: (source: SourceConfig) => string;
  /** Waiting sources per host, in arrival order; the map's order is the round-robin ring. */
  readonly #waiting = new Map<string, SourceConfig[]>();
  readonly #queued = new Set<string>();
  readonly #running = new Map<string, Promise<unknown>>();
  readonly #runningPerHost = new Map<string, number>();
  #idle: (() => void)[] = [];
  #finished = 0;

  constructor(options: DispatcherOptions) {
    this.#run = options.run;
    this.#max = Math.max(1, options.maxConcurrent ?? DEFAULTS.scrapeConcurrency);
    this.#maxPerHost = Math.max(1, options.maxPerHost ?? DEFAULTS.scrapeConcurrencyPerHost);
    this.#hostOf = options.hostOf ?? sourceHost;
  }

  /** Sources waiting for a slot. */
  get waiting(): number {
    return this.#queued.size;
  }

  /** Runs finished so far. */
  get finished(): number {
    return this.#finished;
  }

  /** Sources running now. */
  get running(): number {
    return this.#running.size;
  }

  /** Queues a source unless it is already waiting or running; starts what the caps allow. */
  enqueue(source: SourceConfig): void {
    if (this.#queued.has(source.id) || this.#running.has(source.id)) return;
    const host = this.#hostOf(source);
    const line = this.#waiting.get(host);
    if (line) line.push(source);
    else this.#waiting.set(host, [source]);
    this.#queued.add(source.id);
    this.#pump();
  }

  /** Takes a waiting source out of the queue (a running one finishes). */
  remove(id: string): void {
    if (!this.#queued.delete(id)) return;
    for (const [host, line] of this.#waiting) {
      const i = line.findIndex((s) => s.id === id);
      if (i < 0) continue;
      line.splice(i, 1);
      if (line.length === 0) this.#waiting.delete(host);
      return;
    }
  }

  /** Drops every waiting source (shutdown); running ones finish. */
  clear(): void {
    this.#waiting.clear();
    this.#queued.clear();
  }

  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.#running.size === 0 && this.#queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running.size < this.#max && this.#queued.size > 0) {
      const next = this.#takeNext();
      if (!next) return; // every waiting host is at its cap
      this.#start(next.source, next.host);
    }
  }

  /** The first waiting source of the first host (in ring order) below its cap; that host goes to the back. */
  #takeNext(): { source: SourceConfig; host: string } | undefined {
    for (const [host, line] of this.#waiting) {
      if ((this.#runningPerHost.get(host) ?? 0) >= this.#maxPerHost) continue;
      const source = line.shift()!;
      this.#waiting.delete(host);
      if (line.length > 0) this.#waiting.set(host, line); // re-inserted: now last in the ring
      this.#queued.delete(source.id);
      return { source, host };
    }
    return undefined;
  }

  #start(source: SourceConfig, host: string): void {
    this.#runningPerHost.set(host, (this.#runningPerHost.get(host) ?? 0) + 1);
    const done = Promise.resolve()
      .then(() => this.#run(source))
      .catch(() => {}) // the run function reports its own failures
      .finally(() => {
        this.#running.delete(source.id);
        this.#finished++;
        const n = (this.#runningPerHost.get(host) ?? 1) - 1;
        if (n > 0) this.#runningPerHost.set(host, n);
        else this.#runningPerHost.delete(host);
        this.#pump();
        if (this.#running.size === 0 && this.#queued.size === 0) {
          const waiters = this.#idle;
          this.#idle = [];
          for (const resolve of waiters) resolve();
        }
      });
    this.#running.set(source.id, done);
  }
}

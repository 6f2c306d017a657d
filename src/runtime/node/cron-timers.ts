import cron from 'node-cron';
import type { SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import { Dispatcher } from '../../pipeline/dispatch.ts';
import type { SourceRunner } from '../../pipeline/runner.ts';
import { isDue, isScheduled } from '../../pipeline/due.ts';
import { Timetable } from '../../pipeline/timetable.ts';
import { emptyState, markFailed } from '../../pipeline/scrape.ts';
import type { Store } from '../../store/store.ts';
import { nextRun } from '../../utils/cron.ts';
import { errorMessage } from '../../utils/errors.ts';

export interface Scheduler {
  /**
   * Follow a new list of sources: removed sources leave the timetable, changed ones are replaced,
   * new ones join it and, when never scraped, are queued right away.
   */
  update(sources: readonly SourceConfig[]): Promise<void>;
  /** Run a source now if it is due (e.g. just resumed after missing its schedule). */
  kick(sourceId: string): Promise<void>;
  stop(): Promise<void>;
  /** What the scheduler costs and holds now (bench:scale). */
  stats(): SchedulerStats;
}

export interface SchedulerStats {
  /** Sources in the timetable. */
  sources: number;
  waiting: number;
  running: number;
  /** Runs finished since start. */
  finished: number;
  ticks: number;
  /** Time spent in the last tick and in the slowest one (ms): finding due sources and queueing them. */
  lastTickMs: number;
  maxTickMs: number;
}

export interface SchedulerOptions {
  /** Top-level `scrapeConcurrency` / `scrapeConcurrencyPerHost` (pipeline/dispatch.ts). */
  maxConcurrent?: number;
  maxPerHost?: number;
  /** pipeline/timetable.ts; 0 runs every source exactly on its cron times. */
  spreadMaxMs?: number;
}

/**
 * Node scheduling: one timer for every source (pipeline/timetable.ts: each on its own schedule
 * and time zone, shifted by a stable offset so sources sharing a schedule spread over its
 * interval), runs queued under global and per-host caps with hosts taking turns
 * (pipeline/dispatch.ts), a first run for sources never scraped (queued, not all at once), and an
 * early retry (backoff) when a run fails and its `nextAttempt` comes before the next fire. Runs of
 * one source never overlap (SourceRunner). A run that rejects (the store failing, a bug) is logged
 * and recorded as a failure of its source, with backoff: nothing a run does can take the process down.
 * node-cron beats the scheduler's one tick; a paused source (`pausedAt`) is skipped when due, and
 * `update` follows source changes without a restart.
 */
export async function startScheduler(
  allSources: readonly SourceConfig[], runner: SourceRunner, store: Store, log: (line: string) => void = (l) => console.error(l),
  options: SchedulerOptions = {},
): Promise<Scheduler> {
  const scheduled = new Map<string, { source: SourceConfig; key: string }>();
  const retries = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;
  /** Whether `source` is still the scheduled version of its id (not removed or replaced meanwhile). */
  const current = (source: SourceConfig) => scheduled.get(source.id)?.source === source;

  const runNow = async (source: SourceConfig): Promise<void> => {
    if (stopped || !current(source)) return;
    clearTimeout(retries.get(source.id));
    let ok = false;
    try {
      const state = await store.getState(source.id);
      if (state?.pausedAt) return;
      // A cron fire during backoff is skipped; the retry timer below takes care of it.
      if (state?.nextAttempt && Date.parse(state.nextAttempt) > Date.now()) return;
      ok = (await runner.run(source)).ok;
    } catch (err) {
      await recordCrash(source, err);
    }
    if (!ok && !stopped && current(source)) await scheduleRetry(source);
  };

  const recordCrash = async (source: SourceConfig, err: unknown) => {
    const message = `run failed unexpectedly: ${errorMessage(err)}`;
    log(`${new Date().toISOString()} [${source.id}] FAILED: ${message}`);
    try {
      const now = new Date();
      const state = (await store.getState(source.id)) ?? emptyState(source.id);
      state.lastAttempt = now.toISOString();
      markFailed(state, message, now, now);
      await store.saveState(state);
    } catch (saveErr) {
      log(`${new Date().toISOString()} [${source.id}] could not record the failure: ${errorMessage(saveErr)}`);
    }
  };

  const scheduleRetry = async (source: SourceConfig) => {
    try {
      const state = await store.getState(source.id);
      if (!state?.nextAttempt) return;
      const at = Date.parse(state.nextAttempt);
      if (!Number.isFinite(at) || at >= (timetable.nextAt(source.id) ?? nextRun(source, new Date()).getTime())) return; // the next fire comes first
      const timer = setTimeout(() => dispatcher.enqueue(source), Math.max(0, at - Date.now()));
      timer.unref?.();
      retries.set(source.id, timer);
    } catch (err) {
      log(`${new Date().toISOString()} [${source.id}] could not schedule a retry (the next cron fire will run it): ${errorMessage(err)}`);
    }
  };

  const dispatcher = new Dispatcher({ run: runNow, maxConcurrent: options.maxConcurrent, maxPerHost: options.maxPerHost });
  const timetable = new Timetable({ spreadMaxMs: options.spreadMaxMs });
  const stats = { ticks: 0, lastTickMs: 0, maxTickMs: 0 };
  const tick = () => {
    const t0 = performance.now();
    for (const source of timetable.due(Date.now())) dispatcher.enqueue(source);
    stats.ticks++;
    stats.lastTickMs = performance.now() - t0;
    stats.maxTickMs = Math.max(stats.maxTickMs, stats.lastTickMs);
  };
  const heartbeat = cron.schedule(`*/${Math.max(1, Math.round(DEFAULTS.schedulerTickMs / 1000))} * * * * *`, tick, { name: 'feedwright:scheduler' });

  const unschedule = (id: string) => {
    scheduled.delete(id);
    timetable.remove(id);
    dispatcher.remove(id);
    clearTimeout(retries.get(id));
    retries.delete(id);
  };

  const update = async (all: readonly SourceConfig[]) => {
    if (stopped) return;
    const next = new Map(all.filter(isScheduled).map((s) => [s.id, s]));
    for (const [id, entry] of scheduled) if (entry.key !== JSON.stringify(next.get(id) ?? null)) unschedule(id);
    const added: SourceConfig[] = [];
    const now = Date.now();
    for (const [id, source] of next) {
      if (scheduled.has(id)) continue;
      scheduled.set(id, { source, key: JSON.stringify(source) });
      timetable.add(source, now);
      added.push(source);
    }
    // Sources never scraped are queued (at start-up, or just added), under the caps; failed ones resume their backoff.
    const states = new Map((await store.listStates()).map((state) => [state.sourceId, state]));
    for (const source of added) {
      const state = states.get(source.id);
      if (!state?.lastAttempt) dispatcher.enqueue(source);
      else if (state.consecutiveFailures > 0) void scheduleRetry(source);
    }
  };

  await update(allSources);
  return {
    update,
    async kick(sourceId) {
      const entry = scheduled.get(sourceId);
      if (entry && isDue(entry.source, await store.getState(sourceId), new Date())) dispatcher.enqueue(entry.source);
    },
    async stop() {
      stopped = true;
      await heartbeat.destroy();
      for (const t of retries.values()) clearTimeout(t);
      dispatcher.clear();
      await runner.idle();
    },
    stats: () => ({ sources: timetable.size, waiting: dispatcher.waiting, running: dispatcher.running, finished: dispatcher.finished, ...stats }),
  };
}

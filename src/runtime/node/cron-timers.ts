import cron, { type ScheduledTask } from 'node-cron';
import type { SourceConfig } from '../../config/types.ts';
import type { SourceRunner } from '../../pipeline/runner.ts';
import { isDue, isScheduled } from '../../pipeline/due.ts';
import { emptyState, markFailed } from '../../pipeline/scrape.ts';
import type { Store } from '../../store/store.ts';
import { nextRun } from '../../utils/cron.ts';
import { errorMessage } from '../../utils/errors.ts';

export interface Scheduler {
  /**
   * Follow a new list of sources: tasks of removed sources go, tasks of changed ones are replaced,
   * new sources get a task and, when never scraped, a run right away.
   */
  update(sources: readonly SourceConfig[]): Promise<void>;
  /** Run a source now if it is due (e.g. just resumed after missing its schedule). */
  kick(sourceId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Node scheduling: one node-cron task per source on its own schedule and time zone, a first run
 * right away for sources never scraped, and an early retry (backoff) when a run fails and its
 * `nextAttempt` comes before the next cron fire. Runs of one source never overlap (SourceRunner).
 * A run that rejects (the store failing, a bug) is logged and recorded as a failure of its source,
 * with backoff: nothing a run does can take the process down. A paused source (`pausedAt` in its
 * state) is skipped when its task fires. `update` follows source changes without a restart.
 */
export async function startScheduler(
  allSources: readonly SourceConfig[], runner: SourceRunner, store: Store, log: (line: string) => void = (l) => console.error(l),
): Promise<Scheduler> {
  const tasks = new Map<string, { task: ScheduledTask; source: SourceConfig; key: string }>();
  const retries = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;
  /** Whether `source` is still the scheduled version of its id (not removed or replaced meanwhile). */
  const current = (source: SourceConfig) => tasks.get(source.id)?.source === source;

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
      if (!Number.isFinite(at) || at >= nextRun(source, new Date()).getTime()) return; // the cron fire comes first
      const timer = setTimeout(() => void runNow(source), Math.max(0, at - Date.now()));
      timer.unref?.();
      retries.set(source.id, timer);
    } catch (err) {
      log(`${new Date().toISOString()} [${source.id}] could not schedule a retry (the next cron fire will run it): ${errorMessage(err)}`);
    }
  };

  const unschedule = (id: string) => {
    const t = tasks.get(id);
    if (!t) return;
    tasks.delete(id);
    clearTimeout(retries.get(id));
    retries.delete(id);
    void Promise.resolve(t.task.destroy()).catch(() => {});
  };

  const update = async (all: readonly SourceConfig[]) => {
    if (stopped) return;
    const next = new Map(all.filter(isScheduled).map((s) => [s.id, s]));
    for (const [id, t] of tasks) if (t.key !== JSON.stringify(next.get(id) ?? null)) unschedule(id);
    const added: SourceConfig[] = [];
    for (const [id, source] of next) {
      if (tasks.has(id)) continue;
      const task = cron.schedule(source.schedule, () => runNow(source), {
        name: `feedwright:${source.id}`, timezone: source.timezone, noOverlap: true,
      });
      tasks.set(id, { task, source, key: JSON.stringify(source) });
      added.push(source);
    }
    // Sources never scraped run right away (at start-up, or just added); failed ones resume their backoff.
    for (const source of added) {
      const state = await store.getState(source.id);
      if (!state?.lastAttempt) void runNow(source);
      else if (state.consecutiveFailures > 0) void scheduleRetry(source);
    }
  };

  await update(allSources);
  return {
    update,
    async kick(sourceId) {
      const t = tasks.get(sourceId);
      if (t && isDue(t.source, await store.getState(sourceId), new Date())) void runNow(t.source);
    },
    async stop() {
      stopped = true;
      for (const t of retries.values()) clearTimeout(t);
      await Promise.all([...tasks.values()].map((t) => t.task.destroy()));
      await runner.idle();
    },
  };
}

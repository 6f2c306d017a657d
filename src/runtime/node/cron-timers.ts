import cron, { type ScheduledTask } from 'node-cron';
import type { SourceConfig } from '../../config/types.ts';
import type { SourceRunner } from '../../pipeline/runner.ts';
import { isScheduled } from '../../pipeline/due.ts';
import { emptyState, markFailed } from '../../pipeline/scrape.ts';
import type { Store } from '../../store/store.ts';
import { nextRun } from '../../utils/cron.ts';
import { errorMessage } from '../../utils/errors.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Node scheduling: one node-cron task per source on its own schedule and time zone, a first run
 * right away for sources never scraped, and an early retry (backoff) when a run fails and its
 * `nextAttempt` comes before the next cron fire. Runs of one source never overlap (SourceRunner).
 * A run that rejects (the store failing, a bug) is logged and recorded as a failure of its source,
 * with backoff: nothing a run does can take the process down.
 */
export async function startScheduler(
  allSources: SourceConfig[], runner: SourceRunner, store: Store, log: (line: string) => void = (l) => console.error(l),
): Promise<Scheduler> {
  const sources = allSources.filter(isScheduled);
  const tasks: ScheduledTask[] = [];
  const retries = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;

  const runNow = async (source: SourceConfig): Promise<void> => {
    if (stopped) return;
    clearTimeout(retries.get(source.id));
    let ok = false;
    try {
      const state = await store.getState(source.id);
      // A cron fire during backoff is skipped; the retry timer below takes care of it.
      if (state?.nextAttempt && Date.parse(state.nextAttempt) > Date.now()) return;
      ok = (await runner.run(source)).ok;
    } catch (err) {
      await recordCrash(source, err);
    }
    if (!ok && !stopped) await scheduleRetry(source);
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

  for (const source of sources) {
    tasks.push(cron.schedule(source.schedule, () => runNow(source), {
      name: `feedwright:${source.id}`, timezone: source.timezone, noOverlap: true,
    }));
  }
  // Sources that were never scraped run right after start-up; failed ones resume their backoff.
  for (const source of sources) {
    const state = await store.getState(source.id);
    if (!state?.lastAttempt) void runNow(source);
    else if (state.consecutiveFailures > 0) void scheduleRetry(source);
  }
  return {
    async stop() {
      stopped = true;
      for (const t of retries.values()) clearTimeout(t);
      await Promise.all(tasks.map((t) => t.destroy()));
      await runner.idle();
    },
  };
}

/**
 * The Node side of webhook delivery: drains the outbox now and whenever its next entry is due
 * (one timer, unref'd), so deliveries queued before a restart go out after it. Runs never wait
 * for it: `kick()` returns at once.
 */
import { DEFAULTS } from '../../defaults.ts';
import { deliverDue, type NotifyDeps } from '../../pipeline/notify/delivery.ts';
import { errorMessage } from '../../utils/errors.ts';

export interface Notifier {
  /** Deliver what is due soon (after a run queued something). */
  kick(): void;
  /** Resolves when the current pass is over. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Longest sleep between two looks at the outbox (entries may be added by another process). */
const MAX_SLEEP_MS = 60_000;

export function startNotifier(deps: NotifyDeps): Notifier {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((l: string) => console.warn(l));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const schedule = async () => {
    if (closed) return;
    const next = await deps.outbox.nextDue();
    const wait = next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, Date.parse(next) - now().getTime()));
    clearTimeout(timer);
    timer = setTimeout(kick, wait);
    timer.unref?.();
  };

  const pass = async () => {
    do {
      again = false;
      while (!closed && (await deliverDue(deps)) === DEFAULTS.notifyBatch) { /* more are due */ }
    } while (again && !closed);
    await schedule();
  };

  function kick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().catch((err) => log(`feedwright: notify: cannot read the outbox: ${errorMessage(err)}`))
      .finally(() => { running = null; });
  }

  kick();
  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      while (running) await running;
    },
  };
}

import { errorMessage } from '../utils/errors.ts';

/**
 * Tracks a hub's background tasks; `close()` cuts pending retry waits short. Plain flags and
 * callbacks, no AbortSignal: on Workers the hub outlives the request that created it, and workerd
 * refuses to touch an I/O object (such as an AbortSignal) from another request.
 */
export class Tasks {
  readonly #pending = new Set<Promise<unknown>>();
  readonly #wakers = new Set<() => void>();
  #closed = false;
  constructor(private readonly log: (line: string) => void) {}

  get closed(): boolean {
    return this.#closed;
  }

  add(task: Promise<unknown>, background?: (task: Promise<unknown>) => void): void {
    const tracked = task.catch((err) => this.log(`websub: ${errorMessage(err)}`))
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    background?.(tracked);
  }

  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Waits `ms`; false when closed first. */
  sleep(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => { clearTimeout(timer); resolve(false); };
      const timer = setTimeout(() => { this.#wakers.delete(wake); resolve(true); }, ms);
      this.#wakers.add(wake);
    });
  }

  close(): void {
    this.#closed = true;
    for (const wake of this.#wakers) wake();
    this.#wakers.clear();
  }
}

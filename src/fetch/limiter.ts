/**
 * A counting semaphore per key (the fetcher keys it by hostname): at most `limit` holders per key,
 * the rest wait in FIFO order. Idle keys are forgotten, so the map only holds busy hosts.
 */
export interface KeyedLimiter {
  /** Waits for a slot; resolves to a release function (safe to call twice). */
  acquire(key: string, signal?: AbortSignal): Promise<() => void>;
}

interface Slot {
  active: number;
  waiting: Array<() => void>;
}

export function createKeyedLimiter(limit: number): KeyedLimiter {
  if (!(limit >= 1)) throw new RangeError(`limit must be at least 1, got ${limit}`);
  const slots = new Map<string, Slot>();

  const releaser = (key: string, slot: Slot) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slot.waiting.shift();
      if (next) return next(); // hand the slot straight to the next waiter
      slot.active--;
      if (slot.active === 0) slots.delete(key);
    };
  };

  return {
    acquire(key, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      let slot = slots.get(key);
      if (!slot) slots.set(key, (slot = { active: 0, waiting: [] }));
      const s = slot;
      if (s.active < limit) {
        s.active++;
        return Promise.resolve(releaser(key, s));
      }
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          const i = s.waiting.indexOf(grant);
          if (i >= 0) s.waiting.splice(i, 1);
          reject(signal!.reason);
        };
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(releaser(key, s));
        };
        s.waiting.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

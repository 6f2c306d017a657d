/**
 * Failed sign-ins per fixed window. In memory, so per Node process or Worker isolate: it slows
 * guessing, and the token's length is what makes guessing hopeless.
 */
export interface AttemptLimiter {
  /** Milliseconds until sign-ins are accepted again (0: now). */
  blockedFor(now: Date): number;
  fail(now: Date): void;
}

export function createAttemptLimiter(maxFailures: number, windowMs: number): AttemptLimiter {
  let windowStart = 0;
  let failures = 0;
  const roll = (t: number) => {
    if (t - windowStart >= windowMs) {
      windowStart = t;
      failures = 0;
    }
  };
  return {
    blockedFor(now) {
      const t = now.getTime();
      roll(t);
      return failures >= maxFailures ? windowStart + windowMs - t : 0;
    },
    fail(now) {
      roll(now.getTime());
      failures++;
    },
  };
}

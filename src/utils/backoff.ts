/**
 * Growing waits with jitter, the one formula behind failed runs (pipeline/due.ts), cool-downs
 * after 403/429 (fetch/cooldown.ts) and webhook retries: `baseMs` doubled per earlier attempt,
 * capped at `maxMs`, ±20% so that many waiters do not retry in lockstep.
 */
export interface BackoffCurve {
  baseMs: number;
  maxMs: number;
}

/** The wait before attempt `n + 1` after `n` (≥ 1) consecutive failures. */
export function backoffDelayMs(failures: number, curve: BackoffCurve, random: () => number = Math.random): number {
  const exp = Math.min(curve.maxMs, curve.baseMs * 2 ** Math.max(0, failures - 1));
  return (Number.isFinite(exp) ? exp : curve.maxMs) * (0.8 + 0.4 * random());
}

/**
 * Summary statistics for benchmarks and corpus timings: one median and one quantile rule for
 * every report, so figures from different benches compare.
 */

/** Median: the middle value, or the mean of the two middle values for an even count; 0 when empty. */
export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank quantile (q in [0, 1]); 0 when empty. Use `median` for the 0.5 point. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** `quantile` with p in percent (p99 = `percentile(xs, 99)`). */
export function percentile(xs: number[], p: number): number {
  return quantile(xs, p / 100);
}

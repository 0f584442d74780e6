// The figures every benchmark prints, in one place for the relay's benchmarks (sync-server/bench) and the
// app's (app/bench, some of which run inside a browser page, so this file imports nothing of Node).

/** `n` rounded to `digits` decimals. */
export const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The p-th percentile of values sorted ascending (nearest rank), to 2 decimals; NaN when there are none. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[i], 2);
}

/** How many values, their p50, p95 and largest; the values need not be sorted. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: percentile(sorted, 100),
  };
}

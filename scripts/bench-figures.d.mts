// Types of bench-figures.mjs for the TypeScript benchmarks.
export function round(n: number, digits?: number): number;
export function percentile(sorted: ArrayLike<number>, p: number): number;
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}
export function summary(values: Iterable<number>): Summary;

/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument on the stack,
 * and a whole release's history (50,000 events and more) overflows it, first in a Web Worker (IO-19).
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

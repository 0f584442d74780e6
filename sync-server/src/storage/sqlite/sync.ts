import type { BusyRetry } from './busy-retry.ts';

/**
 * The SQLite engine is synchronous (better-sqlite3); the storage contract is not. Each SQLite store is
 * written against `Sync<Contract>`, the same methods returning plain values, and `settled` turns it into
 * the contract: every call runs at once, so a thrown SQLite error (SQLITE_FULL) becomes a rejection the
 * caller handles like any other. A call that meets another process's lock (SQLITE_BUSY) is retried later
 * by `retry` (SE-02b, `busy-retry.ts`), and its promise settles then.
 */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

export function settled<T extends object>(store: Sync<T>, retry: BusyRetry): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    out[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => retry.run(() => (value as (...a: unknown[]) => unknown)(...args))
        : value;
  }
  return out as T;
}

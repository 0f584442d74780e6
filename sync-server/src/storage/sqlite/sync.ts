/**
 * The SQLite engine is synchronous (better-sqlite3); the storage contract is not. Each SQLite store is
 * written against `Sync<Contract>`, the same methods returning plain values, and `settled` turns it into
 * the contract: every call runs at once and returns a promise that has already settled, so a thrown
 * SQLite error (SQLITE_BUSY, SQLITE_FULL) becomes a rejection the caller handles like any other.
 */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

export function settled<T extends object>(store: Sync<T>): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    out[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            try {
              return Promise.resolve((value as (...a: unknown[]) => unknown)(...args));
            } catch (error) {
              return Promise.reject(error);
            }
          }
        : value;
  }
  return out as T;
}

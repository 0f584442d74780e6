import type { Storage } from '../../src/storage/contract.ts';

/** An error as better-sqlite3 throws it: `code` says which (SQLITE_BUSY, SQLITE_FULL). */
export function sqliteError(code: 'SQLITE_BUSY' | 'SQLITE_FULL'): Error {
  return Object.assign(
    new Error(code === 'SQLITE_BUSY' ? 'database is locked' : 'database or disk is full'),
    {
      code,
    },
  );
}

/**
 * Wraps every method of every store: while `faults` holds `"<store>.<method>"` (e.g. `sessions.touch`),
 * that method throws the error at once, synchronously, as better-sqlite3 itself does. That is harsher
 * than a rejected promise: a caller that forgot to catch it is taken down with it.
 */
export function faultyStorage(
  faults: Map<string, 'SQLITE_BUSY' | 'SQLITE_FULL'>,
): (real: Storage) => Storage {
  return (real) => {
    const wrapped: Record<string, unknown> = { ...real };
    for (const store of ['rooms', 'users', 'sessions', 'tokens', 'audit'] as const) {
      const methods = real[store] as unknown as Record<string, (...args: unknown[]) => unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, method] of Object.entries(methods)) {
        out[name] =
          typeof method === 'function'
            ? (...args: unknown[]) => {
                const code = faults.get(`${store}.${name}`);
                if (code !== undefined) throw sqliteError(code);
                return method.apply(methods, args);
              }
            : method;
      }
      wrapped[store] = out;
    }
    return wrapped as unknown as Storage;
  };
}

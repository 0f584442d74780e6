import type pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** The numbers of `pg_advisory_lock(key1, key2)` keys: the first names what is locked, so they never clash. */
export const LOCK_SPACE = {
  migrations: 0x52534d01,
  users: 0x52534d02,
  compaction: 0x52534d03,
  webhookTake: 0x52534d04,
} as const;

/**
 * A pool of connections to `url`. bigint columns (ids, sequence numbers, Unix ms) come back as JS numbers:
 * every value stored is far below 2^53. `max` bounds the connections one relay holds, so several relays
 * stay within the server's `max_connections`. The driver is imported here, on first use: a server on
 * SQLite never loads it.
 */
export async function createPool(url: string, log: Pick<Console, 'warn'>, max = 10): Promise<Pool> {
  const { default: pg } = await import('pg');
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === pg.types.builtins.INT8
        ? (value: string) => Number(value)
        : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: types as pg.CustomTypesConfig,
    // A query that cannot get a connection fails instead of queueing for ever while PostgreSQL is away.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'runsheet',
    keepAlive: true,
  });
  // An idle connection that breaks (PostgreSQL restarted) emits here; without a listener the process exits.
  pool.on('error', (error) => log.warn(`PostgreSQL connection lost: ${error.message}`));
  return pool;
}

/** Runs `fn` in one transaction on one connection; rolls back when it throws. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection itself failed: do not hand it to the next caller.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The text of a URL for logs, without its password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

import { MIGRATIONS } from './migrations.ts';
import { LOCK_SPACE, type Pool } from './pool.ts';

/**
 * Brings the schema up to date. Several relays may start at once: a session advisory lock lets one of
 * them migrate while the others wait, then find nothing left to do.
 */
export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, 0)', [LOCK_SPACE.migrations]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)',
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      const current = rows[0]?.version ?? 0;
      if (current > MIGRATIONS.length) {
        throw new Error(
          `The database schema (version ${current}) is newer than this server understands (${MIGRATIONS.length}). ` +
            'Upgrade the server, or restore a backup.',
        );
      }
      for (let version = current + 1; version <= MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[version - 1]!);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
            version,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, 0)', [LOCK_SPACE.migrations]);
    }
  } finally {
    client.release();
  }
}

import type { Storage } from './contract.ts';
import { openSqliteStorage } from './sqlite/index.ts';

/**
 * The engine the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite file under
 * DATA_DIR. The PostgreSQL driver is loaded only then, so `npm start` loads nothing it does not use.
 */
export async function openStorage(
  config: { databaseUrl: string | null; dataDir: string },
  log: Pick<Console, 'warn'>,
): Promise<Storage> {
  if (config.databaseUrl === null) return openSqliteStorage(config.dataDir);
  const { openPostgresStorage } = await import('./postgres/index.ts');
  return openPostgresStorage(config.databaseUrl, { log });
}

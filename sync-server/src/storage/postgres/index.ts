import type { Storage } from '../contract.ts';
import { createAuditStore } from './audit.ts';
import { createFrozenStore } from './frozen.ts';
import { migrate } from './migrate.ts';
import { createPool, describeUrl, type Pool } from './pool.ts';
import { createRoomStore } from './rooms.ts';
import { createSessionStore } from './sessions.ts';
import { createTokenStore } from './tokens.ts';
import { createUserStore } from './users.ts';
import { createWebhookStore } from './webhooks.ts';

export interface PostgresStorage extends Storage {
  readonly engine: 'postgres';
  /** The connection pool (tests inspect rows and try to break the audit's rules through it). */
  readonly pool: Pool;
}

export interface PostgresOptions {
  log: Pick<Console, 'warn'>;
  /** Connections this process may hold. */
  maxConnections?: number;
}

/** Connects to `url`, migrates the schema (one relay at a time), and returns the engine. */
export async function openPostgresStorage(url: string, options: PostgresOptions): Promise<PostgresStorage> {
  const pool = await createPool(url, options.log, options.maxConnections);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  let closed: Promise<void> | null = null;
  return {
    engine: 'postgres',
    description: describeUrl(url),
    pool,
    rooms: createRoomStore(pool),
    users: createUserStore(pool),
    sessions: createSessionStore(pool),
    tokens: createTokenStore(pool),
    audit: createAuditStore(pool),
    webhooks: createWebhookStore(pool),
    frozen: createFrozenStore(pool),
    async ping() {
      await pool.query('SELECT 1');
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}

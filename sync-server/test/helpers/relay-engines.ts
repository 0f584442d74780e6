import { afterAll } from 'vitest';
import { type TestPostgres, usePostgres, warnMissing } from './postgres.ts';
import { type TestRedis, useRedis } from './redis.ts';

/**
 * PostgreSQL and Redis for a file of tests of several relays, stopped after the file. Redis first:
 * without it nothing there runs, and no PostgreSQL is started for nothing (a skipped file runs no
 * afterAll to stop it). `missing` says, LOUDLY, which engine could not be had; the file then skips.
 */
export async function useRelayEngines(
  what: string,
  redisOptions: Parameters<typeof useRedis>[0] = {},
): Promise<{
  redis: TestRedis | { missing: string };
  pg: TestPostgres | { missing: string };
  missing: string | null;
}> {
  const redis = await useRedis(redisOptions);
  const pg: TestPostgres | { missing: string } = 'missing' in redis ? redis : await usePostgres();
  if ('missing' in pg && !('missing' in redis)) await redis.dispose();
  const missing = 'missing' in pg ? pg.missing : 'missing' in redis ? redis.missing : null;
  if (missing !== null) warnMissing(what, missing, 'missing' in redis ? 'Redis' : 'PostgreSQL');
  afterAll(async () => {
    if (missing !== null) return;
    await (pg as TestPostgres).dispose();
    await (redis as TestRedis).dispose();
  });
  return { redis, pg, missing };
}

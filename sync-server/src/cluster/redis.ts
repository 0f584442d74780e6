import type { Redis, RedisOptions } from 'ioredis';

export type { Redis };

/**
 * Reconnect quickly and for ever: Redis is only the fast path (PostgreSQL holds everything), so a relay
 * never gives up on it, and a restarted Redis is back in use within about half a second.
 */
const RECONNECT: Pick<RedisOptions, 'retryStrategy' | 'connectTimeout' | 'keepAlive'> = {
  retryStrategy: (attempt) => Math.min(50 * attempt, 500),
  connectTimeout: 2_000,
  keepAlive: 10_000,
};

/**
 * A connection to `url`. `commands` (publishing, throttles, probes) fails a command at once while Redis is
 * away instead of queueing it: every caller has a fallback (PostgreSQL, the local limit), and a queue would
 * grow without bound during an outage. `blocking` (the stream reader) is its own connection: a blocking
 * XREAD holds it. The driver is imported here, on first use: a relay without REDIS_URL never loads it.
 */
export async function connectRedis(
  url: string,
  purpose: 'commands' | 'blocking',
  name: string,
  log: Pick<Console, 'warn'>,
): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const blocking = purpose === 'blocking';
  const redis = new Redis(url, {
    ...RECONNECT,
    connectionName: `runsheet-${purpose}-${name}`.replace(/[^A-Za-z0-9_.:-]/g, '_'),
    enableOfflineQueue: blocking,
    // Commands caught by a drop are sent again after the reconnect, or fail at the second failed attempt
    // (a publish twice is harmless: receivers skip numbers they hold), and none waits more than a second.
    // The reader's XREAD must not be re-sent behind its back: it notices the drop itself and starts over.
    autoResendUnfulfilledCommands: !blocking,
    maxRetriesPerRequest: blocking ? null : 1,
    ...(!blocking && { commandTimeout: 1_000 }),
  });
  let down = false;
  // Without a listener an error event would end the process; one line per outage, not per retry.
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log.warn(`Redis (${purpose}) unreachable: ${error.message}; retrying`);
  });
  redis.on('ready', () => {
    if (down) log.warn(`Redis (${purpose}) reachable again`);
    down = false;
  });
  return redis;
}

/** Resolves once `redis` is ready, or after `ms` (whichever is first); true when ready. */
export function whenReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    redis.on('ready', onReady);
  });
}

/** The text of a Redis URL for logs, without its password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Throttle, ThrottleOptions } from '../auth/login-throttle.ts';
import type { AccountBudgets } from '../relay/account-budget.ts';
import type { RoomFeed } from '../relay/feed.ts';
import type { RoomStore } from '../storage/contract.ts';
import { ControlChannel } from './control.ts';
import { connectRedis, describeRedisUrl, type Redis, whenReady } from './redis.ts';
import { RoomFanout } from './room-fanout.ts';
import { SharedAccountBudgets } from './shared-budgets.ts';
import { SharedThrottle } from './shared-throttle.ts';
import { StreamReader } from './stream-reader.ts';

/** How long a start waits for Redis before it goes on without it (it keeps trying in the background). */
const START_WAIT_MS = 3_000;

/** This relay among several (REDIS_URL): what it tells the others and hears from them. */
export interface Cluster {
  readonly relayId: string;
  /** For logs: the URL without its password. */
  readonly description: string;
  readonly feed: RoomFeed;
  readonly control: ControlChannel;
  sharedThrottle(options: ThrottleOptions): Throttle;
  /** Accounts' message budgets, settled between relays through Redis. */
  sharedBudgets(ratePerSecond: number, burst: number, kind?: string): AccountBudgets;
  /** Resolves when Redis answers PING (readiness); rejects when it cannot be reached. */
  ping(): Promise<void>;
  /** Compares every room with PostgreSQL now (tests; the relay does it on a timer). */
  resyncNow(): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  url: string;
  prefix: string;
  store: Pick<RoomStore, 'heads'>;
  log: Pick<Console, 'warn'>;
  /** Overrides of the resync periods (tests). */
  resyncMs?: number;
  resyncWhileDownMs?: number;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const relayId = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  const { url, prefix, log } = options;
  const commands = await connectRedis(url, 'commands', relayId, log);
  const blocking = await connectRedis(url, 'blocking', relayId, log);
  const ready = await whenReady(commands, START_WAIT_MS);
  if (!ready) log.warn(`Redis at ${describeRedisUrl(url)} not reachable yet; going on and retrying`);
  await whenReady(blocking, ready ? START_WAIT_MS : 0);
  // After a drop every stream's handler hears `missed()`: rooms read what is newer, and the control
  // channel has every connection checked again.
  const reader = new StreamReader(blocking, commands, log);
  const control = new ControlChannel(reader, commands, relayId, prefix, log);
  await control.start();
  const fanout = new RoomFanout(reader, commands, {
    relayId,
    prefix,
    store: options.store,
    log,
    ...(options.resyncMs !== undefined && { resyncMs: options.resyncMs }),
    ...(options.resyncWhileDownMs !== undefined && { resyncWhileDownMs: options.resyncWhileDownMs }),
  });
  let closing: Promise<void> | null = null;
  return {
    relayId,
    description: describeRedisUrl(url),
    feed: fanout,
    control,
    sharedThrottle: (throttleOptions) => new SharedThrottle(commands, prefix, throttleOptions, log),
    sharedBudgets: (rate, burst, kind) => new SharedAccountBudgets(commands, prefix, rate, burst, kind),
    async ping() {
      const answer = await withTimeout(commands.ping(), 1_000, 'Redis did not answer PING in time');
      if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
    },
    resyncNow: () => fanout.resyncNow(),
    close() {
      closing ??= (async () => {
        fanout.close();
        await reader.close();
        commands.disconnect();
      })();
      return closing;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export type { Redis };

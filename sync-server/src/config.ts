import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  normalizeUsername,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
} from '@runsheet/protocol';
import { z } from 'zod';
import { isLoopbackHost } from './http/request-info.ts';
import { DEFAULT_RELAY_LIMITS, type RelayLimits } from './relay/limits.ts';
import { type TemporalConfig, TemporalEnvSchema, temporalConfigFrom } from './temporal/config.ts';
import { DEFAULT_DISPATCH } from './webhooks/dispatcher.ts';

/**
 * The server's whole configuration, read from the environment once at start-up. Every variable has a
 * default that makes `node sync-server/dist/main.js` work on a laptop with nothing set.
 */
export interface ServerConfig {
  /** Interface to listen on. `0.0.0.0` so tablets on the LAN can reach the relay; tests use 127.0.0.1. */
  host: string;
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Directory of the SQLite file; created if missing. */
  dataDir: string;
  /**
   * DATABASE_URL: keep everything in PostgreSQL (`postgres://…`) instead of the SQLite file under
   * `dataDir`, so several relays can share it. null (the default): SQLite.
   */
  databaseUrl: string | null;
  /**
   * REDIS_URL: several relays on one PostgreSQL tell each other about updates, presence and access
   * changes through this Redis (`redis://…`). null (the default): one relay, nothing to tell.
   */
  redisUrl: string | null;
  /** REDIS_PREFIX: the start of every Redis key, so deployments (staging, production) can share one Redis. */
  redisPrefix: string;
  /** The built PWA (`app/dist`). */
  staticDir: string;
  limits: RelayLimits;
  /**
   * WebSocket connections (upgrades in progress and open sockets) the server holds at most, overall and
   * from one client address (RELAY_MAX_CONNECTIONS, RELAY_MAX_CONNECTIONS_PER_ADDRESS).
   */
  connections: { max: number; perAddress: number };
  /**
   * HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS: how long a client may take to send a request's
   * headers, and the whole request. A client that trickles bytes (slowloris) is cut off then.
   */
  timeouts: { headersMs: number; requestMs: number };
  /** AUTH_MAX_PENDING_HASHES: password checks that may wait for a core; more are answered 503 (SE-06). */
  maxPendingHashes: number;
  /** AUTH_HASH_CONCURRENCY: password hashes computed at once (SE-06); by default one core stays the relay's. */
  hashConcurrency: number;
  /** How long a sign-in lasts without use; every authenticated request slides it forward. */
  sessionTtlMs: number;
  /** The longest a sign-in lasts however often it is used; then the user signs in again. */
  sessionMaxMs: number;
  /**
   * Trust `X-Forwarded-Proto` / `X-Forwarded-For` from a reverse proxy: decides the cookie's Secure flag
   * and the client address used to rate-limit sign-in. Off by default, because a client could forge them.
   */
  trustProxy: boolean;
  /** TRUST_PROXY=<hops>: proxies in front (1 for TRUST_PROXY=1); the client is this many X-Forwarded-For entries from the right. */
  proxyHops: number;
  /**
   * PUBLIC_ORIGIN: the origins (comma-separated, e.g. `https://runsheet.example.com`) people reach the
   * server at. Their hosts, IP literals and (bound to loopback) `localhost` are the only Host names answered.
   */
  publicOrigins: string[];
  /** RUNSHEET_OPEN=1: no sign-in at all, every connection is an admin. For one person on localhost. */
  openMode: boolean;
  /** Creates the first admin at start-up when no user exists yet (RUNSHEET_ADMIN_USER / _PASSWORD). */
  bootstrapAdmin: { username: string; password: string } | null;
  /** The read-only Temporal bridge (TEMPORAL_ADDRESS and friends); null when TEMPORAL_ADDRESS is unset. */
  temporal: TemporalConfig | null;
  /**
   * Outgoing webhooks (WH-06, WH-10): WEBHOOK_TIMEOUT_MS an attempt may take, WEBHOOK_BACKOFF_MS before
   * the first retry (doubling after), WEBHOOK_POLL_MS the longest a relay goes without looking at the
   * shared delivery queue.
   */
  webhooks: { timeoutMs: number; backoffMs: number; pollMs: number };
}

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Password hashes (scrypt, tens of milliseconds of a core each) computed at once by default: every core but
 * one, at most 4 (libuv's thread pool), at least 1. A flood of junk sign-ins then leaves the relay a core
 * of its own: on a 2-core machine two hashes at a time stalled the event loop 0.5 to 0.9 s and held
 * honest sync p99 near 2 s (docs/BENCHMARKS.md, "Load and abuse"). Real sign-ins wait longer in a flood.
 */
export function defaultHashConcurrency(cores: number = availableParallelism()): number {
  return Math.min(4, Math.max(1, cores - 1));
}

/**
 * `sync-server/src/config.ts` and the bundled `sync-server/dist/main.js` sit at the same depth, so one
 * relative path finds the app's build from both, whatever the working directory.
 */
export function defaultStaticDir(moduleUrl: string = import.meta.url): string {
  return path.resolve(path.dirname(fileURLToPath(moduleUrl)), '../../app/dist');
}

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: `must be a whole number between ${min} and ${max}` })
      .int({ error: `must be a whole number between ${min} and ${max}` })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

const flag = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z
    .enum(['', '0', '1', 'false', 'true', 'no', 'yes'], { error: 'must be 1/0, true/false or yes/no' })
    .default('')
    .transform((value) => value === '1' || value === 'true' || value === 'yes'),
);

const text = z.preprocess(unsetIfEmpty, z.string().optional());

const EnvSchema = TemporalEnvSchema.extend({
  PORT: int(0, 65535, 8080),
  // No default here: open mode listens on loopback unless told otherwise (and refuses anything else).
  HOST: z.preprocess(unsetIfEmpty, z.string().optional()),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./data')),
  STATIC_DIR: text,
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, { error: 'must be a redis:// or rediss:// URL' })
      .optional(),
  ),
  REDIS_PREFIX: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[A-Za-z0-9:._-]{1,64}$/, { error: 'must be 1-64 letters, digits, ":", ".", "_" or "-"' })
      .default('runsheet:'),
  ),
  SESSION_TTL_HOURS: int(1, 24 * 365, 12),
  SESSION_MAX_DAYS: int(1, 3650, 30),
  TRUST_PROXY: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z
      .string({ error: 'must be 1/0, true/false, yes/no or a number of proxies (1-10)' })
      .regex(/^(|0|1|false|true|no|yes|[1-9]|10)$/, {
        error: 'must be 1/0, true/false, yes/no or a number of proxies (1-10)',
      })
      .default('')
      .transform((value) =>
        value === 'true' || value === 'yes'
          ? 1
          : value === '' || value === 'false' || value === 'no'
            ? 0
            : Number(value),
      ),
  ),
  PUBLIC_ORIGIN: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
      )
      .pipe(
        z.array(
          z.string().regex(/^https?:\/\/[^/\s?#]+$/, {
            error: 'must be origins like https://runsheet.example.com, separated by commas',
          }),
        ),
      )
      .default([]),
  ),
  RUNSHEET_OPEN: flag,
  RUNSHEET_ADMIN_USER: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform(normalizeUsername)
      .pipe(z.string().regex(USERNAME_PATTERN, { error: 'must be 2-64 letters, digits, ".", "_" or "-"' }))
      .optional(),
  ),
  RUNSHEET_ADMIN_PASSWORD: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .min(PASSWORD_MIN_LENGTH, { error: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
      .max(PASSWORD_MAX_LENGTH, { error: `must be at most ${PASSWORD_MAX_LENGTH} characters` })
      .optional(),
  ),
  RELAY_MAX_FRAME_BYTES: int(1024, 512 * 1024 * 1024, DEFAULT_RELAY_LIMITS.maxFrameBytes),
  RELAY_MAX_MESSAGES_PER_SECOND: int(1, 100_000, DEFAULT_RELAY_LIMITS.maxMessagesPerSecond),
  RELAY_MAX_MESSAGE_BURST: int(1, 1_000_000, DEFAULT_RELAY_LIMITS.maxMessageBurst),
  RELAY_MAX_MESSAGES_PER_SECOND_PER_USER: int(1, 1_000_000, DEFAULT_RELAY_LIMITS.maxMessagesPerSecondPerUser),
  RELAY_MAX_MESSAGE_BURST_PER_USER: int(1, 10_000_000, DEFAULT_RELAY_LIMITS.maxMessageBurstPerUser),
  RELAY_MAX_UPDATE_BYTES: int(64, 512 * 1024 * 1024, DEFAULT_RELAY_LIMITS.maxUpdateBytes),
  RELAY_MAX_UPDATE_BYTES_PER_SECOND: int(
    1024,
    1024 * 1024 * 1024,
    DEFAULT_RELAY_LIMITS.maxUpdateBytesPerSecond,
  ),
  RELAY_MAX_UPDATE_BYTES_PER_SECOND_PER_USER: int(
    1024,
    1024 * 1024 * 1024,
    DEFAULT_RELAY_LIMITS.maxUpdateBytesPerSecondPerUser,
  ),
  RELAY_MAX_ROOM_BYTES: int(64 * 1024, 64 * 1024 * 1024 * 1024, DEFAULT_RELAY_LIMITS.maxRoomBytes),
  RELAY_MAX_LARGE_SYNC_BYTES_PER_SECOND_PER_USER: int(
    1,
    1024 * 1024 * 1024,
    DEFAULT_RELAY_LIMITS.maxLargeSyncBytesPerSecondPerUser,
  ),
  RELAY_MAX_LARGE_SYNC_BURST_PER_USER: int(
    1,
    1024 * 1024 * 1024,
    DEFAULT_RELAY_LIMITS.maxLargeSyncBurstPerUser,
  ),
  RELAY_MAX_AWARENESS_BYTES: int(256, 16 * 1024 * 1024, DEFAULT_RELAY_LIMITS.maxAwarenessBytes),
  RELAY_MAX_PRESENCE_PER_CONNECTION: int(1, 1000, DEFAULT_RELAY_LIMITS.maxPresencePerConnection),
  AUTH_MAX_PENDING_HASHES: int(0, 100_000, 32),
  AUTH_HASH_CONCURRENCY: int(1, 64, defaultHashConcurrency()),
  RELAY_MAX_CONNECTIONS: int(1, 1_000_000, 10_000),
  RELAY_MAX_CONNECTIONS_PER_ADDRESS: int(1, 1_000_000, 256),
  HTTP_HEADERS_TIMEOUT_MS: int(100, 600_000, 10_000),
  HTTP_REQUEST_TIMEOUT_MS: int(100, 3600_000, 60_000),
  RELAY_IDLE_UNLOAD_MS: int(0, 24 * 3600_000, DEFAULT_RELAY_LIMITS.idleUnloadMs),
  RELAY_AUTH_RECHECK_MS: int(100, 24 * 3600_000, DEFAULT_RELAY_LIMITS.authRecheckMs),
  RELAY_COMPACT_AFTER_UPDATES: int(2, 1_000_000, DEFAULT_RELAY_LIMITS.compactAfterUpdates),
  RELAY_PING_INTERVAL_MS: int(100, 3600_000, DEFAULT_RELAY_LIMITS.pingIntervalMs),
  RELAY_MAX_BUFFERED_BYTES: int(1024, 4 * 1024 * 1024 * 1024, DEFAULT_RELAY_LIMITS.maxBufferedBytes),
  WEBHOOK_TIMEOUT_MS: int(100, 600_000, DEFAULT_DISPATCH.timeoutMs),
  WEBHOOK_BACKOFF_MS: int(10, 3600_000, DEFAULT_DISPATCH.backoffMs),
  WEBHOOK_POLL_MS: int(10, 3600_000, DEFAULT_DISPATCH.pollMs),
});

/** Every environment variable the server reads (the deploy manifests may set only these). */
export const ENV_VARIABLES: readonly string[] = Object.freeze(Object.keys(EnvSchema.shape));

/** Reads and validates the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      // Never echo a password back into a log (URLs may hold one too).
      const secret = name.includes('PASSWORD') || name.endsWith('_URL');
      const shown = secret ? '' : `=${JSON.stringify(env[name] ?? '')}`;
      return `  ${name}${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.RUNSHEET_ADMIN_USER === undefined) !== (e.RUNSHEET_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      'Invalid configuration:\n  RUNSHEET_ADMIN_USER and RUNSHEET_ADMIN_PASSWORD must be set together',
    );
  }
  if (e.REDIS_URL !== undefined && e.DATABASE_URL === undefined) {
    // Relays share documents and accounts through PostgreSQL; Redis only tells them what changed. Several
    // relays on SQLite files of their own would each hold a different truth.
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL needs DATABASE_URL: several relays keep their data in one PostgreSQL',
    );
  }
  // SE-10: open mode makes everyone who reaches the server an admin: only this machine may reach it.
  const host = e.HOST ?? (e.RUNSHEET_OPEN ? '127.0.0.1' : '0.0.0.0');
  if (e.RUNSHEET_OPEN && !isLoopbackHost(host)) {
    throw new ConfigError(
      `Invalid configuration:\n  RUNSHEET_OPEN=1 with HOST=${JSON.stringify(host)}: open mode makes everyone who can ` +
        'reach the server an admin, so it listens on loopback only (HOST=127.0.0.1, ::1 or localhost)',
    );
  }
  return {
    host,
    port: e.PORT,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    staticDir: e.STATIC_DIR === undefined ? defaultStaticDir() : path.resolve(cwd, e.STATIC_DIR),
    limits: {
      maxFrameBytes: e.RELAY_MAX_FRAME_BYTES,
      maxMessagesPerSecond: e.RELAY_MAX_MESSAGES_PER_SECOND,
      maxMessageBurst: e.RELAY_MAX_MESSAGE_BURST,
      maxMessagesPerSecondPerUser: e.RELAY_MAX_MESSAGES_PER_SECOND_PER_USER,
      maxMessageBurstPerUser: e.RELAY_MAX_MESSAGE_BURST_PER_USER,
      maxUpdateBytes: e.RELAY_MAX_UPDATE_BYTES,
      maxAwarenessBytes: e.RELAY_MAX_AWARENESS_BYTES,
      maxPresencePerConnection: e.RELAY_MAX_PRESENCE_PER_CONNECTION,
      maxUpdateBytesPerSecond: e.RELAY_MAX_UPDATE_BYTES_PER_SECOND,
      maxUpdateBytesPerSecondPerUser: e.RELAY_MAX_UPDATE_BYTES_PER_SECOND_PER_USER,
      maxRoomBytes: e.RELAY_MAX_ROOM_BYTES,
      maxLargeSyncBytesPerSecondPerUser: e.RELAY_MAX_LARGE_SYNC_BYTES_PER_SECOND_PER_USER,
      maxLargeSyncBurstPerUser: e.RELAY_MAX_LARGE_SYNC_BURST_PER_USER,
      idleUnloadMs: e.RELAY_IDLE_UNLOAD_MS,
      authRecheckMs: e.RELAY_AUTH_RECHECK_MS,
      compactAfterUpdates: e.RELAY_COMPACT_AFTER_UPDATES,
      pingIntervalMs: e.RELAY_PING_INTERVAL_MS,
      maxBufferedBytes: e.RELAY_MAX_BUFFERED_BYTES,
    },
    connections: { max: e.RELAY_MAX_CONNECTIONS, perAddress: e.RELAY_MAX_CONNECTIONS_PER_ADDRESS },
    timeouts: { headersMs: e.HTTP_HEADERS_TIMEOUT_MS, requestMs: e.HTTP_REQUEST_TIMEOUT_MS },
    maxPendingHashes: e.AUTH_MAX_PENDING_HASHES,
    hashConcurrency: e.AUTH_HASH_CONCURRENCY,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    sessionMaxMs: e.SESSION_MAX_DAYS * 24 * 3600_000,
    trustProxy: e.TRUST_PROXY > 0,
    proxyHops: e.TRUST_PROXY,
    publicOrigins: e.PUBLIC_ORIGIN,
    openMode: e.RUNSHEET_OPEN,
    bootstrapAdmin:
      e.RUNSHEET_ADMIN_USER !== undefined && e.RUNSHEET_ADMIN_PASSWORD !== undefined
        ? { username: e.RUNSHEET_ADMIN_USER, password: e.RUNSHEET_ADMIN_PASSWORD }
        : null,
    temporal: temporalConfigFrom(e),
    webhooks: { timeoutMs: e.WEBHOOK_TIMEOUT_MS, backoffMs: e.WEBHOOK_BACKOFF_MS, pollMs: e.WEBHOOK_POLL_MS },
  };
}

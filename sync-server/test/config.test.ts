import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultHashConcurrency, defaultStaticDir, loadConfig } from '../src/config.ts';
import { DEFAULT_RELAY_LIMITS } from '../src/relay/limits.ts';

describe('configuration', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({}, '/srv/runsheet');
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/srv/runsheet/data',
      limits: DEFAULT_RELAY_LIMITS,
      sessionTtlMs: 12 * 3600_000,
      openMode: false,
      trustProxy: false,
      bootstrapAdmin: null,
      databaseUrl: null,
      redisUrl: null,
      redisPrefix: 'runsheet:',
    });
  });

  it('CL-04 REDIS_URL makes one of several relays: it needs DATABASE_URL, is never echoed, and has a prefix', () => {
    const both = loadConfig({
      DATABASE_URL: 'postgres://rs:pw@db/runsheet',
      REDIS_URL: 'redis://:secret-pw@cache:6379',
      REDIS_PREFIX: 'staging:',
    });
    expect(both).toMatchObject({ redisUrl: 'redis://:secret-pw@cache:6379', redisPrefix: 'staging:' });
    // Several relays on SQLite files of their own would each hold a different truth.
    expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/);
    const wrong = () => loadConfig({ DATABASE_URL: 'postgres://db/r', REDIS_URL: 'http://:secret-pw@cache' });
    expect(wrong).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(wrong).not.toThrow(/secret-pw/);
    expect(() => loadConfig({ REDIS_PREFIX: 'has space' })).toThrow(/REDIS_PREFIX="has space"/);
  });

  it('keeps everything in PostgreSQL when DATABASE_URL is a postgres URL; refuses another without echoing it', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://rs:pw@db:5432/runsheet' }).databaseUrl).toBe(
      'postgres://rs:pw@db:5432/runsheet',
    );
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/runsheet' }).databaseUrl).toBe(
      'postgresql://db/runsheet',
    );
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://rs:secret-pw@db/runsheet' });
    expect(attempt).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(attempt).not.toThrow(/secret-pw/);
  });

  it('finds app/dist from both the source file and the bundle', () => {
    expect(defaultStaticDir('file:///repo/sync-server/src/config.ts')).toBe(path.resolve('/repo/app/dist'));
    expect(defaultStaticDir('file:///repo/sync-server/dist/main.js')).toBe(path.resolve('/repo/app/dist'));
  });

  it('SE-06 hashes passwords on every core but one by default (1 to 4), or as AUTH_HASH_CONCURRENCY says', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultHashConcurrency(cores))).toEqual([1, 1, 2, 3, 4, 4]);
    expect(loadConfig({}).hashConcurrency).toBe(defaultHashConcurrency());
    expect(loadConfig({ AUTH_HASH_CONCURRENCY: '2' }).hashConcurrency).toBe(2);
    expect(() => loadConfig({ AUTH_HASH_CONCURRENCY: '0' })).toThrow(/AUTH_HASH_CONCURRENCY/);
  });

  it('resolves DATA_DIR and STATIC_DIR against the working directory', () => {
    const config = loadConfig({ DATA_DIR: 'd', STATIC_DIR: '../web' }, '/srv/runsheet');
    expect(config.dataDir).toBe('/srv/runsheet/d');
    expect(config.staticDir).toBe('/srv/web');
  });

  it('reads limit overrides', () => {
    const config = loadConfig({ RELAY_IDLE_UNLOAD_MS: '250', RELAY_MAX_FRAME_BYTES: '4096' });
    expect(config.limits.idleUnloadMs).toBe(250);
    expect(config.limits.maxFrameBytes).toBe(4096);
  });

  it('names every bad variable in one message', () => {
    const attempt = () => loadConfig({ PORT: 'http', SESSION_TTL_HOURS: '0', RUNSHEET_OPEN: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT="http": must be a whole number between 0 and 65535/);
    expect(attempt).toThrow(/SESSION_TTL_HOURS="0": must be at least 1/);
    expect(attempt).toThrow(/RUNSHEET_OPEN="maybe"/);
  });

  it('requires the bootstrap admin user and password together', () => {
    expect(() => loadConfig({ RUNSHEET_ADMIN_USER: 'ada' })).toThrow(/must be set together/);
  });
});

describe('bootstrap admin from the environment', () => {
  it('normalises the username and keeps the password', () => {
    const config = loadConfig({
      RUNSHEET_ADMIN_USER: ' Ada ',
      RUNSHEET_ADMIN_PASSWORD: 'correct horse battery',
    });
    expect(config.bootstrapAdmin).toEqual({ username: 'ada', password: 'correct horse battery' });
  });

  it('refuses a short password without printing it', () => {
    const attempt = () => loadConfig({ RUNSHEET_ADMIN_USER: 'ada', RUNSHEET_ADMIN_PASSWORD: 'short' });
    expect(attempt).toThrow(/RUNSHEET_ADMIN_PASSWORD: must be at least 10 characters/);
    expect(attempt).not.toThrow(/short/);
  });
});

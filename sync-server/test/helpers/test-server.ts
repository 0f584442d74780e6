import type { Env } from '../../src/config.ts';
import { loadConfig, type ServerConfig } from '../../src/config.ts';
import { createRunsheetServer, type RunsheetServer, type ServerOverrides } from '../../src/server.ts';
import type { Db } from '../../src/storage/sqlite/database.ts';
import type { SqliteStorage } from '../../src/storage/sqlite/index.ts';
import { knownReleases } from './known-release.ts';
import { writeStaticFixture } from './static-fixture.ts';
import { makeTempDir } from './temp-dir.ts';

export interface TestServer {
  server: RunsheetServer;
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  dataDir: string;
  staticDir: string;
  /** Notices, warnings and errors the server logged, as `[level, ...args]`. */
  logs: unknown[][];
  /** Closes the server; keeps the data directory so a test can start another server on it. Idempotent. */
  stop(): Promise<void>;
  /** Closes the server and deletes its temp directories. */
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  env?: Env;
  /** Reuse a data directory (restart tests). */
  dataDir?: string;
  configure?: (config: ServerConfig) => ServerConfig;
  overrides?: ServerOverrides;
  /** Release rooms signed-in clients may open (SE-04): listed in the catalog once the server listens. */
  releases?: readonly string[];
}

/** Cheap password hashing: the cost of scrypt is not what these tests are about, and the cores are shared. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

/** A real server on 127.0.0.1, port 0, with a temp DATA_DIR and a fixture STATIC_DIR. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const data = options.dataDir === undefined ? makeTempDir('data') : null;
  const statics = makeTempDir('static');
  writeStaticFixture(statics.path);
  const dataDir = options.dataDir ?? data!.path;
  const base = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    STATIC_DIR: statics.path,
    // Relay and hosting tests run without sign-in; the auth tests set RUNSHEET_OPEN=0.
    RUNSHEET_OPEN: '1',
    ...options.env,
  });
  const logs: unknown[][] = [];
  const log = {
    log: (...args: unknown[]) => logs.push(['log', ...args]),
    warn: (...args: unknown[]) => logs.push(['warn', ...args]),
    error: (...args: unknown[]) => logs.push(['error', ...args]),
  };
  const server = await createRunsheetServer(options.configure ? options.configure(base) : base, {
    log,
    scrypt: TEST_SCRYPT,
    ...options.overrides,
  });
  const { port } = await server.listen();
  await knownReleases(server, options.releases ?? []);
  // Each start writes its own static fixture, so stopping can remove it; the data dir may be reused.
  const stop = async () => {
    await server.close();
    statics.remove();
  };
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    staticDir: statics.path,
    logs,
    stop,
    async dispose() {
      await stop();
      data?.remove();
    },
  };
}

/** The SQLite file of a server on the default engine (tests that look at rows or break the schema). */
export function sqliteDb(server: RunsheetServer): Db {
  if (server.storage.engine !== 'sqlite') throw new Error('This server does not run on SQLite');
  return (server.storage as SqliteStorage).db;
}

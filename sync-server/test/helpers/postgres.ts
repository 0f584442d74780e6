import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EngineMissing, type RunningPostgres, startPostgres } from '../../../scripts/engines.mjs';

/**
 * A real PostgreSQL for a test file: the one the test command started (RUNSHEET_TEST_POSTGRES_URL, a URL
 * of a role that may create databases), or one this file starts for itself (a targeted run), or, where
 * none can be had, the reason why (the tests then skip LOUDLY and the test command reports NOT RUN).
 */
export interface TestPostgres {
  /** A new, empty database for one test (or one server); dropped by `dispose`. */
  createDatabase(): Promise<string>;
  /** A client as the superuser-free server role on `url` (tests look at rows through it). */
  connect(url: string): Promise<pg.Client>;
  dispose(): Promise<void>;
}

export async function usePostgres(): Promise<TestPostgres | { missing: string }> {
  // The test command tried already and could not: do not try again in every file.
  const known = process.env.RUNSHEET_TEST_POSTGRES_MISSING;
  if (known) return { missing: known };
  let started: RunningPostgres | null = null;
  let base = process.env.RUNSHEET_TEST_POSTGRES_URL;
  if (!base) {
    try {
      started = await startPostgres();
      base = started.url;
    } catch (error) {
      if (error instanceof EngineMissing) return { missing: error.message };
      throw error;
    }
  }
  const baseUrl = base;
  const created: string[] = [];
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const urlOf = (name: string) => {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    async createDatabase() {
      const name = `runsheet_test_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      created.push(name);
      return urlOf(name);
    },
    async connect(url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    },
    async dispose() {
      for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await started?.stop();
    },
  };
}

/** Says LOUDLY, once per file, that tests did not run for want of an engine, and why. */
export function warnMissing(what: string, missing: string, engine = 'PostgreSQL'): void {
  console.warn(`\n!!! ${what}: NOT RUN, no ${engine}: ${missing}\n`);
}

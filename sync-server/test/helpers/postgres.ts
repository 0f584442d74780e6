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
      for (const name of created) await dropDatabase(admin, name);
      await admin.end();
      await started?.stop();
    },
  };
}

/**
 * Drops a test's database once its servers are gone. A plain DROP first: it stops an autovacuum worker
 * on that database by itself, where `WITH (FORCE)` refuses one to a role that is not a superuser ("must
 * be a member of the role whose process is being terminated", seen in CI on PostgreSQL 15). FORCE only
 * when the plain one finds a connection still open (55006); what still fails is said, not thrown: the
 * database is a leftover in a test cluster, not a fault of the product.
 */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '55006') return warnLeftover(name, error);
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch (error) {
    warnLeftover(name, error);
  }
}

function warnLeftover(name: string, error: unknown): void {
  console.warn(`!!! test database ${name} left behind: ${(error as Error).message}`);
}

/** Says LOUDLY, once per file, that tests did not run for want of an engine, and why. */
export function warnMissing(what: string, missing: string, engine = 'PostgreSQL'): void {
  console.warn(`\n!!! ${what}: NOT RUN, no ${engine}: ${missing}\n`);
}

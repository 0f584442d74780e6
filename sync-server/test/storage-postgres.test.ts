import { afterAll, describe, it } from 'vitest';
import { openPostgresStorage } from '../src/storage/postgres/index.ts';
import { type TestPostgres, usePostgres, warnMissing } from './helpers/postgres.ts';
import { storageContract } from './storage/contract.ts';

const silent = { warn() {} };
// At collection time, so that without PostgreSQL the suite is skipped (loudly), not failed.
const pg: TestPostgres | { missing: string } = await usePostgres();
const missing = 'missing' in pg;
if ('missing' in pg) warnMissing('storage contract on PostgreSQL', pg.missing);
afterAll(async () => {
  if (!('missing' in pg)) await pg.dispose();
});

const available = () => {
  if ('missing' in pg) throw new Error(`PostgreSQL is not available: ${pg.missing}`);
  return pg;
};

storageContract('PostgreSQL', { skip: missing }, async () => {
  const engine = available();
  const url = await engine.createDatabase();
  const storage = await openPostgresStorage(url, { log: silent });
  const client = await engine.connect(url);
  return {
    storage,
    openAnother: () => openPostgresStorage(url, { log: silent }),
    raw: (sql) => client.query(sql),
    auditTampering: [
      "UPDATE access_log SET username = 'mallory'",
      'DELETE FROM access_log',
      'TRUNCATE access_log',
    ],
    async dispose() {
      await client.end();
      await storage.close();
    },
  };
});

describe.skipIf(missing)('PostgreSQL schema', () => {
  it('DB-06 migrates once when several relays start at the same moment', async () => {
    const engine = available();
    const url = await engine.createDatabase();
    const relays = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresStorage(url, { log: silent })),
    );
    const client = await engine.connect(url);
    try {
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      // Each migration once, in order (1: the schema, 2: the write audit, SE-11).
      const versions = rows.map((r: { version: number }) => r.version);
      if (versions.join() !== '1,2') throw new Error(`migrations: ${JSON.stringify(rows)}`);
    } finally {
      await client.end();
      await Promise.all(relays.map((r) => r.close()));
    }
  });
});

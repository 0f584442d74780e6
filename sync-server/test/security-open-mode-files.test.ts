import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { DATABASE_FILE } from '../src/storage/sqlite/database.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { stockClient, synced } from './helpers/y-client.ts';

/** SE-10: open mode only on loopback; the data directory and database readable by the server's user only. */
let t: TestServer | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

describe('SE-10: open mode and file permissions', () => {
  it.each(['0.0.0.0', '::', '192.168.1.5'])(
    'SE-10 RUNSHEET_OPEN=1 with HOST=%s is refused at start-up',
    (host) => {
      expect(() => loadConfig({ RUNSHEET_OPEN: '1', HOST: host })).toThrow(ConfigError);
      expect(() => loadConfig({ RUNSHEET_OPEN: '1', HOST: host })).toThrow(/loopback only/);
    },
  );

  it('SE-10 RUNSHEET_OPEN=1 without HOST listens on 127.0.0.1; signed-in mode keeps 0.0.0.0 for the LAN', () => {
    expect(loadConfig({ RUNSHEET_OPEN: '1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ RUNSHEET_OPEN: '1', HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({}).host).toBe('0.0.0.0');
  });

  it('SE-10 the data directory is created 0700 and the database files 0600', async () => {
    // A directory that does not exist yet: the server creates it (mkdtemp would already be 0700).
    const parent = makeTempDir('perm');
    const server = await startTestServer({ dataDir: path.join(parent.path, 'data') });
    t = {
      ...server,
      async dispose() {
        await server.dispose();
        parent.remove();
      },
    };
    // A write, so that the WAL exists too.
    const c = stockClient(server.url, 'catalog');
    await synced(c);
    c.doc.getMap('m').set('k', 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    c.destroy();
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(server.dataDir)).toBe(0o700);
    const db = path.join(server.dataDir, DATABASE_FILE);
    expect(mode(db)).toBe(0o600);
    for (const suffix of ['-wal', '-shm']) {
      const side = db + suffix;
      let exists = true;
      try {
        statSync(side);
      } catch {
        exists = false;
      }
      if (exists) expect(mode(side), suffix).toBe(0o600);
    }
  });
});

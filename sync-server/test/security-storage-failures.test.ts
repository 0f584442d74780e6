import { CloseCode } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiClient, manualClock, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { faultyStorage } from './helpers/faulty-storage.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

/**
 * SE-02: a busy or full disk fails the one request, upgrade or connection that met it, never the process.
 * Faults are thrown synchronously from the storage (as better-sqlite3 throws), the harshest form.
 */
const ROOM = 'release:disk';
const faults = new Map<string, 'SQLITE_BUSY' | 'SQLITE_FULL'>();
const clock = manualClock();
let t: TestServer;
let admin: ApiClient;
const clients: StockClient[] = [];

async function start(extra: Record<string, string> = {}) {
  t = await startTestServer({
    releases: [ROOM, 'release:locked'],
    env: { RUNSHEET_OPEN: '0', RELAY_COMPACT_AFTER_UPDATES: '2', ...extra },
    overrides: { storage: faultyStorage(faults), now: clock.now, pruneSessionsEveryMs: 50 },
  });
  admin = await setUpAdmin(t.url);
}

function client(api: ApiClient, room = ROOM): StockClient {
  const c = stockClient(t.url, room, { headers: { Cookie: api.cookie! } });
  clients.push(c);
  return c;
}

/** The process still serves: another signed-in device edits and a second one receives it. */
async function stillServing(room = ROOM): Promise<void> {
  const a = client(admin, room);
  const b = client(admin, room);
  await Promise.all([synced(a), synced(b)]);
  const value = Math.random();
  a.doc.getMap('m').set('alive', value);
  await until(b.doc, (d) => d.getMap('m').get('alive') === value);
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
}

/** Resolves once the server has logged `times` lines matching `pattern` (polled: logs are an array). */
async function logged(pattern: RegExp, times = 1): Promise<void> {
  while (t.logs.filter((line) => line.some((part) => pattern.test(String(part)))).length < times) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  faults.clear();
  for (const c of clients.splice(0)) c.destroy();
  await t.dispose();
});

describe('SE-02: storage errors close one connection, never the process', () => {
  it.each(['SQLITE_BUSY', 'SQLITE_FULL'] as const)(
    'SE-02 a session that slides during an upgrade meets %s: that upgrade closes with INTERNAL_ERROR, the others go on',
    async (code) => {
      await start();
      const member = await signedInUser(admin, 'mia', 'member');
      const watcher = client(admin);
      await synced(watcher);
      // A minute later the session slides at the next upgrade: that write fails.
      clock.advance(61_000);
      faults.set('sessions.touch', code);
      const failing = client(member);
      expect(await failing.closed).toEqual({ code: CloseCode.INTERNAL_ERROR, reason: 'internal-error' });
      failing.destroy();
      await logged(/upgrade failed/);
      faults.clear();
      await stillServing();
    },
  );

  it.each(['SQLITE_BUSY', 'SQLITE_FULL'] as const)(
    'SE-02 an API token sign-in that meets %s closes that upgrade only',
    async (code) => {
      await start();
      const secret = (await admin.post<{ secret: string }>('/api/tokens', { name: 'ci' })).body.secret;
      faults.set('tokens.markUsed', code);
      const failing = stockClient(t.url, ROOM, { params: { token: secret } });
      clients.push(failing);
      expect((await failing.closed).code).toBe(CloseCode.INTERNAL_ERROR);
      failing.destroy();
      faults.clear();
      await stillServing();
    },
  );

  it('SE-02 compaction on the path of an update meets SQLITE_FULL: logged, the room goes on', async () => {
    await start();
    faults.set('rooms.compact', 'SQLITE_FULL');
    const compactionFailed = logged(/compaction failed/);
    const a = client(admin);
    await synced(a);
    for (let i = 0; i < 5; i++) a.doc.getMap('m').set(`k${i}`, i);
    await compactionFailed;
    await stillServing();
  });

  it('SE-02 the session prune timer meets SQLITE_BUSY: logged, the process goes on', async () => {
    await start();
    faults.set('sessions.deleteExpired', 'SQLITE_BUSY');
    // Twice: the timer keeps running after a failure.
    await logged(/Pruning expired sessions failed/, 2);
    faults.clear();
    await stillServing();
  });

  it('SE-02 a room that cannot be read (SQLITE_BUSY) refuses that join; other rooms serve', async () => {
    await start();
    faults.set('rooms.load', 'SQLITE_BUSY');
    const failing = client(admin, 'release:locked');
    expect((await failing.closed).code).toBe(CloseCode.INTERNAL_ERROR);
    failing.destroy();
    faults.clear();
    expect(t.server.relay.isLoaded('release:locked')).toBe(false);
    await stillServing();
  });
});

import { CloseCode } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { knownReleases } from './helpers/known-release.ts';
import { rawSocket } from './helpers/raw-socket.ts';
import { sqliteDb, startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced } from './helpers/y-client.ts';

/** SE-04: a room exists only for the catalog and the releases it lists. */
const KNOWN = 'release:known';
let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

async function start() {
  t = await startTestServer({ env: { RUNSHEET_OPEN: '0' }, releases: [KNOWN] });
  admin = await setUpAdmin(t.url);
}

function client(api: ApiClient, room: string): StockClient {
  const c = stockClient(t.url, room, { headers: { Cookie: api.cookie! } });
  cleanups.push(() => c.destroy());
  return c;
}

const auditRows = () =>
  (sqliteDb(t.server).prepare('SELECT count(*) AS n FROM access_log').get() as { n: number }).n;

describe('SE-04: rooms only for releases the catalog lists', () => {
  it('SE-04 a viewer is refused a release the catalog does not list (FORBIDDEN_ROOM, the stock client gives up) and may open a listed one', async () => {
    await start();
    const viewer = await signedInUser(admin, 'vic', 'viewer');
    const unknown = client(viewer, 'release:nobody-made-this');
    expect(await unknown.gaveUp).toEqual({ code: CloseCode.FORBIDDEN_ROOM, reason: 'forbidden-room' });
    await synced(client(viewer, KNOWN));
    await synced(client(viewer, 'catalog'));
  });

  it('SE-04 a member cannot create a room the catalog never heard of: refused (UNKNOWN_ROOM), nothing stored, nothing loaded', async () => {
    await start();
    const member = await signedInUser(admin, 'mia', 'member');
    for (let i = 0; i < 20; i++) {
      const socket = await rawSocket(t.url, `release:junk${i}`, { Cookie: member.cookie! });
      expect((await socket.closed).code).toBe(CloseCode.UNKNOWN_ROOM);
    }
    for (let i = 0; i < 20; i++) {
      expect(t.server.relay.isLoaded(`release:junk${i}`)).toBe(false);
      expect(await t.server.storage.rooms.count(`release:junk${i}`)).toBe(0);
    }
  });

  it('SE-04 a release made offline: its room is refused until the catalog lists it, then the stock client gets in by itself', async () => {
    await start();
    const member = await signedInUser(admin, 'mia', 'member');
    const early = client(member, 'release:offline');
    expect((await early.closed).code).toBe(CloseCode.UNKNOWN_ROOM);
    await knownReleases(t.server, ['release:offline']);
    await synced(early);
  });

  it('SE-04 a flood of refused joins writes no audit rows', async () => {
    await start();
    const viewer = await signedInUser(admin, 'vic', 'viewer');
    const before = auditRows();
    for (let i = 0; i < 100; i++) {
      const socket = await rawSocket(t.url, `release:flood${i}`, { Cookie: viewer.cookie! });
      expect((await socket.closed).code).toBe(CloseCode.FORBIDDEN_ROOM);
    }
    expect(auditRows()).toBe(before);
    // A join that is let in is still recorded (FR-014).
    await synced(client(viewer, KNOWN));
    expect(auditRows()).toBeGreaterThan(before);
  });
});

import { applyChange, readRelease, releaseRoots } from '@runsheet/doc';
import { ops } from '@runsheet/doc/testing';
import type { ReleaseId, StepId } from '@runsheet/domain';
import { CloseCode } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { rawSocket } from './helpers/raw-socket.ts';
import { seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

/**
 * SE-15: a release document's short references (`refs`, ST-14) only ever gain keys from Runsheet's own
 * writers; a key whose string changes makes every device with the release open read its whole history
 * again (about 0.2 s at 50,000 entries). A member who rewrites them is let through a few times (two
 * devices apart can, very rarely, do it honestly), then closed and kept out of release rooms while the
 * account's budget refills. Against a real server (SQLite, sign-in on) and the stock client.
 */
let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

function client(api: ApiClient, room: string): StockClient {
  const c = stockClient(t.url, room, { headers: { Cookie: api.cookie! } });
  cleanups.push(() => c.destroy());
  return c;
}

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);

async function start() {
  t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
  admin = await setUpAdmin(t.url);
  const seeded = await seedRelease(t.server, { clusters: 1, customersPerCluster: 3, templates: 3 });
  return seeded;
}

describe('SE-15: short references are not rewritten at will', () => {
  it('SE-15 a member who changes references that held a string gets three through (kept, relayed), is closed RATE_LIMITED at the fourth and kept out of release rooms; another member goes on', async () => {
    const { releaseId } = await start();
    const mallory = await signedInUser(admin, 'mallory', 'member');
    const alice = await signedInUser(admin, 'alice', 'member');
    const attacker = client(mallory, releaseId);
    const honest = client(alice, releaseId);
    await Promise.all([synced(attacker), synced(honest)]);
    const refs = releaseRoots(attacker.doc).refs;
    const key = [...refs.keys()][0] as string;
    expect(key).toBeDefined();

    for (let i = 0; i < 3; i++) {
      refs.set(key, `forged ${i}`);
      // A valid change: applied, stored and relayed like any other.
      await within(
        until(honest.doc, (d) => releaseRoots(d).refs.get(key) === `forged ${i}`),
        5_000,
        `rewrite ${i} relayed`,
      );
    }
    refs.set(key, 'forged 3');
    expect((await within(attacker.closed, 5_000, 'the fourth rewrite closes the connection')).code).toBe(
      CloseCode.RATE_LIMITED,
    );
    attacker.destroy();

    // Kept out of release rooms while the budget refills (about one rewrite a minute).
    const again = await rawSocket(t.url, releaseId, { Cookie: mallory.cookie! });
    cleanups.push(() => again.ws.terminate());
    expect((await within(again.closed, 5_000, 'a new connection is refused')).code).toBe(
      CloseCode.RATE_LIMITED,
    );

    // Another member writes on, and is sent what others write.
    const late = client(admin, releaseId);
    await synced(late);
    releaseRoots(honest.doc).refs.set('fresh-key', 'a new string');
    await within(
      until(late.doc, (d) => releaseRoots(d).refs.get('fresh-key') === 'a new string'),
      5_000,
      'an honest write relayed',
    );
    expect(honest.provider.wsconnected).toBe(true);
  });

  it('SE-15 devices that interned a string while apart set its key to the same string: never counted, five of them stay connected', async () => {
    const { releaseId } = await start();
    const member = await signedInUser(admin, 'mo', 'member');
    const first = client(member, releaseId);
    await synced(first);
    const [key, value] = [...releaseRoots(first.doc).refs.entries()][0] as [string, unknown];
    const codes: Promise<number>[] = [];
    for (let device = 0; device < 5; device++) {
      // Made apart: the key is set in a document of its own, then synced.
      const doc = new Y.Doc();
      releaseRoots(doc).refs.set(key, value);
      const c = stockClient(t.url, releaseId, { doc, headers: { Cookie: member.cookie! } });
      cleanups.push(() => c.destroy());
      codes.push(c.closed.then(({ code }) => code));
      await synced(c);
    }
    const watcher = client(admin, releaseId);
    await synced(watcher);
    expect(releaseRoots(watcher.doc).refs.get(key)).toBe(value);
    expect(await Promise.race([...codes, new Promise((r) => setTimeout(() => r('open'), 300))])).toBe('open');
  });

  it("SE-15 a member's ordinary commands only add references: forty of them leave the connection open", async () => {
    const { releaseId, firstStep } = await start();
    const member = await signedInUser(admin, 'mo', 'member');
    const c = client(member, releaseId);
    await synced(c);
    const closed = c.closed.then(({ code }) => code);
    for (let i = 0; i < 40; i++) {
      applyChange(
        () => c.doc,
        { ops: [ops.stepState(releaseId as ReleaseId, firstStep as StepId, { notes: `note number ${i}` })] },
        null,
      );
    }
    const watcher = client(admin, releaseId);
    await synced(watcher);
    await within(
      until(watcher.doc, (d) => readRelease(d, releaseId).stepStates[firstStep]?.notes === 'note number 39'),
      5_000,
      'the last note relayed',
    );
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r('open'), 300))])).toBe('open');
  });
});

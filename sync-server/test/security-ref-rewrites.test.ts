import { applyChange, readRelease, releaseRoots } from '@runsheet/doc';
import { ops } from '@runsheet/doc/testing';
import type { ReleaseId, StepId } from '@runsheet/domain';
import { CloseCode } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate } from '../src/relay/protocol.ts';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { rawSocket } from './helpers/raw-socket.ts';
import { seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

/**
 * SE-15: a release document's short references (`refs`, ST-14) only ever gain keys; a key whose string
 * changes or goes makes every device with the release open read its whole history again (0.19 s at
 * 50,000 entries). The relay judges each client update before applying it and refuses (MALFORMED_MESSAGE,
 * nothing applied, stored or relayed) one that sets a key again, gives it another string, removes it, or
 * waits on structs the room lacks (which Yjs would integrate later in someone else's transaction). Against
 * a real server (SQLite, sign-in on) and the stock client.
 */
let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

function client(api: ApiClient, room: string, doc?: Y.Doc): StockClient {
  const c = stockClient(t.url, room, { headers: { Cookie: api.cookie! }, ...(doc && { doc }) });
  cleanups.push(() => c.destroy());
  return c;
}

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);

/** Resolves 'open' when nothing closed within `ms`. */
const stillOpen = (closed: Promise<unknown>, ms = 300) =>
  Promise.race([closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), ms))]);

async function start() {
  t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
  admin = await setUpAdmin(t.url);
  const seeded = await seedRelease(t.server, { clusters: 1, customersPerCluster: 3, templates: 3 });
  const mallory = await signedInUser(admin, 'mallory', 'member');
  const alice = await signedInUser(admin, 'alice', 'member');
  return { ...seeded, mallory, alice };
}

/** A member's stock client synced to the release, the first short reference the room holds and its string. */
async function attackerOn(api: ApiClient, releaseId: string) {
  const c = client(api, releaseId);
  await synced(c);
  const refs = releaseRoots(c.doc).refs;
  const [key, value] = [...refs.entries()][0] as [string, unknown];
  return { c, refs, key, value };
}

describe('SE-15: short references are only ever added', () => {
  it('SE-15 a member who sets a key again with another string is closed MALFORMED_MESSAGE; the room keeps the string, nothing relayed', async () => {
    const { releaseId, mallory } = await start();
    const { c, refs, key, value } = await attackerOn(mallory, releaseId);
    refs.set(key, 'forged');
    expect((await within(c.closed, 5_000, 'refused')).code).toBe(CloseCode.MALFORMED_MESSAGE);
    const watcher = client(admin, releaseId);
    await synced(watcher);
    expect(releaseRoots(watcher.doc).refs.get(key)).toBe(value);
  });

  it('SE-15 a member who removes a key is closed; the room keeps it', async () => {
    const { releaseId, mallory } = await start();
    const { c, refs, key, value } = await attackerOn(mallory, releaseId);
    refs.delete(key);
    expect((await within(c.closed, 5_000, 'refused')).code).toBe(CloseCode.MALFORMED_MESSAGE);
    const watcher = client(admin, releaseId);
    await synced(watcher);
    expect(releaseRoots(watcher.doc).refs.get(key)).toBe(value);
  });

  it('SE-15 one update that sets a held key to its own string and then to another is refused whole', async () => {
    const { releaseId, mallory } = await start();
    const { c, key, value } = await attackerOn(mallory, releaseId);
    c.destroy();
    // Made apart: both sets in a document of its own, sent in its first sync step 2.
    const doc = new Y.Doc();
    releaseRoots(doc).refs.set(key, value);
    releaseRoots(doc).refs.set(key, 'forged');
    const apart = client(mallory, releaseId, doc);
    expect((await within(apart.closed, 5_000, 'refused')).code).toBe(CloseCode.MALFORMED_MESSAGE);
    const watcher = client(admin, releaseId);
    await synced(watcher);
    expect(releaseRoots(watcher.doc).refs.get(key)).toBe(value);
  });

  it('SE-15 an entry sent as deleted content that would win its key (a higher client id) is refused: it would take the key away', async () => {
    const { releaseId, mallory } = await start();
    const { c, key, value } = await attackerOn(mallory, releaseId);
    c.destroy();
    const doc = new Y.Doc();
    doc.clientID = 0xffff_ffff;
    doc.transact(() => {
      releaseRoots(doc).refs.set(key, 'gone');
      releaseRoots(doc).refs.delete(key);
    });
    const apart = client(mallory, releaseId, doc);
    expect((await within(apart.closed, 5_000, 'refused')).code).toBe(CloseCode.MALFORMED_MESSAGE);
    const watcher = client(admin, releaseId);
    await synced(watcher);
    expect(releaseRoots(watcher.doc).refs.get(key)).toBe(value);
  });

  it("SE-15 an item left waiting on another member's next struct is refused, so that member's next write is not turned into a rewrite", async () => {
    const { releaseId, mallory, alice } = await start();
    const victim = client(alice, releaseId);
    await synced(victim);
    // What alice will write next, made in a copy of her document (same client id, same next clock).
    const hers = new Y.Doc();
    hers.clientID = victim.doc.clientID;
    Y.applyUpdate(hers, Y.encodeStateAsUpdate(victim.doc));
    releaseRoots(hers).refs.set('alice-next', 'her string');
    // Mallory's item sets that key again, after alice's struct the room does not hold yet.
    const his = new Y.Doc();
    Y.applyUpdate(his, Y.encodeStateAsUpdate(hers));
    releaseRoots(his).refs.set('alice-next', 'forged');
    const crafted = Y.encodeStateAsUpdate(his, Y.encodeStateVector(hers));
    const socket = await rawSocket(t.url, releaseId, { Cookie: mallory.cookie! });
    cleanups.push(() => socket.ws.terminate());
    await socket.frame(0);
    socket.ws.send(encodeUpdate(crafted));
    expect((await within(socket.closed, 5_000, 'refused')).code).toBe(CloseCode.UPDATE_AHEAD);
    // Alice writes: her string is what everyone reads.
    releaseRoots(victim.doc).refs.set('alice-next', 'her string');
    const watcher = client(admin, releaseId);
    await synced(watcher);
    await within(
      until(watcher.doc, (d) => releaseRoots(d).refs.get('alice-next') !== undefined),
      5_000,
      "alice's write relayed",
    );
    expect(releaseRoots(watcher.doc).refs.get('alice-next')).toBe('her string');
    expect(await stillOpen(victim.closed)).toBe('open');
  });

  it('SE-15 an honest device that writes the moment it reconnects, before its sync step 2 has gone out, is at worst closed UPDATE_AHEAD (transient) and its work arrives', async () => {
    const { releaseId, alice } = await start();
    const doc = new Y.Doc();
    const list = doc.getArray<string>('scratch');
    list.push(['made offline']);
    const c = client(alice, releaseId, doc);
    // At once on open: this update follows 'made offline', which the relay gets only with the step 2.
    c.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected' && list.length === 1) list.push(['made on reconnect']);
    });
    const stopped = c.gaveUp.then(() => 'stopped');
    const watcher = client(admin, releaseId);
    await synced(watcher);
    await within(
      until(watcher.doc, (d) => d.getArray('scratch').length === 2),
      10_000,
      'both changes relayed',
    );
    expect(watcher.doc.getArray('scratch').toArray()).toEqual(['made offline', 'made on reconnect']);
    expect(await Promise.race([stopped, new Promise((r) => setTimeout(() => r('running'), 300))])).toBe(
      'running',
    );
  });

  it('SE-15 devices that interned a string while apart set its key to the same string: accepted, five of them stay connected', async () => {
    const { releaseId, mallory } = await start();
    const { key, value } = await attackerOn(mallory, releaseId);
    const codes: Promise<unknown>[] = [];
    for (let device = 0; device < 5; device++) {
      const doc = new Y.Doc();
      releaseRoots(doc).refs.set(key, value);
      releaseRoots(doc).refs.set(`fresh-${device}`, `a string of device ${device}`);
      const c = client(mallory, releaseId, doc);
      codes.push(c.closed);
      await synced(c);
    }
    const watcher = client(admin, releaseId);
    await synced(watcher);
    expect(releaseRoots(watcher.doc).refs.get(key)).toBe(value);
    expect(releaseRoots(watcher.doc).refs.get('fresh-4')).toBe('a string of device 4');
    expect(await stillOpen(Promise.race(codes))).toBe('open');
  });

  it('SE-15 a string interned apart and merged on a synced device, its entry winning the key there or losing it, is accepted', async () => {
    const { releaseId, alice } = await start();
    const c = client(alice, releaseId);
    await synced(c);
    const [key, value] = [...releaseRoots(c.doc).refs.entries()][0] as [string, unknown];
    // The lowest and the highest client id: the merge on the device deletes the room's entry or its own.
    for (const clientID of [1, 0xffff_ffff]) {
      const apart = new Y.Doc();
      apart.clientID = clientID;
      releaseRoots(apart).refs.set(key, value);
      releaseRoots(apart).refs.set(`apart-${clientID}`, 'its own string');
      Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(apart));
    }
    const watcher = client(admin, releaseId);
    await synced(watcher);
    await within(
      until(watcher.doc, (d) => releaseRoots(d).refs.get(`apart-${0xffff_ffff}`) !== undefined),
      5_000,
      'the merge relayed',
    );
    expect(releaseRoots(watcher.doc).refs.get(key)).toBe(value);
    expect(await stillOpen(c.closed)).toBe('open');
  });

  it("SE-15 a member's ordinary commands only add references: forty of them are relayed, the connection stays open", async () => {
    const { releaseId, firstStep, alice } = await start();
    const c = client(alice, releaseId);
    await synced(c);
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
    expect(await stillOpen(c.closed)).toBe('open');
  });
});

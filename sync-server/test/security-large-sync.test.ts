import { createHash } from 'node:crypto';
import { CloseCode } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asClient, hugeUpdate, step2Frame, syncFrame } from '../bench/abuse/junk.ts';
import { Connection } from '../src/relay/connection.ts';
import { LargeUpdateSlicer } from '../src/relay/large-update.ts';
import { SyncType } from '../src/relay/protocol.ts';
import { WorkerJobs } from '../src/workers/worker-jobs.ts';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { nextEvent } from './helpers/events.ts';
import { frameKind, type RawSocket, rawSocket } from './helpers/raw-socket.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

/**
 * SE-01, large first sync steps 2: a first sync step 2 over maxUpdateBytes (a device uploading a whole
 * document the relay lacks) is charged to the account's large sync budget. Against a real server with
 * its default limits (1 MB of credit, 16 KB/s): one upload of any size passes, the next waits for the
 * debt to be paid.
 */
const ROOM = 'release:large-sync';
const SPARE = 'release:large-sync-spare';
let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

async function start(): Promise<void> {
  t = await startTestServer({ releases: [ROOM, SPARE], env: { RUNSHEET_OPEN: '0' } });
  admin = await setUpAdmin(t.url);
}

function client(api: ApiClient, room: string, doc?: Y.Doc): StockClient {
  const c = stockClient(t.url, room, { headers: { Cookie: api.cookie! }, ...(doc && { doc }) });
  cleanups.push(() => c.destroy());
  return c;
}

async function raw(api: ApiClient, room: string): Promise<RawSocket> {
  const socket = await rawSocket(t.url, room, { Cookie: api.cookie! });
  cleanups.push(() => socket.ws.terminate());
  return socket;
}

/**
 * A release-sized document made offline: 3,000 entries of about 1 KB (3 MB, a few thousand items): what a
 * device holds after importing a large release without a connection.
 */
function offlineRelease(): Y.Doc {
  const doc = new Y.Doc();
  const steps = doc.getMap('steps');
  doc.transact(() => {
    for (let i = 0; i < 3000; i++) steps.set(`step-${i}`, `${i}:${'runbook text '.repeat(80)}`);
  });
  return doc;
}

describe('SE-01: large first sync steps 2 are paced per account', () => {
  it("SE-01 a member's honest first sync step 2 of about 3 MB (a release made offline) is accepted and reaches the others", async () => {
    await start();
    const member = await signedInUser(admin, 'mia', 'member');
    const doc = offlineRelease();
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(3_000_000);
    const reader = client(admin, ROOM);
    await synced(reader);
    const device = client(member, ROOM, doc);
    await until(reader.doc, (d) => d.getMap('steps').size === 3000);
    expect(device.provider.wsconnected).toBe(true);
    // Its connection stays open and keeps writing small changes.
    doc.getMap('steps').set('after', 'a small edit');
    await until(reader.doc, (d) => d.getMap('steps').get('after') === 'a small edit');
  });

  it('SE-01 a member reconnecting to upload huge first sync steps 2 over and over is closed with LARGE_SYNC_PACED; the refused junk reaches nobody, and small syncs go on', async () => {
    await start();
    const attacker = await signedInUser(admin, 'mallory', 'member');
    const junk = hugeUpdate();
    expect(junk.byteLength).toBeGreaterThan(1_000_000);
    const watcher = client(admin, SPARE);
    await synced(watcher);
    // The first one passes: the budget holds credit (a device's one large upload).
    const first = await raw(attacker, SPARE);
    first.ws.send(step2Frame(asClient(junk, 1001)));
    await until(watcher.doc, (d) => d.getMap('junk').size > 0);
    first.ws.close();
    // Reconnecting does not buy another exemption: the account is in debt.
    const second = await raw(attacker, SPARE);
    const closed = nextEvent(
      t.server.relay,
      'connection-closed',
      (_room, code) => code === CloseCode.LARGE_SYNC_PACED,
    );
    second.ws.send(step2Frame(asClient(junk, 1002)));
    expect(await second.closed).toEqual({ code: CloseCode.LARGE_SYNC_PACED, reason: 'large-sync-paced' });
    await closed;
    const third = await raw(attacker, ROOM);
    third.ws.send(step2Frame(asClient(junk, 1003)));
    expect((await third.closed).code).toBe(CloseCode.LARGE_SYNC_PACED);
    // Nothing of the refused uploads is in the room: only client 1001's items arrived.
    const clients = new Set<number>();
    for (const [client] of watcher.doc.store.clients) clients.add(client);
    expect(clients.has(1002)).toBe(false);
    // The same account's ordinary syncs (first steps 2 under maxUpdateBytes) are not paced.
    const small = client(attacker, ROOM);
    await synced(small);
    small.doc.getMap('m').set('still', 'writes');
    const reader = client(admin, ROOM);
    await until(reader.doc, (d) => d.getMap('m').get('still') === 'writes');
    expect(reader.doc.getMap('junk').size).toBe(0);
  });
});

describe('SE-01d: a large first sync step 2 is applied in slices', () => {
  it("SE-01d the relay applies a large first sync step 2 a slice per turn, and applies another member's small update between its slices; the room ends with all of both", async () => {
    await start();
    const attacker = await signedInUser(admin, 'mallory', 'member');
    const { room, release } = await t.server.relay.hold(ROOM as never);
    cleanups.push(release);
    const other = client(admin, ROOM);
    await synced(other);
    // The order the room's document took changes in: 'L' a slice of the large update, 'S' the small one.
    const order: string[] = [];
    room.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (!(origin instanceof Connection)) return;
      if (origin.identity.label.includes('mallory')) {
        if (order.length === 0) other.doc.getMap('m').set('small', 'between');
        order.push('L');
      } else order.push('S');
    });
    const junk = asClient(hugeUpdate(), 2001);
    const whole = new Y.Doc();
    Y.applyUpdate(whole, junk);
    const keys = whole.getMap('junk').size;
    const socket = await raw(attacker, ROOM);
    socket.ws.send(step2Frame(junk));
    await until(other.doc, (d) => d.getMap('junk').size === keys && d.getMap('m').get('small') === 'between');
    expect(room.doc.getMap('junk').size).toBe(keys);
    expect(order.filter((o) => o === 'L').length).toBeGreaterThan(10);
    // The small update went in while the large one was still being applied.
    expect(order.indexOf('S')).toBeGreaterThan(0);
    expect(order.lastIndexOf('L')).toBeGreaterThan(order.indexOf('S'));
  });

  it("SE-01d SE-11 a sliced write goes on when its sender leaves part-way, and is in the write audit once, with the sender's bytes", async () => {
    await start();
    const attacker = await signedInUser(admin, 'mallory', 'member');
    const { room, release } = await t.server.relay.hold(ROOM as never);
    cleanups.push(release);
    const junk = asClient(hugeUpdate(), 2003);
    const whole = new Y.Doc();
    Y.applyUpdate(whole, junk);
    const keys = whole.getMap('junk').size;
    const socket = await raw(attacker, ROOM);
    let slices = 0;
    room.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (!(origin instanceof Connection) || !origin.identity.label.includes('mallory')) return;
      // The sender goes after the first slice.
      if (slices++ === 0) socket.ws.terminate();
    });
    socket.ws.send(step2Frame(junk));
    await until(room.doc, (d) => d.getMap('junk').size === keys);
    expect(slices).toBeGreaterThan(10);
    const sha256 = createHash('sha256').update(junk).digest('hex');
    const written = async () =>
      (await t.server.storage.audit.query({ entity: ROOM, limit: 50 })).filter(
        (r) => r.action === 'sync.write' && r.username === 'mallory',
      );
    await expect.poll(async () => (await written()).length, { timeout: 10_000 }).toBe(1);
    expect((await written())[0]).toMatchObject({ bytes: junk.byteLength, sha256 });
  });

  it("SE-01d while its large first step 2 is applied, a connection's held frames are checked on arrival: a write over maxUpdateBytes closes it (UPDATE_TOO_LARGE)", async () => {
    await start();
    const attacker = await signedInUser(admin, 'mallory', 'member');
    const socket = await raw(attacker, ROOM);
    socket.ws.send(step2Frame(asClient(hugeUpdate(), 2004)));
    socket.ws.send(syncFrame(SyncType.UPDATE, asClient(hugeUpdate(400_000), 2005)));
    expect((await socket.closed).code).toBe(CloseCode.UPDATE_TOO_LARGE);
  });

  it('SE-01d a connection may hold at most twice maxUpdateBytes of frames behind its large first step 2 (RATE_LIMITED)', async () => {
    await start();
    const attacker = await signedInUser(admin, 'mallory', 'member');
    const socket = await raw(attacker, ROOM);
    socket.ws.send(step2Frame(asClient(hugeUpdate(), 2006)));
    // Each under maxUpdateBytes (256 KB), 600 KB together.
    for (let i = 0; i < 3; i++)
      socket.ws.send(syncFrame(SyncType.UPDATE, asClient(hugeUpdate(200_000), 2007 + i)));
    expect((await socket.closed).code).toBe(CloseCode.RATE_LIMITED);
  });

  it('SE-01d SY-02 frames sent after a large first sync step 2 wait for it: a sync step 1 right behind it is answered once all of it is stored', async () => {
    await start();
    const attacker = await signedInUser(admin, 'mallory', 'member');
    const junk = asClient(hugeUpdate(800_000), 2002);
    const expected = new Y.Doc();
    Y.applyUpdate(expected, junk);
    const socket = await raw(attacker, ROOM);
    socket.ws.send(step2Frame(junk));
    socket.ws.send(syncFrame(SyncType.STEP_1, Y.encodeStateVector(new Y.Doc())));
    for (let i = 0; ; i++) {
      const [type, syncType] = frameKind(await socket.frame(i));
      if (type === 0 && syncType === SyncType.STEP_2) break;
    }
    // Answered: everything the connection sent before its step 1 is in storage.
    const stored = await t.server.storage.rooms.load(ROOM);
    const fromStorage = new Y.Doc();
    for (const update of stored.updates) Y.applyUpdate(fromStorage, update);
    expect(fromStorage.getMap('junk').size).toBe(expected.getMap('junk').size);
  });

  it("SE-01d an upload whose structure needs more than the worker's heap to decode is refused as too large, and the worker is started again for the next", async () => {
    // A 32 MB heap: 1.7 MB of 106,000 map keys needs about 60 MB to decode; 100 KB of them far less.
    const slicer = new LargeUpdateSlicer(new URL('../dist/large-update-worker.js', import.meta.url), 32);
    try {
      expect(slicer.threaded).toBe(true);
      expect(await slicer.slice(hugeUpdate())).toEqual({
        refused: 'the update needs more memory to decode than the relay allows',
        tooLarge: true,
      });
      expect(await slicer.slice(hugeUpdate(100_000))).toHaveProperty('slices');
    } finally {
      await slicer.close();
    }
  });

  it('SE-01d uploads go through the worker one at a time: one that runs it out of memory is refused alone, the one queued behind it is sliced', async () => {
    const slicer = new LargeUpdateSlicer(new URL('../dist/large-update-worker.js', import.meta.url), 32);
    try {
      const [junk, small] = await Promise.all([
        slicer.slice(hugeUpdate()),
        slicer.slice(hugeUpdate(100_000)),
      ]);
      expect(junk).toHaveProperty('tooLarge', true);
      expect(small).toHaveProperty('slices');
    } finally {
      await slicer.close();
    }
  });

  it("SE-01d a job started while the idle worker is being stopped runs on a new worker, untouched by the old one's exit", async () => {
    const jobs = new WorkerJobs(
      new URL('../dist/large-update-worker.js', import.meta.url),
      () => {
        throw new Error('not in-process');
      },
      'test',
      undefined,
      20,
    );
    try {
      const job = { update: hugeUpdate(50_000), maxLength: 2_000 };
      for (let round = 0; round < 3; round++) {
        expect(await jobs.run(job)).toHaveProperty('slices');
        await expect.poll(() => jobs.running, { timeout: 5_000, interval: 1 }).toBe(false);
      }
    } finally {
      await jobs.close();
    }
  });

  it('SE-01d the bundled worker (dist/large-update-worker.js) checks and slices off the relay thread: the slices give the update, a sub-document is refused, and it stops as soon as it is done', async () => {
    const slicer = new LargeUpdateSlicer(new URL('../dist/large-update-worker.js', import.meta.url));
    try {
      expect(slicer.threaded).toBe(true);
      const junk = hugeUpdate(300_000);
      const answer = await slicer.slice(junk, 2_000);
      if (!('slices' in answer)) throw new Error(`refused: ${answer.refused}`);
      expect(answer.slices.length).toBeGreaterThan(5);
      const fromSlices = new Y.Doc();
      for (const slice of answer.slices) Y.applyUpdate(fromSlices, slice);
      const whole = new Y.Doc();
      Y.applyUpdate(whole, junk);
      expect(fromSlices.getMap('junk').toJSON()).toEqual(whole.getMap('junk').toJSON());
      const withSubdoc = new Y.Doc();
      withSubdoc.getMap('m').set('sub', new Y.Doc());
      const refused = await slicer.slice(Y.encodeStateAsUpdate(withSubdoc));
      expect(refused).toEqual({ refused: 'the update would create a sub-document' });
      expect(await slicer.slice(new Uint8Array([1, 2, 3]))).toHaveProperty('refused');
      // Done, the worker stops at once (its heap goes with it, before the room grows by the slices: the
      // two together were the relay's peak), well within the 2 s other workers idle; the next job starts
      // another.
      await expect.poll(() => slicer.running, { timeout: 1_000, interval: 5 }).toBe(false);
      expect(await slicer.slice(junk, 2_000)).toHaveProperty('slices');
    } finally {
      await slicer.close();
    }
  });
});

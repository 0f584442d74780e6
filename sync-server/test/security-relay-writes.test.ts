import { CloseCode } from '@runsheet/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate, MessageType, SyncType } from '../src/relay/protocol.ts';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { storedUpdates } from './helpers/events.ts';
import { frameKind, type RawSocket, rawSocket } from './helpers/raw-socket.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

/** SE-01: the relay decides on a write from its header (role, room, size, budget) before decoding it. */
const ROOM = 'release:writes';
let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];

async function start(env: Record<string, string> = {}) {
  t = await startTestServer({
    releases: [ROOM],
    env: { RUNSHEET_OPEN: '0', RELAY_MAX_FRAME_BYTES: '65536', ...env },
  });
  admin = await setUpAdmin(t.url);
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

async function raw(api: ApiClient, room = ROOM): Promise<RawSocket> {
  const socket = await rawSocket(t.url, room, { Cookie: api.cookie! });
  cleanups.push(() => socket.ws.terminate());
  return socket;
}

function client(api: ApiClient, room = ROOM): StockClient {
  const c = stockClient(t.url, room, { headers: { Cookie: api.cookie! } });
  cleanups.push(() => c.destroy());
  return c;
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.SYNC);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** A real Yjs update of about `bytes` bytes (one string). */
function updateOf(bytes: number, key = 'big'): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, 'x'.repeat(bytes));
  return Y.encodeStateAsUpdate(doc);
}

/** Sends query-awareness and waits for the answer: the connection is open and served. */
async function answers(socket: RawSocket): Promise<void> {
  const before = socket.received.length;
  socket.ws.send(Uint8Array.of(MessageType.QUERY_AWARENESS));
  const frame = await socket.frame(before);
  expect(frame.byteLength).toBeGreaterThan(0);
}

describe('SE-01: a write is judged before it is decoded', () => {
  it("SE-01 a viewer's update is dropped undecoded: even bytes that are no Yjs update leave the connection open, told read-only once", async () => {
    await start();
    const viewer = await signedInUser(admin, 'vic', 'viewer');
    const socket = await raw(viewer);
    await socket.frame(0);
    // Garbage where a Yjs update should be: decoding it would close the connection as malformed.
    const garbage = new Uint8Array(40_000).fill(0xff);
    socket.ws.send(syncFrame(SyncType.UPDATE, garbage));
    socket.ws.send(syncFrame(SyncType.STEP_2, garbage));
    await answers(socket);
    const kinds = socket.received.map((f) => frameKind(f)[0]);
    expect(kinds.filter((k) => k === MessageType.AUTH)).toHaveLength(1);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it("SE-01 a viewer's valid update is neither stored nor sent to anyone", async () => {
    await start();
    const viewer = await signedInUser(admin, 'vic', 'viewer');
    const member = client(admin);
    await synced(member);
    const socket = await raw(viewer);
    socket.ws.send(encodeUpdate(updateOf(1000, 'forged')));
    await answers(socket);
    const stored = storedUpdates(t.server.relay, ROOM, 1);
    member.doc.getMap('m').set('honest', 1);
    await stored;
    expect(member.doc.getMap('m').has('forged')).toBe(false);
  });

  it('SE-01 an incremental update over maxUpdateBytes closes with UPDATE_TOO_LARGE; the honest client reconnects and its first sync step 2 carries the change', async () => {
    await start({ RELAY_MAX_UPDATE_BYTES: '4096' });
    const writer = client(admin);
    const reader = client(admin);
    await Promise.all([synced(writer), synced(reader)]);
    writer.doc.getMap('m').set('big', 'y'.repeat(10_000));
    expect(await writer.closed).toEqual({ code: CloseCode.UPDATE_TOO_LARGE, reason: 'update-too-large' });
    await until(reader.doc, (d) => (d.getMap('m').get('big') as string | undefined)?.length === 10_000);
  });

  it('SE-01 a connection past its update bytes per second is closed with RATE_LIMITED', async () => {
    await start({ RELAY_MAX_UPDATE_BYTES_PER_SECOND: '1024' });
    const socket = await raw(admin);
    await socket.frame(0);
    // 65,536 bytes of burst, 1 KB/s after: twenty 4 KB updates in a row cannot all pass.
    for (let i = 0; i < 20; i++) socket.ws.send(encodeUpdate(updateOf(4000, `k${i}`)));
    expect((await socket.closed).code).toBe(CloseCode.RATE_LIMITED);
  });

  it('SE-01 an update that would create a sub-document is refused and never reaches anyone', async () => {
    await start();
    const bystander = client(admin);
    await synced(bystander);
    const socket = await raw(admin);
    const doc = new Y.Doc();
    doc.getMap('m').set('sub', new Y.Doc());
    socket.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    expect((await socket.closed).code).toBe(CloseCode.MALFORMED_MESSAGE);
    const stored = storedUpdates(t.server.relay, ROOM, 1);
    bystander.doc.getMap('m').set('after', 1);
    await stored;
    expect(bystander.doc.getMap('m').has('sub')).toBe(false);
  });
});

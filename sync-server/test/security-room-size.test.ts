import { WriteRefusal } from '@runsheet/protocol';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_RELAY_LIMITS } from '../src/relay/limits.ts';
import { encodeUpdate, MessageType } from '../src/relay/protocol.ts';
import { Room } from '../src/relay/room.ts';
import type { RoomName } from '../src/relay/room-name.ts';
import { openSqliteStorage } from '../src/storage/sqlite/index.ts';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { storedUpdates } from './helpers/events.ts';
import { frameKind, type RawSocket, rawSocket } from './helpers/raw-socket.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

/**
 * SE-16: a room's stored state has a cap (RELAY_MAX_ROOM_BYTES). The byte budgets bound how fast a member
 * fills a room, not how far; past the cap (after a compaction, when one can help) the room takes no more
 * writes from anyone, tells each writer once, and goes on being read. Real server, real SQLite, a 64 KiB cap.
 */
const ROOM = 'release:room-size';
const CAP = 64 * 1024;
let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];

async function start(): Promise<void> {
  t = await startTestServer({
    releases: [ROOM],
    env: { RUNSHEET_OPEN: '0', RELAY_MAX_ROOM_BYTES: String(CAP) },
  });
  admin = await setUpAdmin(t.url);
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

async function raw(api: ApiClient): Promise<RawSocket> {
  const socket = await rawSocket(t.url, ROOM, { Cookie: api.cookie! });
  cleanups.push(() => socket.ws.terminate());
  return socket;
}

function client(api: ApiClient): StockClient {
  const c = stockClient(t.url, ROOM, { headers: { Cookie: api.cookie! } });
  cleanups.push(() => c.destroy());
  return c;
}

/** A Yjs update of one new map entry of about `bytes` bytes, as a client with id `clientId` writes it. */
function entry(clientId: number, key: string, bytes: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getMap('m').set(key, `${key}:${'x'.repeat(bytes)}`);
  return Y.encodeStateAsUpdate(doc);
}

/** The reasons of the "permission denied" messages a socket received. */
function refusals(socket: RawSocket): string[] {
  return socket.received
    .filter((f) => frameKind(f)[0] === MessageType.AUTH)
    .map((f) => {
      const d = decoding.createDecoder(f);
      decoding.readVarUint(d); // message type
      decoding.readVarUint(d); // permission denied
      return decoding.readVarString(d);
    });
}

/** Sends query-awareness and waits for the answer: everything sent before it was handled. */
async function answered(socket: RawSocket): Promise<void> {
  const before = socket.received.length;
  socket.ws.send(Uint8Array.of(MessageType.QUERY_AWARENESS));
  await socket.frame(before);
}

describe('SE-16: a room has a size cap', () => {
  it('SE-16 a member filling a room past RELAY_MAX_ROOM_BYTES is told room-full once; the room stops growing, takes no one else’s writes either, and is still read', async () => {
    await start();
    const mallory = await signedInUser(admin, 'mallory', 'member');
    const { room, release } = await t.server.relay.hold(ROOM as never);
    cleanups.push(release);
    const attacker = await raw(mallory);
    await attacker.frame(0);
    // 20 entries of 10 KB: three times the cap, none of it shrinks when compacted.
    for (let i = 0; i < 20; i++) {
      attacker.ws.send(encodeUpdate(entry(7000 + i, `junk-${i}`, 10_000)));
      await answered(attacker);
      await room.persisted();
    }
    expect(refusals(attacker)).toEqual([WriteRefusal.ROOM_FULL]);
    expect(attacker.ws.readyState).toBe(attacker.ws.OPEN);
    // Stopped at the cap, give or take the writes let through while a compaction near it ran.
    expect(room.storedBytes).toBeLessThanOrEqual(CAP + CAP / 4 + 20_000);
    const kept = room.doc.getMap('m').size;
    expect(kept).toBeGreaterThan(3);
    expect(kept).toBeLessThan(20);
    // Another member's write is refused as well, from the header, and told why.
    const mia = await signedInUser(admin, 'mia', 'member');
    const other = await raw(mia);
    await other.frame(0);
    other.ws.send(encodeUpdate(entry(8000, 'honest', 100)));
    await answered(other);
    expect(refusals(other)).toEqual([WriteRefusal.ROOM_FULL]);
    expect(room.doc.getMap('m').has('honest')).toBe(false);
    // A device with nothing new (its first sync step 2 is empty) syncs and reads the room as it is.
    const reader = client(admin);
    await synced(reader);
    expect(reader.doc.getMap('m').size).toBe(kept);
    expect(reader.provider.wsconnected).toBe(true);
  });

  it('SE-16 a room that grows by overwriting is compacted near the cap and goes on taking every write', async () => {
    await start();
    const writer = client(admin);
    const reader = client(admin);
    await Promise.all([synced(writer), synced(reader)]);
    const { room, release } = await t.server.relay.hold(ROOM as never);
    cleanups.push(release);
    const refused: string[] = [];
    writer.provider.on('connection-close', () => refused.push('closed'));
    // 30 overwrites of one 6 KB value: 180 KB written, nearly all of it overwritten.
    for (let i = 0; i < 30; i++) {
      const stored = storedUpdates(t.server.relay, ROOM, 1);
      writer.doc.getMap('m').set('notes', `${i}:${'n'.repeat(6_000)}`);
      await stored;
    }
    await until(reader.doc, (d) => String(d.getMap('m').get('notes')).startsWith('29:'));
    expect(refused).toEqual([]);
    await room.persisted();
    expect(room.storedBytes).toBeLessThan(CAP);
  });

  it('SE-16 a room loaded with many uncompacted rows over the cap (after a crash) is compacted at its first write, not refused for good', async () => {
    const dir = makeTempDir('room-size');
    const storage = openSqliteStorage(dir.path);
    try {
      // 30 rows, each overwriting one 6 KB value: 180 KB stored, a few KB once compacted.
      const doc = new Y.Doc();
      const rows: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => rows.push(u));
      for (let i = 0; i < 30; i++) doc.getMap('m').set('notes', `${i}:${'n'.repeat(6_000)}`);
      for (const row of rows) await storage.rooms.append(ROOM, [row]);
      let compacted: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        compacted = resolve;
      });
      const room = await Room.load(
        ROOM as RoomName,
        storage.rooms,
        { ...DEFAULT_RELAY_LIMITS, maxRoomBytes: CAP },
        {
          onIdle: () => {},
          onStored: () => {},
          onCompacted: () => compacted(),
          onFailed: () => {},
          onRejected: () => {},
          warn: () => {},
        },
      );
      expect(room.storedBytes).toBeGreaterThan(2 * CAP);
      expect(room.admitsWrite(100)).toBe(true);
      await done;
      expect(room.storedBytes).toBeLessThan(CAP / 4);
      expect(room.admitsWrite(100)).toBe(true);
      expect(String(room.doc.getMap('m').get('notes')).startsWith('29:')).toBe(true);
      await room.destroy(false);
    } finally {
      await storage.close();
      dir.remove();
    }
  });
});

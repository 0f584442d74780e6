import path from 'node:path';
import { CloseCode } from '@runsheet/protocol';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/storage/sqlite/database.ts';
import { nextEvent, storedUpdates } from './helpers/events.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const t = await startTestServer(options);
  cleanups.push(() => t.stop());
  return t;
}

function client(t: TestServer, room: string): StockClient {
  const c = stockClient(t.url, room);
  cleanups.push(() => c.destroy());
  return c;
}

function sharedDataDir(): string {
  const dir = makeTempDir('data');
  cleanups.push(dir.remove);
  return dir.path;
}

function storedRows(dataDir: string, room: string): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM room_updates WHERE room = ?').get(room) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('relay persistence', () => {
  it('keeps state across a restart on the same DATA_DIR', async () => {
    const dataDir = sharedDataDir();
    const first = await server({ dataDir });
    const a = client(first, 'release:keep');
    await synced(a);
    const stored = nextEvent(first.server.relay, 'update-stored');
    a.doc.getMap('steps').set('step:1', { status: 'done' });
    await stored;
    a.destroy();
    await first.stop();

    const second = await server({ dataDir });
    const b = client(second, 'release:keep');
    await synced(b);
    expect(b.doc.getMap('steps').toJSON()).toEqual({ 'step:1': { status: 'done' } });
  });

  it('unloads an idle room, then loads it again intact', async () => {
    const t = await server({ env: { RELAY_IDLE_UNLOAD_MS: '0' }, dataDir: sharedDataDir() });
    const a = client(t, 'release:idle');
    await synced(a);
    const stored = storedUpdates(t.server.relay, 'release:idle', 5);
    for (let i = 0; i < 5; i++) a.doc.getArray('log').push([i]);
    await stored;
    expect(storedRows(t.dataDir, 'release:idle')).toBe(5);
    const unloaded = nextEvent(t.server.relay, 'room-unloaded', (room) => room === 'release:idle');
    a.destroy();
    await unloaded;
    expect(t.server.relay.isLoaded('release:idle')).toBe(false);
    // Unloading compacts: one row holds everything.
    expect(storedRows(t.dataDir, 'release:idle')).toBe(1);

    const loaded = nextEvent(t.server.relay, 'room-loaded', (room) => room === 'release:idle');
    const b = client(t, 'release:idle');
    await loaded;
    await synced(b);
    expect(b.doc.getArray('log').toArray()).toEqual([0, 1, 2, 3, 4]);
  });

  it('compacts a room once it passes compactAfterUpdates, without losing anything', async () => {
    const dataDir = sharedDataDir();
    const t = await server({ env: { RELAY_COMPACT_AFTER_UPDATES: '10' }, dataDir });
    const a = client(t, 'release:compact');
    await synced(a);
    const compacted = nextEvent(t.server.relay, 'room-compacted');
    for (let i = 0; i < 25; i++) a.doc.getMap('m').set(`k${i}`, i);
    await compacted;
    const observer = client(t, 'release:compact');
    await until(observer.doc, (d) => d.getMap('m').size === 25);
    expect(storedRows(dataDir, 'release:compact')).toBeLessThanOrEqual(11);
    a.destroy();
    observer.destroy();
    await t.stop();

    const again = await server({ dataDir });
    const b = client(again, 'release:compact');
    await synced(b);
    expect(b.doc.getMap('m').size).toBe(25);
  });

  it('compacts a large document only once the updates since the last compaction are as large as it', async () => {
    const dataDir = sharedDataDir();
    const t = await server({ env: { RELAY_COMPACT_AFTER_UPDATES: '10' }, dataDir });
    const room = 'release:amortised';
    const a = client(t, room);
    await synced(a);
    let compactions = 0;
    t.server.relay.on('room-compacted', (r) => {
      if (r === room) compactions++;
    });
    // A 100 KB document, then small edits: the first compaction comes at 11 rows.
    const first = nextEvent(t.server.relay, 'room-compacted', (r) => r === room);
    a.doc.getMap('m').set('big', 'x'.repeat(100_000));
    for (let i = 0; i < 10; i++) a.doc.getMap('m').set(`k${i}`, i);
    await first;
    expect(compactions).toBe(1);
    // 40 more small edits pass the row count but are far from 100 KB: re-encoding would not pay.
    const stored = storedUpdates(t.server.relay, room, 40);
    for (let i = 10; i < 50; i++) a.doc.getMap('m').set(`k${i}`, i);
    await stored;
    expect(compactions).toBe(1);
    expect(storedRows(dataDir, room)).toBe(41);
    // One more edit as large as the document: now it does.
    const compacted = nextEvent(t.server.relay, 'room-compacted', (r) => r === room);
    a.doc.getMap('m').set('big2', 'y'.repeat(100_000));
    await compacted;
    expect(storedRows(dataDir, room)).toBe(1);
    a.destroy();
    await t.stop();
    const again = await server({ dataDir });
    const b = client(again, room);
    await synced(b);
    expect(b.doc.getMap('m').size).toBe(52);
  });

  it('never sends an update it could not store, and tells the sender to retry', async () => {
    let failNext = false;
    const t = await server({
      dataDir: sharedDataDir(),
      overrides: {
        storage: (real) => ({
          ...real,
          rooms: {
            ...real.rooms,
            append(room, updates) {
              if (failNext) return Promise.reject(new Error('disk full'));
              return real.rooms.append(room, updates);
            },
          },
        }),
      },
    });
    const writer = client(t, 'release:fail');
    const reader = client(t, 'release:fail');
    await Promise.all([synced(writer), synced(reader)]);
    writer.doc.getMap('m').set('ok', 1);
    await until(reader.doc, (d) => d.getMap('m').get('ok') === 1);

    failNext = true;
    const unloaded = nextEvent(t.server.relay, 'room-unloaded');
    writer.doc.getMap('m').set('lost', 1);
    expect(await writer.closed).toEqual({ code: CloseCode.INTERNAL_ERROR, reason: 'internal-error' });
    await unloaded;
    expect(reader.doc.getMap('m').has('lost')).toBe(false);

    // Storage recovers; the writer reconnects on its own (4500 is transient) and its edit arrives.
    failNext = false;
    await until(reader.doc, (d) => d.getMap('m').get('lost') === 1);
    expect(t.logs[0]?.[1]).toMatch(/storing an update failed/);
  });

  it('loads a room whose stored rows include one damaged update', async () => {
    const dataDir = sharedDataDir();
    const t = await server({ dataDir });
    const a = client(t, 'release:damaged');
    await synced(a);
    const stored = storedUpdates(t.server.relay, 'release:damaged', 1);
    a.doc.getMap('m').set('a', 1);
    await stored;
    a.destroy();
    await t.stop();
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.prepare("UPDATE rooms SET last_seq = last_seq + 1 WHERE name = 'release:damaged'").run();
    db.prepare(
      "INSERT INTO room_updates (room, seq, data, created_at) SELECT name, last_seq, ?, 0 FROM rooms WHERE name = 'release:damaged'",
    ).run(Buffer.from([1, 2, 3]));
    db.close();

    const again = await server({ dataDir });
    const b = client(again, 'release:damaged');
    await synced(b);
    expect(b.doc.getMap('m').get('a')).toBe(1);
    expect(again.logs.map((entry) => String(entry[1]))).toContain(
      'Room release:damaged: skipping an unreadable stored update',
    );
  });
});

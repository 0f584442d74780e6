import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/storage/sqlite/database.ts';
import { openSqliteStorage } from '../src/storage/sqlite/index.ts';
import { MIGRATIONS } from '../src/storage/sqlite/migrations.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { storageContract } from './storage/contract.ts';

storageContract('SQLite', {}, async () => {
  const dir = makeTempDir('storage');
  const storage = openSqliteStorage(dir.path);
  return {
    storage,
    // A second connection to the same file, as a second process would open it.
    openAnother: async () => openSqliteStorage(dir.path),
    raw: async (sql) => storage.db.exec(sql),
    auditTampering: ["UPDATE access_log SET username = 'mallory'", 'DELETE FROM access_log'],
    async dispose() {
      await storage.close();
      dir.remove();
    },
  };
});

describe('SQLite migration 4', () => {
  it('DB-01 numbers the rows of a database made before sequence numbers, room by room, in the order stored', async () => {
    const dir = makeTempDir('storage-v3');
    try {
      const old = new Database(path.join(dir.path, DATABASE_FILE));
      for (const sql of MIGRATIONS.slice(0, 3)) old.exec(sql);
      old.pragma('user_version = 3');
      const insert = old.prepare('INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, 0)');
      for (const [room, data] of [
        ['catalog', 'c1'],
        ['release:a', 'a1'],
        ['catalog', 'c2'],
        ['release:a', 'a2'],
        ['catalog', 'c3'],
      ] as const)
        insert.run(room, Buffer.from(data));
      old.close();

      const storage = openSqliteStorage(dir.path);
      try {
        const text = (u: Uint8Array) => Buffer.from(u).toString();
        expect((await storage.rooms.since('catalog', 0)).map((u) => [u.seq, text(u.data)])).toEqual([
          [1, 'c1'],
          [2, 'c2'],
          [3, 'c3'],
        ]);
        expect(await storage.rooms.load('release:a')).toMatchObject({ lastSeq: 2 });
        expect(await storage.rooms.append('release:a', [Buffer.from('a3')])).toBe(3);
        expect(storage.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      } finally {
        await storage.close();
      }
    } finally {
      dir.remove();
    }
  });
});

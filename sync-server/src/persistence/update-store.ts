import type { Db } from './database.ts';

/** What the relay needs from storage for one room's Yjs updates. Synchronous: better-sqlite3 is. */
export interface UpdateStore {
  /** Every stored update of a room, oldest first, and the id of the newest (0 when none). */
  load(room: string): { updates: Uint8Array[]; lastId: number };
  /** Appends one update durably (committed when this returns); returns its id. */
  append(room: string, update: Uint8Array): number;
  /** Replaces the room's updates up to and including `throughId` by one merged update, atomically. */
  compact(room: string, merged: Uint8Array, throughId: number): number;
  /** How many rows the room has; compaction keeps this small. */
  count(room: string): number;
}

export function createUpdateStore(db: Db): UpdateStore {
  const selectAll = db.prepare<[string], { id: number; data: Buffer }>(
    'SELECT id, data FROM room_updates WHERE room = ? ORDER BY id',
  );
  const insert = db.prepare<[string, Uint8Array, number]>(
    'INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)',
  );
  const deleteThrough = db.prepare<[string, number]>('DELETE FROM room_updates WHERE room = ? AND id <= ?');
  const countRows = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM room_updates WHERE room = ?',
  );

  const compact = db.transaction((room: string, merged: Uint8Array, throughId: number): number => {
    deleteThrough.run(room, throughId);
    return Number(insert.run(room, merged, Date.now()).lastInsertRowid);
  });

  return {
    load(room) {
      const rows = selectAll.all(room);
      return {
        // Views over the Buffers' memory: Yjs only reads them.
        updates: rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)),
        lastId: rows.at(-1)?.id ?? 0,
      };
    },
    append(room, update) {
      return Number(insert.run(room, update, Date.now()).lastInsertRowid);
    },
    compact(room, merged, throughId) {
      return compact(room, merged, throughId);
    },
    count(room) {
      return countRows.get(room)?.n ?? 0;
    },
  };
}

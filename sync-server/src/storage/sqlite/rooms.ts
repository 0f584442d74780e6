import type { RoomStore } from '../contract.ts';
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

/** Views over a Buffer's memory: Yjs only reads them. */
const bytes = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

export function createRoomStore(db: Db): Sync<RoomStore> {
  const selectAll = db.prepare<[string], { data: Buffer }>(
    'SELECT data FROM room_updates WHERE room = ? ORDER BY seq',
  );
  const selectSince = db.prepare<[string, number], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM room_updates WHERE room = ? AND seq > ? ORDER BY seq',
  );
  const lastSeq = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM rooms WHERE name = ?');
  // Takes the next n numbers: inserts the room at n, or adds n to it.
  const reserve = db.prepare<[string, number], { last_seq: number }>(
    `INSERT INTO rooms (name, last_seq) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET last_seq = last_seq + excluded.last_seq
     RETURNING last_seq`,
  );
  const insert = db.prepare<[string, number, Uint8Array, number]>(
    'INSERT INTO room_updates (room, seq, data, created_at) VALUES (?, ?, ?, ?)',
  );
  const deleteThrough = db.prepare<[string, number]>('DELETE FROM room_updates WHERE room = ? AND seq <= ?');
  const countRows = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM room_updates WHERE room = ?',
  );

  const load = db.transaction((room: string) => ({
    updates: selectAll.all(room).map((row) => bytes(row.data)),
    lastSeq: lastSeq.get(room)?.last_seq ?? 0,
  }));
  // One commit for the whole batch: a commit (a WAL append and its locking) costs far more than an INSERT.
  const append = db.transaction((room: string, updates: readonly Uint8Array[]): number => {
    const last = reserve.get(room, updates.length)!.last_seq;
    const now = Date.now();
    let seq = last - updates.length;
    for (const update of updates) insert.run(room, ++seq, update, now);
    return last;
  });
  const compact = db.transaction((room: string, merged: Uint8Array, throughSeq: number): boolean => {
    deleteThrough.run(room, throughSeq);
    insert.run(room, throughSeq, merged, Date.now());
    return true;
  });

  return {
    load: (room) => load(room),
    since: (room, afterSeq) =>
      selectSince.all(room, afterSeq).map((row) => ({ seq: row.seq, data: bytes(row.data) })),
    append(room, updates) {
      if (updates.length === 0) return lastSeq.get(room)?.last_seq ?? 0;
      return append(room, updates);
    },
    // One process owns a SQLite file: nobody else can be compacting the room.
    compact: (room, merged, throughSeq) => compact(room, merged, throughSeq),
    count: (room) => countRows.get(room)?.n ?? 0,
    heads(rooms) {
      const heads = new Map<string, number>();
      for (const room of rooms) {
        const seq = lastSeq.get(room)?.last_seq;
        if (seq !== undefined) heads.set(room, seq);
      }
      return heads;
    },
  };
}

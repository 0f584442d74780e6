/**
 * Schema migrations, applied in order; the file's `PRAGMA user_version` is how many have run. Append only:
 * never edit a migration that has shipped, add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: Yjs updates per room. Appended as they arrive, merged into one row by compaction.
  `CREATE TABLE room_updates (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     room TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX room_updates_by_room ON room_updates (room, id);`,
];

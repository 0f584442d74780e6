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

  // 2: people, their sign-ins and their API tokens. Secrets are never stored: sessions and tokens are kept as
  // the SHA-256 of a random 32-byte secret, passwords as a scrypt hash with its salt and parameters.
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
     created_at INTEGER NOT NULL,
     disabled_at INTEGER
   );
   CREATE TABLE sessions (
     id_hash BLOB PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     last_seen_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     secret_hash BLOB NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     last_used_at INTEGER,
     revoked_at INTEGER
   );
   CREATE INDEX api_tokens_by_user ON api_tokens (user_id);`,
];

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

  // 3: the access audit (FR-014): who read or changed release information, when, and from where. Append
  // only: no code path updates or deletes a row, and these triggers refuse it from anywhere else too (the
  // sqlite3 shell included), so a row cannot be altered without leaving the schema changed.
  // No AUTOINCREMENT: rows are never deleted, so rowids only grow anyway, and it saves a write per row.
  `CREATE TABLE access_log (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     user_id TEXT,
     username TEXT,
     auth TEXT NOT NULL,
     action TEXT NOT NULL,
     entity TEXT NOT NULL,
     method TEXT,
     path TEXT,
     status INTEGER,
     ip TEXT NOT NULL,
     user_agent TEXT NOT NULL
   );
   CREATE INDEX access_log_by_at ON access_log (at);
   CREATE INDEX access_log_by_user ON access_log (user_id, id);
   CREATE INDEX access_log_by_entity ON access_log (entity, id);
   CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
     BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
   CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
     BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;`,

  // 4: sequence numbers per room (the storage contract): each room counts its updates 1, 2, 3… with no gaps,
  // so a relay can tell that it missed one. Existing rows are numbered in the order they were stored.
  `CREATE TABLE rooms (
     name TEXT PRIMARY KEY,
     last_seq INTEGER NOT NULL
   );
   CREATE TABLE room_updates_by_seq (
     room TEXT NOT NULL,
     seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (room, seq)
   );
   INSERT INTO room_updates_by_seq (room, seq, data, created_at)
     SELECT room, row_number() OVER (PARTITION BY room ORDER BY id), data, created_at FROM room_updates;
   INSERT INTO rooms (name, last_seq) SELECT room, count(*) FROM room_updates GROUP BY room;
   DROP TABLE room_updates;
   ALTER TABLE room_updates_by_seq RENAME TO room_updates;`,

  // 5: outgoing webhooks (WH-01..WH-09). `webhook_events` is the ledger of events claimed for a webhook:
  // its primary key is what makes an event derived twice (two relays, a replay) go out once (WH-04).
  `CREATE TABLE webhooks (
     id TEXT PRIMARY KEY,
     url TEXT NOT NULL,
     events TEXT NOT NULL,
     description TEXT NOT NULL,
     secret TEXT NOT NULL,
     enabled INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     created_by TEXT
   );
   CREATE TABLE webhook_events (
     webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
     event_id TEXT NOT NULL,
     claimed_at INTEGER NOT NULL,
     PRIMARY KEY (webhook_id, event_id)
   );
   CREATE TABLE webhook_deliveries (
     id INTEGER PRIMARY KEY,
     webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
     event_id TEXT NOT NULL,
     event_type TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     status INTEGER,
     error TEXT,
     ok INTEGER NOT NULL,
     duration_ms INTEGER NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);`,
  // 6: the write audit (SE-11). Each accepted sync write is an access_log row with its size and hash (and a
  // small JSON detail); history_attestations says, per history entry, whom the server received it from.
  // Append only like access_log (ADD COLUMN rewrites no row and fires no trigger); an entry's first
  // receipt is kept (INSERT OR IGNORE on its key), a later one changes nothing.
  `ALTER TABLE access_log ADD COLUMN bytes INTEGER;
   ALTER TABLE access_log ADD COLUMN sha256 TEXT;
   ALTER TABLE access_log ADD COLUMN detail TEXT;
   CREATE TABLE history_attestations (
     room TEXT NOT NULL,
     entry_id TEXT NOT NULL,
     user_id TEXT,
     username TEXT,
     claimed_by TEXT NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (room, entry_id)
   );
   CREATE TRIGGER history_attestations_no_update BEFORE UPDATE ON history_attestations
     BEGIN SELECT RAISE(ABORT, 'history_attestations is append-only'); END;
   CREATE TRIGGER history_attestations_no_delete BEFORE DELETE ON history_attestations
     BEGIN SELECT RAISE(ABORT, 'history_attestations is append-only'); END;`,
  // 7: the webhook delivery queue (WH-10): a row per delivery still to be made, so a restart sends what was
  // pending or waiting to retry, with the same delivery id and attempt count. `lease_until` is how long the
  // relay that took a row may keep it before another may take it again (its attempt never finished).
  `CREATE TABLE webhook_jobs (
     seq INTEGER PRIMARY KEY,
     delivery_id TEXT NOT NULL UNIQUE,
     webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
     event_id TEXT NOT NULL,
     event_type TEXT NOT NULL,
     body TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     due_at INTEGER NOT NULL,
     lease_owner TEXT,
     lease_until INTEGER,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX webhook_jobs_by_due ON webhook_jobs (due_at, seq);
   CREATE INDEX webhook_jobs_by_webhook ON webhook_jobs (webhook_id);`,
  // 8: the frozen snapshot of each archived release (FZ-06): the bytes of packages/doc `freezeRelease` and
  // their SHA-256, and the room's sequence number they cover; replaced when a late change refreezes the
  // release (never by a snapshot of a lower number), deleted when it is unarchived.
  `CREATE TABLE frozen_releases (
     release_id TEXT PRIMARY KEY,
     hash TEXT NOT NULL,
     bytes BLOB NOT NULL,
     seq INTEGER NOT NULL,
     frozen_at INTEGER NOT NULL
   );`,
];

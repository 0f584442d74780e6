import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HOT_BUSY_TIMEOUT_MS } from './busy-retry.ts';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'runsheet.sqlite';

/** Opening, migrating and the last checkpoint at shutdown wait this long for another process's lock. */
const STARTUP_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the one SQLite file under `dataDir` and brings its schema up to date.
 *
 * journal_mode=WAL: readers never block the writer, and a commit is one append to the WAL.
 * synchronous=NORMAL: in WAL mode a commit survives a crash of this process (kill -9, OOM) because it is in
 * the OS page cache before `run()` returns; only an OS crash or power loss can drop the last commits. We take
 * that trade because better-sqlite3 is synchronous: FULL would fsync on the event loop for every incoming
 * update, stalling every connection behind the disk. And the window is covered: every client keeps the whole
 * document locally and re-sends whatever the relay lacks on its next sync.
 */
export function openDatabase(dataDir: string): Db {
  // SE-10: sessions, token hashes and every release live here: only the server's own user may read them.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dataDir, 0o700);
  } catch {
    // A directory someone else owns (given as DATA_DIR): its owner decides; the file below is ours.
  }
  const file = path.join(dataDir, DATABASE_FILE);
  // Created 0600 before SQLite opens it (its own default follows the umask, usually 0644).
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Another process holding the write lock (a backup, the sqlite3 shell) makes start-up wait rather than fail.
  db.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
  migrate(db);
  // SE-02b: serving, a call spins on that lock briefly at most; `BusyRetry` tries it again later, so the
  // event loop is never held for the length of someone else's lock.
  db.pragma(`busy_timeout = ${HOT_BUSY_TIMEOUT_MS}`);
  // The file, and the WAL and shared-memory files SQLite made beside it, whatever umask made them.
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  }
  return db;
}

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database schema (version ${current}) is newer than this server understands (${MIGRATIONS.length}). ` +
        'Upgrade the server, or restore a backup.',
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
}

/** Closes the file after folding the WAL back into it, so the data directory is one self-contained file. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  db.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

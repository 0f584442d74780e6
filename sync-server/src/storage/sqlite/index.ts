import path from 'node:path';
import type { Storage } from '../contract.ts';
import { createAuditStore } from './audit.ts';
import { BusyRetry } from './busy-retry.ts';
import { closeDatabase, DATABASE_FILE, type Db, openDatabase } from './database.ts';
import { createFrozenStore } from './frozen.ts';
import { createRoomStore } from './rooms.ts';
import { createSessionStore } from './sessions.ts';
import { settled } from './sync.ts';
import { createTokenStore } from './tokens.ts';
import { createUserStore } from './users.ts';
import { createWebhookStore } from './webhooks.ts';

/** The SQLite engine also hands out its file (tests inspect rows; nothing in the server does). */
export interface SqliteStorage extends Storage {
  readonly engine: 'sqlite';
  readonly db: Db;
}

/** The embedded default: one SQLite file under `dataDir`, one process. */
export function openSqliteStorage(dataDir: string): SqliteStorage {
  const db = openDatabase(dataDir);
  // One line for the whole file: the lock is the file's, and what met it first is retried first.
  const retry = new BusyRetry();
  return {
    engine: 'sqlite',
    description: path.join(dataDir, DATABASE_FILE),
    db,
    rooms: settled(createRoomStore(db), retry),
    users: settled(createUserStore(db), retry),
    sessions: settled(createSessionStore(db), retry),
    tokens: settled(createTokenStore(db), retry),
    audit: settled(createAuditStore(db), retry),
    webhooks: settled(createWebhookStore(db), retry),
    frozen: settled(createFrozenStore(db), retry),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => closeDatabase(db),
  };
}

import path from 'node:path';
import type { Storage } from '../contract.ts';
import { createAuditStore } from './audit.ts';
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
  return {
    engine: 'sqlite',
    description: path.join(dataDir, DATABASE_FILE),
    db,
    rooms: settled(createRoomStore(db)),
    users: settled(createUserStore(db)),
    sessions: settled(createSessionStore(db)),
    tokens: settled(createTokenStore(db)),
    audit: settled(createAuditStore(db)),
    webhooks: settled(createWebhookStore(db)),
    frozen: settled(createFrozenStore(db)),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => closeDatabase(db),
  };
}

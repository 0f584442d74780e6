import type { SessionStore } from '../contract.ts';
import { type SessionDbRow as Row, sessionFromRow } from '../rows.ts';
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

export function createSessionStore(db: Db): Sync<SessionStore> {
  const insert = db.prepare<[Buffer, string, number, number, number]>(
    'INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[Buffer], Row>('SELECT * FROM sessions WHERE id_hash = ?');
  const touch = db.prepare<[number, number, Buffer]>(
    'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?',
  );
  const remove = db.prepare<[Buffer]>('DELETE FROM sessions WHERE id_hash = ?');
  const removeForUser = db.prepare<[string]>('DELETE FROM sessions WHERE user_id = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');

  return {
    insert: (s) => void insert.run(s.idHash, s.userId, s.createdAt, s.expiresAt, s.lastSeenAt),
    byHash(idHash) {
      const row = byHash.get(idHash);
      return row && sessionFromRow(row);
    },
    touch: (idHash, lastSeenAt, expiresAt) => void touch.run(lastSeenAt, expiresAt, idHash),
    delete: (idHash) => void remove.run(idHash),
    deleteForUser: (userId) => void removeForUser.run(userId),
    deleteExpired: (now) => removeExpired.run(now).changes,
  };
}

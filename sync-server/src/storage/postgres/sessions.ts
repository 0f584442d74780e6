import type { SessionStore } from '../contract.ts';
import { type SessionDbRow as Row, sessionFromRow } from '../rows.ts';
import type { Pool } from './pool.ts';

export function createSessionStore(pool: Pool): SessionStore {
  return {
    async insert(s) {
      await pool.query(
        'INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)',
        [s.idHash, s.userId, s.createdAt, s.expiresAt, s.lastSeenAt],
      );
    },
    async byHash(idHash) {
      const { rows } = await pool.query<Row>('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
      const row = rows[0];
      return row && sessionFromRow(row);
    },
    async touch(idHash, lastSeenAt, expiresAt) {
      await pool.query('UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id_hash = $3', [
        lastSeenAt,
        expiresAt,
        idHash,
      ]);
    },
    async delete(idHash) {
      await pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
    },
    async deleteForUser(userId) {
      await pool.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    },
    async deleteExpired(now) {
      const result = await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
      return result.rowCount ?? 0;
    },
  };
}

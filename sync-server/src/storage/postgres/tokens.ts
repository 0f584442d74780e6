import type { TokenRow, TokenStore } from '../contract.ts';
import type { Pool } from './pool.ts';

interface Row {
  id: string;
  name: string;
  user_id: string;
  secret_hash: Buffer;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const fromRow = (row: Row): TokenRow => ({
  id: row.id,
  name: row.name,
  userId: row.user_id,
  secretHash: row.secret_hash,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export function createTokenStore(pool: Pool): TokenStore {
  const one = async (sql: string, value: unknown) => {
    const { rows } = await pool.query<Row>(sql, [value]);
    return rows[0] && fromRow(rows[0]);
  };
  return {
    async insert(t) {
      await pool.query(
        'INSERT INTO api_tokens (id, name, user_id, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
        [t.id, t.name, t.userId, t.secretHash, t.createdAt],
      );
    },
    byId: (id) => one('SELECT * FROM api_tokens WHERE id = $1', id),
    bySecretHash: (hash) => one('SELECT * FROM api_tokens WHERE secret_hash = $1', hash),
    async listForUser(userId) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at',
        [userId],
      );
      return rows.map(fromRow);
    },
    async listAll() {
      const { rows } = await pool.query<Row>('SELECT * FROM api_tokens ORDER BY created_at');
      return rows.map(fromRow);
    },
    async markUsed(id, at) {
      await pool.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
    },
    async revoke(id, at) {
      await pool.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ]);
    },
  };
}

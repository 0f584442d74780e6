import type { TokenStore } from '../contract.ts';
import { tokenFromRow as fromRow, type TokenDbRow as Row } from '../rows.ts';
import type { Pool } from './pool.ts';

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

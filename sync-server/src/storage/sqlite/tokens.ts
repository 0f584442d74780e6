import type { TokenRow, TokenStore } from '../contract.ts';
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

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

export function createTokenStore(db: Db): Sync<TokenStore> {
  const insert = db.prepare<[string, string, string, Buffer, number]>(
    'INSERT INTO api_tokens (id, name, user_id, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM api_tokens WHERE id = ?');
  const bySecret = db.prepare<[Buffer], Row>('SELECT * FROM api_tokens WHERE secret_hash = ?');
  const listForUser = db.prepare<[string], Row>(
    'SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at',
  );
  const listAll = db.prepare<[], Row>('SELECT * FROM api_tokens ORDER BY created_at');
  const markUsed = db.prepare<[number, string]>('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  const revoke = db.prepare<[number, string]>(
    'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );

  return {
    insert: (t) => void insert.run(t.id, t.name, t.userId, t.secretHash, t.createdAt),
    byId: (id) => {
      const row = byId.get(id);
      return row && fromRow(row);
    },
    bySecretHash: (hash) => {
      const row = bySecret.get(hash);
      return row && fromRow(row);
    },
    listForUser: (userId) => listForUser.all(userId).map(fromRow),
    listAll: () => listAll.all().map(fromRow),
    markUsed: (id, at) => void markUsed.run(at, id),
    revoke: (id, at) => void revoke.run(at, id),
  };
}

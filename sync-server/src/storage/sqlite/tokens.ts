import type { TokenStore } from '../contract.ts';
import { tokenFromRow as fromRow, type TokenDbRow as Row } from '../rows.ts';
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

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

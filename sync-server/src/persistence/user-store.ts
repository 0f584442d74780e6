import type { Role } from '@runsheet/protocol';
import type { Db } from './database.ts';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  createdAt: number;
  /** null while the account is active. */
  disabledAt: number | null;
}

export interface UserStore {
  count(): number;
  countActiveAdmins(): number;
  byId(id: string): UserRow | undefined;
  byUsername(username: string): UserRow | undefined;
  list(): UserRow[];
  /** Throws `UsernameTakenError` when the (normalised) username exists. */
  insert(user: UserRow): void;
  update(
    id: string,
    changes: Partial<Pick<UserRow, 'displayName' | 'role' | 'disabledAt' | 'passwordHash'>>,
  ): void;
  /** Runs `fn` in one write transaction (check-then-act rules such as "keep one admin"). */
  transaction<T>(fn: () => T): T;
}

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  created_at: number;
  disabled_at: number | null;
}

const fromRow = (row: Row): UserRow => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  role: row.role,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

export function createUserStore(db: Db): UserStore {
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const countAdmins = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL",
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM users WHERE id = ?');
  const byUsername = db.prepare<[string], Row>('SELECT * FROM users WHERE username = ?');
  const list = db.prepare<[], Row>('SELECT * FROM users ORDER BY username');
  const insert = db.prepare<[Row]>(
    `INSERT INTO users (id, username, display_name, password_hash, role, created_at, disabled_at)
     VALUES (@id, @username, @display_name, @password_hash, @role, @created_at, @disabled_at)`,
  );

  return {
    count: () => count.get()?.n ?? 0,
    countActiveAdmins: () => countAdmins.get()?.n ?? 0,
    byId: (id) => {
      const row = byId.get(id);
      return row && fromRow(row);
    },
    byUsername: (username) => {
      const row = byUsername.get(username);
      return row && fromRow(row);
    },
    list: () => list.all().map(fromRow),
    insert(user) {
      try {
        insert.run({
          id: user.id,
          username: user.username,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          role: user.role,
          created_at: user.createdAt,
          disabled_at: user.disabledAt,
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
          throw new UsernameTakenError(user.username);
        throw error;
      }
    },
    update(id, changes) {
      const columns: Record<string, unknown> = {};
      if (changes.displayName !== undefined) columns.display_name = changes.displayName;
      if (changes.role !== undefined) columns.role = changes.role;
      if (changes.disabledAt !== undefined) columns.disabled_at = changes.disabledAt;
      if (changes.passwordHash !== undefined) columns.password_hash = changes.passwordHash;
      const names = Object.keys(columns);
      if (names.length === 0) return;
      // Column names come from the fixed list above, never from input.
      db.prepare(
        `UPDATE users SET ${names.map((name) => `${name} = @${name}`).join(', ')} WHERE id = @id`,
      ).run({
        ...columns,
        id,
      });
    },
    transaction: (fn) => db.transaction(fn).immediate(),
  };
}

import { type UserChangeSet, UsernameTakenError, type UserRow, type UserStore } from '../contract.ts';
import { USER_COLUMNS as COLUMNS, userFromRow as fromRow, type UserDbRow as Row } from '../rows.ts';
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

export function createUserStore(db: Db): Sync<UserStore> {
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

  function insertRow(user: UserRow): void {
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
  }

  /** Thrown inside a transaction to roll it back. */
  class LastAdmin extends Error {}

  // IMMEDIATE: the write lock is taken before the checks, so a check and its write see the same rows.
  const insertIfNone = (user: UserRow): boolean =>
    db
      .transaction(() => {
        if ((count.get()?.n ?? 0) > 0) return false;
        insertRow(user);
        return true;
      })
      .immediate();

  const update = db.transaction((id: string, changes: UserChangeSet, keepAnActiveAdmin: boolean) => {
    const before = byId.get(id);
    if (before === undefined) return undefined;
    const columns: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(COLUMNS)) {
      const value = changes[field as keyof UserChangeSet];
      if (value !== undefined) columns[column] = value;
    }
    const names = Object.keys(columns);
    if (names.length > 0) {
      db.prepare(
        `UPDATE users SET ${names.map((name) => `${name} = @${name}`).join(', ')} WHERE id = @id`,
      ).run({
        ...columns,
        id,
      });
    }
    const wasActiveAdmin = before.role === 'admin' && before.disabled_at === null;
    if (keepAnActiveAdmin && wasActiveAdmin && (countAdmins.get()?.n ?? 0) === 0) throw new LastAdmin();
    return fromRow(byId.get(id)!);
  });

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
    insert(user, options) {
      if (options?.onlyIfNone) return insertIfNone(user);
      insertRow(user);
      return true;
    },
    update(id, changes, options) {
      try {
        const user = update.immediate(id, changes, options?.keepAnActiveAdmin ?? false);
        return user === undefined ? { ok: false, reason: 'not-found' } : { ok: true, user };
      } catch (error) {
        if (error instanceof LastAdmin) return { ok: false, reason: 'last-admin' };
        throw error;
      }
    },
  };
}

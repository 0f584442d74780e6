import { type UserChangeSet, UsernameTakenError, type UserRow, type UserStore } from '../contract.ts';
import { USER_COLUMNS as COLUMNS, userFromRow as fromRow, type UserDbRow as Row } from '../rows.ts';
import { inTransaction, LOCK_SPACE, type Pool, type PoolClient } from './pool.ts';

const ACTIVE_ADMINS = "SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL";

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** Check-then-act writes take this lock first: they run one after another across every relay. */
const lockUsers = (client: PoolClient) =>
  client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_SPACE.users]);

export function createUserStore(pool: Pool): UserStore {
  async function insertRow(client: Pool | PoolClient, user: UserRow): Promise<void> {
    try {
      await client.query(
        `INSERT INTO users (id, username, display_name, password_hash, role, created_at, disabled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          user.id,
          user.username,
          user.displayName,
          user.passwordHash,
          user.role,
          user.createdAt,
          user.disabledAt,
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsernameTakenError(user.username);
      throw error;
    }
  }

  const one = async (sql: string, value: string) => {
    const { rows } = await pool.query<Row>(sql, [value]);
    return rows[0] && fromRow(rows[0]);
  };

  return {
    async count() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      return rows[0]?.n ?? 0;
    },
    async countActiveAdmins() {
      const { rows } = await pool.query<{ n: number }>(ACTIVE_ADMINS);
      return rows[0]?.n ?? 0;
    },
    byId: (id) => one('SELECT * FROM users WHERE id = $1', id),
    byUsername: (username) => one('SELECT * FROM users WHERE username = $1', username),
    async list() {
      const { rows } = await pool.query<Row>('SELECT * FROM users ORDER BY username');
      return rows.map(fromRow);
    },
    async insert(user, options) {
      if (!options?.onlyIfNone) {
        await insertRow(pool, user);
        return true;
      }
      return inTransaction(pool, async (client) => {
        await lockUsers(client);
        const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM users) AS any');
        if (rows[0]?.any) return false;
        await insertRow(client, user);
        return true;
      });
    },
    update(id, changes, options) {
      return inTransaction(pool, async (client) => {
        if (options?.keepAnActiveAdmin) await lockUsers(client);
        const before = await client.query<Row>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id]);
        const row = before.rows[0];
        if (row === undefined) return { ok: false, reason: 'not-found' } as const;
        const names: string[] = [];
        const values: unknown[] = [];
        for (const [field, column] of Object.entries(COLUMNS)) {
          const value = changes[field as keyof UserChangeSet];
          if (value === undefined) continue;
          values.push(value);
          names.push(`${column} = $${values.length}`);
        }
        let after = row;
        if (names.length > 0) {
          values.push(id);
          const updated = await client.query<Row>(
            `UPDATE users SET ${names.join(', ')} WHERE id = $${values.length} RETURNING *`,
            values,
          );
          after = updated.rows[0]!;
        }
        const wasActiveAdmin = row.role === 'admin' && row.disabled_at === null;
        if (options?.keepAnActiveAdmin && wasActiveAdmin) {
          const admins = await client.query<{ n: number }>(ACTIVE_ADMINS);
          // Throwing rolls the change back.
          if ((admins.rows[0]?.n ?? 0) === 0) throw new LastAdmin();
        }
        return { ok: true, user: fromRow(after) } as const;
      }).catch((error: unknown) => {
        if (error instanceof LastAdmin) return { ok: false, reason: 'last-admin' } as const;
        throw error;
      });
    },
  };
}

class LastAdmin extends Error {}

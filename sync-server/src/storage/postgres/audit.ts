import type { AuditAction, AuditStore } from '../contract.ts';
import type { Pool } from './pool.ts';

interface DbRow {
  id: number;
  at: number;
  user_id: string | null;
  username: string | null;
  auth: string;
  action: AuditAction;
  entity: string;
  method: string | null;
  path: string | null;
  status: number | null;
  ip: string;
  user_agent: string;
}

/**
 * The access log in PostgreSQL. A batch is ONE statement (arrays unnested into rows), so it is written
 * whole or not at all, in one round trip; rows keep the batch's order in their ids.
 */
export function createAuditStore(pool: Pool): AuditStore {
  return {
    async appendMany(entries) {
      if (entries.length === 0) return;
      await pool.query(
        `INSERT INTO access_log (at, user_id, username, auth, action, entity, method, path, status, ip, user_agent)
         SELECT at, user_id, username, auth, action, entity, method, path, status, ip, user_agent
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::int[], $10::text[], $11::text[])
           WITH ORDINALITY AS batch (at, user_id, username, auth, action, entity, method, path, status, ip,
                                     user_agent, ord)
         ORDER BY ord`,
        [
          entries.map((e) => e.at),
          entries.map((e) => e.userId),
          entries.map((e) => e.username),
          entries.map((e) => e.auth),
          entries.map((e) => e.action),
          entries.map((e) => e.entity),
          entries.map((e) => e.method),
          entries.map((e) => e.path),
          entries.map((e) => e.status),
          entries.map((e) => e.ip),
          entries.map((e) => e.userAgent),
        ],
      );
    },
    async query(f) {
      const { rows } = await pool.query<DbRow>(
        `SELECT * FROM access_log
         WHERE ($1::text IS NULL OR user_id = $1 OR username = $1)
           AND ($2::text IS NULL OR entity = $2)
           AND ($3::bigint IS NULL OR at >= $3)
           AND ($4::bigint IS NULL OR at < $4)
           AND ($5::bigint IS NULL OR id < $5)
         ORDER BY id DESC
         LIMIT $6`,
        [f.user ?? null, f.entity ?? null, f.since ?? null, f.until ?? null, f.beforeId ?? null, f.limit],
      );
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        username: r.username,
        auth: r.auth,
        action: r.action,
        entity: r.entity,
        method: r.method,
        path: r.path,
        status: r.status,
        ip: r.ip,
        userAgent: r.user_agent,
      }));
    },
  };
}

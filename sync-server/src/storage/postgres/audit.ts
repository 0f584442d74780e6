import type { AuditStore } from '../contract.ts';
import {
  type AttestationDbRow as AttestationRow,
  attestationFromRow,
  auditFromRow,
  type AuditDbRow as DbRow,
} from '../rows.ts';
import type { Pool } from './pool.ts';

/**
 * The access log in PostgreSQL. A batch is ONE statement (arrays unnested into rows), so it is written
 * whole or not at all, in one round trip; rows keep the batch's order in their ids.
 */
export function createAuditStore(pool: Pool): AuditStore {
  return {
    async appendMany(entries, attestations = []) {
      if (entries.length === 0 && attestations.length === 0) return;
      // ONE statement for both tables (a data-modifying CTE): written whole or not at all. An entry's first
      // receipt is kept; a later one is ignored (ON CONFLICT DO NOTHING, which is no UPDATE).
      await pool.query(
        `WITH attested AS (
           INSERT INTO history_attestations (room, entry_id, user_id, username, claimed_by, at)
           SELECT room, entry_id, user_id, username, claimed_by, at
           FROM unnest($15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::bigint[])
             WITH ORDINALITY AS a (room, entry_id, user_id, username, claimed_by, at, ord)
           ORDER BY ord
           ON CONFLICT (room, entry_id) DO NOTHING
         )
         INSERT INTO access_log (at, user_id, username, auth, action, entity, method, path, status, ip, user_agent,
                                 bytes, sha256, detail)
         SELECT at, user_id, username, auth, action, entity, method, path, status, ip, user_agent,
                bytes, sha256, detail
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::int[], $13::text[],
                     $14::text[])
           WITH ORDINALITY AS batch (at, user_id, username, auth, action, entity, method, path, status, ip,
                                     user_agent, bytes, sha256, detail, ord)
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
          entries.map((e) => e.bytes ?? null),
          entries.map((e) => e.sha256 ?? null),
          entries.map((e) => e.detail ?? null),
          attestations.map((a) => a.room),
          attestations.map((a) => a.entryId),
          attestations.map((a) => a.userId),
          attestations.map((a) => a.username),
          attestations.map((a) => a.claimedBy),
          attestations.map((a) => a.at),
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
      return rows.map(auditFromRow);
    },
    async attestations(room) {
      const { rows } = await pool.query<AttestationRow>(
        `SELECT room, entry_id, user_id, username, claimed_by, at FROM history_attestations
         WHERE room = $1 ORDER BY id`,
        [room],
      );
      return rows.map(attestationFromRow);
    },
  };
}

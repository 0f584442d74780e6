import type { AuditEntry, AuditStore, HistoryAttestation } from '../contract.ts';
import {
  type AttestationDbRow as AttestationRow,
  attestationFromRow,
  auditFromRow,
  type AuditDbRow as DbRow,
} from '../rows.ts';
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

/**
 * The access log in SQLite. Append-only: triggers (migrations 3 and 5) refuse UPDATE and DELETE from any
 * path, on the log and on the history attestations alike.
 */
export function createAuditStore(db: Db): Sync<AuditStore> {
  const insert = db.prepare<
    [
      number,
      string | null,
      string | null,
      string,
      string,
      string,
      string | null,
      string | null,
      number | null,
      string,
      string,
      number | null,
      string | null,
      string | null,
    ]
  >(
    `INSERT INTO access_log (at, user_id, username, auth, action, entity, method, path, status, ip, user_agent,
                             bytes, sha256, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The first receipt of an entry is the one kept: a later one (an echo, another device re-sending) is ignored.
  const attest = db.prepare<[string, string, string | null, string | null, string, number]>(
    `INSERT OR IGNORE INTO history_attestations (room, entry_id, user_id, username, claimed_by, at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const selectAttestations = db.prepare<[string], AttestationRow>(
    'SELECT * FROM history_attestations WHERE room = ? ORDER BY rowid',
  );
  // Every filter is optional: a NULL parameter switches its condition off, so one prepared statement serves
  // every combination (and the planner still uses the id primary key for the cursor).
  const select = db.prepare<
    {
      user: string | null;
      entity: string | null;
      since: number | null;
      until: number | null;
      beforeId: number | null;
      limit: number;
    },
    DbRow
  >(
    `SELECT * FROM access_log
     WHERE (@user IS NULL OR user_id = @user OR username = @user)
       AND (@entity IS NULL OR entity = @entity)
       AND (@since IS NULL OR at >= @since)
       AND (@until IS NULL OR at < @until)
       AND (@beforeId IS NULL OR id < @beforeId)
     ORDER BY id DESC
     LIMIT @limit`,
  );

  const run = (e: AuditEntry) =>
    insert.run(
      e.at,
      e.userId,
      e.username,
      e.auth,
      e.action,
      e.entity,
      e.method,
      e.path,
      e.status,
      e.ip,
      e.userAgent,
      e.bytes ?? null,
      e.sha256 ?? null,
      e.detail ?? null,
    );
  // One commit for many rows: a commit (a WAL append and its locking) costs far more than an INSERT.
  const insertAll = db.transaction(
    (entries: readonly AuditEntry[], attestations: readonly HistoryAttestation[]) => {
      for (const e of entries) run(e);
      for (const a of attestations) attest.run(a.room, a.entryId, a.userId, a.username, a.claimedBy, a.at);
    },
  );

  return {
    appendMany(entries, attestations = []) {
      insertAll(entries, attestations);
    },
    attestations(room) {
      return selectAttestations.all(room).map(attestationFromRow);
    },
    query(f) {
      return select
        .all({
          user: f.user ?? null,
          entity: f.entity ?? null,
          since: f.since ?? null,
          until: f.until ?? null,
          beforeId: f.beforeId ?? null,
          limit: f.limit,
        })
        .map(auditFromRow);
    },
  };
}

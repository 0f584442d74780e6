import { createHash } from 'node:crypto';
import type { ClientWrite } from '../relay/relay.ts';
import type { AuditEntry, HistoryAttestation } from '../storage/contract.ts';
import type { AccessAudit } from './access-audit.ts';

/** Mismatch rows per write at most: a hostile update with 10,000 forged entries must not write 10,000 rows. */
const MAX_MISMATCH_ROWS = 20;
/** Entry ids listed in a write row's detail at most (the attestations hold every one). */
const MAX_LISTED_ENTRIES = 50;
const MAX_TEXT = 200;

/**
 * SE-11: records every accepted sync write in the audit (who, which room, how many bytes, the update's
 * SHA-256, when), and for release rooms whom the server received each history entry from.
 *
 * Never on the path of the message: the rows join the access audit's group commit (one transaction per
 * event-loop turn), and nothing waits for them. The write was accepted already (SE-11a: work is never
 * dropped), so a failing audit cannot refuse it; it is logged loudly instead.
 *
 * Policy (SE-11b): an entry that names another actor than the signed-in sender is kept, and recorded as
 * `history.actor-mismatch` (claimed actor, signed-in user, entry id): a device may have been used offline
 * by someone else before this person signed in. Open mode (one person, no accounts) compares nothing.
 */
export class WriteAudit {
  constructor(
    private readonly audit: AccessAudit,
    private readonly log: Pick<Console, 'error'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The relay's `onClientWrite`: builds the rows now (the time of receipt), writes them with the next batch. */
  readonly record = (write: ClientWrite): void => {
    const who = write.identity.auditAs;
    if (who === undefined) return;
    const at = this.now();
    const base = {
      at,
      userId: who.userId,
      username: who.username,
      auth: who.auth,
      entity: write.room,
      method: null,
      path: null,
      status: null,
      ip: who.ip,
      userAgent: who.userAgent,
    };
    const claims = write.log?.claims ?? [];
    const detail: Record<string, unknown> = {};
    if (write.log !== null) {
      detail.entries = claims.length;
      if (claims.length > 0) detail.entryIds = claims.slice(0, MAX_LISTED_ENTRIES).map((c) => c.entryId);
      if (write.log.unreadable > 0) detail.unreadable = write.log.unreadable;
      if (write.log.removed > 0) detail.removed = write.log.removed;
    }
    const rows: AuditEntry[] = [
      {
        ...base,
        action: 'sync.write',
        bytes: write.update.byteLength,
        sha256: createHash('sha256').update(write.update).digest('hex'),
        detail: Object.keys(detail).length > 0 ? JSON.stringify(detail) : null,
      },
    ];
    const attestations: HistoryAttestation[] = [];
    // Open mode has no accounts: everyone is the one built-in user, so there is nobody to compare with.
    const compare = who.auth !== 'open' && who.userId !== null;
    let mismatches = 0;
    for (const claim of claims) {
      if (!compare) break;
      attestations.push({
        room: write.room,
        entryId: claim.entryId,
        userId: who.userId,
        username: who.username,
        claimedBy: claim.by.slice(0, MAX_TEXT),
        at,
      });
      if (claim.by === who.userId) continue;
      mismatches++;
      if (mismatches > MAX_MISMATCH_ROWS) continue;
      rows.push({
        ...base,
        action: 'history.actor-mismatch',
        detail: JSON.stringify({
          entryId: claim.entryId,
          claimedBy: claim.by.slice(0, MAX_TEXT),
          claimedName: claim.byName.slice(0, MAX_TEXT),
          signedInAs: who.userId,
        }),
      });
    }
    if (mismatches > MAX_MISMATCH_ROWS) {
      rows.push({
        ...base,
        action: 'history.actor-mismatch',
        detail: JSON.stringify({ more: mismatches - MAX_MISMATCH_ROWS, signedInAs: who.userId }),
      });
    }
    this.audit.append(rows, attestations).catch((error: unknown) => {
      this.log.error(
        `Could not record a write to ${write.room} by ${who.username ?? '?'} in the audit:`,
        error,
      );
    });
  };
}

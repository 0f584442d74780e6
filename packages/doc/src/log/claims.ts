/**
 * What new log entries claim about who wrote them (SE-11): the relay reads the entries an update added
 * to a release document's `log` and compares each entry's actor with the person it received them from.
 * Kept here, beside the entry format, so the server never learns the layout of an entry.
 */
import type { ReleaseId } from '@runsheet/domain';
import type * as Y from 'yjs';
import { decodeEntry, isWaiting } from './entry-codec.ts';
import { RefReader } from './refs.ts';

/** One history entry as written: its event id and the actor it names. */
export interface LogClaim {
  entryId: string;
  /** The actor's id (a user id when the writer was signed in, `local` on a device never signed in). */
  by: string;
  byName: string;
}

/** What the entries of one update claim; entries without a history event (state alone) claim nobody. */
export interface LogClaims {
  claims: LogClaim[];
  /** Entries whose refs have not arrived or that do not decode: nobody can say who they name. */
  unreadable: number;
}

/**
 * Reads raw log entries (as a `Y.Array` observer's delta inserts them) against the document's `refs`
 * map. Costs one decode per new entry; never throws (a hostile entry counts as unreadable).
 */
export function claimsOf(entries: readonly unknown[], refs: Y.Map<unknown>, releaseId: ReleaseId): LogClaims {
  const reader = new RefReader(refs);
  const claims: LogClaim[] = [];
  let unreadable = 0;
  for (const raw of entries) {
    let decoded: ReturnType<typeof decodeEntry>;
    try {
      decoded = decodeEntry(raw, reader, releaseId);
    } catch {
      decoded = null;
    }
    if (decoded === null || isWaiting(decoded)) {
      unreadable++;
      continue;
    }
    const event = decoded.event;
    if (event === null) continue;
    claims.push({ entryId: event.id, by: String(event.by), byName: String(event.byName) });
  }
  return { claims, unreadable };
}

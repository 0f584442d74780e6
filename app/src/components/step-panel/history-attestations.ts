/**
 * SE-11c: history as the server recorded it. A history entry names its actor as the writing device wrote
 * it; the server keeps whom it actually received the entry from (GET /api/releases/{id}/history-attestations).
 * The step panel shows that beside the entry only when the two differ; when they match, or nothing is
 * known (offline, local only, an entry the server has not attested), it adds nothing.
 */
import type { HistoryEvent } from '@runsheet/domain';
import { useEffect, useState } from 'react';
import { useSession, useSyncApi } from '@/sync/sync-context';

/** What the panel needs of one attestation. */
export interface Attestation {
  entryId: string;
  userId: string | null;
  username: string | null;
}

/** The warning for an entry the server received from someone else than the actor it names, or null. */
export function attestationNote(
  event: Pick<HistoryEvent, 'id' | 'by' | 'byName'>,
  attestations: ReadonlyMap<string, Attestation>,
): string | null {
  const attested = attestations.get(event.id);
  if (attested === undefined || attested.userId === null || attested.userId === event.by) return null;
  return `Recorded by the server as ${attested.username ?? attested.userId}, not ${event.byName}`;
}

const NONE: ReadonlyMap<string, Attestation> = new Map();

/**
 * The release's attestations by entry id, read when signed in and again when `entries` (the number of
 * entries shown) changes; an empty map while unknown. A failed read shows nothing rather than an error:
 * the history itself is complete without it.
 */
export function useHistoryAttestations(releaseId: string, entries: number): ReadonlyMap<string, Attestation> {
  const { api } = useSyncApi();
  const signedIn = useSession().kind === 'signed-in';
  const [map, setMap] = useState<ReadonlyMap<string, Attestation>>(NONE);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `entries` is the reason to read again.
  useEffect(() => {
    if (!signedIn) {
      setMap(NONE);
      return;
    }
    let current = true;
    api.historyAttestations(releaseId).then(
      (items) => {
        if (current) setMap(new Map(items.map((a) => [a.entryId, a])));
      },
      () => {
        if (current) setMap(NONE);
      },
    );
    return () => {
      current = false;
    };
  }, [api, releaseId, signedIn, entries]);
  return map;
}

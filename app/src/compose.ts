/**
 * The composition root: the parts the app runs on, made once per tab, here and in this order, then handed
 * down (app.tsx puts each in its React context). No module sets another module's global to wire them.
 *
 * 1. The local data: this device's documents, their projection, the source of the read model.
 * 2. The sync client (create-sync.ts): API, session, document links, presence; it links the local data's
 *    documents with the relay. SyncProvider starts it once the app is on screen.
 * 3. The write gate: the one write path asks the session whether this person may change anything (a viewer
 *    may not, SY-05; the relay would refuse it anyway), and which role they act in (admin-only commands).
 * 4. The temporal mirror (a document only the server writes): opened by the first screen that shows it,
 *    then followed by the sync client under the same rules as every other document.
 * 5. The read model over the local data (where every view reads), made here rather than in the first
 *    render, so the release a new page opens at is read before that render (app.tsx).
 */

import type { Role } from '@runsheet/protocol';
import { LocalData, ReadModel } from '@/data';
import { type FollowDocument, openTemporalDoc, type TemporalDocHandle } from '@/data/temporal-doc';
import { createSync, type SyncApi } from '@/sync/create-sync';
import { type FetchFrozen, frozenFetcher } from '@/sync/frozen-fetch';
import { canWrite, roleOf } from '@/sync/session';

export interface AppParts {
  local: LocalData;
  sync: SyncApi;
  writesAllowed: () => boolean;
  /** The signed-in account's role for the domain commands (undefined on a device that never signed in). */
  actorRole: () => Role | undefined;
  temporal: () => TemporalDocHandle;
  /** FZ-09: an archived release's snapshot from the relay, for a device that has none of it. */
  fetchFrozen: FetchFrozen;
  readModel: ReadModel;
}

export async function composeApp(): Promise<AppParts> {
  const local = await LocalData.open();
  const sync = createSync(local);
  const writesAllowed = () => canWrite(sync.session.get());
  const actorRole = () => roleOf(sync.session.get());
  const temporal = temporalOnFirstUse((room, doc) => {
    sync.manager.follow(room, doc);
  });
  const fetchFrozen = frozenFetcher(sync);
  const readModel = new ReadModel(local, { fetchFrozen });
  return { local, sync, writesAllowed, actorRole, temporal, fetchFrozen, readModel };
}

/** Opens the temporal document on the first call, and only then (most pages never show it). */
export function temporalOnFirstUse(follow: FollowDocument): () => TemporalDocHandle {
  let handle: TemporalDocHandle | null = null;
  return () => {
    handle ??= openTemporalDoc(follow);
    return handle;
  };
}

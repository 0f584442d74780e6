/**
 * FZ-09: how this device asks the relay for an archived release's frozen snapshot (FZ-07): only while
 * it may sync (signed in, sync not paused, the browser online), after the first session check has
 * answered (a fresh page asks before it knows who it is). Null: no snapshot from the relay (none kept,
 * offline, refused); the read model then syncs the release's document as it always has.
 */
import type { FetchedFrozen } from '@/data';
import type { ApiClient } from './api.ts';
import { maySync, type SessionState, type SessionStore } from './session.ts';

/** The longest a snapshot waits for the first session check; after it, the document is synced. */
const SESSION_WAIT_MS = 10_000;

/** The relay's snapshot; 'unchanged' when it is still `knownHash`; null: none to be had. */
export type FetchFrozen = (
  releaseId: string,
  knownHash?: string,
) => Promise<FetchedFrozen | 'unchanged' | null>;

/** What the fetcher reads of the sync client (create-sync.ts's SyncApi). */
export interface FrozenFetchSync {
  api: Pick<ApiClient, 'frozenRelease'>;
  session: Pick<SessionStore, 'get' | 'subscribe'>;
  manager: { snapshot(): { paused: boolean } };
}

export function frozenFetcher(
  sync: FrozenFetchSync,
  online: () => boolean = () => navigator.onLine,
  sessionWaitMs = SESSION_WAIT_MS,
): FetchFrozen {
  return async (releaseId, knownHash) => {
    const session = await checkedSession(sync.session, sessionWaitMs);
    if (!maySync(session) || sync.manager.snapshot().paused || !online()) return null;
    try {
      return await sync.api.frozenRelease(releaseId, knownHash);
    } catch (error) {
      console.warn(`No frozen copy of ${releaseId} from the relay; syncing its document.`, error);
      return null;
    }
  };
}

/** The session once the first check has answered (or the wait ran out). */
function checkedSession(store: FrozenFetchSync['session'], waitMs: number): Promise<SessionState> {
  if (store.get().kind !== 'checking') return Promise.resolve(store.get());
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve(store.get());
    };
    const timer = setTimeout(done, waitMs);
    const stop = store.subscribe(() => {
      if (store.get().kind !== 'checking') done();
    });
  });
}

/** The sync client's parts, made together: the app's composition root (compose.ts) calls createSync once. */
import type { LocalData } from '@/data';
import { deviceId } from '@/state/device.ts';
import { ApiClient } from './api.ts';
import { PresenceHub } from './presence-hub.ts';
import { SessionStore } from './session.ts';
import { SyncManager } from './sync-manager.ts';
import { WaitingStore } from './waiting-store.ts';

export interface SyncApi {
  api: ApiClient;
  session: SessionStore;
  manager: SyncManager;
  presence: PresenceHub;
}

/** `ws(s)://this-origin/sync`: the relay is always the server that served the app. */
export function relayUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

/**
 * The sync client of this tab's local data: the API client, the session store, the manager of document
 * links and presence. Made once, by the composition root (compose.ts); started by SyncProvider.
 */
export function createSync(local: LocalData): SyncApi {
  let session: SessionStore | null = null;
  const api = new ApiClient({ onUnauthorized: () => session?.credentialsRefused() });
  session = new SessionStore(api, localStorage);
  const manager = new SyncManager({
    local,
    session,
    waiting: new WaitingStore(localStorage),
    serverUrl: relayUrl(location),
    online: navigator.onLine,
  });
  const presence = new PresenceHub(manager, deviceId());
  return { api, session, manager, presence };
}

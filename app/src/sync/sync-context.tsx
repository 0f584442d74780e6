/**
 * The sync client, once per tab: the session store, the manager of document links and presence. Mounted
 * under the WorkspaceProvider (it connects the workspace's documents) and above the router (pages and the
 * header read it).
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { LocalData } from '@/data';
import { deviceId } from '@/state/device.ts';
import { setWriteGate, useWorkspace } from '@/state/workspace-context';
import { ApiClient } from './api.ts';
import { bindDocumentFollower } from './followed-documents.ts';
import { PresenceHub } from './presence-hub.ts';
import { canWrite, type SessionState, SessionStore } from './session.ts';
import { SyncManager, type SyncSnapshot } from './sync-manager.ts';
import { WaitingStore } from './waiting-store.ts';

export interface SyncApi {
  api: ApiClient;
  session: SessionStore;
  manager: SyncManager;
  presence: PresenceHub;
}

const SyncContext = createContext<SyncApi | null>(null);

/** How often a signed-in, visible page checks its session (which also slides its expiry). */
const SESSION_CHECK_MS = 10 * 60_000;
/** How often a local-only page looks for a server again. */
const LOCAL_CHECK_MS = 60_000;

/** One sync client per LocalData, which is one per tab (also under StrictMode's double renders). */
const instances = new WeakMap<LocalData, SyncApi>();

function syncFor(local: LocalData): SyncApi {
  let sync = instances.get(local);
  if (!sync) {
    sync = createSync(local);
    instances.set(local, sync);
  }
  return sync;
}

/** `ws(s)://this-origin/sync`: the relay is always the server that served the app. */
export function relayUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

function createSync(local: LocalData): SyncApi {
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
  // Server-written documents (the Temporal mirror) sync under the same rules as every other document.
  bindDocumentFollower((room, doc) => manager.follow(room, doc));
  // The one write path refuses commands while a viewer is signed in (the relay would refuse them anyway).
  const store = session;
  setWriteGate(() => canWrite(store.get()));
  return { api, session, manager, presence };
}

/** Starts the manager and wires it to the page: network events, other tabs, visibility, a periodic check. */
function startSync({ session, manager, presence }: SyncApi): void {
  manager.start();
  const presenceUser = () => {
    const state = session.get();
    presence.setUser(state.kind === 'signed-in' ? { id: state.user.id, name: state.user.displayName } : null);
  };
  session.subscribe(presenceUser);
  presenceUser();
  session.refresh().catch((error: unknown) => console.error('Checking the session failed:', error));
  // The browser knows about lost networks before a socket times out; Chromium also reports emulated ones.
  window.addEventListener('online', () => {
    manager.setOnline(true);
    session.refresh().catch(() => {});
  });
  window.addEventListener('offline', () => manager.setOnline(false));
  window.addEventListener('storage', (event) => session.onStorage(event.key));
  let lastCheck = Date.now();
  const checkIfDue = () => {
    if (document.visibilityState !== 'visible') return;
    // Signed in: keep the session sliding. Local only: notice a server that has appeared meanwhile.
    const kind = session.get().kind;
    const every = kind === 'signed-in' ? SESSION_CHECK_MS : kind === 'local' ? LOCAL_CHECK_MS : Infinity;
    if (Date.now() - lastCheck < every) return;
    lastCheck = Date.now();
    session.refresh().catch(() => {});
  };
  document.addEventListener('visibilitychange', checkIfDue);
  setInterval(checkIfDue, 60_000);
}

export function SyncProvider({ children }: { children: ReactNode }) {
  const { local } = useWorkspace();
  const sync = useMemo(() => syncFor(local), [local]);
  useEffect(() => {
    // Once per tab, also under StrictMode's double effects: the manager lives as long as the page.
    if (started.has(sync)) return;
    started.add(sync);
    startSync(sync);
  }, [sync]);
  return <SyncContext.Provider value={sync}>{children}</SyncContext.Provider>;
}

const started = new WeakSet<SyncApi>();

export function useSyncApi(): SyncApi {
  const sync = useContext(SyncContext);
  if (!sync) throw new Error('useSyncApi needs a <SyncProvider> above it');
  return sync;
}

/** The sync state for the header and settings: session, per-document links, changes waiting. */
export function useSync(): SyncSnapshot {
  const { manager } = useSyncApi();
  return useSyncExternalStore(
    (l) => manager.subscribe(l),
    () => manager.snapshot(),
  );
}

export function useSession(): SessionState {
  const { session } = useSyncApi();
  return useSyncExternalStore(
    (l) => session.subscribe(l),
    () => session.get(),
  );
}

/**
 * False for viewers: screens disable their write actions with it. (The relay refuses a viewer's changes
 * anyway; this keeps the UI from offering what would never reach anyone.)
 */
export function useCanWrite(): boolean {
  return canWrite(useSession());
}

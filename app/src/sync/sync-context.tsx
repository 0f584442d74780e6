/**
 * The sync client in React: the composition root (compose.ts) makes it once per tab (create-sync.ts);
 * this provider starts it and hands it to the pages and the header, which read it through these hooks.
 */
import { createContext, type ReactNode, useContext, useEffect, useSyncExternalStore } from 'react';
import type { SyncApi } from './create-sync.ts';
import { canWrite, type SessionState } from './session.ts';
import type { SyncSnapshot } from './sync-manager.ts';

export type { SyncApi } from './create-sync.ts';

const SyncContext = createContext<SyncApi | null>(null);

/** How often a signed-in, visible page checks its session (which also slides its expiry). */
const SESSION_CHECK_MS = 10 * 60_000;
/** How often a local-only page looks for a server again. */
const LOCAL_CHECK_MS = 60_000;

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

export function SyncProvider({ sync, children }: { sync: SyncApi; children: ReactNode }) {
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

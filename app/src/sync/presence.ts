/**
 * Presence for screens: say what you are looking at, and see who else is looking at the same release or step.
 *
 *   usePresenceView({ releaseId, customerId, stepId })   // in a release page or step panel
 *   const peers = usePresence(releaseId)                 // others on that release
 *   <StepPresence releaseId={r} stepId={s} />            // others on that step (step-presence.tsx)
 */
import type { ReleaseId } from '@runsheet/domain';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useWorkspace } from '@/state/workspace-context';
import type { Peer, PresenceHub, PresenceView } from './presence-hub.ts';
import { useSyncApi } from './sync-context.tsx';

export type { Peer, PresenceView } from './presence-hub.ts';

/**
 * Views of mounted components per hub, in mount order: a step panel mounts after its release page. Kept
 * beside the hub (one per tab, made by the SyncProvider) rather than in a module-wide variable.
 */
const mountedViews = new WeakMap<PresenceHub, Array<{ view: PresenceView }>>();

function mountedOn(hub: PresenceHub): Array<{ view: PresenceView }> {
  let mounted = mountedViews.get(hub);
  if (!mounted) {
    mounted = [];
    mountedViews.set(hub, mounted);
  }
  return mounted;
}

/**
 * Publishes `view` while the calling component is mounted. The most recently mounted view wins (a step
 * panel over its release page); when it unmounts, the one below it applies again.
 */
export function usePresenceView(next: PresenceView | null): void {
  const { local } = useWorkspace();
  const { presence: hub } = useSyncApi();
  const releaseId = next?.releaseId ?? null;
  const customerId = next?.customerId ?? null;
  const stepId = next?.stepId ?? null;
  useEffect(() => {
    if (releaseId === null) return;
    // Presence travels on the release's own connection: the document must be open (an archived release
    // connects on demand, SY-07). An archived release is read from its frozen snapshot (FZ-02), so its
    // page does not open the document for presence: others on an archived release are not shown.
    if (local.state.catalog.releases[releaseId]?.status !== 'archived')
      local
        .openRelease(releaseId)
        .catch((error: unknown) => console.error('Opening the release failed:', error));
    const mounted = mountedOn(hub);
    const entry = { view: { releaseId, customerId, stepId } };
    mounted.push(entry);
    hub.setView(mounted.at(-1)?.view ?? null);
    return () => {
      const index = mounted.indexOf(entry);
      if (index >= 0) mounted.splice(index, 1);
      hub.setView(mounted.at(-1)?.view ?? null);
    };
  }, [local, hub, releaseId, customerId, stepId]);
}

/** Others who have `releaseId` open (one per person and device), live. */
export function usePresence(releaseId: ReleaseId): Peer[] {
  const { presence, manager } = useSyncApi();
  const cache = useRef<{ key: string; peers: Peer[] }>({ key: '[]', peers: [] });
  return useSyncExternalStore(
    (notify) => {
      let awareness: Awareness | undefined;
      const rebind = () => {
        const next = presence.awarenessOf(releaseId);
        if (next === awareness) return;
        awareness?.off('change', notify);
        awareness = next;
        awareness?.on('change', notify);
        notify();
      };
      const off = manager.subscribe(rebind);
      rebind();
      return () => {
        off();
        awareness?.off('change', notify);
      };
    },
    () => {
      const peers = presence.peers(releaseId);
      const key = JSON.stringify(peers);
      if (key !== cache.current.key) cache.current = { key, peers };
      return cache.current.peers;
    },
  );
}

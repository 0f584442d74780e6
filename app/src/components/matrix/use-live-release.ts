/**
 * Live reads from the workspace's in-memory DomainState (the mirror of the open Yjs documents).
 *
 * Why not only the Dexie projection: a status change reaches the projection after a write batch and an
 * IndexedDB read-back of the whole release (1,000 participants), which is far slower than the 50 ms a
 * person expects between "Mark done" and the cell turning green. The mirror is updated in the same tick
 * as the command (and as any remote or other-tab update), so views that need to follow single clicks
 * read it here, memoised on a version counter that moves with every change of the documents they use.
 */
import type { DocChanges } from '@runsheet/doc';
import type { DomainState, Release, ReleaseId } from '@runsheet/domain';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useWorkspace } from '@/state/workspace-context';

/** Which changes a view depends on: the catalog and some releases (or every release). */
export type Watch = { releases: readonly ReleaseId[] | 'all' };

function matches(changes: DocChanges, watch: Watch): boolean {
  if (changes.kind === 'catalog') return true;
  return watch.releases === 'all' || watch.releases.includes(changes.releaseId);
}

/** A number that changes whenever a watched document changes (local, other tab or remote alike). */
export function useDocVersion(watch: Watch): number {
  const { local } = useWorkspace();
  const key = watch.releases === 'all' ? '*' : watch.releases.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `watch`'s contents.
  const store = useMemo(() => {
    let version = 0;
    return {
      subscribe(onChange: () => void) {
        return local.workspace.subscribe((changes) => {
          if (!matches(changes, watch)) return;
          version += 1;
          onChange();
        });
      },
      get: () => version,
    };
  }, [local, key]);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export interface LiveRelease {
  /** The workspace's state object: mutated in place, so memoise derived data on `version`. */
  state: DomainState;
  version: number;
  release: Release;
}

export type LiveReleaseResult =
  | { status: 'loading' }
  | { status: 'missing' }
  | ({ status: 'ready' } & LiveRelease);

/** Opens the release documents (once; they stay open, like active releases do) and reports when ready. */
function useOpenReleases(releaseIds: readonly ReleaseId[]): boolean {
  const { local } = useWorkspace();
  const key = releaseIds.join(',');
  const allOpen = () => releaseIds.every((id) => local.workspace.isOpen(id));
  const [openKey, setOpenKey] = useState<string | null>(() => (allOpen() ? key : null));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `releaseIds`.
  useEffect(() => {
    let live = true;
    Promise.all(releaseIds.map((id) => local.openRelease(id))).then(
      () => live && setOpenKey(key),
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, [local, key]);
  return openKey === key || allOpen();
}

/** One release, live. `missing` when the catalog has no such release. */
export function useLiveRelease(releaseId: ReleaseId): LiveReleaseResult {
  const { local } = useWorkspace();
  const version = useDocVersion({ releases: [releaseId] });
  const release = local.state.catalog.releases[releaseId];
  const open = useOpenReleases(release ? [releaseId] : []);
  if (!release) return { status: 'missing' };
  if (!open) return { status: 'loading' };
  return { status: 'ready', state: local.state, version, release };
}

/** Several releases, live; `ready` once all of them are open. */
export function useLiveReleases(releaseIds: readonly ReleaseId[]): {
  ready: boolean;
  state: DomainState;
  version: number;
} {
  const { local } = useWorkspace();
  const version = useDocVersion({ releases: releaseIds });
  const ready = useOpenReleases(releaseIds);
  return { ready, state: local.state, version };
}

/** The catalog alone (clusters, customers, the release list), live. */
export function useLiveCatalog(): { state: DomainState; version: number } {
  const { local } = useWorkspace();
  const version = useDocVersion({ releases: [] });
  return { state: local.state, version };
}

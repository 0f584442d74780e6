/**
 * The hooks views read live data with, all over the one read model (read-model.ts): the catalog, one
 * release, several releases. Each re-renders when what it reads changes, local and remote alike, and
 * returns a `version` to memoise derived data on (the state is updated in place).
 */
import type { CatalogState, Cluster, Customer, DomainState, ReleaseId, ReleaseState } from '@runsheet/domain';
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import type { CatalogRead, ReadModel, ReleaseRead } from './read-model.ts';

export const ReadModelContext = createContext<ReadModel | null>(null);

export function useReadModel(): ReadModel {
  const model = useContext(ReadModelContext);
  if (!model) throw new Error('useReadModel needs a <ReadModelContext.Provider> above it');
  return model;
}

/** The catalog (clusters, customers, the release list), live. */
export function useCatalog(): CatalogRead {
  const model = useReadModel();
  const subscribe = useCallback((notify: () => void) => model.subscribeCatalog(notify), [model]);
  return useSyncExternalStore(subscribe, () => model.catalog());
}

export interface CatalogLists {
  clusters: Cluster[];
  customers: Customer[];
  catalog: CatalogState;
}

/** Every cluster and customer (archived ones included) as lists, with the catalog they come from. */
export function useCatalogLists(): CatalogLists {
  const { catalog, version } = useCatalog();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable catalog.
  return useMemo(
    () => ({
      clusters: Object.values(catalog.clusters),
      customers: Object.values(catalog.customers),
      catalog,
    }),
    [catalog, version],
  );
}

/** The catalog as a DomainState without releases: what catalog commands (and their previews) read. */
export function useCatalogState(): { state: DomainState; version: number } {
  const { catalog, version } = useCatalog();
  const state = useMemo<DomainState>(() => ({ catalog, releases: {} }), [catalog]);
  return { state, version };
}

/** One release, live: `loading`, `missing` (the catalog has no such release) or `ready`. */
export function useReleaseView(releaseId: ReleaseId): ReleaseRead {
  const model = useReadModel();
  const subscribe = useCallback(
    (notify: () => void) => model.subscribeRelease(releaseId, notify),
    [model, releaseId],
  );
  return useSyncExternalStore(subscribe, () => model.release(releaseId));
}

export interface ReleasesRead {
  /** Every one of the releases is ready (or missing). */
  ready: boolean;
  /** The catalog and the releases that are ready. Memoise on `version`. */
  state: DomainState;
  version: string;
}

/** Several releases, live (the dashboard's active releases). */
export function useReleaseViews(releaseIds: readonly ReleaseId[]): ReleasesRead {
  const model = useReadModel();
  const key = releaseIds.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `releaseIds`.
  const store = useMemo(() => {
    let last: ReleasesRead | null = null;
    return {
      subscribe(notify: () => void) {
        const offs = [
          model.subscribeCatalog(notify),
          ...releaseIds.map((id) => model.subscribeRelease(id, notify)),
        ];
        return () => {
          for (const off of offs) off();
        };
      },
      get(): ReleasesRead {
        const reads = releaseIds.map((id) => model.release(id));
        const version = `${model.catalog().version}:${reads.map((r) => r.version).join(',')}`;
        if (last?.version === version) return last;
        const releases: Record<ReleaseId, ReleaseState> = {};
        reads.forEach((read, i) => {
          const id = releaseIds[i] as ReleaseId;
          const doc = read.status === 'ready' ? read.state.releases[id] : undefined;
          if (doc) releases[id] = doc;
        });
        last = {
          ready: reads.every((r) => r.status !== 'loading'),
          state: { catalog: model.catalog().catalog, releases },
          version,
        };
        return last;
      },
    };
  }, [model, key]);
  return useSyncExternalStore(store.subscribe, store.get);
}

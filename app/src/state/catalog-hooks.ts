/**
 * Live reads for the clusters and customers screens. Lists read the Dexie projection with useLiveQuery
 * (they re-render on local and remote changes alike); conflicts read the workspace's plain state, which
 * is where merges land first. While a first read runs a hook returns undefined: render what there is.
 */
import type { Workspace } from '@runsheet/doc';
import {
  type CatalogState,
  type Cluster,
  type ClusterId,
  type Customer,
  type CustomerId,
  emptyCatalog,
} from '@runsheet/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { readActiveProgress, readCustomerReleases } from '@/data/release-progress';
import { type CatalogConflict, catalogConflicts } from './catalog-conflicts';
import { useDb, useWorkspace } from './workspace-context';

export interface CatalogRows {
  clusters: Cluster[];
  customers: Customer[];
  /** The same rows as plain state, for the domain's views (clusterSummaries, groupCustomersByCluster). */
  catalog: CatalogState;
}

/** Every cluster and customer, archived ones included. */
export function useCatalog(): CatalogRows | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const [clusters, customers] = await Promise.all([db.clusters.toArray(), db.customers.toArray()]);
    const catalog = emptyCatalog();
    for (const c of clusters) catalog.clusters[c.id] = c;
    for (const c of customers) catalog.customers[c.id] = c;
    return { clusters, customers, catalog };
  }, [db]);
}

/** One cluster; `null` once the read finished and there is no such cluster. */
export function useCluster(clusterId: ClusterId): Cluster | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await db.clusters.get(clusterId)) ?? null, [db, clusterId]);
}

/** One customer with its cluster; `null` once the read finished and there is no such customer. */
export function useCustomer(
  customerId: CustomerId,
): { customer: Customer; cluster: Cluster | null } | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const customer = await db.customers.get(customerId);
    if (!customer) return null;
    return { customer, cluster: (await db.clusters.get(customer.clusterId)) ?? null };
  }, [db, customerId]);
}

/** Progress in the active releases, per customer and per cluster (FV-006, sort by progress). */
export function useActiveProgress() {
  const db = useDb();
  return useLiveQuery(() => readActiveProgress(db), [db]);
}

/** The releases a customer took part in, with its progress in each (FM-005). */
export function useCustomerReleases(customer: Customer | null | undefined) {
  const db = useDb();
  return useLiveQuery(
    () => (customer ? readCustomerReleases(db, customer) : Promise.resolve([])),
    [db, customer],
  );
}

/**
 * Counts catalog changes per workspace, from the first use on. One counter per workspace (not per
 * component), so a change between a component's render and its subscription is still seen.
 */
const catalogVersions = new WeakMap<Workspace, { n: number }>();

function catalogVersion(workspace: Workspace): { n: number } {
  let counter = catalogVersions.get(workspace);
  if (!counter) {
    const created = { n: 0 };
    // Lives as long as the workspace (the whole tab): never unsubscribed on purpose.
    workspace.subscribe((changes) => {
      if (changes.kind === 'catalog') created.n += 1;
    });
    catalogVersions.set(workspace, created);
    counter = created;
  }
  return counter;
}

/** A number that changes whenever the catalog document changes (local commands and merges alike). */
function useCatalogVersion(): number {
  const { workspace } = useWorkspace().local;
  const counter = catalogVersion(workspace);
  const subscribe = useCallback(
    (notify: () => void) =>
      workspace.subscribe((changes) => {
        if (changes.kind === 'catalog') notify();
      }),
    [workspace],
  );
  return useSyncExternalStore(subscribe, () => counter.n);
}

/** The catalog's clashes (catalog-conflicts.ts), read from the workspace's state: merges land there first. */
export function useCatalogConflicts(): { conflicts: CatalogConflict[]; catalog: CatalogState } {
  const { local } = useWorkspace();
  const version = useCatalogVersion();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the state is mutated in place; version says when.
  return useMemo(() => {
    const catalog = local.state.catalog;
    return { conflicts: catalogConflicts(catalog), catalog };
  }, [local, version]);
}

/**
 * Catalog views: customers grouped by cluster (BR-C03, FM-004, FV-003) and the cluster
 * list with customer counts (FC-004). Sorted by name ignoring case, id as tie-break, so every device
 * shows the same order.
 */
import type { Cluster } from '../entities/cluster.ts';
import type { Customer } from '../entities/customer.ts';
import type { ClusterId, CustomerId } from '../ids.ts';
import { compareStrings } from '../ordering.ts';
import type { CatalogState } from '../state.ts';
import { nameKey } from '../validation.ts';

export interface CustomersOfCluster {
  clusterId: ClusterId;
  /** Null when the customers point at a cluster this catalog does not have (a partial sync). */
  cluster: Cluster | null;
  customers: Customer[];
}

export interface GroupOptions {
  /** Only these customers (e.g. a release's participants). */
  customerIds?: Iterable<CustomerId>;
  /** Include archived customers (default: no). */
  includeArchived?: boolean;
  /** Only this cluster (FC-006 / FM-006 filter). */
  clusterId?: ClusterId;
}

function byName<T extends { name: string; id: string }>(a: T, b: T): number {
  return compareStrings(nameKey(a.name), nameKey(b.name)) || compareStrings(a.id, b.id);
}

/** BR-C03: customers grouped by their cluster; clusters and customers sorted by name. */
export function groupCustomersByCluster(
  catalog: CatalogState,
  options: GroupOptions = {},
): CustomersOfCluster[] {
  const only = options.customerIds ? new Set(options.customerIds) : null;
  const groups = new Map<ClusterId, Customer[]>();
  for (const c of Object.values(catalog.customers)) {
    if (only && !only.has(c.id)) continue;
    if (!c.isActive && !options.includeArchived) continue;
    if (options.clusterId && c.clusterId !== options.clusterId) continue;
    const list = groups.get(c.clusterId);
    if (list) list.push(c);
    else groups.set(c.clusterId, [c]);
  }
  const out: CustomersOfCluster[] = [...groups].map(([clusterId, customers]) => ({
    clusterId,
    cluster: catalog.clusters[clusterId] ?? null,
    customers: customers.sort(byName),
  }));
  return out.sort((a, b) =>
    byName(
      { name: a.cluster?.name ?? '', id: a.clusterId },
      { name: b.cluster?.name ?? '', id: b.clusterId },
    ),
  );
}

export interface ClusterSummary {
  cluster: Cluster;
  activeCustomers: number;
  /** Names of the active customers, sorted. */
  customerNames: string[];
}

/** FC-004: the clusters with their active customers (archived clusters only when asked). */
export function clusterSummaries(
  catalog: CatalogState,
  options: { includeArchived?: boolean } = {},
): ClusterSummary[] {
  const customers = new Map<ClusterId, Customer[]>();
  for (const c of Object.values(catalog.customers)) {
    if (!c.isActive) continue;
    const list = customers.get(c.clusterId);
    if (list) list.push(c);
    else customers.set(c.clusterId, [c]);
  }
  return Object.values(catalog.clusters)
    .filter((c) => c.isActive || options.includeArchived)
    .sort(byName)
    .map((cluster) => {
      const list = (customers.get(cluster.id) ?? []).sort(byName);
      return { cluster, activeCustomers: list.length, customerNames: list.map((c) => c.name) };
    });
}

/**
 * Catalog reads for the views (clusters, customers, the release list), derived from the read model's
 * catalog: the catalog document's mirror, always loaded, updated in the tick of a change.
 */
import {
  type Cluster,
  type ClusterId,
  type Customer,
  type CustomerId,
  type GroupOptions,
  groupCustomersByCluster,
  type Release,
  type ReleaseId,
} from '@runsheet/domain';
import { useMemo } from 'react';
import { useCatalog } from './hooks.ts';

/** Every release, newest first. */
export function useReleaseList(): Release[] {
  const { catalog, version } = useCatalog();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable catalog.
  return useMemo(
    () =>
      Object.values(catalog.releases).sort(
        (a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
      ),
    [catalog, version],
  );
}

/** One release's catalog record; null when this device has no such release. */
export function useReleaseRecord(releaseId: ReleaseId): Release | null {
  return useCatalog().catalog.releases[releaseId] ?? null;
}

/** One cluster; null when there is no such cluster. */
export function useCluster(clusterId: ClusterId): Cluster | null {
  return useCatalog().catalog.clusters[clusterId] ?? null;
}

/** One customer with its cluster; null when there is no such customer. */
export function useCustomer(customerId: CustomerId): { customer: Customer; cluster: Cluster | null } | null {
  const { catalog } = useCatalog();
  const customer = catalog.customers[customerId];
  if (!customer) return null;
  return { customer, cluster: catalog.clusters[customer.clusterId] ?? null };
}

/** BR-C03: customers grouped by cluster (domain `groupCustomersByCluster`). */
export function useCustomersByCluster(options: GroupOptions = {}) {
  const { catalog, version } = useCatalog();
  const { clusterId, includeArchived } = options;
  const ids = options.customerIds ? [...options.customerIds].join(',') : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable catalog.
  return useMemo(
    () =>
      groupCustomersByCluster(catalog, {
        clusterId,
        includeArchived,
        customerIds: ids === undefined ? undefined : (ids.split(',').filter(Boolean) as CustomerId[]),
      }),
    [catalog, version, clusterId, includeArchived, ids],
  );
}

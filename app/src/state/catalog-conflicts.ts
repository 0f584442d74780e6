/**
 * MR-04 / MR-05: the catalog's clashes that a merge brought (two devices named a cluster alike, gave two
 * customers one namespace, or added a customer to a cluster archived elsewhere). The commands refuse
 * these locally, so they only ever arrive from another device. Pure, over the plain state.
 */
import { type CatalogState, type Conflict, listConflicts } from '@runsheet/domain';

export type CatalogConflict = Extract<
  Conflict,
  { kind: 'duplicate-cluster-name' | 'duplicate-namespace' | 'customer-in-archived-cluster' }
>;

export function isCatalogConflict(conflict: Conflict): conflict is CatalogConflict {
  return (
    conflict.kind === 'duplicate-cluster-name' ||
    conflict.kind === 'duplicate-namespace' ||
    conflict.kind === 'customer-in-archived-cluster'
  );
}

/** The catalog's conflicts (release documents left out: not the catalog screens' concern). */
export function catalogConflicts(catalog: CatalogState): CatalogConflict[] {
  return listConflicts({ catalog, releases: {} }).filter(isCatalogConflict);
}

/** The clashes a cluster's page shows: its name is shared, or its customers clash. */
export const concernsCluster =
  (clusterId: string) =>
  (c: CatalogConflict): boolean =>
    c.kind === 'duplicate-cluster-name'
      ? c.clusterIds.some((id) => id === clusterId)
      : c.clusterId === clusterId;

/** The clashes a customer's page shows. */
export const concernsCustomer =
  (customerId: string) =>
  (c: CatalogConflict): boolean =>
    c.kind === 'duplicate-namespace'
      ? c.customerIds.some((id) => id === customerId)
      : c.kind === 'customer-in-archived-cluster' && c.customerId === customerId;

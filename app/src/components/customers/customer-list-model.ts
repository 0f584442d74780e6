/**
 * What the customers list shows, as pure functions over plain rows (FM-004, FM-006): filter
 * by text and by clusters, sort by cluster (grouped, BR-C03), name or progress. Sort keys are computed
 * once per data change (`customerRows`), so a filter or sort change is a linear pass plus one sort.
 */
import {
  type CatalogState,
  type Cluster,
  type ClusterId,
  type Customer,
  type CustomerId,
  compareStrings,
  type GroupProgress,
  nameKey,
} from '@runsheet/domain';

export const CUSTOMER_SORTS = ['cluster', 'name', 'progress'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface CustomerRow {
  customer: Customer;
  cluster: Cluster | null;
  /** Average complete % over the customer's active releases (PR-08); null when it is in none. */
  progress: GroupProgress | null;
  nameKey: string;
  clusterKey: string;
  /** Lower-cased name and namespace, what the text filter searches. */
  haystack: string;
}

export interface CustomerFilter {
  /** Text in the name or namespace, any case. */
  q?: string;
  /** Only customers of these clusters; none or empty means all. */
  clusterIds?: readonly ClusterId[];
  /** Show archived customers too. */
  archived?: boolean;
}

export type ListItem =
  | { kind: 'group'; key: string; clusterId: ClusterId; cluster: Cluster | null; count: number }
  | { kind: 'customer'; key: CustomerId; row: CustomerRow };

export function customerRows(
  catalog: CatalogState,
  progress: ReadonlyMap<CustomerId, GroupProgress> | undefined,
): CustomerRow[] {
  return Object.values(catalog.customers).map((customer) => {
    const cluster = catalog.clusters[customer.clusterId] ?? null;
    const p = progress?.get(customer.id);
    return {
      customer,
      cluster,
      // A customer whose releases have no steps yet has no progress to compare (PR-08 leaves them out).
      progress: p && p.customers > 0 ? p : null,
      nameKey: nameKey(customer.name),
      clusterKey: nameKey(cluster?.name ?? ''),
      haystack: `${customer.name}\n${customer.namespace}`.toLowerCase(),
    };
  });
}

export function filterRows(rows: readonly CustomerRow[], filter: CustomerFilter): CustomerRow[] {
  const q = filter.q?.trim().toLowerCase() ?? '';
  const clusters = filter.clusterIds && filter.clusterIds.length > 0 ? new Set(filter.clusterIds) : null;
  return rows.filter(
    (r) =>
      (filter.archived || r.customer.isActive) &&
      (!clusters || clusters.has(r.customer.clusterId)) &&
      (q === '' || r.haystack.includes(q)),
  );
}

/** BR-C03's order: by name ignoring case, the id as tie-break, so every device shows the same order. */
function byName(a: CustomerRow, b: CustomerRow): number {
  return compareStrings(a.nameKey, b.nameKey) || compareStrings(a.customer.id, b.customer.id);
}

function byCluster(a: CustomerRow, b: CustomerRow): number {
  return (
    compareStrings(a.clusterKey, b.clusterKey) ||
    compareStrings(a.customer.clusterId, b.customer.clusterId) ||
    byName(a, b)
  );
}

function byProgress(a: CustomerRow, b: CustomerRow): number {
  return (
    (a.progress?.completePercent ?? 0) - (b.progress?.completePercent ?? 0) ||
    (a.progress?.donePercent ?? 0) - (b.progress?.donePercent ?? 0) ||
    byName(a, b)
  );
}

const COMPARE: Record<CustomerSort, (a: CustomerRow, b: CustomerRow) => number> = {
  cluster: byCluster,
  name: byName,
  progress: byProgress,
};

/**
 * Sorted copy. Descending reverses the order, except that customers without progress stay last either
 * way: "no active release" is not the lowest progress, it is none.
 */
export function sortRows(
  rows: readonly CustomerRow[],
  sort: CustomerSort,
  dir: SortDirection,
): CustomerRow[] {
  const compare = COMPARE[sort];
  const sign = dir === 'asc' ? 1 : -1;
  if (sort !== 'progress') return [...rows].sort((a, b) => sign * compare(a, b));
  const withProgress = rows.filter((r) => r.progress !== null).sort((a, b) => sign * compare(a, b));
  const without = rows.filter((r) => r.progress === null).sort(byName);
  return [...withProgress, ...without];
}

/** The rows as list items: sorted by cluster they come in groups with a heading each (BR-C03). */
export function listItems(rows: readonly CustomerRow[], sort: CustomerSort): ListItem[] {
  if (sort !== 'cluster') return rows.map((row) => ({ kind: 'customer', key: row.customer.id, row }));
  const items: ListItem[] = [];
  let group: Extract<ListItem, { kind: 'group' }> | null = null;
  for (const row of rows) {
    if (!group || group.clusterId !== row.customer.clusterId) {
      group = {
        kind: 'group',
        key: `group:${row.customer.clusterId}`,
        clusterId: row.customer.clusterId,
        cluster: row.cluster,
        count: 0,
      };
      items.push(group);
    }
    group.count += 1;
    items.push({ kind: 'customer', key: row.customer.id, row });
  }
  return items;
}

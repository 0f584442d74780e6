/**
 * The ReadStore over the packed projection in IndexedDB: every query reads the rows it needs, unpacks
 * them into the shape of the plain state and calls the same domain view the in-memory store calls, so
 * both stores agree by construction and no rule is written twice (the store contract suite holds both
 * to the same expectations). The read model answers cross-release summaries with it (releases that are
 * not loaded: a customer's release history, recent activity), and the benchmark times it.
 */

import { eventsOf, type ReadStore } from '@runsheet/doc';
import {
  type CatalogState,
  type ClusterId,
  type CustomerId,
  compareStrings,
  type DomainState,
  emptyCatalog,
  groupCustomersByCluster,
  type HistoryEvent,
  type ReleaseId,
  type ReleaseState,
  releaseProgress,
  resolveCustomerSteps,
  stepHistory,
  stepStatusMatrix,
} from '@runsheet/domain';
import type { RunsheetDB } from './db.ts';
import { readStoredCustomer, readStoredRelease } from './stored-release.ts';

const DEFAULT_ACTIVITY_LIMIT = 20;

const byId = <T extends { id: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.id, r]));

/** The customers (and, when asked, the clusters) a release's participants name, as a catalog. */
async function catalogFor(db: RunsheetDB, release: ReleaseState, clusters: boolean): Promise<CatalogState> {
  const catalog = emptyCatalog();
  const [customers, clusterRows] = await Promise.all([
    db.customers.bulkGet(Object.keys(release.participants) as CustomerId[]),
    clusters ? db.clusters.toArray() : Promise.resolve([]),
  ]);
  for (const c of customers) if (c) catalog.customers[c.id] = c;
  catalog.clusters = byId(clusterRows) as Record<ClusterId, (typeof clusterRows)[number]>;
  return catalog;
}

const stateOf = (catalog: CatalogState, release: ReleaseState): DomainState => ({
  catalog,
  releases: { [release.releaseId]: release },
});

export function projectionStore(db: RunsheetDB): ReadStore {
  return {
    async customersByCluster(options = {}) {
      const catalog: CatalogState = emptyCatalog();
      const [clusters, customers] = options.clusterId
        ? await Promise.all([
            db.clusters.where('id').equals(options.clusterId).toArray(),
            db.customers.where('clusterId').equals(options.clusterId).toArray(),
          ])
        : await Promise.all([db.clusters.toArray(), db.customers.toArray()]);
      catalog.clusters = byId(clusters);
      catalog.customers = byId(customers);
      return groupCustomersByCluster(catalog, options);
    },

    async customerSteps(releaseId, customerId) {
      const release = await readStoredCustomer(db, releaseId, customerId);
      if (!release.participants[customerId]) return [];
      const catalog = await catalogFor(db, release, false);
      return resolveCustomerSteps(stateOf(catalog, release), releaseId, customerId);
    },

    async releaseMatrix(releaseId, options = {}) {
      const release = await readStoredRelease(db, releaseId, { lazyEvents: true });
      const catalog = await catalogFor(db, release, true);
      return stepStatusMatrix(stateOf(catalog, release), releaseId, options);
    },

    async releaseProgress(releaseId, options = {}) {
      // Progress needs the participants' customers (active? which cluster?) but no cluster rows.
      const release = await readStoredRelease(db, releaseId, { lazyEvents: true });
      const catalog = await catalogFor(db, release, false);
      return releaseProgress(stateOf(catalog, release), releaseId, options);
    },

    async stepTimeline(releaseId, stepId) {
      // Conflict flags need the whole history of the release (MR-03 compares events of one step).
      const release = await readStoredRelease(db, releaseId);
      return stepHistory(stateOf(emptyCatalog(), release), releaseId, stepId);
    },

    async recentActivity(options = {}) {
      return recentStoredActivity(db, options);
    },
  };
}

const newerFirst = (a: HistoryEvent, b: HistoryEvent) =>
  compareStrings(b.at, a.at) || compareStrings(b.id, a.id);

/**
 * The newest events of every stored release (domain `recentActivity` order: time, then id). History
 * chunks are read newest first by the `at` of their newest event, and reading stops once no chunk left
 * can hold an event newer than the last one kept.
 */
export async function recentStoredActivity(
  db: RunsheetDB,
  options: { limit?: number; releaseIds?: readonly ReleaseId[] } = {},
): Promise<HistoryEvent[]> {
  const limit = options.limit ?? DEFAULT_ACTIVITY_LIMIT;
  const only = options.releaseIds ? new Set<string>(options.releaseIds) : null;
  const kept: HistoryEvent[] = [];
  await db.eventPacks
    .orderBy('newestAt')
    .reverse()
    .until((chunk) => kept.length >= limit && chunk.newestAt < (kept[limit - 1] as HistoryEvent).at)
    .each((chunk) => {
      if (only && !only.has(chunk.releaseId)) return;
      kept.push(...eventsOf([chunk]));
      kept.sort(newerFirst);
      kept.length = Math.min(kept.length, limit);
    });
  return kept;
}

/**
 * Summaries across releases, for lists: the release list's progress, the customers list's progress in
 * the active releases, a customer's release history, recent activity. They span releases whose
 * documents are not loaded (archived ones too), so they read the packed projection, which holds every
 * release on this device, and apply the same domain functions to it. They re-read (Dexie liveQuery)
 * when a write that touches their rows commits: one IndexedDB transaction after the change. A release's
 * own pages read it through its view (hooks.ts) and follow it change by change.
 */
import { bucketOf, bucketStepsOf, headOf, type ReadStore, UNKNOWN_CUSTOMER } from '@runsheet/doc';
import type { Customer, HistoryEvent, ReleaseId, StepId, TemplateId } from '@runsheet/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { readInventory } from '../inventory.ts';
import { projectionStore } from '../projection-store.ts';
import { readActiveProgress, readCustomerReleases } from '../release-progress.ts';
import { useCatalog, useReadModel } from './hooks.ts';

function useStore(): ReadStore {
  const model = useReadModel();
  return useMemo(() => projectionStore(model.local.db), [model]);
}

/** Progress of one release as stored (a row of the release list). */
export function useStoredReleaseProgress(releaseId: ReleaseId) {
  const store = useStore();
  return useLiveQuery(() => store.releaseProgress(releaseId), [store, releaseId]);
}

/** Progress in the active releases, per customer and per cluster (FV-006, sort by progress). */
export function useActiveProgress() {
  const { db } = useReadModel().local;
  return useLiveQuery(() => readActiveProgress(db), [db]);
}

/** What runs where (IV-01..IV-05); re-read when a release, the catalog or a step changes. */
export function useInventory() {
  const { db } = useReadModel().local;
  return useLiveQuery(() => readInventory(db), [db]);
}

/** The releases a customer took part in, with its progress in each (FM-005). */
export function useCustomerReleases(customer: Customer | null | undefined) {
  const { db } = useReadModel().local;
  return useLiveQuery(
    () => (customer ? readCustomerReleases(db, customer) : Promise.resolve([])),
    [db, customer],
  );
}

export interface ActivityLine {
  event: HistoryEvent;
  release: string;
  customer: { name: string; namespace: string; clusterName: string | null } | null;
  step: string | null;
}

const unique = <T>(values: (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined)),
];

/**
 * Recent activity as lines (FV-001): what happened to steps, newest first, each with the
 * names of its release, customer (cluster / namespace) and step. Names of the catalog come from the
 * catalog, step names from the stored templates and custom steps, so a rename shows at once.
 */
export function useRecentActivity(limit: number): ActivityLine[] | undefined {
  const store = useStore();
  const { db } = useReadModel().local;
  const { catalog, version } = useCatalog();
  const events = useLiveQuery(async () => {
    // Only what happened to steps: FV-001's activity is "customer - step - action".
    const recent = (await store.recentActivity({ limit: limit * 3 })).filter((e) => e.stepId).slice(0, limit);
    const releaseIds = unique<ReleaseId>(recent.map((e) => e.releaseId));
    const customKeys = unique(
      recent
        .filter((e) => !e.templateId)
        .map((e) => `${e.releaseId}\u0000${bucketOf(e.customerId ?? UNKNOWN_CUSTOMER)}`),
    ).map((key) => {
      const [releaseId, bucket] = key.split('\u0000');
      return [releaseId, Number(bucket)] as [ReleaseId, number];
    });
    const [heads, stepPacks] = await Promise.all([
      db.releaseHeads.bulkGet(releaseIds),
      db.stepPacks.bulkGet(customKeys),
    ]);
    const names = new Map<TemplateId | StepId, string>();
    for (const row of heads) {
      if (row) for (const t of Object.values(headOf(row).templates)) names.set(t.id, t.name);
    }
    for (const row of stepPacks) {
      if (row) for (const s of Object.values(bucketStepsOf(row).customSteps)) names.set(s.id, s.name);
    }
    return recent.map((event) => ({
      event,
      step:
        (event.templateId ? names.get(event.templateId) : undefined) ??
        (event.stepId ? names.get(event.stepId) : undefined) ??
        event.detail.name ??
        null,
    }));
  }, [store, db, limit]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable catalog.
  return useMemo(
    () =>
      events?.map(({ event, step }): ActivityLine => {
        const release = catalog.releases[event.releaseId];
        const customer = event.customerId ? catalog.customers[event.customerId] : undefined;
        return {
          event,
          release: release ? (release.versionNumber ?? release.name) : event.releaseId,
          customer: customer
            ? {
                name: customer.name,
                namespace: customer.namespace,
                clusterName: catalog.clusters[customer.clusterId]?.name ?? null,
              }
            : null,
          step,
        };
      }),
    [events, catalog, version],
  );
}

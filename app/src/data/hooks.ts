/**
 * React hooks over the Dexie projection for the views: each re-renders when the tables it read change
 * (dexie-react-hooks' useLiveQuery), local and remote changes alike. While the first read is running a
 * hook returns undefined: render what there is, never block (DESIGN.md "Keep a release small").
 */

import type { ReadStore, RecentActivityOptions } from '@runsheet/doc';
import type {
  CustomerId,
  GroupOptions,
  MatrixOptions,
  ProgressOptions,
  ReleaseId,
  StepId,
} from '@runsheet/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext } from 'react';

/** The store the hooks read; the app provides the Dexie one (dexieStore(localData.db)). */
export const ReadStoreContext = createContext<ReadStore | null>(null);

export function useReadStore(): ReadStore {
  const store = useContext(ReadStoreContext);
  if (!store) throw new Error('useReadStore needs a <ReadStoreContext.Provider> above it');
  return store;
}

export function useCustomersByCluster(options: GroupOptions = {}) {
  const store = useReadStore();
  const { clusterId, includeArchived } = options;
  const ids = options.customerIds ? [...options.customerIds] : undefined;
  return useLiveQuery(
    () => store.customersByCluster({ clusterId, includeArchived, customerIds: ids }),
    [store, clusterId, includeArchived, ids?.join(',')],
  );
}

export function useCustomerSteps(releaseId: ReleaseId, customerId: CustomerId) {
  const store = useReadStore();
  return useLiveQuery(() => store.customerSteps(releaseId, customerId), [store, releaseId, customerId]);
}

export function useReleaseMatrix(releaseId: ReleaseId, options: MatrixOptions = {}) {
  const store = useReadStore();
  const { clusterId, includeArchivedCustomers } = options;
  return useLiveQuery(
    () => store.releaseMatrix(releaseId, { clusterId, includeArchivedCustomers }),
    [store, releaseId, clusterId, includeArchivedCustomers],
  );
}

export function useReleaseProgress(releaseId: ReleaseId, options: ProgressOptions = {}) {
  const store = useReadStore();
  const { includeArchivedCustomers } = options;
  return useLiveQuery(
    () => store.releaseProgress(releaseId, { includeArchivedCustomers }),
    [store, releaseId, includeArchivedCustomers],
  );
}

export function useStepTimeline(releaseId: ReleaseId, stepId: StepId) {
  const store = useReadStore();
  return useLiveQuery(() => store.stepTimeline(releaseId, stepId), [store, releaseId, stepId]);
}

export function useRecentActivity(options: RecentActivityOptions = {}) {
  const store = useReadStore();
  const { limit } = options;
  const releaseIds = options.releaseIds?.join(',');
  return useLiveQuery(
    () =>
      store.recentActivity({
        limit,
        releaseIds: releaseIds ? (releaseIds.split(',') as ReleaseId[]) : undefined,
      }),
    [store, limit, releaseIds],
  );
}

/**
 * The ReadStore over plain state: the domain views applied to a Workspace's mirrored state. The
 * reference the Dexie projection is measured against, and what the server can answer reads with.
 */
import {
  type DomainState,
  groupCustomersByCluster,
  recentActivity,
  releaseProgress,
  resolveCustomerSteps,
  stepHistory,
  stepStatusMatrix,
} from '@runsheet/domain';
import type { ReadStore } from './read-store.ts';

export function memoryStore(state: () => DomainState): ReadStore {
  return {
    customersByCluster: async (options) => groupCustomersByCluster(state().catalog, options),
    customerSteps: async (releaseId, customerId) => resolveCustomerSteps(state(), releaseId, customerId),
    releaseMatrix: async (releaseId, options) => stepStatusMatrix(state(), releaseId, options),
    releaseProgress: async (releaseId, options) => releaseProgress(state(), releaseId, options),
    stepTimeline: async (releaseId, stepId) => stepHistory(state(), releaseId, stepId),
    recentActivity: async (options) => recentActivity(state(), options),
  };
}

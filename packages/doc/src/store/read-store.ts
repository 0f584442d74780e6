/**
 * The queries the views need, as one interface with two implementations: the in-memory store (plain
 * state + domain views, used by the server and tests) and the Dexie projection (the app). Both answer
 * with exactly what the domain views return; the store contract suite holds them to that.
 */
import type {
  CustomerId,
  CustomerStep,
  CustomersOfCluster,
  GroupOptions,
  HistoryEvent,
  MatrixOptions,
  ProgressOptions,
  ReleaseId,
  ReleaseProgress,
  StatusMatrix,
  StepId,
  TimelineEntry,
} from '@runsheet/domain';

export interface RecentActivityOptions {
  limit?: number;
  releaseIds?: readonly ReleaseId[];
}

export interface ReadStore {
  /** BR-C03: customers grouped by cluster (domain `groupCustomersByCluster`). */
  customersByCluster(options?: GroupOptions): Promise<CustomersOfCluster[]>;
  /** FV-004: one customer's steps in a release, in execution order (domain `resolveCustomerSteps`). */
  customerSteps(releaseId: ReleaseId, customerId: CustomerId): Promise<CustomerStep[]>;
  /** FV-003: the status matrix of a release (domain `stepStatusMatrix`). */
  releaseMatrix(releaseId: ReleaseId, options?: MatrixOptions): Promise<StatusMatrix>;
  /** FET-005 / PR-03: progress overall, per category, per cluster, per customer (domain `releaseProgress`). */
  releaseProgress(releaseId: ReleaseId, options?: ProgressOptions): Promise<ReleaseProgress>;
  /** A step's history with conflict flags, in document order (domain `stepHistory`). */
  stepTimeline(releaseId: ReleaseId, stepId: StepId): Promise<TimelineEntry[]>;
  /** Newest events first, by time then id (domain `recentActivity`). */
  recentActivity(options?: RecentActivityOptions): Promise<HistoryEvent[]>;
}

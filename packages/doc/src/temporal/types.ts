/**
 * The Temporal mirror as plain data: what the server's bridge read from the release workflows
 * (Release -> Wave -> Cluster -> Bundle -> App, as the Temporal workflows report it, each `entity-type:id`
 * with a state). Read-only for everyone but the bridge: the relay refuses client changes to its room.
 */

import { TEMPORAL_ENTITY_TYPES, type TemporalEntityType } from '@runsheet/domain';

export { TEMPORAL_ENTITY_TYPES, type TemporalEntityType };

/** The type a child of `type` has, or null for an app (the leaves). */
export function childTypeOf(type: TemporalEntityType): TemporalEntityType | null {
  const index = TEMPORAL_ENTITY_TYPES.indexOf(type);
  return TEMPORAL_ENTITY_TYPES[index + 1] ?? null;
}

/** One entity of a release's hierarchy. The release itself is one too (parentId null). */
export interface TemporalEntity {
  id: string;
  type: TemporalEntityType;
  state: string;
  parentId: string | null;
  /** Position among its siblings, as the workflow listed them. */
  index: number;
  /** When it entered this state, if the workflow says. ISO 8601. */
  since: string | null;
}

/**
 * Workflow execution statuses as Temporal names them. A release whose workflow FAILED, was TERMINATED,
 * CANCELLED or TIMED_OUT is shown as such, whatever its last queried state says.
 */
export type WorkflowStatusName =
  | 'RUNNING'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELLED'
  | 'TERMINATED'
  | 'CONTINUED_AS_NEW'
  | 'TIMED_OUT'
  | 'PAUSED'
  | 'UNKNOWN';

/** One release workflow. Keyed by workflow id in the document (stable before the first query answers). */
export interface TemporalReleaseRecord {
  /** The release entity id from the query (`release:…`); `release:<workflowId>` until a query answered. */
  id: string;
  workflowId: string;
  runId: string;
  workflowStatus: WorkflowStatusName;
  /** The release entity's state from the last query; null before any query answered. */
  state: string | null;
  startTime: string | null;
  closeTime: string | null;
  historyLength: number;
  /** When the last query answered (ISO). */
  queriedAt: string | null;
  /** Why the last query failed (the hierarchy shown is then the previous one), else null. */
  queryError: string | null;
  entityCount: number;
  /** Parts of the query answer that could not be read (malformed ids, wrong types, duplicates). */
  problems: string[];
}

/** How current the mirror is. The UI shows it stale when `error` is set or the last success is old. */
export interface TemporalMirrorStatus {
  /** Last time the list of workflows was read completely (ISO), null if never. */
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Why the last attempt failed (Temporal unreachable, ...), null when it succeeded. */
  error: string | null;
  pollMs: number;
  namespace: string | null;
  workflowType: string | null;
}

/** A mirror older than this many poll intervals is stale even without an error (the server may be down). */
export const STALE_AFTER_POLLS = 3;

export function mirrorAgeMs(status: TemporalMirrorStatus, now: number): number | null {
  return status.lastSuccessAt === null ? null : Math.max(0, now - Date.parse(status.lastSuccessAt));
}

export function isMirrorStale(status: TemporalMirrorStatus, now: number): boolean {
  const age = mirrorAgeMs(status, now);
  return status.error !== null || age === null || age > STALE_AFTER_POLLS * Math.max(status.pollMs, 1000);
}

/** Workflow statuses that end a workflow badly: shown as a failure. */
export function isFailedStatus(status: WorkflowStatusName): boolean {
  return status === 'FAILED' || status === 'TERMINATED' || status === 'TIMED_OUT' || status === 'CANCELLED';
}

/**
 * The rows of the queryable projection (Dexie in the app, Maps in tests). They follow the documents'
 * sparse shape (DESIGN.md "Keep a release small"): a template step gets a row only once it has state of
 * its own, a custom step always has one. Rows hold only a step's OWN data, never what it inherits from
 * its template, so a template edit rewrites one template row and no step rows; views resolve a step from
 * template + row when they read (domain `resolve.ts`). Content revisions have their own table, one row
 * per revision (few: one per template edit, override or custom edit), which step rows refer to by id.
 */
import type {
  Cluster,
  ContentRevision,
  Customer,
  CustomerId,
  CustomStep,
  HistoryEvent,
  Participant,
  Release,
  ReleaseId,
  RevId,
  StepId,
  StepState,
  StepStatus,
  StepTemplate,
  TemplateId,
} from '@runsheet/domain';

export interface ParticipantRow extends Participant {
  releaseId: ReleaseId;
}

/** A content revision (immutable, domain ST-09) with its id and release. */
export interface RevisionRow extends ContentRevision {
  id: RevId;
  releaseId: ReleaseId;
}

export interface StepRecordRow {
  id: StepId;
  releaseId: ReleaseId;
  customerId: CustomerId;
  /** The template of a template step; null for a custom step. */
  templateId: TemplateId | null;
  /** The step's own status (pending when it has none): what `[releaseId+status]` indexes. */
  status: StepStatus;
  state: StepState | null;
  custom: CustomStep | null;
}

/**
 * An event with its index in the release's event array: the document order that timelines show. A merge
 * can insert events before others; the projection then rewrites the positions after that point.
 */
export interface EventRow extends HistoryEvent {
  pos: number;
}

/** The event without its projection-only position. */
export function eventOfRow(row: EventRow): HistoryEvent {
  const { pos: _pos, ...event } = row;
  return event;
}

/** Every table of the projection and its row type. */
export interface RowTables {
  clusters: Cluster;
  customers: Customer;
  releases: Release;
  templates: StepTemplate;
  participants: ParticipantRow;
  revisions: RevisionRow;
  stepRecords: StepRecordRow;
  events: EventRow;
}
export type TableName = keyof RowTables;

export const TABLE_NAMES: readonly TableName[] = [
  'clusters',
  'customers',
  'releases',
  'templates',
  'participants',
  'revisions',
  'stepRecords',
  'events',
];

/** The primary key of a row: its id, or [releaseId, customerId] for participants. */
export type RowKey = string | [ReleaseId, CustomerId];

export function rowKey<T extends TableName>(table: T, row: RowTables[T]): RowKey {
  if (table === 'participants') {
    const p = row as ParticipantRow;
    return [p.releaseId, p.customerId];
  }
  return (row as { id: string }).id;
}

/** A set of writes to the projection: rows to put and keys to delete, per table. */
export type RowWrites = {
  [T in TableName]: { put: Array<RowTables[T]>; delete: RowKey[] };
};

export function emptyWrites(): RowWrites {
  return {
    clusters: { put: [], delete: [] },
    customers: { put: [], delete: [] },
    releases: { put: [], delete: [] },
    templates: { put: [], delete: [] },
    participants: { put: [], delete: [] },
    revisions: { put: [], delete: [] },
    stepRecords: { put: [], delete: [] },
    events: { put: [], delete: [] },
  };
}

export function countWrites(writes: RowWrites): number {
  let n = 0;
  for (const table of TABLE_NAMES) n += writes[table].put.length + writes[table].delete.length;
  return n;
}

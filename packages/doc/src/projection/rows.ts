/**
 * The rows of the queryable projection (Dexie in the app, Maps in tests). The catalog's entities and a
 * release's content revisions (immutable, written once) get a row each. A release's templates are one
 * packed row (pack-codec.ts), and what grows with a release is packed too: one row per customer of a
 * release (its participation, its steps' own state, its custom steps) and one row per EVENT_CHUNK
 * events of its history. A finished release of 1,000 customers x 50 steps is then about 1,200 rows
 * instead of 100,000, and the first paint of its matrix reads them with two range queries.
 *
 * Rows hold only what the documents hold (a step's OWN data, never what it inherits from its template),
 * so a template edit rewrites one template row and no step rows; views resolve a step from template +
 * state when they read (domain `resolve.ts`). The projection can be dropped and rebuilt from the
 * documents at any time.
 */
import type {
  Cluster,
  ContentRevision,
  Customer,
  CustomerId,
  CustomStep,
  Participant,
  Release,
  ReleaseId,
  RevId,
  StepId,
  StepState,
} from '@runsheet/domain';

/** How many events one packed history row holds (appending one rewrites at most this many). */
export const EVENT_CHUNK = 512;

/** Where step states go whose custom step record has not arrived yet: their customer is not known. */
export const UNKNOWN_CUSTOMER = '' as const;
export type CustomerKey = CustomerId | typeof UNKNOWN_CUSTOMER;

/** A content revision (immutable, domain ST-09) with its id and release. */
export interface RevisionRow extends ContentRevision {
  id: RevId;
  releaseId: ReleaseId;
}

/** A release's templates (deleted ones too), as `pack(Record<TemplateId, StepTemplate>)`. */
export interface TemplatePackRow {
  releaseId: ReleaseId;
  packed: string;
}

/** What a customer row packs: the step states and custom steps of that customer in that release. */
export interface CustomerSteps {
  stepStates: Record<StepId, StepState>;
  customSteps: Record<StepId, CustomStep>;
}

/**
 * One customer's part of one release. There is a row while the customer takes part, or has a step
 * state or custom step in the release (a merge may bring states before the participant).
 */
export interface CustomerPackRow {
  releaseId: ReleaseId;
  customerId: CustomerKey;
  /** The participant record; null when the customer does not take part. */
  participant: Participant | null;
  /** `pack(CustomerSteps)`. */
  packed: string;
}

/** Events `chunk * EVENT_CHUNK` to `chunk * EVENT_CHUNK + count - 1` of a release's history. */
export interface EventPackRow {
  releaseId: ReleaseId;
  chunk: number;
  count: number;
  /** The newest `at` of its events: recent activity reads chunks newest first and stops early. */
  newestAt: string;
  /** `pack(HistoryEvent[])`, in document order. */
  packed: string;
}

/** Every table of the projection and its row type. */
export interface RowTables {
  clusters: Cluster;
  customers: Customer;
  releases: Release;
  templatePacks: TemplatePackRow;
  revisions: RevisionRow;
  customerPacks: CustomerPackRow;
  eventPacks: EventPackRow;
}
export type TableName = keyof RowTables;

export const TABLE_NAMES: readonly TableName[] = [
  'clusters',
  'customers',
  'releases',
  'templatePacks',
  'revisions',
  'customerPacks',
  'eventPacks',
];

/** The primary key of a row: its id, or [releaseId, customer] / [releaseId, chunk] for packed rows. */
export type RowKey = string | [ReleaseId, CustomerKey] | [ReleaseId, number];

export function rowKey<T extends TableName>(table: T, row: RowTables[T]): RowKey {
  if (table === 'templatePacks') return (row as TemplatePackRow).releaseId;
  if (table === 'customerPacks') {
    const r = row as CustomerPackRow;
    return [r.releaseId, r.customerId];
  }
  if (table === 'eventPacks') {
    const r = row as EventPackRow;
    return [r.releaseId, r.chunk];
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
    templatePacks: { put: [], delete: [] },
    revisions: { put: [], delete: [] },
    customerPacks: { put: [], delete: [] },
    eventPacks: { put: [], delete: [] },
  };
}

export function countWrites(writes: RowWrites): number {
  let n = 0;
  for (const table of TABLE_NAMES) n += writes[table].put.length + writes[table].delete.length;
  return n;
}

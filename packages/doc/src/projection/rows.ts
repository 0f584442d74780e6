/**
 * The rows of the queryable projection (Dexie in the app, Maps in tests). The catalog's entities and a
 * release's content revisions (immutable, written once) get a row each. A release's small parts (its
 * templates, its waves and who is in them: every part of its plain state but those below) are one
 * packed row, its head (pack-codec.ts). What grows with a release is packed too: its customers fall into
 * STEP_BUCKETS buckets by a hash of their id, and each bucket is one row (those customers'
 * participation, their steps' own state, their custom steps); its history is one row per EVENT_CHUNK
 * events. A finished release of 1,000 customers x 50 steps is then about 200 rows instead of 100,000.
 *
 * Why buckets and not a row per customer: measured in Chromium for 50,000 done steps, reading 1,000
 * rows took 95-110 ms and unpacking them 60-110 ms; 64 rows of 16 customers took 21-23 ms and 48-57 ms
 * (one row: 27-35 ms and 66-86 ms). A step change rewrites one bucket: about 800 step states.
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
  ReleaseState,
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

/** The parts of a release's plain state that have rows of their own; the rest is its head. */
export const SPLIT_PARTS: ReadonlySet<string> = new Set([
  'releaseId',
  'participants',
  'customSteps',
  'stepStates',
  'revisions',
  'events',
]);

/**
 * The head of a release: every other part of its plain state (templates, deleted ones too; waves;
 * wave members; and whatever part a later version adds, with no change here).
 */
export type ReleaseHead = Omit<
  ReleaseState,
  'releaseId' | 'participants' | 'customSteps' | 'stepStates' | 'revisions' | 'events'
>;

/** A release's head, as `pack(ReleaseHead)`. */
export interface HeadPackRow {
  releaseId: ReleaseId;
  packed: string;
}

/** How many buckets a release's customers are spread over (each bucket is one row). */
export const STEP_BUCKETS = 64;

/** The bucket of a customer: FNV-1a of its id, so every replica puts it in the same one. */
export function bucketOf(customer: CustomerKey): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customer.length; i++) {
    hash ^= customer.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % STEP_BUCKETS;
}

/** What a bucket row packs: the participants, step states and custom steps of its customers. */
export interface BucketSteps {
  participants: Record<CustomerId, Participant>;
  stepStates: Record<StepId, StepState>;
  customSteps: Record<StepId, CustomStep>;
}

/**
 * The customers of one bucket of one release. There is a row while one of them takes part, or has a
 * step state or custom step in the release (a merge may bring states before the participant).
 */
export interface StepPackRow {
  releaseId: ReleaseId;
  bucket: number;
  /** `packBucket(BucketSteps)` (packed-rows.ts). */
  packed: string;
}

/** Events `chunk * EVENT_CHUNK` to `chunk * EVENT_CHUNK + count - 1` of a release's history. */
export interface EventPackRow {
  releaseId: ReleaseId;
  chunk: number;
  count: number;
  /** The newest `at` of its events: recent activity reads chunks newest first and stops early. */
  newestAt: string;
  /** `packEvents(HistoryEvent[])` (packed-rows.ts), in document order. */
  packed: string;
}

/** Every table of the projection and its row type. */
export interface RowTables {
  clusters: Cluster;
  customers: Customer;
  releases: Release;
  releaseHeads: HeadPackRow;
  revisions: RevisionRow;
  stepPacks: StepPackRow;
  eventPacks: EventPackRow;
}
export type TableName = keyof RowTables;

export const TABLE_NAMES: readonly TableName[] = [
  'clusters',
  'customers',
  'releases',
  'releaseHeads',
  'revisions',
  'stepPacks',
  'eventPacks',
];

/** The primary key of a row: its id, or [releaseId, bucket] / [releaseId, chunk] for packed rows. */
export type RowKey = string | [ReleaseId, number];

export function rowKey<T extends TableName>(table: T, row: RowTables[T]): RowKey {
  if (table === 'releaseHeads') return (row as HeadPackRow).releaseId;
  if (table === 'stepPacks') {
    const r = row as StepPackRow;
    return [r.releaseId, r.bucket];
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
    releaseHeads: { put: [], delete: [] },
    revisions: { put: [], delete: [] },
    stepPacks: { put: [], delete: [] },
    eventPacks: { put: [], delete: [] },
  };
}

export function countWrites(writes: RowWrites): number {
  let n = 0;
  for (const table of TABLE_NAMES) n += writes[table].put.length + writes[table].delete.length;
  return n;
}

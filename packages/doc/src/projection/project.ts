/**
 * From documents to projection rows: all of them (rebuild), or only what change sets named (the
 * incremental path that local commands and remote updates share). Pure: the state in, rows out.
 */
import {
  type CatalogState,
  type CustomerId,
  type DomainState,
  type HistoryEvent,
  type Participant,
  parseTemplateStepId,
  type ReleaseId,
  type ReleaseState,
  type RevId,
  type StepId,
} from '@runsheet/domain';
import type { DocChanges, ReleaseChanges } from '../changes.ts';
import { CustomerIndex, customerKeyOf } from './customer-index.ts';
import { pack } from './pack-codec.ts';
import { packBucket, packEvents } from './packed-rows.ts';
import {
  type BucketSteps,
  bucketOf,
  type CustomerKey,
  EVENT_CHUNK,
  type EventPackRow,
  emptyWrites,
  type HeadPackRow,
  type RevisionRow,
  type RowKey,
  type RowWrites,
  SPLIT_PARTS,
  STEP_BUCKETS,
  type StepPackRow,
  UNKNOWN_CUSTOMER,
} from './rows.ts';

/** The row of a revision, or undefined when the document does not hold it. */
export function revisionRow(release: ReleaseState, id: RevId): RevisionRow | undefined {
  const rev = release.revisions[id];
  return rev ? { ...rev, id, releaseId: release.releaseId } : undefined;
}

/**
 * The packed row of one bucket of a release: its customers' participation, step states and custom
 * steps; null when none of them takes part or has a step. Records go in id order, so a rebuild and
 * every replica pack the same text.
 */
export function stepPackRow(release: ReleaseState, bucket: number, index: CustomerIndex): StepPackRow | null {
  const steps: BucketSteps = { participants: {}, stepStates: {}, customSteps: {} };
  let any = false;
  for (const id of (Object.keys(release.participants) as CustomerId[]).sort()) {
    if (bucketOf(id) !== bucket) continue;
    steps.participants[id] = release.participants[id] as Participant;
    any = true;
  }
  const stepIds: StepId[] = [];
  for (const customer of index.customersIn(bucket)) for (const id of index.steps(customer)) stepIds.push(id);
  for (const id of stepIds.sort()) {
    const state = release.stepStates[id];
    const custom = release.customSteps[id];
    if (state) steps.stepStates[id] = state;
    if (custom) steps.customSteps[id] = custom;
    any ||= state !== undefined || custom !== undefined;
  }
  return any ? { releaseId: release.releaseId, bucket, packed: packBucket(steps) } : null;
}

/** The packed head of a release (its parts without rows of their own); null when they are all empty. */
export function headPackRow(release: ReleaseState): HeadPackRow | null {
  const head: Record<string, unknown> = {};
  let any = false;
  for (const [part, value] of Object.entries(release)) {
    if (SPLIT_PARTS.has(part)) continue;
    head[part] = value;
    any ||= typeof value !== 'object' || value === null || Object.keys(value).length > 0;
  }
  // pack() sorts keys at every level: replicas iterate a Y.Map in different orders, and every replica
  // must pack the same text.
  return any ? { releaseId: release.releaseId, packed: pack(head) } : null;
}

/** The packed row of the `chunk`-th EVENT_CHUNK events of a release; null past its last event. */
export function eventPackRow(release: ReleaseState, chunk: number): EventPackRow | null {
  const events = release.events.slice(chunk * EVENT_CHUNK, (chunk + 1) * EVENT_CHUNK);
  if (events.length === 0) return null;
  let newestAt = '';
  for (const e of events) if (e.at > newestAt) newestAt = e.at;
  return { releaseId: release.releaseId, chunk, count: events.length, newestAt, packed: packEvents(events) };
}

export function catalogRows(catalog: CatalogState, into: RowWrites = emptyWrites()): RowWrites {
  into.clusters.put.push(...Object.values(catalog.clusters));
  into.customers.put.push(...Object.values(catalog.customers));
  into.releases.put.push(...Object.values(catalog.releases));
  return into;
}

export function releaseRows(release: ReleaseState, into: RowWrites = emptyWrites()): RowWrites {
  const head = headPackRow(release);
  if (head) into.releaseHeads.put.push(head);
  for (const id of Object.keys(release.revisions) as RevId[]) {
    const row = revisionRow(release, id);
    if (row) into.revisions.put.push(row);
  }
  const index = new CustomerIndex(release);
  for (let bucket = 0; bucket < STEP_BUCKETS; bucket++) {
    const row = stepPackRow(release, bucket, index);
    if (row) into.stepPacks.put.push(row);
  }
  for (let chunk = 0; chunk * EVENT_CHUNK < release.events.length; chunk++) {
    into.eventPacks.put.push(eventPackRow(release, chunk) as EventPackRow);
  }
  return into;
}

/** Every row the projection should hold for these documents. */
export function allRows(state: DomainState): RowWrites {
  const writes = catalogRows(state.catalog);
  for (const release of Object.values(state.releases)) releaseRows(release, writes);
  return writes;
}

/** Parts of a change set that are not ids of a head part. */
const NOT_HEAD = new Set(['kind', 'releaseId', 'origin', 'local', ...SPLIT_PARTS]);

interface DirtyRelease {
  participants: Set<CustomerId>;
  /** A part of the head changed (templates, waves, wave members, or a part added later). */
  head: boolean;
  revisions: Set<RevId>;
  steps: Set<StepId>;
  events: ReleaseChanges['events'];
}

/**
 * Ids touched since the last flush, per document. Change sets are coalesced here and turned into rows
 * at flush time from the state as it is then, so a burst of edits to one bucket of customers writes its row once.
 */
export class DirtySet {
  private catalog = {
    clusters: new Set<string>(),
    customers: new Set<string>(),
    releases: new Set<string>(),
  };
  private releases = new Map<ReleaseId, DirtyRelease>();
  /** Per open release state (a reopened release is a new object, so it gets a fresh index). */
  private readonly indexes = new WeakMap<ReleaseState, CustomerIndex>();

  get isEmpty(): boolean {
    return (
      this.releases.size === 0 &&
      this.catalog.clusters.size + this.catalog.customers.size + this.catalog.releases.size === 0
    );
  }

  add(changes: DocChanges): void {
    if (changes.kind === 'catalog') {
      for (const id of changes.clusters) this.catalog.clusters.add(id);
      for (const id of changes.customers) this.catalog.customers.add(id);
      for (const id of changes.releases) this.catalog.releases.add(id);
      return;
    }
    let dirty = this.releases.get(changes.releaseId);
    if (!dirty) {
      dirty = {
        participants: new Set(),
        head: false,
        revisions: new Set(),
        steps: new Set(),
        events: [],
      };
      this.releases.set(changes.releaseId, dirty);
    }
    for (const id of changes.participants) dirty.participants.add(id);
    for (const [part, ids] of Object.entries(changes)) {
      if (!NOT_HEAD.has(part) && Array.isArray(ids) && ids.length > 0) dirty.head = true;
    }
    for (const id of changes.revisions) dirty.revisions.add(id);
    for (const id of changes.stepStates) dirty.steps.add(id);
    for (const id of changes.customSteps) dirty.steps.add(id);
    for (const event of changes.events) dirty.events.push(event);
  }

  /** The rows for everything touched, read from `state`; empties the set. */
  take(state: DomainState): RowWrites {
    const writes = emptyWrites();
    const { catalog } = state;
    for (const id of this.catalog.clusters) putOrDelete(writes.clusters, catalog.clusters[id as never], id);
    for (const id of this.catalog.customers)
      putOrDelete(writes.customers, catalog.customers[id as never], id);
    for (const id of this.catalog.releases) putOrDelete(writes.releases, catalog.releases[id as never], id);
    for (const [releaseId, dirty] of this.releases) {
      // A release closed before its flush: its rows were written when it was closed (see the stores).
      const release = state.releases[releaseId];
      if (release) this.releaseWrites(release, dirty, writes);
    }
    this.clear();
    return writes;
  }

  clear(): void {
    this.catalog = { clusters: new Set(), customers: new Set(), releases: new Set() };
    this.releases = new Map();
  }

  private releaseWrites(release: ReleaseState, dirty: DirtyRelease, writes: RowWrites): void {
    const { releaseId } = release;
    if (dirty.head) putOrDelete(writes.releaseHeads, headPackRow(release) ?? undefined, releaseId);
    for (const id of dirty.revisions) putOrDelete(writes.revisions, revisionRow(release, id), id);
    let index = this.indexes.get(release);
    if (!index) {
      index = new CustomerIndex(release);
      this.indexes.set(release, index);
    }
    const touched = new Set<CustomerKey>(dirty.participants);
    for (const id of dirty.steps) {
      index.refile(release, id, touched);
      // A state removed altogether leaves no trace in the index; its row is rewritten all the same.
      touched.add(customerKeyOf(release, id));
      // A custom step's state may have waited in the unknown customer's row for its record.
      if (!parseTemplateStepId(id)) touched.add(UNKNOWN_CUSTOMER);
    }
    const buckets = new Set([...touched].map(bucketOf));
    for (const bucket of [...buckets].sort((a, b) => a - b)) {
      const row = stepPackRow(release, bucket, index);
      if (row) writes.stepPacks.put.push(row);
      else writes.stepPacks.delete.push([releaseId, bucket]);
    }
    eventRowsFrom(release, dirty.events, writes);
  }
}

/**
 * Rows for the chunks that added events fall in, and every chunk after them. Events are usually
 * appended, so the scan from the end stops at once and one chunk is rewritten; an event merged in
 * earlier shifts every later one, and those chunks are rewritten too.
 */
function eventRowsFrom(release: ReleaseState, added: readonly HistoryEvent[], writes: RowWrites): void {
  if (added.length === 0) return;
  const missing = new Set(added.map((e) => e.id));
  const { events } = release;
  let first = events.length;
  for (let i = events.length - 1; i >= 0 && missing.size > 0; i--) {
    const id = (events[i] as HistoryEvent).id;
    if (missing.delete(id)) first = i;
  }
  for (let chunk = Math.floor(first / EVENT_CHUNK); chunk * EVENT_CHUNK < events.length; chunk++) {
    writes.eventPacks.put.push(eventPackRow(release, chunk) as EventPackRow);
  }
}

function putOrDelete<R>(table: { put: R[]; delete: RowKey[] }, row: R | undefined, id: string) {
  if (row === undefined) table.delete.push(id);
  else table.put.push(row);
}

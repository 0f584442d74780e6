/**
 * From documents to projection rows: all of them (rebuild), or only what change sets named (the
 * incremental path that local commands and remote updates share). Pure: the state in, rows out.
 */
import {
  type CatalogState,
  type CustomerId,
  type DomainState,
  type HistoryEvent,
  parseTemplateStepId,
  type ReleaseId,
  type ReleaseState,
  type RevId,
  type StepId,
} from '@runsheet/domain';
import type { DocChanges } from '../changes.ts';
import { emptyWrites, type RevisionRow, type RowWrites, type StepRecordRow } from './rows.ts';

/** The row of a revision, or undefined when the document does not hold it. */
export function revisionRow(release: ReleaseState, id: RevId): RevisionRow | undefined {
  const rev = release.revisions[id];
  return rev ? { ...rev, id, releaseId: release.releaseId } : undefined;
}

/** The row of a step's own data, or null when it has none (or its custom record has not arrived yet). */
export function stepRecordRow(release: ReleaseState, stepId: StepId): StepRecordRow | null {
  const state = release.stepStates[stepId] ?? null;
  const custom = release.customSteps[stepId] ?? null;
  const pair = parseTemplateStepId(stepId);
  let customerId: CustomerId;
  if (custom) customerId = custom.customerId;
  else if (pair && state) customerId = pair.customerId;
  else return null;
  return {
    id: stepId,
    releaseId: release.releaseId,
    customerId,
    templateId: custom ? null : (pair?.templateId ?? null),
    status: state?.status ?? 'pending',
    state,
    custom,
  };
}

export function catalogRows(catalog: CatalogState, into: RowWrites = emptyWrites()): RowWrites {
  into.clusters.put.push(...Object.values(catalog.clusters));
  into.customers.put.push(...Object.values(catalog.customers));
  into.releases.put.push(...Object.values(catalog.releases));
  return into;
}

export function releaseRows(release: ReleaseState, into: RowWrites = emptyWrites()): RowWrites {
  const { releaseId } = release;
  for (const template of Object.values(release.templates)) into.templates.put.push(template);
  for (const p of Object.values(release.participants)) into.participants.put.push({ ...p, releaseId });
  for (const id of Object.keys(release.revisions) as RevId[]) {
    const row = revisionRow(release, id);
    if (row) into.revisions.put.push(row);
  }
  const stepIds = new Set<StepId>([
    ...(Object.keys(release.stepStates) as StepId[]),
    ...(Object.keys(release.customSteps) as StepId[]),
  ]);
  for (const id of stepIds) {
    const row = stepRecordRow(release, id);
    if (row) into.stepRecords.put.push(row);
  }
  release.events.forEach((event, pos) => {
    into.events.put.push({ ...event, pos });
  });
  return into;
}

/** Every row the projection should hold for these documents. */
export function allRows(state: DomainState): RowWrites {
  const writes = catalogRows(state.catalog);
  for (const release of Object.values(state.releases)) releaseRows(release, writes);
  return writes;
}

/**
 * Ids touched since the last flush, per document. Change sets are coalesced here and turned into rows
 * at flush time from the state as it is then, so a burst of edits to one step writes its row once.
 */
export class DirtySet {
  private catalog = {
    clusters: new Set<string>(),
    customers: new Set<string>(),
    releases: new Set<string>(),
  };
  private releases = new Map<
    ReleaseId,
    {
      participants: Set<string>;
      templates: Set<string>;
      revisions: Set<RevId>;
      steps: Set<StepId>;
      events: DocChangesEvents;
    }
  >();

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
        templates: new Set(),
        revisions: new Set(),
        steps: new Set(),
        events: [],
      };
      this.releases.set(changes.releaseId, dirty);
    }
    for (const id of changes.participants) dirty.participants.add(id);
    for (const id of changes.templates) dirty.templates.add(id);
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
      if (!release) continue;
      for (const id of dirty.templates) putOrDelete(writes.templates, release.templates[id as never], id);
      for (const id of dirty.participants) {
        const p = release.participants[id as CustomerId];
        if (p) writes.participants.put.push({ ...p, releaseId });
        else writes.participants.delete.push([releaseId, id as CustomerId]);
      }
      for (const id of dirty.revisions) putOrDelete(writes.revisions, revisionRow(release, id), id);
      for (const id of dirty.steps)
        putOrDelete(writes.stepRecords, stepRecordRow(release, id) ?? undefined, id);
      eventRowsFrom(release, dirty.events, writes);
    }
    this.clear();
    return writes;
  }

  clear(): void {
    this.catalog = { clusters: new Set(), customers: new Set(), releases: new Set() };
    this.releases = new Map();
  }
}

type DocChangesEvents = Extract<DocChanges, { kind: 'release' }>['events'];

/**
 * Rows for added events with their positions. Events are usually appended, so the scan from the end
 * stops at once; an event merged in earlier shifts every later one, and those rows are rewritten too.
 */
function eventRowsFrom(release: ReleaseState, added: DocChangesEvents, writes: RowWrites): void {
  if (added.length === 0) return;
  const missing = new Set(added.map((e) => e.id));
  const { events } = release;
  let first = events.length;
  for (let i = events.length - 1; i >= 0 && missing.size > 0; i--) {
    const id = (events[i] as HistoryEvent).id;
    if (missing.delete(id)) first = i;
  }
  for (let pos = first; pos < events.length; pos++) {
    writes.events.put.push({ ...(events[pos] as HistoryEvent), pos });
  }
}

function putOrDelete<R>(
  table: { put: R[]; delete: Array<string | [ReleaseId, CustomerId]> },
  row: R | undefined,
  id: string,
) {
  if (row === undefined) table.delete.push(id);
  else table.put.push(row);
}

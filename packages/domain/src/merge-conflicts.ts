/**
 * Clashes that a merge can bring and a command could not prevent (MR-03..MR-06). The merge itself is
 * deterministic (Yjs: last writer per field); this module finds what a person should look at, with the
 * ids involved and the ways to resolve it. Nothing is dropped: the losing action stays in the history.
 *
 * - Catalog duplicates (BR-C02, BR-M01) and a customer active in an archived cluster (BR-C01) are listed
 *   while the data says so; renaming, moving or archiving resolves them.
 * - Rollout clashes (MR-08, MR-09) are found in rollout-conflicts.ts.
 * - Step and template clashes come from the history: two events of one subject that were made apart
 *   (neither is an ancestor of the other, see history.ts) and disagree. They stay listed until a
 *   `conflict-reviewed` event names the conflict id. The id contains the event ids, so a new clash on the
 *   same step is listed again.
 */
import type { HistoryEvent } from './entities/step-event.ts';
import type { StepStatus } from './enums.ts';
import { areConcurrent, eventsBySubject } from './history.ts';
import type { ClusterId, CustomerId, EventId, ReleaseId, StepId, TemplateId } from './ids.ts';
import type { Resolution } from './resolution.ts';
import { statusOf } from './resolve.ts';
import { type RolloutConflict, rolloutConflicts } from './rollout-conflicts.ts';
import type { CatalogState, DomainState, ReleaseState } from './state.ts';
import { nameKey } from './validation.ts';

export type { Resolution } from './resolution.ts';

export type Conflict =
  | {
      kind: 'duplicate-cluster-name';
      id: string;
      name: string;
      clusterIds: ClusterId[];
      resolutions: Resolution[];
    }
  | {
      kind: 'duplicate-namespace';
      id: string;
      clusterId: ClusterId;
      namespace: string;
      customerIds: CustomerId[];
      resolutions: Resolution[];
    }
  | {
      kind: 'customer-in-archived-cluster';
      id: string;
      customerId: CustomerId;
      clusterId: ClusterId;
      resolutions: Resolution[];
    }
  | {
      kind: 'status-conflict';
      id: string;
      releaseId: ReleaseId;
      stepId: StepId;
      customerId: CustomerId | null;
      /** The status the merge kept (the current one). */
      current: StepStatus;
      /** The events that agree with the current status (the deterministic winner). */
      winnerEventIds: EventId[];
      /** The events whose outcome lost; they stay in the history, flagged. */
      flaggedEventIds: EventId[];
      resolutions: Resolution[];
    }
  | {
      kind: 'edit-vs-done';
      id: string;
      releaseId: ReleaseId;
      stepId: StepId;
      customerId: CustomerId | null;
      /** Override / reset / custom edit made while the step was being marked done elsewhere. */
      editEventIds: EventId[];
      doneEventIds: EventId[];
      resolutions: Resolution[];
    }
  | {
      kind: 'edit-of-deleted-template';
      id: string;
      releaseId: ReleaseId;
      templateId: TemplateId;
      editEventIds: EventId[];
      deleteEventIds: EventId[];
      resolutions: Resolution[];
    }
  | RolloutConflict;

export type ConflictKind = Conflict['kind'];

const STATUS_KINDS = new Set(['done', 'skipped', 'reverted', 'reopened']);
const CONTENT_EDIT_KINDS = new Set(['overridden', 'reset-to-template', 'custom-edited', 'custom-deleted']);

const sorted = <T extends string>(ids: Iterable<T>): T[] => [...new Set(ids)].sort();

/** MR-04: active clusters whose names are equal ignoring case and surrounding spaces. */
function duplicateClusterNames(state: DomainState): Conflict[] {
  const byName = new Map<string, ClusterId[]>();
  for (const c of Object.values(state.catalog.clusters)) {
    if (!c.isActive) continue;
    const key = nameKey(c.name);
    const ids = byName.get(key);
    if (ids) ids.push(c.id);
    else byName.set(key, [c.id]);
  }
  const out: Conflict[] = [];
  for (const [name, ids] of byName) {
    if (ids.length < 2) continue;
    const clusterIds = sorted(ids);
    out.push({
      kind: 'duplicate-cluster-name',
      id: `duplicate-cluster-name:${clusterIds.join(',')}`,
      name,
      clusterIds,
      resolutions: [
        { command: 'updateCluster', label: 'Rename one of the clusters' },
        { command: 'archiveCluster', label: 'Archive one of the clusters' },
      ],
    });
  }
  return out;
}

/** MR-04: active customers sharing a namespace in one cluster; MR-05: active customers of archived clusters. */
function customerConflicts(state: DomainState): Conflict[] {
  const byNamespace = new Map<string, CustomerId[]>();
  const out: Conflict[] = [];
  for (const c of Object.values(state.catalog.customers)) {
    if (!c.isActive) continue;
    const key = `${c.clusterId}\u0000${c.namespace}`;
    const ids = byNamespace.get(key);
    if (ids) ids.push(c.id);
    else byNamespace.set(key, [c.id]);
    const cluster = state.catalog.clusters[c.clusterId];
    if (cluster && !cluster.isActive) {
      out.push({
        kind: 'customer-in-archived-cluster',
        id: `customer-in-archived-cluster:${c.id}`,
        customerId: c.id,
        clusterId: c.clusterId,
        resolutions: [
          { command: 'restoreCluster', label: 'Restore the cluster' },
          { command: 'moveCustomer', label: 'Move the customer to another cluster' },
          { command: 'archiveCustomer', label: 'Archive the customer' },
        ],
      });
    }
  }
  for (const [key, ids] of byNamespace) {
    if (ids.length < 2) continue;
    const [clusterId, namespace] = key.split('\u0000') as [ClusterId, string];
    const customerIds = sorted(ids);
    out.push({
      kind: 'duplicate-namespace',
      id: `duplicate-namespace:${customerIds.join(',')}`,
      clusterId,
      namespace,
      customerIds,
      resolutions: [
        { command: 'updateCustomer', label: 'Give one customer another namespace' },
        { command: 'moveCustomer', label: 'Move one customer to another cluster' },
        { command: 'archiveCustomer', label: 'Archive one of the customers' },
      ],
    });
  }
  return out;
}

/** Pairs of concurrent events (a from `as`, b from `bs`) that `clash`. */
function concurrentPairs(
  as: readonly HistoryEvent[],
  bs: readonly HistoryEvent[],
  byId: ReadonlyMap<string, HistoryEvent>,
  clash: (a: HistoryEvent, b: HistoryEvent) => boolean,
): [HistoryEvent, HistoryEvent][] {
  const out: [HistoryEvent, HistoryEvent][] = [];
  for (const a of as) {
    for (const b of bs) {
      if (as === bs && a.id >= b.id) continue; // one list: each unordered pair once
      if (a.id !== b.id && clash(a, b) && areConcurrent(a, b, byId)) out.push([a, b]);
    }
  }
  return out;
}

function reviewedIds(events: readonly HistoryEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) if (e.kind === 'conflict-reviewed' && e.detail.conflict) out.add(e.detail.conflict);
  return out;
}

function stepConflicts(doc: ReleaseState, stepId: StepId, events: HistoryEvent[]): Conflict[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  const status = events.filter((e) => STATUS_KINDS.has(e.kind));
  const edits = events.filter((e) => CONTENT_EDIT_KINDS.has(e.kind));
  const out: Conflict[] = [];
  const customerId = events[0]?.customerId ?? null;

  // MR-03: made apart, different outcomes. The merged status is the winner; the others are flagged.
  const statusPairs = concurrentPairs(status, status, byId, (a, b) => a.to !== b.to);
  if (statusPairs.length > 0) {
    const involved = new Map<string, HistoryEvent>();
    for (const [a, b] of statusPairs) {
      involved.set(a.id, a);
      involved.set(b.id, b);
    }
    const current = statusOf(doc.stepStates[stepId]);
    const ids = sorted([...involved.keys()]) as EventId[];
    out.push({
      kind: 'status-conflict',
      id: `status-conflict:${stepId}:${ids.join(',')}`,
      releaseId: doc.releaseId,
      stepId,
      customerId,
      current,
      winnerEventIds: ids.filter((id) => involved.get(id)?.to === current),
      flaggedEventIds: ids.filter((id) => involved.get(id)?.to !== current),
      resolutions: [
        { command: 'reviewConflict', label: `Keep "${current}"` },
        ...(current === 'done'
          ? [{ command: 'revertStep', label: 'Revert it' } as const]
          : [{ command: 'markDone', label: 'Mark it done' } as const]),
      ],
    });
  }

  // MR-02: content changed here while the step was executed there. The execution keeps its content.
  const editPairs = concurrentPairs(edits, status, byId, (_edit, s) => s.kind === 'done');
  if (editPairs.length > 0) {
    const editIds = sorted(editPairs.map(([e]) => e.id)) as EventId[];
    const doneIds = sorted(editPairs.map(([, d]) => d.id)) as EventId[];
    out.push({
      kind: 'edit-vs-done',
      id: `edit-vs-done:${stepId}:${[...editIds, ...doneIds].join(',')}`,
      releaseId: doc.releaseId,
      stepId,
      customerId,
      editEventIds: editIds,
      doneEventIds: doneIds,
      resolutions: [
        { command: 'reviewConflict', label: 'Keep the executed content' },
        { command: 'revertStep', label: 'Revert it, then reopen it to run the edited content' },
      ],
    });
  }
  return out;
}

function templateConflicts(doc: ReleaseState, templateId: TemplateId, events: HistoryEvent[]): Conflict[] {
  const deletes = events.filter((e) => e.kind === 'template-deleted');
  if (deletes.length === 0 || doc.templates[templateId]?.deletedAt === null) return [];
  const edits = events.filter((e) => e.kind === 'template-edited' || e.kind === 'templates-reordered');
  const byId = new Map(events.map((e) => [e.id, e]));
  const pairs = concurrentPairs(edits, deletes, byId, () => true);
  if (pairs.length === 0) return [];
  const editIds = sorted(pairs.map(([e]) => e.id)) as EventId[];
  const deleteIds = sorted(pairs.map(([, d]) => d.id)) as EventId[];
  return [
    {
      kind: 'edit-of-deleted-template',
      id: `edit-of-deleted-template:${templateId}:${[...editIds, ...deleteIds].join(',')}`,
      releaseId: doc.releaseId,
      templateId,
      editEventIds: editIds,
      deleteEventIds: deleteIds,
      resolutions: [
        { command: 'reviewConflict', label: 'Keep it deleted' },
        { command: 'addTemplate', label: 'Add it again with the edited content' },
      ],
    },
  ];
}

/**
 * The unreviewed step, template and rollout conflicts of one release document. The catalog, when
 * given, also lets it find steps complete in a wave that is closed (MR-09, the gate case).
 */
export function listReleaseConflicts(doc: ReleaseState, catalog?: CatalogState): Conflict[] {
  const reviewed = reviewedIds(doc.events);
  const out: Conflict[] = [];
  for (const [subject, events] of eventsBySubject(doc.events)) {
    if (events.length < 2 || !(subject.startsWith('step:') || subject.startsWith('template:'))) continue;
    const found = subject.startsWith('step:')
      ? stepConflicts(doc, subject as StepId, events)
      : templateConflicts(doc, subject as TemplateId, events);
    for (const c of found) if (!reviewed.has(c.id)) out.push(c);
  }
  for (const c of rolloutConflicts(doc, catalog)) if (!reviewed.has(c.id)) out.push(c);
  return out;
}

/** Every conflict in the catalog and in the loaded release documents, catalog first. */
export function listConflicts(state: DomainState): Conflict[] {
  const out = [...duplicateClusterNames(state), ...customerConflicts(state)];
  const releaseIds = (Object.keys(state.releases) as ReleaseId[]).sort();
  for (const id of releaseIds) {
    const doc = state.releases[id];
    if (doc) out.push(...listReleaseConflicts(doc, state.catalog));
  }
  return out;
}

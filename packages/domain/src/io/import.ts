/**
 * Importing a workspace file: into an empty workspace it is a restore, into a used one a merge. Either
 * way it is ONE command that checks everything first and returns one change (ops on the catalog and on
 * each release document) or a refusal: an import never half-applies (IO-05).
 *
 * Merge rules (IO-06): ids are kept, so the same file twice adds nothing. A record the workspace lacks
 * is added. A record both have is changed field by field to the file's values, unless the workspace's
 * copy is newer (`updatedAt`): then the workspace keeps it and the preview says so. Participants and
 * history events are unions (events of the file the workspace lacks are appended in file order). Fields
 * the workspace has and the file lacks are kept, except in a step state the file replaces: its fields
 * belong together (a status with its reason and snapshot).
 *
 * Precondition: every release document of the workspace is loaded in `state.releases`.
 */
import { applyChange } from '../apply.ts';
import type { CatalogOp, Change, Op, ReleaseOp } from '../change.ts';
import { listConflicts } from '../conflicts.ts';
import type { CommandContext } from '../context.ts';
import type { Cluster } from '../entities/cluster.ts';
import type { CustomStep } from '../entities/custom-step.ts';
import type { Customer } from '../entities/customer.ts';
import type { Release } from '../entities/release.ts';
import type { StepStateField } from '../entities/step-state.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import type { ClusterId, CustomerId, ReleaseId, StepId, TemplateId } from '../ids.ts';
import { type CommandResult, fail, ok } from '../result.ts';
import type { DomainState } from '../state.ts';
import { COLLECTIONS, type CollectionName } from './format.ts';
import { sameJson } from './json-safety.ts';
import { Names } from './labels.ts';
import { type Problem, ProblemList } from './problems.ts';
import type { ImportFile } from './read.ts';

export type ImportMode = 'restore' | 'merge';

export interface ImportItem {
  collection: CollectionName;
  id: string;
  label: string;
}

export interface FieldChange {
  field: string;
  /** The workspace's value (undefined: it had none). */
  from: unknown;
  /** The file's value (undefined: the field is removed, step states only). */
  to: unknown;
}

export interface ImportItemChange extends ImportItem {
  fields: FieldChange[];
}

export interface ImportConflict {
  kind: string;
  id: string;
  message: string;
}

export interface CollectionCounts {
  added: number;
  changed: number;
  unchanged: number;
  /** The workspace's copy is newer; the file's is left out. */
  keptNewer: number;
}

export interface ImportPlan {
  mode: ImportMode;
  counts: Record<CollectionName, CollectionCounts>;
  added: ImportItem[];
  changed: ImportItemChange[];
  keptNewer: ImportItem[];
  /** Conflicts the workspace would have after the import that it does not have now (MR-03..MR-06). */
  conflicts: ImportConflict[];
  /** What stops the import (dangling references); empty when it can go ahead. */
  problems: Problem[];
  totalProblems: number;
}

type Rec = Record<string, unknown>;

export function isEmptyWorkspace(state: DomainState): boolean {
  const c = state.catalog;
  return (
    Object.keys(c.clusters).length === 0 &&
    Object.keys(c.customers).length === 0 &&
    Object.keys(c.releases).length === 0
  );
}

function zeroCounts(): Record<CollectionName, CollectionCounts> {
  const out = {} as Record<CollectionName, CollectionCounts>;
  for (const c of COLLECTIONS) out[c] = { added: 0, changed: 0, unchanged: 0, keptNewer: 0 };
  return out;
}

/** Dangling references: a record that points at something neither the file nor the workspace has. */
function checkReferences(state: DomainState, file: ImportFile, problems: ProblemList): void {
  const { data } = file;
  const clusters = new Set<string>([
    ...Object.keys(state.catalog.clusters),
    ...data.clusters.map((c) => c.id),
  ]);
  const customers = new Set<string>([
    ...Object.keys(state.catalog.customers),
    ...data.customers.map((c) => c.id),
  ]);
  const releases = new Set<string>([
    ...Object.keys(state.catalog.releases),
    ...data.releases.map((r) => r.id),
  ]);
  const need = (record: object, field: string, id: string, known: Set<string>, what: string) => {
    if (!known.has(id)) {
      problems.add(
        file.where(record, field),
        'unknown-reference',
        `names a ${what} that is neither in the file nor in this workspace (${id})`,
      );
    }
  };
  for (const c of data.customers) need(c, 'clusterId', c.clusterId, clusters, 'cluster');
  for (const t of data.templates) need(t, 'releaseId', t.releaseId, releases, 'release');
  for (const p of data.participants) {
    need(p, 'releaseId', p.releaseId, releases, 'release');
    need(p, 'customerId', p.customerId, customers, 'customer');
  }
  for (const s of data.customSteps) {
    need(s, 'releaseId', s.releaseId, releases, 'release');
    need(s, 'customerId', s.customerId, customers, 'customer');
  }
  for (const s of data.stepStates) need(s, 'releaseId', s.releaseId, releases, 'release');
  for (const e of data.events) need(e, 'releaseId', e.releaseId, releases, 'release');
}

/** The fields of `incoming` that differ from `existing`. */
function differingFields(existing: Rec, incoming: Rec): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, to] of Object.entries(incoming)) {
    if (!sameJson(existing[field], to)) out.push({ field, from: existing[field], to });
  }
  return out;
}

const isNewer = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a > b;

class Planner {
  readonly plan: ImportPlan;
  readonly catalogOps: CatalogOp[] = [];
  readonly releaseOps = new Map<ReleaseId, ReleaseOp[]>();

  constructor(
    private readonly state: DomainState,
    readonly names: Names,
    mode: ImportMode,
  ) {
    this.plan = {
      mode,
      counts: zeroCounts(),
      added: [],
      changed: [],
      keptNewer: [],
      conflicts: [],
      problems: [],
      totalProblems: 0,
    };
  }

  releaseOp(op: ReleaseOp): void {
    const list = this.releaseOps.get(op.releaseId) ?? [];
    list.push(op);
    this.releaseOps.set(op.releaseId, list);
  }

  /**
   * One entity with fields: added, changed (only differing fields written), unchanged, or kept because
   * the workspace's copy is newer. Returns the fields to write, or null.
   */
  entity(
    collection: CollectionName,
    id: string,
    label: string,
    existing: Rec | undefined,
    incoming: Rec,
  ): Rec | null {
    const counts = this.plan.counts[collection];
    if (!existing) {
      counts.added++;
      this.plan.added.push({ collection, id, label });
      return incoming;
    }
    const fields = differingFields(existing, incoming);
    if (fields.length === 0) {
      counts.unchanged++;
      return null;
    }
    if (isNewer(existing.updatedAt, incoming.updatedAt)) {
      counts.keptNewer++;
      this.plan.keptNewer.push({ collection, id, label });
      return null;
    }
    counts.changed++;
    this.plan.changed.push({ collection, id, label, fields });
    return Object.fromEntries(fields.map((f) => [f.field, f.to]));
  }

  doc(releaseId: ReleaseId) {
    return this.state.releases[releaseId];
  }
}

function planCatalog(p: Planner, state: DomainState, file: ImportFile): void {
  const { names } = p;
  for (const c of file.data.clusters) {
    const fields = p.entity('clusters', c.id, names.cluster(c.id), state.catalog.clusters[c.id], c);
    if (fields)
      p.catalogOps.push({
        doc: 'catalog',
        op: 'put-cluster',
        id: c.id as ClusterId,
        fields: fields as Partial<Cluster>,
      });
  }
  for (const c of file.data.customers) {
    const fields = p.entity('customers', c.id, names.customer(c.id), state.catalog.customers[c.id], c);
    if (fields)
      p.catalogOps.push({
        doc: 'catalog',
        op: 'put-customer',
        id: c.id as CustomerId,
        fields: fields as Partial<Customer>,
      });
  }
  for (const r of file.data.releases) {
    const fields = p.entity('releases', r.id, names.release(r.id), state.catalog.releases[r.id], r);
    if (fields)
      p.catalogOps.push({
        doc: 'catalog',
        op: 'put-release',
        id: r.id as ReleaseId,
        fields: fields as Partial<Release>,
      });
  }
}

function planReleaseDocs(p: Planner, file: ImportFile): void {
  const { names } = p;
  for (const t of file.data.templates) {
    const label = names.inRelease(t.releaseId, names.template(t.id));
    const fields = p.entity('templates', t.id, label, p.doc(t.releaseId)?.templates[t.id], t);
    if (fields)
      p.releaseOp({
        doc: 'release',
        releaseId: t.releaseId,
        op: 'put-template',
        id: t.id as TemplateId,
        fields: fields as Partial<StepTemplate>,
      });
  }
  for (const rec of file.data.participants) {
    const { releaseId, ...value } = rec;
    const counts = p.plan.counts.participants;
    if (p.doc(releaseId)?.participants[value.customerId]) {
      counts.unchanged++;
      continue;
    }
    counts.added++;
    p.plan.added.push({
      collection: 'participants',
      id: `${releaseId} ${value.customerId}`,
      label: names.participant(releaseId, value.customerId),
    });
    p.releaseOp({ doc: 'release', releaseId, op: 'put-participant', id: value.customerId, value });
  }
  for (const s of file.data.customSteps) {
    const label = names.inRelease(s.releaseId, names.step(s.id));
    const fields = p.entity('customSteps', s.id, label, p.doc(s.releaseId)?.customSteps[s.id], s);
    if (fields)
      p.releaseOp({
        doc: 'release',
        releaseId: s.releaseId,
        op: 'put-custom-step',
        id: s.id as StepId,
        fields: fields as Partial<CustomStep>,
      });
  }
  for (const rec of file.data.stepStates) planStepState(p, rec);
  planEvents(p, file);
}

/** A step state is replaced as a whole when the file's is not older (see the module comment). */
function planStepState(p: Planner, rec: ImportFile['data']['stepStates'][number]): void {
  const { releaseId, stepId, ...incoming } = rec;
  const existing = p.doc(releaseId)?.stepStates[stepId] as Rec | undefined;
  const counts = p.plan.counts.stepStates;
  const label = p.names.inRelease(releaseId, p.names.step(stepId));
  const id = `${releaseId} ${stepId}`;
  const op = (unset: string[]): ReleaseOp => ({
    doc: 'release',
    releaseId,
    op: 'put-step-state',
    id: stepId,
    fields: incoming,
    ...(unset.length > 0 ? { unset: unset as StepStateField[] } : {}),
  });
  if (!existing || Object.keys(existing).length === 0) {
    counts.added++;
    p.plan.added.push({ collection: 'stepStates', id, label });
    p.releaseOp(op([]));
    return;
  }
  if (sameJson(existing, incoming)) {
    counts.unchanged++;
    return;
  }
  if (isNewer(existing.updatedAt, incoming.updatedAt)) {
    counts.keptNewer++;
    p.plan.keptNewer.push({ collection: 'stepStates', id, label });
    return;
  }
  const removed = Object.keys(existing).filter((k) => !(k in incoming));
  const fields = differingFields(existing, incoming as Rec);
  for (const k of removed) fields.push({ field: k, from: existing[k], to: undefined });
  counts.changed++;
  p.plan.changed.push({ collection: 'stepStates', id, label, fields });
  p.releaseOp(op(removed));
}

function planEvents(p: Planner, file: ImportFile): void {
  const known = new Map<ReleaseId, Set<string>>();
  const counts = p.plan.counts.events;
  for (const e of file.data.events) {
    let ids = known.get(e.releaseId);
    if (!ids) {
      ids = new Set((p.doc(e.releaseId)?.events ?? []).map((x) => x.id));
      known.set(e.releaseId, ids);
    }
    if (ids.has(e.id)) {
      counts.unchanged++;
      continue;
    }
    ids.add(e.id);
    counts.added++;
    p.plan.added.push({
      collection: 'events',
      id: e.id,
      label: p.names.inRelease(e.releaseId, `${e.kind} by ${e.byName} at ${e.at}`),
    });
    p.releaseOp({ doc: 'release', releaseId: e.releaseId, op: 'append-event', event: e });
  }
}

/**
 * Everything the import would do, without doing it: the preview the user confirms, and the change that
 * `importWorkspace` returns. Problems make the change empty.
 */
export function planImport(state: DomainState, file: ImportFile): { plan: ImportPlan; change: Change } {
  const names = new Names(state, file.data);
  const planner = new Planner(state, names, isEmptyWorkspace(state) ? 'restore' : 'merge');
  const problems = new ProblemList();
  checkReferences(state, file, problems);
  if (!problems.isEmpty) {
    planner.plan.problems = problems.items;
    planner.plan.totalProblems = problems.total;
    return { plan: planner.plan, change: { ops: [] } };
  }
  planCatalog(planner, state, file);
  planReleaseDocs(planner, file);
  const ops: Op[] = [...planner.catalogOps];
  for (const list of planner.releaseOps.values()) ops.push(...list);
  const change: Change = { ops };
  if (ops.length > 0) {
    const before = new Set(listConflicts(state).map((c) => c.id));
    for (const c of listConflicts(applyChange(state, change))) {
      if (!before.has(c.id))
        planner.plan.conflicts.push({ kind: c.kind, id: c.id, message: names.conflict(c) });
    }
  }
  return { plan: planner.plan, change };
}

/**
 * IO-05: the import as one command through the one write path. Refused as a whole when the file has a
 * problem; the value is the plan that was carried out.
 */
export function importWorkspace(
  state: DomainState,
  file: ImportFile,
  _ctx: CommandContext,
): CommandResult<ImportPlan> {
  const { plan, change } = planImport(state, file);
  if (plan.totalProblems > 0) {
    return fail(
      'import-invalid',
      `${plan.totalProblems} problem(s) in the file; nothing was imported.`,
      undefined,
      {
        problems: plan.totalProblems,
      },
    );
  }
  return ok(change, plan);
}

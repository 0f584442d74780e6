/**
 * The merge rules of an import, record by record (IO-06; the module comment of import.ts says them in
 * words). A Planner collects the ops for the catalog and each release document, and the plan to preview.
 */
import type { ReleaseOp } from '../change.ts';
import type { Cluster } from '../entities/cluster.ts';
import type { CustomStep } from '../entities/custom-step.ts';
import type { Customer } from '../entities/customer.ts';
import type { Release } from '../entities/release.ts';
import type { StepStateField } from '../entities/step-state.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import type { Wave } from '../entities/wave.ts';
import type { ClusterId, CustomerId, ReleaseId, StepId, TemplateId, WaveId } from '../ids.ts';
import type { DomainState } from '../state.ts';
import { differingFields, isNewer, type Planner, type Rec } from './import-plan-builder.ts';
import { planRevisions } from './import-revisions.ts';
import { sameJson } from './json-safety.ts';
import type { ImportFile } from './read.ts';

export function planCatalog(p: Planner, state: DomainState, file: ImportFile): void {
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

export function planReleaseDocs(p: Planner, file: ImportFile): void {
  const { names } = p;
  planRevisions(p, file);
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
  planWaves(p, file);
}

/**
 * Waves are entities like templates (IO-06: field by field, the newer copy kept). A customer's wave is
 * the file's when it differs: the workspace's rollout then lists what it makes conflict (MR-09).
 */
function planWaves(p: Planner, file: ImportFile): void {
  for (const w of file.data.waves) {
    const label = p.names.inRelease(w.releaseId, `wave "${w.name}"`);
    const fields = p.entity('waves', w.id, label, p.doc(w.releaseId)?.waves[w.id], w);
    if (fields)
      p.releaseOp({
        doc: 'release',
        releaseId: w.releaseId,
        op: 'put-wave',
        id: w.id as WaveId,
        fields: fields as Partial<Wave>,
      });
  }
  const counts = p.plan.counts.waveMembers;
  for (const m of file.data.waveMembers) {
    const current = p.doc(m.releaseId)?.waveMembers[m.customerId];
    const id = `${m.releaseId} ${m.customerId}`;
    const label = p.names.participant(m.releaseId, m.customerId);
    if (current === m.waveId) {
      counts.unchanged++;
      continue;
    }
    if (current === undefined) {
      counts.added++;
      p.plan.added.push({ collection: 'waveMembers', id, label });
    } else {
      counts.changed++;
      p.plan.changed.push({
        collection: 'waveMembers',
        id,
        label,
        fields: [{ field: 'waveId', from: current, to: m.waveId }],
      });
    }
    p.releaseOp({
      doc: 'release',
      releaseId: m.releaseId,
      op: 'put-wave-member',
      id: m.customerId,
      waveId: m.waveId,
    });
  }
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

/**
 * A workspace with a bit of everything an export must carry: archived entities, every step status,
 * an override, a custom step between template steps, notes, a deleted template, history, and fields a
 * newer app version would have written (unknown to this one).
 */
import {
  addCustomStep,
  archiveCustomer,
  type CollectionName,
  createRelease,
  type DomainState,
  deleteTemplate,
  markDone,
  overrideStep,
  type ReleaseId,
  revertStep,
  setNotes,
  skipStep,
  templateStepId,
} from '../../src/index.ts';
import { activeWorld } from '../helpers.ts';

/** A workspace file as JSON, for tests that damage it on purpose. */
export type WireFile = { [K in CollectionName]: Array<Record<string, unknown>> } & Record<string, unknown>;

/** Record `index` of a collection of a wire file (the test fails loudly if it is not there). */
export function rec(file: WireFile, collection: CollectionName, index: number): Record<string, unknown> {
  const r = file[collection][index];
  if (!r) throw new Error(`no ${collection}[${index}] in the fixture`);
  return r;
}

/** A deep copy of plain data (the domain's tsconfig has no DOM or Node types, so no structuredClone). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function richWorld() {
  const fx = activeWorld();
  const { w, a, b, c, r, d1, d2, v1 } = fx;
  w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1), notes: 'went fine' });
  w.ctx.tick();
  w.do(skipStep, { releaseId: r, stepId: templateStepId(a, d2), reason: 'not needed for Acme' });
  w.do(overrideStep, { releaseId: r, stepId: templateStepId(b, d1), content: 'helm upgrade app --atomic' });
  w.do(markDone, { releaseId: r, stepId: templateStepId(c, d1) });
  w.ctx.tick();
  w.do(revertStep, { releaseId: r, stepId: templateStepId(c, d1), reason: 'pods crashlooping' });
  w.do(setNotes, { releaseId: r, stepId: templateStepId(b, v1), notes: 'check twice' });
  const custom = w.do(addCustomStep, {
    releaseId: r,
    customerId: a,
    name: 'Flush cache',
    category: 'deploy',
    type: 'bash',
    content: 'redis-cli -n {{customer.namespace}} flushall',
    position: { after: templateStepId(a, d1) },
  }).stepId;
  const d3 = w.template(r, 'Old step', 'deploy');
  w.do(markDone, { releaseId: r, stepId: templateStepId(b, d3) });
  w.do(deleteTemplate, { releaseId: r, templateId: d3 });
  const draft = w.do(createRelease, { name: 'Draft hotfix', type: 'hotfix' }).releaseId;
  w.do(archiveCustomer, { customerId: c });
  return { ...fx, custom, d3, draft };
}

/** Adds fields this version does not know to one record of every kind (a newer app wrote them). */
export function withUnknownFields(state: DomainState, releaseId: ReleaseId): DomainState {
  const s = clone(state);
  const cluster = Object.values(s.catalog.clusters)[0];
  if (cluster) Object.assign(cluster, { owner: 'team-platform', alerts: { pager: true, levels: [1, 2] } });
  const customer = Object.values(s.catalog.customers)[0];
  if (customer) Object.assign(customer, { tier: 'gold' });
  const release = s.catalog.releases[releaseId];
  if (release) Object.assign(release, { changeTicket: 'CHG-42' });
  const doc = s.releases[releaseId];
  if (doc) {
    const t = Object.values(doc.templates)[0];
    if (t) Object.assign(t, { timeoutSeconds: 300 });
    const p = Object.values(doc.participants)[0];
    if (p) Object.assign(p, { wave: 2 });
    const st = Object.values(doc.stepStates)[0];
    if (st) Object.assign(st, { approvedBy: 'carol' });
    const e = doc.events[0];
    if (e) Object.assign(e, { signature: 'abc' });
    const cs = Object.values(doc.customSteps)[0];
    if (cs) Object.assign(cs, { ticket: 'OPS-7' });
  }
  return s;
}

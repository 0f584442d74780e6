/**
 * Merge rules, tested in both merge directions (Excalidraw's reconcile tests are the model): two devices
 * act on the same base state while apart; their changes are applied in either order with applyChange
 * (field-level last-writer-wins, as Y.Maps do). Every rule must hold in both orders.
 */
import { describe, expect, it } from 'vitest';
import {
  addCustomStep,
  applyChange,
  archiveCluster,
  archiveCustomer,
  archiveRelease,
  type Change,
  type CommandContext,
  createCluster,
  createCustomer,
  type DomainState,
  deleteCustomStep,
  deleteTemplate,
  editCustomStep,
  listConflicts,
  markDone,
  overrideOf,
  overrideStep,
  reopenStep,
  resolveStep,
  revertStep,
  reviewConflict,
  setNotes,
  skipStep,
  stepHistory,
  templateStepId,
  testContext,
  updateCluster,
  updateTemplate,
} from '../src/index.ts';
import { activeWorld, World } from './helpers.ts';

type Fixture = ReturnType<typeof activeWorld>;
type Act = (f: Fixture, ctx: CommandContext) => Change;

/** Both merge orders of two changes made apart from the same base. */
let round = 0;
function bothOrders(f: Fixture, one: Act, two: Act): [string, DomainState][] {
  // Fresh device names per call: counter ids must never repeat across rounds of one test.
  round++;
  const laptop = testContext({ device: `laptop${round}`, actor: { id: 'user:lea', name: 'Lea' } });
  const tablet = testContext({ device: `tablet${round}`, actor: { id: 'user:tom', name: 'Tom' } });
  const a = one(f, laptop);
  const b = two(f, tablet);
  const base = f.w.state;
  return [
    ['laptop then tablet', applyChange(applyChange(base, a), b)],
    ['tablet then laptop', applyChange(applyChange(base, b), a)],
  ];
}

const step = (f: Fixture) => templateStepId(f.a, f.d1);
const done: Act = (f, ctx) => f.w.change(markDone, { releaseId: f.r, stepId: step(f) }, ctx);
const skip: Act = (f, ctx) => f.w.change(skipStep, { releaseId: f.r, stepId: step(f), reason: 'n/a' }, ctx);
const override: Act = (f, ctx) =>
  f.w.change(overrideStep, { releaseId: f.r, stepId: step(f), content: 'edited' }, ctx);
const notes: Act = (f, ctx) => f.w.change(setNotes, { releaseId: f.r, stepId: step(f), notes: 'note' }, ctx);
const editTemplate: Act = (f, ctx) =>
  f.w.change(updateTemplate, { releaseId: f.r, templateId: f.d1, content: 'template v2' }, ctx);
const renameTemplate: Act = (f, ctx) =>
  f.w.change(updateTemplate, { releaseId: f.r, templateId: f.d1, name: 'Renamed' }, ctx);
const dropTemplate: Act = (f, ctx) => f.w.change(deleteTemplate, { releaseId: f.r, templateId: f.d1 }, ctx);
const archive: Act = (f, ctx) => f.w.change(archiveRelease, { releaseId: f.r }, ctx);

describe('merge rules, both directions', () => {
  it.each([
    ['MR-01 override here, notes there: both survive', override, notes],
    ['MR-01 template content here, template name there: both survive', editTemplate, renameTemplate],
  ])('%s', (_title, one, two) => {
    const f = activeWorld();
    for (const [order, state] of bothOrders(f, one, two)) {
      const s = resolveStep(state, f.r, step(f));
      if (one === override) expect(s, order).toMatchObject({ content: 'edited', notes: 'note' });
      else expect(s, order).toMatchObject({ content: 'template v2', name: 'Renamed' });
      expect(listConflicts(state), order).toEqual([]);
    }
  });

  it('MR-02 override here, done there: the step keeps what was executed, and the clash is listed', () => {
    const f = activeWorld();
    for (const [order, state] of bothOrders(f, override, done)) {
      expect(resolveStep(state, f.r, step(f)), order).toMatchObject({
        status: 'done',
        content: 'helm upgrade app -n {{customer.namespace}}',
        executedContent: 'helm upgrade app -n acme-prod',
      });
      const conflicts = listConflicts(state);
      expect(
        conflicts.map((c) => c.kind),
        order,
      ).toEqual(['edit-vs-done']);
      // The override is not lost: it is still stored, and in the history.
      const doc = state.releases[f.r];
      expect(overrideOf(doc?.stepStates[step(f)], doc?.revisions ?? {}).content, order).toBe('edited');
    }
  });

  it('MR-02 template edit here, done there: done keeps the old content, pending steps get the new', () => {
    const f = activeWorld();
    for (const [order, state] of bothOrders(f, editTemplate, done)) {
      expect(resolveStep(state, f.r, step(f))?.content, order).toBe(
        'helm upgrade app -n {{customer.namespace}}',
      );
      expect(resolveStep(state, f.r, templateStepId(f.b, f.d1))?.content, order).toBe('template v2');
      expect(listConflicts(state), order).toEqual([]);
    }
  });

  it('MR-02 custom step edited here, done there: done shows what ran; a delete there keeps a done step', () => {
    const f = activeWorld();
    const { stepId } = f.w.do(addCustomStep, {
      releaseId: f.r,
      customerId: f.a,
      name: 'C',
      category: 'deploy',
      type: 'bash',
      content: 'echo original',
    });
    const edit: Act = (g, ctx) =>
      g.w.change(editCustomStep, { releaseId: g.r, stepId, content: 'echo edited' }, ctx);
    const del: Act = (g, ctx) => g.w.change(deleteCustomStep, { releaseId: g.r, stepId }, ctx);
    const run: Act = (g, ctx) => g.w.change(markDone, { releaseId: g.r, stepId }, ctx);
    for (const [order, state] of bothOrders(f, edit, run)) {
      expect(resolveStep(state, f.r, stepId), order).toMatchObject({
        status: 'done',
        content: 'echo original',
      });
      expect(
        listConflicts(state).map((c) => c.kind),
        order,
      ).toEqual(['edit-vs-done']);
    }
    for (const [order, state] of bothOrders(f, del, run)) {
      expect(resolveStep(state, f.r, stepId), order).toMatchObject({
        status: 'done',
        executedContent: 'echo original',
      });
      expect(
        listConflicts(state).map((c) => c.kind),
        order,
      ).toEqual(['edit-vs-done']);
    }
  });

  it('MR-03 done here, skipped there: a deterministic winner, the other flagged in history', () => {
    const f = activeWorld();
    for (const [order, state] of bothOrders(f, done, skip)) {
      const current = resolveStep(state, f.r, step(f))?.status;
      const [conflict] = listConflicts(state);
      expect(conflict?.kind, order).toBe('status-conflict');
      if (conflict?.kind !== 'status-conflict') continue;
      expect(conflict.current, order).toBe(current);
      expect(conflict.winnerEventIds, order).toHaveLength(1);
      expect(conflict.flaggedEventIds, order).toHaveLength(1);
      const history = stepHistory(state, f.r, step(f));
      expect(history.map((h) => h.event.kind).sort(), order).toEqual(['done', 'skipped']);
      const flagged = history.filter((h) => h.flagged).map((h) => h.event.to);
      expect(flagged, order).toEqual([current === 'done' ? 'skipped' : 'done']);
    }
  });

  it('MR-03 the same outcome on both devices is no conflict', () => {
    const f = activeWorld();
    for (const [order, state] of bothOrders(f, done, done)) {
      expect(listConflicts(state), order).toEqual([]);
      expect(resolveStep(state, f.r, step(f))?.status, order).toBe('done');
    }
  });

  it('MR-03 a clash found through a chain: notes then skip here, done there', () => {
    const f = activeWorld();
    const notesThenSkip: Act = (g, ctx) => {
      const first = g.w.change(setNotes, { releaseId: g.r, stepId: step(g), notes: 'n' }, ctx);
      const mid = applyChange(g.w.state, first);
      const r = skipStep(mid, { releaseId: g.r, stepId: step(g), reason: 'x' }, ctx);
      if (!r.ok) throw new Error(r.error.code);
      return { ops: [...first.ops, ...r.change.ops] };
    };
    for (const [order, state] of bothOrders(f, notesThenSkip, done)) {
      expect(
        listConflicts(state).map((c) => c.kind),
        order,
      ).toEqual(['status-conflict']);
    }
  });

  it('MR-03 actions that saw each other are no conflict: revert after a merged done/skip is not flagged', () => {
    const f = activeWorld();
    const [, merged] = bothOrders(f, done, skip)[0] ?? [];
    const w = new World(merged, testContext({ device: 'desk' }));
    const [conflict] = listConflicts(w.state);
    w.do(reviewConflict, { releaseId: f.r, conflictId: conflict?.id ?? '' });
    const status = resolveStep(w.state, f.r, step(f))?.status;
    if (status === 'done') w.do(revertStep, { releaseId: f.r, stepId: step(f), reason: 'again' });
    else w.do(markDone, { releaseId: f.r, stepId: step(f) });
    expect(listConflicts(w.state)).toEqual([]);
  });

  it('MR-06 a template edited here and deleted there stays deleted, and the edit is listed', () => {
    const f = activeWorld();
    for (const [order, state] of bothOrders(f, editTemplate, dropTemplate)) {
      expect(state.releases[f.r]?.templates[f.d1]?.deletedAt, order).not.toBeNull();
      expect(state.releases[f.r]?.templates[f.d1]?.content, order).toBe('template v2');
      expect(
        listConflicts(state).map((c) => c.kind),
        order,
      ).toEqual(['edit-of-deleted-template']);
    }
  });

  it('MR-05 archived here, step done there: both survive, nothing to review', () => {
    const f = activeWorld();
    for (const [order, state] of bothOrders(f, archive, done)) {
      expect(state.catalog.releases[f.r]?.status, order).toBe('archived');
      expect(resolveStep(state, f.r, step(f))?.status, order).toBe('done');
      expect(listConflicts(state), order).toEqual([]);
    }
  });
});

describe('catalog conflicts', () => {
  it('MR-04 the same cluster name created on two devices is listed until one is renamed', () => {
    const w = new World();
    const laptop = testContext({ device: 'laptop' });
    const tablet = testContext({ device: 'tablet' });
    w.apply(w.change(createCluster, { name: 'prod-eu' }, laptop));
    const other = createCluster(
      { catalog: { clusters: {}, customers: {}, releases: {} }, releases: {} },
      { name: 'PROD-EU ' },
      tablet,
    );
    if (!other.ok) throw new Error('refused');
    w.apply(other.change);
    const [conflict] = listConflicts(w.state);
    expect(conflict).toMatchObject({ kind: 'duplicate-cluster-name', name: 'prod-eu' });
    if (conflict?.kind !== 'duplicate-cluster-name') return;
    expect(conflict.clusterIds).toHaveLength(2);
    expect(conflict.resolutions.map((r) => r.command)).toEqual(['updateCluster', 'archiveCluster']);
    w.do(updateCluster, { clusterId: other.value.clusterId, name: 'prod-eu-2' });
    expect(listConflicts(w.state)).toEqual([]);
  });

  it('MR-04 the same namespace in one cluster from two devices is listed until one is archived', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const base = w.state;
    const one = w.change(
      createCustomer,
      { clusterId: eu, name: 'A', namespace: 'app' },
      testContext({ device: 'x' }),
    );
    const two = w.change(
      createCustomer,
      { clusterId: eu, name: 'B', namespace: 'app' },
      testContext({ device: 'y' }),
    );
    w.state = applyChange(applyChange(base, one), two);
    const [conflict] = listConflicts(w.state);
    expect(conflict).toMatchObject({ kind: 'duplicate-namespace', clusterId: eu, namespace: 'app' });
    if (conflict?.kind !== 'duplicate-namespace') return;
    w.do(archiveCustomer, { customerId: conflict.customerIds[0] ?? 'customer:x' });
    expect(listConflicts(w.state)).toEqual([]);
  });

  it('MR-05 cluster archived here while a customer was added there: listed as customer-in-archived-cluster', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const one = w.change(archiveCluster, { clusterId: eu }, testContext({ device: 'x' }));
    const two = w.change(
      createCustomer,
      { clusterId: eu, name: 'A', namespace: 'a' },
      testContext({ device: 'y' }),
    );
    for (const state of [
      applyChange(applyChange(w.state, one), two),
      applyChange(applyChange(w.state, two), one),
    ]) {
      expect(listConflicts(state).map((c) => c.kind)).toEqual(['customer-in-archived-cluster']);
    }
  });
});

describe('reviewing conflicts', () => {
  it('MR-07 a reviewed step conflict is no longer listed; a new clash on the same step is', () => {
    const f = activeWorld();
    const [, merged] = bothOrders(f, done, skip)[0] ?? [];
    const w = new World(merged, testContext({ device: 'desk' }));
    const [conflict] = listConflicts(w.state);
    expect(w.refused(reviewConflict, { releaseId: f.r, conflictId: 'status-conflict:nope' }).code).toBe(
      'conflict-not-found',
    );
    w.do(reviewConflict, { releaseId: f.r, conflictId: conflict?.id ?? '', note: 'checked with Tom' });
    expect(listConflicts(w.state)).toEqual([]);
    expect(w.state.releases[f.r]?.events.at(-1)).toMatchObject({
      kind: 'conflict-reviewed',
      stepId: step(f),
      detail: { conflict: conflict?.id, note: 'checked with Tom' },
    });
    // Laptop's done was applied first, tablet's skip last: the merge kept "skipped".
    expect(resolveStep(w.state, f.r, step(f))?.status).toBe('skipped');
    // A fresh clash after the review: done here, reopened there.
    const g = { ...f, w };
    const reopen: Act = (h, ctx) => h.w.change(reopenStep, { releaseId: h.r, stepId: step(h) }, ctx);
    for (const [order, state] of bothOrders(g, done, reopen)) {
      const fresh = listConflicts(state);
      expect(
        fresh.map((c) => c.kind),
        order,
      ).toEqual(['status-conflict']);
      expect(fresh[0]?.id, order).not.toBe(conflict?.id);
    }
  });

  it('MR-07 template conflicts are reviewed on the template', () => {
    const f = activeWorld();
    const [, merged] = bothOrders(f, editTemplate, dropTemplate)[0] ?? [];
    const w = new World(merged, testContext({ device: 'desk' }));
    const [conflict] = listConflicts(w.state);
    w.do(reviewConflict, { releaseId: f.r, conflictId: conflict?.id ?? '' });
    expect(listConflicts(w.state)).toEqual([]);
    expect(w.state.releases[f.r]?.events.at(-1)).toMatchObject({
      kind: 'conflict-reviewed',
      templateId: f.d1,
      stepId: null,
    });
  });
});

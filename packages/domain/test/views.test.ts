import { describe, expect, it } from 'vitest';
import {
  ABSENT,
  addCustomStep,
  archiveCustomer,
  cellFlags,
  cellStatus,
  cellStepId,
  deleteTemplate,
  markDone,
  overrideStep,
  recentActivity,
  resolveCustomerSteps,
  resolveReleaseSteps,
  resolveStep,
  setNotes,
  skipStep,
  stepHistory,
  stepStatusMatrix,
  templateStepId,
} from '../src/index.ts';
import { activeWorld } from './helpers.ts';

describe('customer step views', () => {
  it('FCS-001 resolveCustomerSteps: inherited steps, deploy before verify, each in order', () => {
    const { w, r, a, d1, d2, v1 } = activeWorld();
    const steps = resolveCustomerSteps(w.state, r, a);
    expect(steps.map((s) => [s.id, s.category, s.status, s.isCustom, s.isOverridden])).toEqual([
      [templateStepId(a, d1), 'deploy', 'pending', false, false],
      [templateStepId(a, d2), 'deploy', 'pending', false, false],
      [templateStepId(a, v1), 'verify', 'pending', false, false],
    ]);
    expect(steps[0]).toMatchObject({
      releaseId: r,
      customerId: a,
      templateId: d1,
      executedAt: null,
      notes: null,
    });
  });

  it('ST-01 views are empty for non-participants and unknown releases; resolveStep is null for unknown steps', () => {
    const { w, r, eu, d1 } = activeWorld();
    const outsider = w.customer(eu, 'Out', 'out');
    expect(resolveCustomerSteps(w.state, r, outsider)).toEqual([]);
    expect(resolveCustomerSteps(w.state, 'release:nope', outsider)).toEqual([]);
    expect(resolveStep(w.state, r, templateStepId(outsider, d1))).toBeNull();
    expect(resolveStep(w.state, 'release:nope', templateStepId(outsider, d1))).toBeNull();
    expect(resolveReleaseSteps(w.state, 'release:nope')).toEqual([]);
  });

  it('resolveReleaseSteps is every participant’s steps, customer by customer', () => {
    const { w, r, a, b, c } = activeWorld();
    w.do(addCustomStep, {
      releaseId: r,
      customerId: b,
      name: 'X',
      category: 'verify',
      type: 'text',
      content: '',
    });
    const all = resolveReleaseSteps(w.state, r);
    const expected = [a, b, c].sort().flatMap((id) => resolveCustomerSteps(w.state, r, id));
    expect(all).toEqual(expected);
    expect(all).toHaveLength(10);
  });
});

describe('release matrix', () => {
  it('FV-003 / BR-C03 columns grouped by cluster, rows by category and order, one status per cell', () => {
    const { w, r, a, b, c, d1, d2, v1 } = activeWorld();
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    w.do(skipStep, { releaseId: r, stepId: templateStepId(c, v1), reason: 'x' });
    w.do(overrideStep, { releaseId: r, stepId: templateStepId(b, d2), content: 'y' });
    w.do(setNotes, { releaseId: r, stepId: templateStepId(b, d2), notes: 'n' });
    const m = stepStatusMatrix(w.state, r);
    expect(m.columns.map((col) => col.customerId)).toEqual([a, b, c]);
    expect(m.clusters.map((g) => [g.name, g.start, g.end])).toEqual([
      ['prod-eu', 0, 2],
      ['prod-us', 2, 3],
    ]);
    expect(m.rows.map((row) => row.templateId)).toEqual([d1, d2, v1]);
    const grid = m.rows.map((_, i) => m.columns.map((__, j) => cellStatus(m, i, j)));
    expect(grid).toEqual([
      ['done', 'pending', 'pending'],
      ['pending', 'pending', 'pending'],
      ['pending', 'pending', 'skipped'],
    ]);
    expect(cellFlags(m, 1, 1)).toEqual({ overridden: true, hasNotes: true });
    expect(cellFlags(m, 0, 0)).toEqual({ overridden: false, hasNotes: false });
    expect(cellStepId(m, 2, 2)).toBe(templateStepId(c, v1));
  });

  it('FR-007 / ST-07 filtered by cluster; archived customers hidden unless asked; custom steps beside the grid', () => {
    const { w, r, a, b, c, us } = activeWorld();
    w.do(addCustomStep, {
      releaseId: r,
      customerId: c,
      name: 'X',
      category: 'deploy',
      type: 'text',
      content: '',
    });
    w.do(archiveCustomer, { customerId: b });
    expect(stepStatusMatrix(w.state, r).columns.map((col) => col.customerId)).toEqual([a, c]);
    expect(stepStatusMatrix(w.state, r, { includeArchivedCustomers: true }).columns).toHaveLength(3);
    const onlyUs = stepStatusMatrix(w.state, r, { clusterId: us });
    expect(onlyUs.columns.map((col) => col.customerId)).toEqual([c]);
    expect(onlyUs.customSteps.map((s) => s.name)).toEqual(['X']);
    expect(stepStatusMatrix(w.state, r, { clusterId: us }).status).toHaveLength(3);
  });

  it('ST-03 a deleted template keeps a row only for the customers that executed it', () => {
    const { w, r, a, d1 } = activeWorld();
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    w.do(deleteTemplate, { releaseId: r, templateId: d1 });
    const m = stepStatusMatrix(w.state, r);
    expect(m.rows[0]).toMatchObject({ templateId: d1, deleted: true });
    expect([cellStatus(m, 0, 0), cellStatus(m, 0, 1), m.status[1]]).toEqual(['done', null, ABSENT]);
    const { w: w2, r: r2, d1: t } = activeWorld();
    w2.do(deleteTemplate, { releaseId: r2, templateId: t });
    expect(stepStatusMatrix(w2.state, r2).rows.map((row) => row.templateId)).not.toContain(t);
  });
});

describe('history views', () => {
  it('stepHistory is one step’s events in order; recentActivity is newest first across releases', () => {
    const { w, r, a, d1, d2 } = activeWorld();
    w.ctx.tick();
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    w.ctx.tick();
    w.do(skipStep, { releaseId: r, stepId: templateStepId(a, d2), reason: 'x' });
    expect(stepHistory(w.state, r, templateStepId(a, d1)).map((e) => [e.event.kind, e.flagged])).toEqual([
      ['done', false],
    ]);
    expect(recentActivity(w.state, { limit: 2 }).map((e) => e.kind)).toEqual(['skipped', 'done']);
    expect(stepHistory(w.state, 'release:nope', templateStepId(a, d1))).toEqual([]);
  });
});

import { markDone, overrideStep, skipStep, stepStatusMatrix, templateStepId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { testWorld } from '@/test-support/test-world';
import { buildMatrixModel, type CellModel, cellAt, clusterKey, type ModelOptions } from './matrix-model';

const deploy: ModelOptions = { category: 'deploy', status: 'all', collapsed: new Set() };

function names(model: ReturnType<typeof buildMatrixModel>) {
  return {
    rows: model.rows.map((r) => (r.kind === 'template' ? r.row.name : `${r.step.name} (custom)`)),
    columns: model.columns.map((c) => (c.kind === 'cluster' ? `[${c.group.name}]` : c.column.name)),
  };
}

describe('release matrix model (FV-003)', () => {
  it('places a custom step between the template steps of its category, and groups customers by cluster (BR-C03)', () => {
    const w = testWorld();
    const model = buildMatrixModel(stepStatusMatrix(w.state, w.ids.releaseId), deploy);
    expect(names(model)).toEqual({
      rows: ['Deploy app', 'Warm cache (custom)', 'Migrate'],
      columns: ['[prod-eu]', 'Acme', 'Beta', '[prod-us]', 'Cobalt'],
    });
    expect(model.rows.map((r) => r.number)).toEqual([1, 2, 3]);
  });

  it('shows the verify tab on its own', () => {
    const w = testWorld();
    const model = buildMatrixModel(stepStatusMatrix(w.state, w.ids.releaseId), {
      ...deploy,
      category: 'verify',
    });
    expect(names(model).rows).toEqual(['Health check']);
  });

  it('reads cells: status, overridden marker, custom steps only in their customer column', () => {
    const w = testWorld();
    const { releaseId, acme, beta, deployApp, migrate } = w.ids;
    w.act(markDone, { releaseId, stepId: templateStepId(acme, deployApp) });
    w.act(overrideStep, { releaseId, stepId: templateStepId(beta, migrate), content: 'echo mine' });
    const model = buildMatrixModel(stepStatusMatrix(w.state, releaseId), deploy);
    const at = (row: number, col: number): CellModel =>
      cellAt(model, model.rows[row] as never, model.columns[col] as never);
    expect(at(0, 1)).toMatchObject({ kind: 'step', status: 'done', custom: false });
    expect(at(0, 2)).toMatchObject({ kind: 'step', status: 'pending', overridden: false });
    expect(at(2, 2)).toMatchObject({ kind: 'step', status: 'pending', overridden: true });
    expect(at(1, 1)).toEqual({ kind: 'absent' });
    expect(at(1, 2)).toMatchObject({ kind: 'step', status: 'pending', custom: true, stepId: w.ids.custom });
    // The cluster column sums its customers.
    expect(at(0, 0)).toEqual({
      kind: 'summary',
      counts: { pending: 1, done: 1, skipped: 0, reverted: 0 },
      total: 2,
    });
    expect(at(1, 0)).toMatchObject({ kind: 'summary', total: 1 });
  });

  it('filters by status: only the steps and customers that have a cell with it', () => {
    const w = testWorld();
    const { releaseId, cobalt, migrate } = w.ids;
    w.act(skipStep, { releaseId, stepId: templateStepId(cobalt, migrate), reason: 'not used there' });
    const model = buildMatrixModel(stepStatusMatrix(w.state, releaseId), { ...deploy, status: 'skipped' });
    expect(names(model)).toEqual({ rows: ['Migrate'], columns: ['[prod-us]', 'Cobalt'] });
    expect(model.shownCustomers).toBe(1);
    expect(model.totalCustomers).toBe(3);
  });

  it('folds a collapsed cluster into its cluster column', () => {
    const w = testWorld();
    const m = stepStatusMatrix(w.state, w.ids.releaseId);
    const eu = m.clusters.find((c) => c.name === 'prod-eu');
    if (!eu) throw new Error('no prod-eu group');
    const model = buildMatrixModel(m, { ...deploy, collapsed: new Set([clusterKey(eu)]) });
    expect(names(model).columns).toEqual(['[prod-eu]', '[prod-us]', 'Cobalt']);
  });
});

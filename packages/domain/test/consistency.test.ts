/**
 * Seeded random sequences of commands, then: the fast views (matrix, counting) agree with the step-by-
 * step resolution, and every command either refuses or leaves a state the views can read. Failing seeds
 * are kept as named cases.
 */
import { describe, expect, it } from 'vitest';
import {
  addCustomersToRelease,
  addCustomStep,
  addTemplate,
  applyChange,
  archiveCustomer,
  bulkMarkDone,
  type CommandContext,
  type CommandResult,
  type CustomerId,
  cellStatus,
  countReleaseSteps,
  type DomainState,
  deleteCustomStep,
  deleteTemplate,
  editCustomStep,
  type MatrixOptions,
  markDone,
  moveTemplate,
  overrideStep,
  type ReleaseId,
  reopenStep,
  resetToTemplate,
  resolveCustomerSteps,
  resolveReleaseSteps,
  revertStep,
  type StepId,
  setNotes,
  skipStep,
  stepStatusMatrix,
  stepStatusMatrixInSlices,
  type TemplateId,
  templateStepId,
  updateTemplate,
} from '../src/index.ts';
import { World } from './helpers.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function simulate(seed: number, steps = 250) {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const w = new World();
  const clusters = [w.cluster('c1'), w.cluster('c2'), w.cluster('c3')];
  const customers: CustomerId[] = [];
  for (let i = 0; i < 9; i++) customers.push(w.customer(pick(clusters), `cust${i}`, `ns${i}`));
  const r = w.release();
  for (let i = 0; i < 5; i++) w.template(r, `t${i}`, i < 3 ? 'deploy' : 'verify');
  w.activate(r, customers.slice(0, 7));

  const templates = () => Object.keys(w.state.releases[r]?.templates ?? {}) as TemplateId[];
  const anyStep = (): StepId => {
    const custom = Object.keys(w.state.releases[r]?.customSteps ?? {}) as StepId[];
    return custom.length > 0 && random() < 0.25
      ? pick(custom)
      : templateStepId(pick(customers), pick(templates()));
  };
  type Attempt = (s: DomainState, ctx: CommandContext) => CommandResult<unknown>;
  const attempts: (() => Attempt)[] = [
    () => (s, c) => markDone(s, { releaseId: r, stepId: anyStep() }, c),
    () => (s, c) => skipStep(s, { releaseId: r, stepId: anyStep(), reason: 'r' }, c),
    () => (s, c) => revertStep(s, { releaseId: r, stepId: anyStep(), reason: 'r' }, c),
    () => (s, c) => reopenStep(s, { releaseId: r, stepId: anyStep() }, c),
    () => (s, c) => overrideStep(s, { releaseId: r, stepId: anyStep(), content: `o${random()}` }, c),
    () => (s, c) => resetToTemplate(s, { releaseId: r, stepId: anyStep() }, c),
    () => (s, c) => setNotes(s, { releaseId: r, stepId: anyStep(), notes: random() < 0.5 ? '' : 'n' }, c),
    () => (s, c) =>
      addCustomStep(
        s,
        {
          releaseId: r,
          customerId: pick(customers),
          name: 'x',
          category: pick(['deploy', 'verify'] as const),
          type: 'text',
          content: 'c',
          addToTemplate: random() < 0.2,
        },
        c,
      ),
    () => (s, c) =>
      editCustomStep(
        s,
        { releaseId: r, stepId: anyStep(), category: pick(['deploy', 'verify'] as const) },
        c,
      ),
    () => (s, c) => deleteCustomStep(s, { releaseId: r, stepId: anyStep() }, c),
    () => (s, c) =>
      addTemplate(
        s,
        { releaseId: r, name: 'n', category: 'deploy', type: 'bash', content: '', position: { index: 1 } },
        c,
      ),
    () => (s, c) =>
      updateTemplate(
        s,
        {
          releaseId: r,
          templateId: pick(templates()),
          category: pick(['deploy', 'verify'] as const),
          content: `u${random()}`,
        },
        c,
      ),
    () => (s, c) => deleteTemplate(s, { releaseId: r, templateId: pick(templates()) }, c),
    () => (s, c) =>
      moveTemplate(
        s,
        { releaseId: r, templateId: pick(templates()), position: { index: Math.floor(random() * 4) } },
        c,
      ),
    () => (s, c) => bulkMarkDone(s, { releaseId: r, customerId: pick(customers), category: 'deploy' }, c),
    () => (s, c) => addCustomersToRelease(s, { releaseId: r, customerIds: [pick(customers)] }, c),
    () => (s, c) => archiveCustomer(s, { customerId: pick(customers) }, c),
  ];
  let applied = 0;
  for (let i = 0; i < steps; i++) {
    const attempt = pick(attempts)();
    const result = attempt(w.state, w.ctx);
    if (result.ok) {
      w.state = applyChange(w.state, result.change);
      applied++;
    }
    w.ctx.tick();
  }
  return { w, r, applied };
}

function checkViews(state: DomainState, r: ReleaseId) {
  const participants = Object.keys(state.releases[r]?.participants ?? {}) as CustomerId[];
  // Counting without building steps == counting the resolved steps.
  const counts = countReleaseSteps(state, r, { includeArchivedCustomers: true });
  for (const customerId of participants) {
    const steps = resolveCustomerSteps(state, r, customerId);
    for (const category of ['deploy', 'verify'] as const) {
      const mine = steps.filter((s) => s.category === category);
      const c = counts.get(customerId)?.[category];
      expect(c?.total, `${customerId} ${category} total`).toBe(mine.length);
      expect(c?.done, `${customerId} ${category} done`).toBe(mine.filter((s) => s.status === 'done').length);
      expect(c?.skipped).toBe(mine.filter((s) => s.status === 'skipped').length);
      expect(c?.reverted).toBe(mine.filter((s) => s.status === 'reverted').length);
    }
  }
  // The matrix cells == the resolved template steps.
  const m = stepStatusMatrix(state, r, { includeArchivedCustomers: true });
  m.columns.forEach((col, j) => {
    const byTemplate = new Map(
      resolveCustomerSteps(state, r, col.customerId)
        .filter((s) => s.templateId)
        .map((s) => [s.templateId, s.status]),
    );
    m.rows.forEach((row, i) => {
      expect(cellStatus(m, i, j), `${row.templateId} × ${col.customerId}`).toBe(
        byTemplate.get(row.templateId) ?? null,
      );
    });
    const customs = resolveCustomerSteps(state, r, col.customerId).filter((s) => s.isCustom);
    expect(m.customSteps.filter((s) => s.customerId === col.customerId)).toEqual(customs);
  });
  // The whole-release list == the per-customer lists.
  expect(resolveReleaseSteps(state, r)).toEqual(
    [...participants].sort().flatMap((id) => resolveCustomerSteps(state, r, id)),
  );
}

describe('views agree with step resolution under random command sequences', () => {
  it.each([1, 2, 3, 42, 1337, 2026])('ST-01 seed %i: matrix, counts and lists agree', (seed) => {
    const { w, r, applied } = simulate(seed);
    expect(applied).toBeGreaterThan(40);
    checkViews(w.state, r);
  });
});

describe('the matrix computed in slices', () => {
  it.each([1, 2, 3, 7, 42, 99, 1337, 2026])(
    'RM-06 seed %i: stepStatusMatrixInSlices equals stepStatusMatrix, filtered or not',
    async (seed) => {
      const { w, r } = simulate(seed);
      const clusterIds = Object.keys(w.state.catalog.clusters) as NonNullable<MatrixOptions['clusterId']>[];
      const variants: MatrixOptions[] = [
        {},
        { includeArchivedCustomers: true },
        ...clusterIds.map((clusterId) => ({ clusterId })),
      ];
      for (const options of variants) {
        let pauses = 0;
        const sliced = await stepStatusMatrixInSlices(
          w.state,
          r,
          options,
          async () => {
            pauses++;
          },
          // A pause after every step state: the most cuts there can be.
          { sliceMs: 0, checkEvery: 1 },
        );
        const whole = stepStatusMatrix(w.state, r, options);
        expect(sliced).toEqual(whole);
        expect(pauses).toBe(Object.keys(w.state.releases[r]?.stepStates ?? {}).length);
      }
    },
  );

  it('RM-06 a step state gone during a pause is read as never run, not a crash', async () => {
    const { w, r } = simulate(5);
    const release = w.state.releases[r];
    if (!release) throw new Error('no release');
    const states = { ...release.stepStates };
    const ids = Object.keys(states) as StepId[];
    expect(ids.length).toBeGreaterThan(2);
    const live = { ...w.state, releases: { ...w.state.releases, [r]: { ...release, stepStates: states } } };
    const gone = ids[ids.length - 1] as StepId;
    const sliced = await stepStatusMatrixInSlices(
      live,
      r,
      {},
      async () => {
        delete states[gone];
      },
      { sliceMs: 0, checkEvery: 1 },
    );
    expect(sliced).toEqual(stepStatusMatrix(live, r));
  });

  it('RM-06 a release not in the state gives the empty matrix', async () => {
    const { w } = simulate(1, 10);
    const missing = 'release:none' as ReleaseId;
    expect(await stepStatusMatrixInSlices(w.state, missing, {}, async () => {})).toEqual(
      stepStatusMatrix(w.state, missing),
    );
  });
});

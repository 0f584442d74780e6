import { describe, expect, it } from 'vitest';
import {
  addCustomStep,
  archiveCustomer,
  averageProgress,
  type CustomerId,
  customerProgress,
  deleteCustomStep,
  deleteTemplate,
  markDone,
  percent,
  progressOf,
  releaseProgress,
  releaseProgressOf,
  revertStep,
  run,
  type StepId,
  StepTally,
  skipStep,
  templateStepId,
  updateTemplate,
} from '../src/index.ts';
import { activeWorld, World } from './helpers.ts';

function scenario() {
  const f = activeWorld();
  const { w, r, a, c, d1, d2, v1 } = f;
  w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
  w.do(skipStep, { releaseId: r, stepId: templateStepId(a, d2), reason: 'n/a' });
  w.do(markDone, { releaseId: r, stepId: templateStepId(c, d1) });
  w.do(markDone, { releaseId: r, stepId: templateStepId(c, d2) });
  w.do(markDone, { releaseId: r, stepId: templateStepId(c, v1) });
  w.do(revertStep, { releaseId: r, stepId: templateStepId(c, v1), reason: 'bad' });
  return f;
}

describe('progress', () => {
  it('PR-01 empty totals are 0 %, never NaN', () => {
    expect(percent(0, 0)).toBe(0);
    expect(progressOf({ total: 0, done: 0, skipped: 0, pending: 0, reverted: 0 })).toMatchObject({
      donePercent: 0,
      completePercent: 0,
    });
    const w = new World();
    const r = w.release();
    expect(releaseProgress(w.state, r).overall).toMatchObject({
      total: 0,
      donePercent: 0,
      completePercent: 0,
      customers: 0,
    });
  });

  it('PR-02 per customer: done % counts done only, complete % counts done and skipped; reverted is open work', () => {
    const { w, r, a, b, c } = scenario();
    const p = releaseProgress(w.state, r);
    expect(p.byCustomer[a]).toMatchObject({
      total: 3,
      done: 1,
      skipped: 1,
      pending: 1,
      reverted: 0,
      donePercent: 33,
      completePercent: 66,
    });
    expect(p.byCustomer[b]).toMatchObject({ total: 3, pending: 3, donePercent: 0, completePercent: 0 });
    expect(p.byCustomer[c]).toMatchObject({
      total: 3,
      done: 2,
      reverted: 1,
      donePercent: 66,
      completePercent: 66,
    });
    expect(p.byCustomer[a]?.byCategory.deploy).toMatchObject({
      total: 2,
      donePercent: 50,
      completePercent: 100,
    });
  });

  it('PR-03 per cluster and overall: the average of the customers; counts are sums', () => {
    const { w, r, eu, us } = scenario();
    const p = releaseProgress(w.state, r);
    expect(p.byCluster[eu]).toMatchObject({
      customers: 2,
      total: 6,
      done: 1,
      donePercent: 16,
      completePercent: 33,
    });
    expect(p.byCluster[us]).toMatchObject({ customers: 1, donePercent: 66, completePercent: 66 });
    expect(p.overall).toMatchObject({ customers: 3, total: 9, done: 3, skipped: 1, reverted: 1, pending: 4 });
    expect(p.overall).toMatchObject({ donePercent: 33, completePercent: 44 });
  });

  it('PR-04 per category: the average of the customers that have steps in it', () => {
    const { w, r, a } = scenario();
    w.do(addCustomStep, {
      releaseId: r,
      customerId: a,
      name: 'X',
      category: 'verify',
      type: 'text',
      content: '',
    });
    const p = releaseProgress(w.state, r);
    expect(p.byCategory.deploy).toMatchObject({ total: 6, donePercent: 50, completePercent: 66 });
    expect(p.byCategory.verify).toMatchObject({ total: 4, done: 0, reverted: 1, donePercent: 0 });
  });

  it('PR-05 archived customers are left out unless asked for', () => {
    const { w, r, b } = scenario();
    w.do(archiveCustomer, { customerId: b });
    expect(releaseProgress(w.state, r).overall).toMatchObject({
      customers: 2,
      donePercent: 50,
      completePercent: 66,
    });
    expect(releaseProgress(w.state, r, { includeArchivedCustomers: true }).overall.customers).toBe(3);
    expect(customerProgress(w.state, r, b).total).toBe(3);
  });

  it('PR-06 percentages are floored: 100 % only when nothing is left; 29 of 100 is 29', () => {
    expect(percent(29, 100)).toBe(29);
    expect(percent(199, 200)).toBe(99);
    expect(percent(3, 3)).toBe(100);
  });

  it('PR-07 counting follows the step rules: custom steps count, executed steps of deleted templates count', () => {
    const { w, r, a, b, d1 } = scenario();
    w.do(addCustomStep, {
      releaseId: r,
      customerId: b,
      name: 'X',
      category: 'deploy',
      type: 'text',
      content: '',
    });
    w.do(deleteTemplate, { releaseId: r, templateId: d1 });
    const p = releaseProgress(w.state, r);
    // a keeps its done d1; b loses pending d1 and gains the custom step.
    expect(p.byCustomer[a]).toMatchObject({ total: 3, done: 1 });
    expect(p.byCustomer[b]).toMatchObject({ total: 3, pending: 3 });
  });

  it('PR-07 a step executed in one category counts there even if its template moved category later', () => {
    const { w, r, a, d1 } = activeWorld();
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    w.do(updateTemplate, { releaseId: r, templateId: d1, category: 'verify' });
    const p = customerProgress(w.state, r, a);
    expect(p.byCategory.deploy).toMatchObject({ total: 2, done: 1 });
    expect(p.byCategory.verify).toMatchObject({ total: 1, done: 0 });
  });
});

describe('progress across releases', () => {
  it('PR-08 a customer over several releases: the average of its releases with steps, counts summed', () => {
    const { w, r, a } = scenario();
    // A second active release where Acme has one of two steps done, and a third with no steps at all.
    const r2 = w.release('Hotfix 2');
    const h1 = w.template(r2, 'Patch');
    w.template(r2, 'Restart');
    w.activate(r2);
    w.do(markDone, { releaseId: r2, stepId: templateStepId(a, h1) });
    const empty = w.release('Hotfix 3');
    w.activate(empty);

    const inFirst = releaseProgress(w.state, r).byCustomer[a];
    const inSecond = releaseProgress(w.state, r2).byCustomer[a];
    const inEmpty = releaseProgress(w.state, empty).byCustomer[a];
    expect(inFirst).toMatchObject({ total: 3, completePercent: 66, donePercent: 33 });
    expect(inSecond).toMatchObject({ total: 2, completePercent: 50, donePercent: 50 });
    expect(inEmpty).toMatchObject({ total: 0 });
    if (!inFirst || !inSecond || !inEmpty) throw new Error('Acme takes part in all three releases');

    // (2/3 + 1/2) / 2 = 58.3 -> 58 complete; (1/3 + 1/2) / 2 = 41.6 -> 41 done. The empty release is left out.
    expect(averageProgress([inFirst, inSecond, inEmpty])).toMatchObject({
      customers: 2,
      total: 5,
      done: 2,
      skipped: 1,
      completePercent: 58,
      donePercent: 41,
    });
    expect(averageProgress([])).toMatchObject({ customers: 0, total: 0, completePercent: 0, donePercent: 0 });
  });
});

describe('progress kept step by step (StepTally.recount)', () => {
  /** xorshift32: the same sequence for a seed. */
  const seeded = (seed: number) => {
    let x = seed >>> 0 || 1;
    return (n: number) => {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x % n;
    };
  };

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`PR-09 recounting only the steps a change touched equals counting everything again (seed ${seed})`, () => {
      const { w, r, a, b, c, d1, d2, v1 } = activeWorld();
      w.do(archiveCustomer, { customerId: b });
      const pick = seeded(seed);
      const customers = [a, b, c];
      const steps = () => [
        ...customers.flatMap((cu) => [d1, d2, v1].map((t) => templateStepId(cu, t))),
        ...(Object.keys(w.state.releases[r]?.customSteps ?? {}) as StepId[]),
      ];
      for (const includeArchivedCustomers of [false, true]) {
        const options = { includeArchivedCustomers };
        const tally = StepTally.count(w.state, r, options);
        let applied = 0;
        for (let i = 0; i < 80; i++) {
          const before = w.state.releases[r];
          const stepId = steps()[pick(steps().length)] as StepId;
          const input = { releaseId: r, stepId };
          const choice = pick(5);
          const result =
            choice === 0
              ? markDone(w.state, input, w.ctx)
              : choice === 1
                ? skipStep(w.state, { ...input, reason: 'not needed' }, w.ctx)
                : choice === 2
                  ? revertStep(w.state, { ...input, reason: 'went wrong' }, w.ctx)
                  : choice === 3
                    ? addCustomStep(
                        w.state,
                        {
                          releaseId: r,
                          customerId: customers[pick(3)] as CustomerId,
                          name: `Custom ${i}`,
                          category: pick(2) ? 'deploy' : 'verify',
                          type: 'text',
                          content: '',
                        },
                        w.ctx,
                      )
                    : deleteCustomStep(w.state, input, w.ctx);
          if (!result.ok) continue; // refused (a rule held): nothing changed
          applied++;
          w.state = run(w.state, result).state;
          const after = w.state.releases[r];
          // The steps whose state or custom step this change touched, as the document layer reports them.
          const touched = new Set<StepId>();
          for (const id of Object.keys({ ...before?.stepStates, ...after?.stepStates }) as StepId[])
            if (before?.stepStates[id] !== after?.stepStates[id]) touched.add(id);
          for (const id of Object.keys({ ...before?.customSteps, ...after?.customSteps }) as StepId[])
            if (before?.customSteps[id] !== after?.customSteps[id]) touched.add(id);
          tally.recount(w.state, r, touched);
          expect(releaseProgressOf(w.state, r, tally)).toEqual(releaseProgress(w.state, r, options));
        }
        expect(applied).toBeGreaterThan(15);
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import {
  addCustomStep,
  archiveCustomer,
  bulkMarkDone,
  deleteTemplate,
  eventContent,
  markDone,
  moveCustomer,
  overrideStep,
  reopenStep,
  resolveStep,
  revertStep,
  type StepId,
  type StepStatus,
  skipStep,
  templateStepId,
  testContext,
  updateTemplate,
} from '../src/index.ts';
import { activeWorld, type World } from './helpers.ts';

/** Put a step into a status through the commands (the only way a real step gets there). */
function bring(w: World, releaseId: `release:${string}`, stepId: StepId, status: StepStatus): void {
  if (status === 'pending') return;
  if (status === 'skipped') {
    w.do(skipStep, { releaseId, stepId, reason: 'why not' });
    return;
  }
  w.do(markDone, { releaseId, stepId });
  if (status === 'reverted') w.do(revertStep, { releaseId, stepId, reason: 'broke it' });
}

type Action = 'done' | 'skip' | 'revert' | 'reopen';
const act = {
  done: (w: World, releaseId: `release:${string}`, stepId: StepId) =>
    markDone(w.state, { releaseId, stepId }, w.ctx),
  skip: (w: World, releaseId: `release:${string}`, stepId: StepId) =>
    skipStep(w.state, { releaseId, stepId, reason: 'r' }, w.ctx),
  revert: (w: World, releaseId: `release:${string}`, stepId: StepId) =>
    revertStep(w.state, { releaseId, stepId, reason: 'r' }, w.ctx),
  reopen: (w: World, releaseId: `release:${string}`, stepId: StepId) =>
    reopenStep(w.state, { releaseId, stepId }, w.ctx),
};

describe('step status machine', () => {
  // from, action, expected new status or refusal code
  const table: [StepStatus, Action, StepStatus | string][] = [
    ['pending', 'done', 'done'],
    ['pending', 'skip', 'skipped'],
    ['pending', 'revert', 'step-not-done'],
    ['pending', 'reopen', 'step-already-pending'],
    ['done', 'done', 'step-already-done'],
    ['done', 'skip', 'step-locked'],
    ['done', 'revert', 'reverted'],
    ['done', 'reopen', 'step-locked'],
    ['skipped', 'done', 'done'],
    ['skipped', 'skip', 'step-already-skipped'],
    ['skipped', 'revert', 'step-not-done'],
    ['skipped', 'reopen', 'pending'],
    ['reverted', 'done', 'done'],
    ['reverted', 'skip', 'skipped'],
    ['reverted', 'revert', 'step-not-done'],
    ['reverted', 'reopen', 'pending'],
  ];
  it.each(table)('SS-01 %s --%s--> %s', (from, action, expected) => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    bring(w, r, stepId, from);
    const result = act[action](w, r, stepId);
    if (result.ok) {
      w.apply(result.change);
      expect(resolveStep(w.state, r, stepId)?.status).toBe(expected);
      const last = w.state.releases[r]?.events.at(-1);
      expect(last).toMatchObject({ stepId, from, to: expected });
    } else {
      expect(result.error.code).toBe(expected);
    }
  });
});

describe('marking done', () => {
  it('BR-R03 done records the content as executed, variables filled in for that customer', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    const value = w.do(markDone, { releaseId: r, stepId, notes: ' went fine ' });
    expect(value.executedContent).toBe('helm upgrade app -n acme-prod');
    expect(value.unknownVariables).toEqual([]);
    expect(resolveStep(w.state, r, stepId)).toMatchObject({
      status: 'done',
      executedContent: 'helm upgrade app -n acme-prod',
      executedAt: w.ctx.now(),
      executedBy: 'Alice',
      notes: 'went fine',
      content: 'helm upgrade app -n {{customer.namespace}}',
    });
  });

  it('BR-R03 once done, template edits, moves of the customer and overrides do not change the step', () => {
    const { w, r, a, us, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(markDone, { releaseId: r, stepId });
    const before = resolveStep(w.state, r, stepId);
    w.do(updateTemplate, {
      releaseId: r,
      templateId: d1,
      content: 'rm -rf /',
      name: 'Other',
      type: 'sql',
      category: 'verify',
    });
    w.do(moveCustomer, { customerId: a, clusterId: us });
    expect(w.refused(overrideStep, { releaseId: r, stepId, content: 'x' }).code).toBe('step-locked');
    const after = resolveStep(w.state, r, stepId);
    expect(after).toMatchObject({
      name: before?.name,
      content: before?.content,
      type: 'bash',
      category: 'deploy',
      executedContent: before?.executedContent,
    });
  });

  it('BR-R03 an overridden step is executed with its override', () => {
    const { w, r, b, d1 } = activeWorld();
    const stepId = templateStepId(b, d1);
    w.do(overrideStep, {
      releaseId: r,
      stepId,
      content: 'kubectl -n {{ customer.namespace }} rollout restart',
    });
    expect(w.do(markDone, { releaseId: r, stepId }).executedContent).toBe(
      'kubectl -n beta-prod rollout restart',
    );
  });

  it('VR-03 unknown variables stay in the executed content and are reported', () => {
    const { w, r, c, d1 } = activeWorld();
    const stepId = templateStepId(c, d1);
    w.do(overrideStep, { releaseId: r, stepId, content: 'echo {{customer.tier}}' });
    const value = w.do(markDone, { releaseId: r, stepId });
    expect(value.executedContent).toBe('echo {{customer.tier}}');
    expect(value.unknownVariables.map((u) => u.name)).toEqual(['customer.tier']);
    expect(w.state.releases[r]?.events.at(-1)?.detail.unknownVariables).toBe('customer.tier');
  });
});

describe('skip, revert, reopen', () => {
  it('BR-S03 skipping requires a reason (skip-needs-reason)', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    expect(w.refused(skipStep, { releaseId: r, stepId, reason: '   ' })).toMatchObject({
      code: 'skip-needs-reason',
      field: 'reason',
    });
    w.do(skipStep, { releaseId: r, stepId, reason: ' customer opted out ' });
    expect(resolveStep(w.state, r, stepId)).toMatchObject({
      status: 'skipped',
      skipReason: 'customer opted out',
    });
  });

  it('ST-02 a skipped step keeps the content it had when skipped', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(skipStep, { releaseId: r, stepId, reason: 'n/a' });
    w.do(updateTemplate, { releaseId: r, templateId: d1, content: 'new' });
    expect(resolveStep(w.state, r, stepId)?.content).toBe('helm upgrade app -n {{customer.namespace}}');
  });

  it('BR-R04 revert needs a reason and keeps the execution record and the history', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(markDone, { releaseId: r, stepId });
    expect(w.refused(revertStep, { releaseId: r, stepId, reason: '' })).toMatchObject({
      code: 'revert-needs-reason',
      field: 'reason',
    });
    w.do(revertStep, { releaseId: r, stepId, reason: 'pods crashlooping' });
    expect(resolveStep(w.state, r, stepId)).toMatchObject({
      status: 'reverted',
      revertReason: 'pods crashlooping',
      executedContent: 'helm upgrade app -n acme-prod',
    });
    expect(w.state.releases[r]?.events.filter((e) => e.stepId === stepId).map((e) => e.kind)).toEqual([
      'done',
      'reverted',
    ]);
  });

  it('ST-05 reopening clears the snapshot so the step follows its template again; the old run stays in history', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(markDone, { releaseId: r, stepId });
    w.do(revertStep, { releaseId: r, stepId, reason: 'bad' });
    w.do(updateTemplate, { releaseId: r, templateId: d1, content: 'fixed -n {{customer.namespace}}' });
    w.do(reopenStep, { releaseId: r, stepId, reason: 'retry with fix' });
    expect(resolveStep(w.state, r, stepId)).toMatchObject({
      status: 'pending',
      content: 'fixed -n {{customer.namespace}}',
      executedContent: null,
      executedAt: null,
      revertReason: null,
    });
    const doc = w.state.releases[r];
    const reopened = doc?.events.at(-1);
    expect(reopened).toMatchObject({
      kind: 'reopened',
      from: 'reverted',
      to: 'pending',
      detail: { reason: 'retry with fix' },
    });
    // HI-03: the previous run is named by revision and values, and reads back as the text it ran.
    expect(reopened && eventContent(doc?.revisions ?? {}, reopened)).toEqual({
      content: null,
      previousContent: 'helm upgrade app -n {{customer.namespace}}',
      previousExecutedContent: 'helm upgrade app -n acme-prod',
    });
    expect(w.do(markDone, { releaseId: r, stepId }).executedContent).toBe('fixed -n acme-prod');
  });

  it('ST-03 a step of a deleted template cannot be reopened (template-deleted)', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(skipStep, { releaseId: r, stepId, reason: 'n/a' });
    w.do(deleteTemplate, { releaseId: r, templateId: d1 });
    expect(w.refused(reopenStep, { releaseId: r, stepId }).code).toBe('template-deleted');
    w.do(markDone, { releaseId: r, stepId });
    expect(resolveStep(w.state, r, stepId)?.status).toBe('done');
  });

  it('ST-08 steps of an archived customer are kept but refuse changes (customer-archived)', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(archiveCustomer, { customerId: a });
    expect(resolveStep(w.state, r, stepId)).not.toBeNull();
    expect(w.refused(markDone, { releaseId: r, stepId }).code).toBe('customer-archived');
  });
});

describe('bulk mark done', () => {
  it('FET-004 marks the pending steps of one customer and category done', () => {
    const { w, r, a, d1, d2, v1 } = activeWorld();
    w.do(skipStep, { releaseId: r, stepId: templateStepId(a, d2), reason: 'n/a' });
    const { stepId: custom } = w.do(addCustomStep, {
      releaseId: r,
      customerId: a,
      name: 'C',
      category: 'deploy',
      type: 'text',
      content: '',
    });
    const value = w.do(bulkMarkDone, { releaseId: r, customerId: a, category: 'deploy' });
    expect(value).toEqual({ done: [templateStepId(a, d1), custom], refused: [] });
    expect(resolveStep(w.state, r, templateStepId(a, d2))?.status).toBe('skipped');
    expect(resolveStep(w.state, r, templateStepId(a, v1))?.status).toBe('pending');
  });

  it('SS-03 with a list of steps: does what it can and says why it refused the others', () => {
    const { w, r, a, b, d1 } = activeWorld();
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    const value = w.do(bulkMarkDone, {
      releaseId: r,
      stepIds: [templateStepId(a, d1), templateStepId(b, d1), 'step:nope', templateStepId(b, d1)],
    });
    expect(value.done).toEqual([templateStepId(b, d1)]);
    expect(value.refused.map((x) => [x.stepId, x.code])).toEqual([
      [templateStepId(a, d1), 'step-already-done'],
      ['step:nope', 'step-not-found'],
    ]);
  });

  it('FET-004 refuses a customer that is not in the release (customer-not-in-release)', () => {
    const { w, r, eu } = activeWorld();
    const outsider = w.customer(eu, 'Out', 'out');
    expect(w.refused(bulkMarkDone, { releaseId: r, customerId: outsider, category: 'deploy' }).code).toBe(
      'customer-not-in-release',
    );
  });

  it('HI-01 bulk writes one event per step, each after that step’s own newest event', () => {
    const { w, r, a, b, d1 } = activeWorld();
    w.do(skipStep, { releaseId: r, stepId: templateStepId(a, d1), reason: 'x' });
    const skipEvent = w.state.releases[r]?.events.at(-1);
    w.do(bulkMarkDone, { releaseId: r, stepIds: [templateStepId(a, d1), templateStepId(b, d1)] });
    const [ea, eb] = w.state.releases[r]?.events.slice(-2) ?? [];
    expect(ea).toMatchObject({ stepId: templateStepId(a, d1), after: skipEvent?.id });
    expect(eb).toMatchObject({ stepId: templateStepId(b, d1), after: null });
  });
});

describe('history events', () => {
  it('HI-01 every step change appends who, when, which device, and the step’s newest event before it', () => {
    const ctx = testContext({ device: 'laptop', actor: { id: 'user:bob', name: 'Bob' } });
    const { w, r, a, d1 } = activeWorld(ctx);
    const stepId = templateStepId(a, d1);
    w.do(overrideStep, { releaseId: r, stepId, content: 'x' });
    ctx.tick(60_000);
    w.do(markDone, { releaseId: r, stepId });
    const [first, second] = w.state.releases[r]?.events.filter((e) => e.stepId === stepId) ?? [];
    expect(first).toMatchObject({
      kind: 'overridden',
      by: 'user:bob',
      byName: 'Bob',
      device: 'laptop',
      after: null,
    });
    expect(second).toMatchObject({
      kind: 'done',
      after: first?.id,
      at: '2026-02-01T09:01:00.000Z',
      from: 'pending',
      to: 'done',
      customerId: a,
      templateId: d1,
    });
  });

  it('HI-02 after a merge, the next event names the newest head in `after` and the other in `seen`', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    const laptop = testContext({ device: 'laptop' });
    const tablet = testContext({ device: 'tablet' });
    const one = w.change(skipStep, { releaseId: r, stepId, reason: 'x' }, laptop);
    const two = w.change(markDone, { releaseId: r, stepId }, tablet);
    w.apply(one);
    w.apply(two);
    const [e1, e2] = w.state.releases[r]?.events.filter((e) => e.stepId === stepId) ?? [];
    w.do(revertStep, { releaseId: r, stepId, reason: 'merge' });
    const e3 = w.state.releases[r]?.events.at(-1);
    expect(e3?.after).toBe(e2?.id);
    expect(e3?.detail.seen).toBe(e1?.id);
  });
});

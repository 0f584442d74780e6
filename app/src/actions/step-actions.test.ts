import {
  type CustomerStep,
  markDone,
  resolveStep,
  revertStep,
  type StepId,
  skipStep,
  templateStepId,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { testWorld } from '@/test-support/test-world';
import { type StepActionContext, type StepForm, stepActions } from './step-actions';
import { actionForKey, type KeyEventLike } from './types';

function ctxFor(step: CustomerStep, editable = true, lock: string | null = null) {
  const opened: StepForm[] = [];
  const ctx: StepActionContext = {
    step,
    releaseId: step.releaseId,
    editable,
    lock,
    content: { text: 'x', unknown: [], target: 'prod-eu / acme-prod', fileName: 'acme_x.sh' },
    run: () => Promise.reject(new Error('not in this test')),
    notes: () => '',
    open: (form) => opened.push(form),
    notify: () => undefined,
    writeClipboard: () => Promise.resolve(),
    saveFile: () => undefined,
  };
  return { ctx, opened };
}

const available = (ctx: StepActionContext) => stepActions.filter((a) => a.isAvailable(ctx)).map((a) => a.id);

function stepOf(w: ReturnType<typeof testWorld>, stepId: StepId): CustomerStep {
  const step = resolveStep(w.state, w.ids.releaseId, stepId);
  if (!step) throw new Error(`no step ${stepId}`);
  return step;
}

describe('step actions follow what each source allows and the status machine (SS-01, SS-02)', () => {
  it('a pending template step: mark done, skip, override, copy, download', () => {
    const w = testWorld();
    const step = stepOf(w, templateStepId(w.ids.acme, w.ids.deployApp));
    expect(available(ctxFor(step).ctx)).toEqual([
      'step.markDone',
      'step.skip',
      'step.override',
      'step.copy',
      'step.download',
    ]);
  });

  it('a custom step: edit and delete instead of override (FCS-006)', () => {
    const w = testWorld();
    expect(available(ctxFor(stepOf(w, w.ids.custom)).ctx)).toEqual([
      'step.markDone',
      'step.skip',
      'step.editCustom',
      'step.deleteCustom',
      'step.copy',
      'step.download',
    ]);
  });

  it('BR-R03: a done step is locked: revert only (and copy, download)', () => {
    const w = testWorld();
    const stepId = templateStepId(w.ids.beta, w.ids.migrate);
    w.act(markDone, { releaseId: w.ids.releaseId, stepId });
    expect(available(ctxFor(stepOf(w, stepId)).ctx)).toEqual(['step.revert', 'step.copy', 'step.download']);
  });

  it('skipped and reverted steps can be done again or reopened', () => {
    const w = testWorld();
    const { releaseId } = w.ids;
    const skipped = templateStepId(w.ids.beta, w.ids.migrate);
    w.act(skipStep, { releaseId, stepId: skipped, reason: 'n/a' });
    expect(available(ctxFor(stepOf(w, skipped)).ctx)).toEqual([
      'step.markDone',
      'step.reopen',
      'step.copy',
      'step.download',
    ]);
    const reverted = templateStepId(w.ids.cobalt, w.ids.migrate);
    w.act(markDone, { releaseId, stepId: reverted });
    w.act(revertStep, { releaseId, stepId: reverted, reason: 'rollback' });
    expect(available(ctxFor(stepOf(w, reverted)).ctx)).toEqual([
      'step.markDone',
      'step.skip',
      'step.reopen',
      'step.copy',
      'step.download',
    ]);
  });

  it('LC-05 / ST-08: nothing changes a step of an archived release or customer; it can still be copied', () => {
    const w = testWorld();
    const step = stepOf(w, templateStepId(w.ids.acme, w.ids.deployApp));
    expect(available(ctxFor(step, false).ctx)).toEqual(['step.copy', 'step.download']);
  });

  it('WV-05 / WV-08: a step of a wave that is not open (or halted) offers no done or skip; read, copy and download stay', () => {
    const w = testWorld();
    const step = stepOf(w, templateStepId(w.ids.acme, w.ids.deployApp));
    expect(available(ctxFor(step, true, 'Wave 2 is not open yet').ctx)).toEqual([
      'step.override',
      'step.copy',
      'step.download',
    ]);
  });

  it('single keys D, S, R pick the action; with a modifier they do nothing', () => {
    const w = testWorld();
    const { ctx, opened } = ctxFor(stepOf(w, templateStepId(w.ids.acme, w.ids.deployApp)));
    const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({
      key: k,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      ...mods,
    });
    expect(actionForKey(stepActions, key('d'), ctx)?.id).toBe('step.markDone');
    expect(actionForKey(stepActions, key('S'), ctx)?.id).toBe('step.skip');
    // Revert is not available on a pending step, so R does nothing here.
    expect(actionForKey(stepActions, key('r'), ctx)).toBeUndefined();
    expect(actionForKey(stepActions, key('d', { ctrlKey: true }), ctx)).toBeUndefined();
    expect(actionForKey(stepActions, key('s', { shiftKey: true }), ctx)).toBeUndefined();
    void actionForKey(stepActions, key('s'), ctx)?.perform(ctx);
    expect(opened).toEqual(['skip']);
  });
});

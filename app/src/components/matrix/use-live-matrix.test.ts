import {
  markDone,
  overrideStep,
  revertStep,
  type StepId,
  setNotes,
  skipStep,
  stepStatusMatrix,
  templateStepId,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { testWorld } from '@/test-support/test-world';
import { patchable, patchMatrix } from './use-live-matrix';

describe('patching the live matrix after status changes', () => {
  it('gives the same cells as recomputing it with stepStatusMatrix', () => {
    const w = testWorld();
    const { releaseId, acme, beta, cobalt, deployApp, migrate, health } = w.ids;
    const before = stepStatusMatrix(w.state, releaseId);
    const steps: StepId[] = [
      templateStepId(acme, deployApp),
      templateStepId(beta, migrate),
      templateStepId(cobalt, health),
      templateStepId(cobalt, deployApp),
    ];
    w.act(markDone, { releaseId, stepId: steps[0] as StepId });
    w.act(skipStep, { releaseId, stepId: steps[1] as StepId, reason: 'n/a' });
    w.act(overrideStep, { releaseId, stepId: steps[2] as StepId, content: 'echo own' });
    w.act(setNotes, { releaseId, stepId: steps[2] as StepId, notes: 'slow' });
    w.act(markDone, { releaseId, stepId: steps[3] as StepId });
    w.act(revertStep, { releaseId, stepId: steps[3] as StepId, reason: 'rollback' });
    const patched = patchMatrix(before, w.state, steps);
    const fresh = stepStatusMatrix(w.state, releaseId);
    expect(patched && [...patched.status]).toEqual([...fresh.status]);
    expect(patched && [...patched.flags]).toEqual([...fresh.flags]);
    // The old matrix is left as it was (React compares by identity).
    expect([...before.status]).not.toEqual([...fresh.status]);
  });

  it('gives up on custom steps and on changes other than step states', () => {
    const w = testWorld();
    const m = stepStatusMatrix(w.state, w.ids.releaseId);
    expect(patchMatrix(m, w.state, [w.ids.custom])).toBeNull();
    expect(patchable({ templates: [], participants: [], customSteps: [] })).toBe(true);
    expect(patchable({ templates: [w.ids.health], participants: [], customSteps: [] })).toBe(false);
  });
});

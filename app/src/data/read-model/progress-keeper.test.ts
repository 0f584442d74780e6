import type { ReleaseChanges } from '@runsheet/doc';
import {
  addTemplate,
  markDone,
  releaseProgress,
  type StepId,
  StepTally,
  skipStep,
  templateStepId,
} from '@runsheet/domain';
import { describe, expect, it, vi } from 'vitest';
import { testWorld } from '@/test-support/test-world';
import { ProgressKeeper } from './progress-keeper.ts';

function change(
  w: ReturnType<typeof testWorld>,
  what: Partial<Pick<ReleaseChanges, 'stepStates' | 'templates' | 'revisions'>>,
): ReleaseChanges {
  return {
    kind: 'release',
    releaseId: w.ids.releaseId,
    templates: [],
    customSteps: [],
    participants: [],
    revisions: [],
    stepStates: [],
    events: [],
    waves: [],
    waveMembers: [],
    origin: null,
    local: true,
    ...what,
  } as ReleaseChanges;
}

describe('ProgressKeeper', () => {
  it('PR-09 a status change recounts only its steps; the figures equal a whole count', () => {
    const w = testWorld();
    const { releaseId, acme, beta, deployApp, migrate } = w.ids;
    const keeper = new ProgressKeeper(releaseId);
    expect(keeper.current(w.state)).toEqual(releaseProgress(w.state, releaseId));
    const count = vi.spyOn(StepTally, 'count');
    const a = templateStepId(acme, deployApp);
    const b = templateStepId(beta, migrate);
    w.act(markDone, { releaseId, stepId: a });
    w.act(skipStep, { releaseId, stepId: b, reason: 'n/a' });
    keeper.note(change(w, { stepStates: [a, b] as StepId[] }));
    const kept = keeper.current(w.state);
    expect(count).not.toHaveBeenCalled();
    expect(kept).toEqual(releaseProgress(w.state, releaseId));
    expect(kept.overall.done).toBe(1);
    count.mockRestore();
  });

  it('PR-09 a template added, a reload of the view or a view that subscribed late counts everything again', () => {
    const w = testWorld();
    const { releaseId } = w.ids;
    const keeper = new ProgressKeeper(releaseId);
    keeper.current(w.state);
    const count = vi.spyOn(StepTally, 'count');
    w.act(addTemplate, { releaseId, name: 'Smoke', category: 'verify', type: 'bash', content: 'echo' });
    keeper.note(change(w, { templates: ['template:new'] as never }));
    const counted = keeper.current(w.state);
    expect(count).toHaveBeenCalledTimes(1);
    expect(counted).toEqual(releaseProgress(w.state, releaseId));
    count.mockClear();
    keeper.note({ kind: 'reload', releaseId });
    keeper.current(w.state);
    keeper.invalidate();
    keeper.current(w.state);
    expect(count).toHaveBeenCalledTimes(2);
    // Nothing noted since: nothing counted.
    keeper.current(w.state);
    expect(count).toHaveBeenCalledTimes(2);
    count.mockRestore();
  });

  it('PR-09 a release read from another source (stored copy, snapshot, document) is counted whole; the same version is not', () => {
    const w = testWorld();
    const { releaseId, acme, deployApp } = w.ids;
    const keeper = new ProgressKeeper(releaseId);
    keeper.current(w.state, 1, 'stored');
    const count = vi.spyOn(StepTally, 'count');
    const a = templateStepId(acme, deployApp);
    w.act(markDone, { releaseId, stepId: a });
    keeper.note(change(w, { stepStates: [a] as StepId[] }));
    // The document opened by another reader, with no reload: its object is counted whole.
    expect(keeper.current(w.state, 2, 'document')).toEqual(releaseProgress(w.state, releaseId));
    expect(count).toHaveBeenCalledTimes(2);
    count.mockClear();
    // A view that subscribes at the version already counted misses nothing: no count.
    keeper.invalidate(2);
    keeper.current(w.state, 2, 'document');
    expect(count).not.toHaveBeenCalled();
    count.mockRestore();
  });
});

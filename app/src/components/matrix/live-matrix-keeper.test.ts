import type { ReleaseChanges } from '@runsheet/doc';
import {
  addTemplate,
  markDone,
  type StatusMatrix,
  type StepId,
  skipStep,
  stepStatusMatrix,
  templateStepId,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { testWorld } from '@/test-support/test-world';
import { LiveMatrixKeeper } from './live-matrix-keeper';

/** A keeper that computes every matrix in slices, pausing until the test lets it go on. */
function slicedKeeper() {
  let ready = 0;
  let pauses = 0;
  const keeper = new LiveMatrixKeeper({
    onReady: () => {
      ready++;
    },
    pause: async () => {
      pauses++;
    },
    // Every release counts as large (a fresh one has no step state yet).
    slicedAbove: -1,
  });
  return {
    keeper,
    ready: () => ready,
    pauses: () => pauses,
  };
}

/** Lets the keeper's computation in slices run to its end (each pause here is a resolved promise). */
async function settle() {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

function statusChange(w: ReturnType<typeof testWorld>, steps: StepId[], templates: string[] = []) {
  return {
    kind: 'release',
    releaseId: w.ids.releaseId,
    templates,
    customSteps: [],
    participants: [],
    revisions: [],
    stepStates: steps,
    events: [],
    waves: [],
    waveMembers: [],
    origin: null,
    local: true,
  } as unknown as ReleaseChanges;
}

const cells = (m: StatusMatrix | undefined) => m && { ...m, status: [...m.status], flags: [...m.flags] };

describe('LiveMatrixKeeper', () => {
  it('RM-06 computes a large release in slices: nothing (loading) first, then the same matrix as stepStatusMatrix', async () => {
    const w = testWorld();
    const { keeper, ready } = slicedKeeper();
    const { releaseId } = w.ids;
    expect(keeper.current(w.state, releaseId, undefined)).toBeUndefined();
    // Asked again before it is ready: still computing, not started twice.
    expect(keeper.current(w.state, releaseId, undefined)).toBeUndefined();
    await settle();
    expect(ready()).toBe(1);
    expect(cells(keeper.current(w.state, releaseId, undefined))).toEqual(
      cells(stepStatusMatrix(w.state, releaseId)),
    );
    // Filtered by cluster: computed again for that filter.
    expect(keeper.current(w.state, releaseId, w.ids.eu)).toBeUndefined();
    await settle();
    expect(cells(keeper.current(w.state, releaseId, w.ids.eu))).toEqual(
      cells(stepStatusMatrix(w.state, releaseId, { clusterId: w.ids.eu })),
    );
    expect(ready()).toBe(2);
  });

  it('RM-06 status changes made while it computes are patched into the result', async () => {
    const w = testWorld();
    const { keeper } = slicedKeeper();
    const { releaseId, acme, beta, deployApp, migrate } = w.ids;
    const first = w.state;
    expect(keeper.current(first, releaseId, undefined)).toBeUndefined();
    // The computation reads `first`; these changes come after it started.
    const a = templateStepId(acme, deployApp);
    const b = templateStepId(beta, migrate);
    w.act(markDone, { releaseId, stepId: a });
    w.act(skipStep, { releaseId, stepId: b, reason: 'n/a' });
    keeper.note(statusChange(w, [a, b]));
    await settle();
    const m = keeper.current(w.state, releaseId, undefined);
    expect(cells(m)).toEqual(cells(stepStatusMatrix(w.state, releaseId)));
    expect(cells(m)).not.toEqual(cells(stepStatusMatrix(first, releaseId)));
  });

  it('RM-06 a change it cannot patch (a template added) starts it again, and the last shown matrix stays meanwhile', async () => {
    const w = testWorld();
    const { keeper, ready } = slicedKeeper();
    const { releaseId } = w.ids;
    keeper.current(w.state, releaseId, undefined);
    await settle();
    const shown = keeper.current(w.state, releaseId, undefined);
    expect(shown).toBeDefined();
    w.act(addTemplate, { releaseId, name: 'Smoke', category: 'verify', type: 'bash', content: 'echo' });
    keeper.note(statusChange(w, [], ['template:new']));
    // Recomputing: the matrix shown so far, not a blank.
    expect(keeper.current(w.state, releaseId, undefined)).toBe(shown);
    await settle();
    expect(ready()).toBe(2);
    const next = keeper.current(w.state, releaseId, undefined);
    expect(next?.rows.length).toBe((shown?.rows.length ?? 0) + 1);
    expect(cells(next)).toEqual(cells(stepStatusMatrix(w.state, releaseId)));
  });

  it('a small release is computed at once, as before', () => {
    const w = testWorld();
    const keeper = new LiveMatrixKeeper({ onReady: () => {}, pause: async () => {} });
    expect(cells(keeper.current(w.state, w.ids.releaseId, undefined))).toEqual(
      cells(stepStatusMatrix(w.state, w.ids.releaseId)),
    );
  });
});

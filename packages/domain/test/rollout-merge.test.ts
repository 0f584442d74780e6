/**
 * The rollout's merge rules (MR-08..MR-10): two devices act apart from the same state; their changes
 * are merged in both orders (helpers.ts mergedBothWays, last writer per field as Y.Maps do, events
 * appended in order). The doc layer repeats the important ones on real Yjs documents.
 */
import { describe, expect, it } from 'vitest';
import {
  applyChange,
  assignToWave,
  type Change,
  type CommandResult,
  type DomainState,
  haltRollout,
  listConflicts,
  markDone,
  resumeRollout,
  revertStep,
  reviewConflict,
  rolloutHistory,
  rolloutStatus,
  run,
  signOffGate,
  skipStep,
  type TestContext,
  testContext,
} from '../src/index.ts';
import { activeWorld, mergedBothWays } from './helpers.ts';
import { finishCustomer, stepOf, wavedWorld } from './wave-helpers.ts';

/** A second device: its own ids, actor and clock (a minute ahead, so its events sort after). */
function otherDevice(from: TestContext): TestContext {
  const ctx = testContext({ device: 'dev2', actor: { id: 'user:bob', name: 'Bob' } });
  ctx.setNow(from.now());
  ctx.tick(60_000);
  return ctx;
}

function must<T>(result: CommandResult<T>): Change {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.change;
}

/** Several commands run one after the other on one device, as one change to merge. */
function sequence(state: DomainState, ...steps: Array<(s: DomainState) => CommandResult<unknown>>): Change {
  const ops: Change['ops'] = [];
  let current = state;
  for (const step of steps) {
    const change = must(step(current));
    current = applyChange(current, change);
    ops.push(...change.ops);
  }
  return { ops };
}

const conflictsOf = (state: DomainState, kind: string) => listConflicts(state).filter((c) => c.kind === kind);

describe('rollout merge rules (MR-08..MR-10)', () => {
  it('MR-08 a sign-off made apart from a halt: the halt wins, the sign-off stays in history, flagged and listed', () => {
    const { w, r, a, d1, d2, v1, euWave } = wavedWorld({ eu: { signOff: true } });
    finishCustomer(w, r, a, [d1, d2, v1]);
    const bob = otherDevice(w.ctx);
    const signOff = must(signOffGate(w.state, { releaseId: r, waveId: euWave, note: 'looks good' }, w.ctx));
    const halt = must(haltRollout(w.state, { releaseId: r, reason: 'pager went off' }, bob));
    for (const [order, merged] of mergedBothWays(w.state, signOff, halt)) {
      const status = rolloutStatus(merged, r, { now: bob.now() });
      expect(status.halted?.reason, order).toBe('pager went off');
      const eu = status.waves[1];
      expect(eu?.lock, order).toBe('rollout-halted');
      expect(
        eu?.gate?.signOffs.map((s) => [s.text, s.voided]),
        order,
      ).toEqual([['looks good', true]]);
      const flagged = rolloutHistory(merged, r)
        .filter((e) => e.flagged)
        .map((e) => e.event.kind);
      expect(flagged, order).toEqual(['gate-signed-off', 'gate-opened']);
      const [listed] = conflictsOf(merged, 'gate-during-halt');
      expect(listed, order).toMatchObject({ kind: 'gate-during-halt', waveId: euWave });

      // Resumed, the gate wants a new sign-off: the voided one does not count.
      const resumed = run(merged, resumeRollout(merged, { releaseId: r, reason: 'false alarm' }, bob)).state;
      const again = rolloutStatus(resumed, r, { now: bob.now() }).waves[1];
      expect(again?.open, order).toBe(false);
      expect(again?.gate?.readyForSignOff, order).toBe(true);
      const signed = run(resumed, signOffGate(resumed, { releaseId: r, waveId: euWave }, bob)).state;
      expect(rolloutStatus(signed, r, { now: bob.now() }).waves[1]?.open, order).toBe(true);

      // Reviewing the clash ends its listing; the flag in history stays.
      if (!listed) throw new Error(order);
      const reviewed = run(
        merged,
        reviewConflict(merged, { releaseId: r, conflictId: listed.id }, bob),
      ).state;
      expect(conflictsOf(reviewed, 'gate-during-halt'), order).toEqual([]);
      expect(
        rolloutHistory(reviewed, r).some((e) => e.flagged),
        order,
      ).toBe(true);
    }
  });

  it('MR-08 a sign-off the halt knew of keeps counting once the rollout resumes', () => {
    const { w, r, a, d1, d2, v1, euWave } = wavedWorld({ eu: { signOff: true } });
    finishCustomer(w, r, a, [d1, d2, v1]);
    w.do(signOffGate, { releaseId: r, waveId: euWave });
    w.do(haltRollout, { releaseId: r, reason: 'alerts' });
    expect(conflictsOf(w.state, 'gate-during-halt')).toEqual([]);
    w.do(resumeRollout, { releaseId: r, reason: 'fine' });
    expect(rolloutStatus(w.state, r, { now: w.ctx.now() }).waves[1]?.open).toBe(true);
  });

  it('MR-09 a step done offline in a wave halted elsewhere stays done and is listed until reviewed', () => {
    const { w, r, a, b, d1, d2, v1 } = wavedWorld();
    finishCustomer(w, r, a, [d1, d2, v1]);
    const bob = otherDevice(w.ctx);
    const done = must(markDone(w.state, { releaseId: r, stepId: stepOf(b, d1) }, bob));
    w.ctx.tick(120_000);
    const halt = must(haltRollout(w.state, { releaseId: r, reason: 'alerts' }, w.ctx));
    for (const [order, merged] of mergedBothWays(w.state, done, halt)) {
      const listed = conflictsOf(merged, 'done-while-closed');
      expect(listed, order).toEqual([
        expect.objectContaining({ stepId: stepOf(b, d1), customerId: b, haltEventIds: [expect.any(String)] }),
      ]);
      const steps = merged.releases[r]?.stepStates[stepOf(b, d1)];
      expect(steps?.status, order).toBe('done');
      const conflictId = listed[0]?.id as string;
      const reviewed = run(merged, reviewConflict(merged, { releaseId: r, conflictId }, w.ctx)).state;
      expect(conflictsOf(reviewed, 'done-while-closed'), order).toEqual([]);
    }
  });

  it('MR-09 the same for a skip, and for a release without waves (one wave)', () => {
    const { w, r, a, d1 } = activeWorld();
    const bob = otherDevice(w.ctx);
    const skipped = must(skipStep(w.state, { releaseId: r, stepId: stepOf(a, d1), reason: 'n/a' }, bob));
    const halt = must(haltRollout(w.state, { releaseId: r, reason: 'alerts' }, w.ctx));
    for (const [order, merged] of mergedBothWays(w.state, skipped, halt)) {
      expect(
        conflictsOf(merged, 'done-while-closed').map((c) => 'stepId' in c && c.stepId),
        order,
      ).toEqual([stepOf(a, d1)]);
    }
  });

  it('MR-09 work the halt knew of, and work done after a resume by a device that knew both, is not listed', () => {
    const { w, r, a, b, d1, d2, v1 } = wavedWorld();
    finishCustomer(w, r, a, [d1, d2, v1]);
    w.do(markDone, { releaseId: r, stepId: stepOf(b, d1) });
    w.do(haltRollout, { releaseId: r, reason: 'alerts' });
    w.do(resumeRollout, { releaseId: r, reason: 'fine' });
    w.do(markDone, { releaseId: r, stepId: stepOf(b, d2) });
    expect(conflictsOf(w.state, 'done-while-closed')).toEqual([]);
    // The step done after the halt carries what it knew of the rollout.
    expect(w.state.releases[r]?.events.at(-1)?.detail.rollout).toBeTruthy();
  });

  it('MR-09 a step redone apart from a halt in a wave the halt did not lock (it was complete) is not listed', () => {
    const { w, r, a, d1, d2, v1 } = wavedWorld();
    finishCustomer(w, r, a, [d1, d2, v1]);
    const bob = otherDevice(w.ctx);
    const stepId = stepOf(a, d1);
    const redo = sequence(
      w.state,
      (s) => revertStep(s, { releaseId: r, stepId, reason: 'wrong flag' }, bob),
      (s) => markDone(s, { releaseId: r, stepId }, bob),
    );
    const halt = must(haltRollout(w.state, { releaseId: r, reason: 'alerts' }, w.ctx));
    for (const [order, merged] of mergedBothWays(w.state, redo, halt)) {
      expect(conflictsOf(merged, 'done-while-closed'), order).toEqual([]);
    }
  });

  it('MR-09 a customer moved into a closed wave on one device while its step was done on another is listed', () => {
    // Rest is closed while EU (beta) is not complete; had it been EU, Canary left empty would open it.
    const { w, r, a, d1, rest } = wavedWorld();
    const bob = otherDevice(w.ctx);
    const done = must(markDone(w.state, { releaseId: r, stepId: stepOf(a, d1) }, w.ctx));
    const moved = must(
      assignToWave(w.state, { releaseId: r, waveId: rest, select: { customerIds: [a] } }, bob),
    );
    for (const [order, merged] of mergedBothWays(w.state, done, moved)) {
      expect(conflictsOf(merged, 'done-while-closed'), order).toEqual([
        expect.objectContaining({ stepId: stepOf(a, d1), waveId: rest, haltEventIds: [] }),
      ]);
    }
  });

  it('MR-10 a halt and a resume made apart leave the rollout halted', () => {
    const { w, r } = wavedWorld();
    const carol = otherDevice(w.ctx);
    // Alice halts and resumes; Carol, apart from both, halts.
    const alice = sequence(
      w.state,
      (s) => haltRollout(s, { releaseId: r, reason: 'first alert' }, w.ctx),
      (s) => resumeRollout(s, { releaseId: r, reason: 'all clear' }, w.ctx),
    );
    const halt = must(haltRollout(w.state, { releaseId: r, reason: 'second alert' }, carol));
    for (const [order, merged] of mergedBothWays(w.state, alice, halt)) {
      expect(rolloutStatus(merged, r, { now: carol.now() }).halted?.reason, order).toBe('second alert');
      // One resume that knows both ends it.
      const resumed = run(merged, resumeRollout(merged, { releaseId: r, reason: 'both clear' }, carol)).state;
      expect(rolloutStatus(resumed, r, { now: carol.now() }).halted, order).toBeNull();
    }
  });
});

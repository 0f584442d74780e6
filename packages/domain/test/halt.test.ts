import { describe, expect, it } from 'vitest';
import {
  haltRollout,
  markDone,
  resumeRollout,
  revertStep,
  rolloutStatus,
  signOffGate,
  skipStep,
  stepLock,
} from '../src/index.ts';
import { activeWorld } from './helpers.ts';
import { finishCustomer, stepOf, wavedWorld, waveState } from './wave-helpers.ts';

describe('halt and resume (WV-08)', () => {
  it('WV-08 a halt locks every wave not complete; a complete wave stays as it is', () => {
    const { w, r, a, b, d1, d2, v1, canary, euWave, rest } = wavedWorld();
    finishCustomer(w, r, a, [d1, d2, v1]);
    w.ctx.tick();
    w.do(haltRollout, { releaseId: r, reason: '  error rate up in canary ' });
    const status = rolloutStatus(w.state, r, { now: w.ctx.now() });
    expect(status.halted).toMatchObject({
      by: 'user:alice',
      byName: 'Alice',
      at: w.ctx.now(),
      reason: 'error rate up in canary',
    });
    expect(status.waves.map((x) => [x.wave.name, x.lock])).toEqual([
      ['Canary', null],
      ['EU', 'rollout-halted'],
      ['Rest', 'rollout-halted'],
    ]);
    expect(waveState(w, r, canary).complete).toBe(true);
    // EU's gate is met, but the halt locks it.
    expect(waveState(w, r, euWave).open).toBe(true);
    expect(w.refused(markDone, { releaseId: r, stepId: stepOf(b, d1) })).toMatchObject({
      code: 'rollout-halted',
      details: { haltedBy: 'Alice', reason: 'error rate up in canary' },
    });
    expect(w.refused(skipStep, { releaseId: r, stepId: stepOf(b, d1), reason: 'x' }).code).toBe(
      'rollout-halted',
    );
    // Rolling back stays possible while halted.
    w.do(revertStep, { releaseId: r, stepId: stepOf(a, d1), reason: 'roll back' });
    expect(waveState(w, r, rest).lock).toBe('rollout-halted');
  });

  it('WV-08 halting and resuming need a reason; neither happens twice', () => {
    const { w, r } = wavedWorld();
    expect(w.refused(haltRollout, { releaseId: r, reason: ' ' })).toMatchObject({
      code: 'halt-needs-reason',
      field: 'reason',
    });
    expect(w.refused(resumeRollout, { releaseId: r, reason: 'fine' }).code).toBe('rollout-not-halted');
    w.do(haltRollout, { releaseId: r, reason: 'alerts' });
    expect(w.refused(haltRollout, { releaseId: r, reason: 'again' }).code).toBe('rollout-halted');
    expect(w.refused(resumeRollout, { releaseId: r, reason: '' }).code).toBe('resume-needs-reason');
    w.do(resumeRollout, { releaseId: r, reason: 'fixed in 2.5.1' });
    expect(rolloutStatus(w.state, r, { now: w.ctx.now() }).halted).toBeNull();
  });

  it('WV-08 after a resume every wave is as its gate says again', () => {
    const { w, r, a, b, d1, d2, v1 } = wavedWorld();
    finishCustomer(w, r, a, [d1, d2, v1]);
    w.do(haltRollout, { releaseId: r, reason: 'alerts' });
    w.do(resumeRollout, { releaseId: r, reason: 'false alarm' });
    w.do(markDone, { releaseId: r, stepId: stepOf(b, d1) });
  });

  it('WV-08 a release without waves halts as one wave', () => {
    const { w, r, a, d1 } = activeWorld();
    w.do(haltRollout, { releaseId: r, reason: 'database slow' });
    const status = rolloutStatus(w.state, r, { now: w.ctx.now() });
    expect(stepLock(status, a)).toBe('rollout-halted');
    expect(w.refused(markDone, { releaseId: r, stepId: stepOf(a, d1) }).code).toBe('rollout-halted');
    const halt = w.state.releases[r]?.events.at(-1);
    expect(halt?.detail.locked).toBe('*');
    w.do(resumeRollout, { releaseId: r, reason: 'database fine' });
    w.do(markDone, { releaseId: r, stepId: stepOf(a, d1) });
  });

  it('WV-08 a halted rollout takes no sign-off', () => {
    const { w, r, a, d1, d2, v1, euWave } = wavedWorld({ eu: { signOff: true } });
    finishCustomer(w, r, a, [d1, d2, v1]);
    w.do(haltRollout, { releaseId: r, reason: 'alerts' });
    expect(waveState(w, r, euWave).gate?.readyForSignOff).toBe(false);
    expect(w.refused(signOffGate, { releaseId: r, waveId: euWave }).code).toBe('rollout-halted');
  });

  it('WV-08 a halt records which waves it locked and the newest event of each device it knew', () => {
    const { w, r, a, d1, canary, euWave, rest } = wavedWorld();
    w.do(markDone, { releaseId: r, stepId: stepOf(a, d1) });
    const last = w.state.releases[r]?.events.at(-1);
    w.do(haltRollout, { releaseId: r, reason: 'alerts' });
    const halt = w.state.releases[r]?.events.at(-1);
    expect(halt?.kind).toBe('rollout-halted');
    expect(halt?.detail.locked?.split(',').sort()).toEqual([canary, euWave, rest].sort());
    expect(JSON.parse(halt?.detail.known ?? '{}')).toEqual({ dev1: last?.id });
  });

  it('WV-08 drafts and archived releases have no rollout to halt', () => {
    const { w } = activeWorld();
    const draft = w.release('Draft one');
    expect(w.refused(haltRollout, { releaseId: draft, reason: 'x' }).code).toBe('release-not-active');
  });
});

import { describe, expect, it } from 'vitest';
import {
  bulkMarkDone,
  markDone,
  openGateEarly,
  overrideStep,
  reopenStep,
  revertStep,
  rolloutHistory,
  rolloutStatus,
  setNotes,
  signOffGate,
  skipStep,
  testContext,
} from '../src/index.ts';
import { finishCustomer, skip, stepOf, wavedWorld, waveState } from './wave-helpers.ts';

describe('gates (WV-04..WV-07, WV-09)', () => {
  it('WV-04 the first wave opens with the release and has no gate', () => {
    const { w, r, canary } = wavedWorld();
    const first = waveState(w, r, canary);
    expect(first).toMatchObject({ open: true, openedBy: 'release', gate: null, lock: null });
    expect(first.openedAt).toBe(w.state.catalog.releases[r]?.activatedAt);
    expect(w.refused(signOffGate, { releaseId: r, waveId: canary }).code).toBe('wave-has-no-gate');
  });

  it('WV-04 "previous wave complete" opens the next wave when every step of the one ahead is done or skipped', () => {
    const { w, r, a, d1, d2, v1, euWave } = wavedWorld();
    expect(waveState(w, r, euWave)).toMatchObject({ open: false, lock: 'wave-not-open' });
    expect(waveState(w, r, euWave).gate?.waitingFor).toEqual(['previous-complete']);
    finishCustomer(w, r, a, [d1, d2]);
    skip(w, r, stepOf(a, v1));
    const eu = waveState(w, r, euWave);
    expect(eu).toMatchObject({ open: true, openedBy: 'conditions', lock: null, openedAt: w.ctx.now() });
    expect(eu.gate?.conditions).toEqual([{ kind: 'previous-complete', met: true, at: w.ctx.now() }]);
  });

  it('WV-04 "verify complete" waits only for the verify steps of the wave ahead', () => {
    const { w, r, a, v1, euWave } = wavedWorld({ eu: { previousComplete: false, verifyComplete: true } });
    expect(waveState(w, r, euWave).open).toBe(false);
    w.ctx.tick();
    w.do(markDone, { releaseId: r, stepId: stepOf(a, v1) });
    expect(waveState(w, r, euWave)).toMatchObject({ open: true, openedAt: w.ctx.now() });
  });

  it('WV-04 a soak starts when the completion conditions are met and opens the gate when it ends', () => {
    const { w, r, a, d1, d2, v1, euWave } = wavedWorld({ eu: { soakMinutes: 120 } });
    expect(waveState(w, r, euWave).gate?.soakEndsAt).toBeNull();
    finishCustomer(w, r, a, [d1, d2, v1]);
    const doneAt = w.ctx.now();
    const soaking = waveState(w, r, euWave);
    expect(soaking.open).toBe(false);
    expect(soaking.gate?.soakEndsAt).toBe(new Date(Date.parse(doneAt) + 120 * 60_000).toISOString());
    expect(soaking.gate?.waitingFor).toEqual(['soak']);
    expect(
      w.refused(markDone, { releaseId: r, stepId: stepOf(soaking.customerIds[0] as never, d1) }),
    ).toMatchObject({
      code: 'wave-not-open',
      details: { wave: 'EU', waitingFor: 'soak' },
    });
    w.ctx.tick(119 * 60_000);
    expect(waveState(w, r, euWave).open).toBe(false);
    w.ctx.tick(60_000);
    expect(waveState(w, r, euWave)).toMatchObject({ open: true, openedAt: soaking.gate?.soakEndsAt });
  });

  it('WV-04 a soak without completion conditions counts from the opening of the wave ahead', () => {
    const { w, r, euWave } = wavedWorld({ eu: { previousComplete: false, soakMinutes: 30 } });
    const activatedAt = w.state.catalog.releases[r]?.activatedAt as string;
    expect(waveState(w, r, euWave).gate?.soakEndsAt).toBe(
      new Date(Date.parse(activatedAt) + 30 * 60_000).toISOString(),
    );
    w.ctx.tick(31 * 60_000);
    expect(waveState(w, r, euWave).open).toBe(true);
  });

  it('WV-04 a wave never opens before the one ahead of it', () => {
    const { w, r, rest } = wavedWorld({ rest: { previousComplete: false } });
    // Rest's gate has no condition at all, but EU ahead of it is closed.
    expect(waveState(w, r, rest)).toMatchObject({ open: false, lock: 'wave-not-open' });
    expect(waveState(w, r, rest).gate?.waitingFor).toEqual([]);
  });

  it('WV-05 a closed wave refuses done and skip (wave-not-open), also per step in bulk; read, revert, reopen, notes and overrides go on', () => {
    const { w, r, a, b, d1, d2, euWave } = wavedWorld();
    const stepId = stepOf(b, d1);
    expect(w.refused(markDone, { releaseId: r, stepId })).toMatchObject({
      code: 'wave-not-open',
      field: 'stepId',
      details: { waveId: euWave, wave: 'EU' },
    });
    expect(w.refused(skipStep, { releaseId: r, stepId, reason: 'x' }).code).toBe('wave-not-open');
    const bulk = w.do(bulkMarkDone, { releaseId: r, stepIds: [stepOf(a, d1), stepId] });
    expect(bulk.done).toEqual([stepOf(a, d1)]);
    expect(bulk.refused).toEqual([expect.objectContaining({ stepId, code: 'wave-not-open' })]);
    w.do(setNotes, { releaseId: r, stepId, notes: 'prepare the migration' });
    w.do(overrideStep, { releaseId: r, stepId: stepOf(b, d2), content: 'helm upgrade beta' });
    // Revert and reopen are never locked: stopping or undoing is always possible.
    w.do(revertStep, { releaseId: r, stepId: stepOf(a, d1), reason: 'bad build' });
    w.do(reopenStep, { releaseId: r, stepId: stepOf(a, d1) });
  });

  it('WV-06 a sign-off needs the other conditions met, records who, when and a note, and opens the wave', () => {
    const { w, r, a, b, d1, d2, v1, euWave } = wavedWorld({ eu: { signOff: true } });
    expect(w.refused(signOffGate, { releaseId: r, waveId: euWave })).toMatchObject({
      code: 'gate-not-ready',
      details: { waitingFor: 'previous-complete' },
    });
    finishCustomer(w, r, a, [d1, d2, v1]);
    const ready = waveState(w, r, euWave);
    expect(ready).toMatchObject({ open: false });
    expect(ready.gate).toMatchObject({ readyForSignOff: true, waitingFor: ['sign-off'] });
    w.ctx.tick();
    w.do(signOffGate, { releaseId: r, waveId: euWave, note: '  canary clean for 2 h ' });
    const open = waveState(w, r, euWave);
    expect(open).toMatchObject({ open: true, openedBy: 'sign-off', openedAt: w.ctx.now(), lock: null });
    expect(open.gate?.signOffs).toEqual([
      expect.objectContaining({
        by: 'user:alice',
        byName: 'Alice',
        at: w.ctx.now(),
        text: 'canary clean for 2 h',
        voided: false,
      }),
    ]);
    expect(w.refused(signOffGate, { releaseId: r, waveId: euWave }).code).toBe('gate-already-open');
    w.do(markDone, { releaseId: r, stepId: stepOf(b, d1) });
    expect(rolloutHistory(w.state, r).map((e) => e.event.kind)).toEqual([
      'waves-planned',
      'gate-signed-off',
      'gate-opened',
    ]);
  });

  it('WV-06 a gate without sign-off refuses one; an unknown wave is wave-not-found', () => {
    const { w, r, euWave } = wavedWorld();
    expect(w.refused(signOffGate, { releaseId: r, waveId: euWave }).code).toBe('gate-needs-no-sign-off');
    expect(w.refused(signOffGate, { releaseId: r, waveId: 'wave:none' }).code).toBe('wave-not-found');
  });

  it('WV-07 an admin opens a gate early with a reason; a member cannot; the reason is required', () => {
    const { w, r, b, d1, euWave, rest } = wavedWorld({ eu: { signOff: true } });
    const member = testContext({ actor: { id: 'user:m', name: 'Mo', role: 'member' } });
    const refusedForMember = openGateEarly(
      w.state,
      { releaseId: r, waveId: euWave, reason: 'hotfix' },
      member,
    );
    expect(refusedForMember.ok ? null : refusedForMember.error.code).toBe('admin-only');
    const admin = testContext({ actor: { id: 'user:ad', name: 'Ada', role: 'admin' } });
    expect(w.refused(openGateEarly, { releaseId: r, waveId: euWave, reason: '  ' }).code).toBe(
      'open-needs-reason',
    );
    expect(w.refused(openGateEarly, { releaseId: r, waveId: rest, reason: 'now' }).code).toBe(
      'previous-wave-not-open',
    );
    const opened = openGateEarly(w.state, { releaseId: r, waveId: euWave, reason: 'customer asked' }, admin);
    if (!opened.ok) throw new Error(opened.error.code);
    w.apply(opened.change);
    const eu = waveState(w, r, euWave);
    expect(eu).toMatchObject({ open: true, openedBy: 'early' });
    expect(eu.gate?.openedEarly).toMatchObject({ byName: 'Ada', text: 'customer asked', voided: false });
    w.do(markDone, { releaseId: r, stepId: stepOf(b, d1) });
  });

  it('WV-09 the first step done in an opened wave records its opening; a later revert ahead does not close it', () => {
    const { w, r, a, b, d1, d2, v1, euWave } = wavedWorld();
    finishCustomer(w, r, a, [d1, d2, v1]);
    const openedAt = waveState(w, r, euWave).openedAt;
    w.ctx.tick();
    const change = w.change(markDone, { releaseId: r, stepId: stepOf(b, d1) });
    const opening = change.ops.find((op) => op.op === 'append-event' && op.event.kind === 'gate-opened');
    expect(opening).toMatchObject({ event: { detail: { wave: euWave, how: 'conditions', openedAt } } });
    w.apply(change);
    // Only the first step records it.
    const next = w.change(markDone, { releaseId: r, stepId: stepOf(b, d2) });
    expect(next.ops.filter((op) => op.op === 'append-event' && op.event.kind === 'gate-opened')).toEqual([]);
    w.do(revertStep, { releaseId: r, stepId: stepOf(a, d1), reason: 'rolled back' });
    expect(waveState(w, r, euWave)).toMatchObject({ open: true, openingRecorded: true, openedAt });
  });

  it('WV-04 without a recorded opening, a revert ahead closes the gate again (nobody started the wave)', () => {
    const { w, r, a, d1, d2, v1, euWave } = wavedWorld();
    finishCustomer(w, r, a, [d1, d2, v1]);
    expect(waveState(w, r, euWave).open).toBe(true);
    w.do(revertStep, { releaseId: r, stepId: stepOf(a, v1), reason: 'health check flapped' });
    expect(waveState(w, r, euWave)).toMatchObject({ open: false, lock: 'wave-not-open' });
  });

  it('WV-04 the rollout says which wave runs and what the next gate waits for', () => {
    const { w, r, a, d1, d2, v1 } = wavedWorld({ eu: { signOff: true } });
    let status = rolloutStatus(w.state, r, { now: w.ctx.now() });
    expect(status.running?.wave.name).toBe('Canary');
    expect(status.next?.wave.name).toBe('EU');
    expect(status.next?.gate?.waitingFor).toEqual(['previous-complete', 'sign-off']);
    finishCustomer(w, r, a, [d1, d2, v1]);
    status = rolloutStatus(w.state, r, { now: w.ctx.now() });
    expect(status.running).toBeNull();
    expect(status.waves[0]).toMatchObject({ complete: true, completedAt: w.ctx.now() });
    expect(status.next?.gate).toMatchObject({ waitingFor: ['sign-off'], readyForSignOff: true });
  });
});

import { describe, expect, it } from 'vitest';
import {
  addCustomersToRelease,
  addWave,
  assignToWave,
  type CustomerId,
  createCustomer,
  deleteWave,
  liveWaves,
  markDone,
  participantsByWave,
  planWaves,
  type ReleaseId,
  rolloutStatus,
  stepLock,
  testContext,
  updateWave,
  type WaveId,
  waveOfCustomer,
} from '../src/index.ts';
import { activeWorld, mergedBothWays, World } from './helpers.ts';
import { finishCustomer, stepOf, wavedWorld } from './wave-helpers.ts';

function membersOf(w: World, releaseId: ReleaseId): Record<string, CustomerId[]> {
  const doc = w.state.releases[releaseId];
  if (!doc) throw new Error('no release document');
  const live = liveWaves(doc);
  const out: Record<string, CustomerId[]> = {};
  for (const [id, members] of participantsByWave(doc, live)) out[doc.waves[id]?.name ?? id] = members;
  return out;
}

describe('waves: planning (WV-01..WV-03)', () => {
  it('WV-01 a release without waves behaves as before: nothing is gated', () => {
    const { w, r, c, d1 } = activeWorld();
    const status = rolloutStatus(w.state, r, { now: w.ctx.now() });
    expect(status.waves).toEqual([]);
    expect(stepLock(status, c)).toBeNull();
    w.do(markDone, { releaseId: r, stepId: stepOf(c, d1) });
    expect(w.state.releases[r]?.events.filter((e) => e.kind === 'gate-opened')).toEqual([]);
  });

  it('WV-01 planned waves are ordered and every participant is in exactly one of them', () => {
    const { w, r, a, b, c } = wavedWorld();
    expect(liveWaves(w.state.releases[r] ?? ({} as never)).map((x) => x.name)).toEqual([
      'Canary',
      'EU',
      'Rest',
    ]);
    expect(membersOf(w, r)).toEqual({ Canary: [a], EU: [b], Rest: [c] });
  });

  it('WV-02 builds waves by customers, by cluster and by a metadata value; the first pick wins', () => {
    const { w, r, a, b, c, us } = activeWorld();
    const value = w.do(planWaves, {
      releaseId: r,
      waves: [
        { name: 'Picked', select: { customerIds: [c] } },
        { name: 'US and gold', select: { clusterIds: [us], metadata: { key: 'tier', value: 'gold' } } },
        { name: 'Everyone else' },
      ],
    });
    const [picked, usGold, rest] = value.waveIds as [WaveId, WaveId, WaveId];
    // c is in the US cluster too, but the first wave took it; b was picked by nothing.
    expect(value.members).toEqual({ [picked]: [c], [usGold]: [a], [rest]: [b] });
    expect(membersOf(w, r)).toEqual({ Picked: [c], 'US and gold': [a], 'Everyone else': [b] });
  });

  it('WV-02 refuses what a plan cannot be made of, with the field', () => {
    const { w, r, a } = activeWorld();
    const stranger = w.customer(w.cluster('prod-ap'), 'Stranger', 'stranger');
    expect(w.refused(planWaves, { releaseId: r, waves: [{ name: ' ' }] })).toMatchObject({
      code: 'name-required',
      field: 'waves.0.name',
    });
    expect(w.refused(planWaves, { releaseId: r, waves: [{ name: 'One' }, { name: 'one ' }] })).toMatchObject({
      code: 'wave-name-taken',
      field: 'waves.1.name',
    });
    expect(
      w.refused(planWaves, { releaseId: r, waves: [{ name: 'One', select: { customerIds: [stranger] } }] }),
    ).toMatchObject({ code: 'customer-not-in-release', field: 'waves.0.select.customerIds' });
    expect(
      w.refused(planWaves, { releaseId: r, waves: [{ name: 'One', gate: { soakMinutes: -5 } }] }),
    ).toMatchObject({ code: 'invalid-input' });
    expect(w.refused(planWaves, { releaseId: r, waves: [{ name: 'x'.repeat(101) }] }).code).toBe(
      'name-too-long',
    );
    expect(a).toBeTruthy();
  });

  it('WV-02 a plan made before activation is kept for the customers activation brings in', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const a = w.customer(eu, 'Acme', 'acme', { tier: 'canary' });
    const b = w.customer(eu, 'Beta', 'beta');
    const r = w.release('v3', 'release', { versionNumber: '3.0.0' });
    w.template(r, 'Deploy');
    w.do(planWaves, {
      releaseId: r,
      waves: [{ name: 'Canary', select: { metadata: { key: 'tier', value: 'canary' } } }, { name: 'All' }],
    });
    w.activate(r);
    expect(membersOf(w, r)).toEqual({ Canary: [a], All: [b] });
  });

  it('WV-02 replanning is refused once a step ran (rollout-started); waves change one by one after that', () => {
    const { w, r, a, d1, canary } = wavedWorld();
    w.do(markDone, { releaseId: r, stepId: stepOf(a, d1) });
    expect(w.refused(planWaves, { releaseId: r, waves: [] }).code).toBe('rollout-started');
    w.do(updateWave, { releaseId: r, waveId: canary, name: 'Canaries' });
    expect(w.state.releases[r]?.waves[canary]?.name).toBe('Canaries');
  });

  it('WV-01 an empty plan removes the waves: back to no gating', () => {
    const { w, r, c, d1 } = wavedWorld();
    expect(stepLock(rolloutStatus(w.state, r, { now: w.ctx.now() }), c)).toBe('wave-not-open');
    w.do(planWaves, { releaseId: r, waves: [] });
    expect(rolloutStatus(w.state, r, { now: w.ctx.now() }).waves).toEqual([]);
    w.do(markDone, { releaseId: r, stepId: stepOf(c, d1) });
  });

  it('WV-03 customers added later land in the wave picked, by default the last', () => {
    const { w, r, eu, euWave } = wavedWorld();
    const d = w.customer(eu, 'Delta', 'delta');
    const e = w.customer(eu, 'Echo', 'echo');
    w.do(addCustomersToRelease, { releaseId: r, customerIds: [d] });
    w.do(addCustomersToRelease, { releaseId: r, customerIds: [e], waveId: euWave });
    const members = membersOf(w, r);
    expect(members.Rest).toContain(d);
    expect(members.EU).toContain(e);
    const f = w.do(createCustomer, { clusterId: eu, name: 'Fox', namespace: 'fox' }).customerId;
    expect(
      w.refused(addCustomersToRelease, { releaseId: r, customerIds: [f], waveId: 'wave:nope' as WaveId })
        .code,
    ).toBe('wave-not-found');
  });

  it('WV-03 a wave added at the end takes only whom it picks: the last wave keeps its customers', () => {
    const { w, r, c } = wavedWorld();
    const added = w.do(addWave, { releaseId: r, name: 'Late', gate: { signOff: true } });
    expect(added.customerIds).toEqual([]);
    expect(membersOf(w, r)).toMatchObject({ Rest: [c], Late: [] });
    expect(w.state.releases[r]?.waves[added.waveId]).toMatchObject({
      gatePreviousComplete: true,
      gateSignOff: true,
      gateSoakMinutes: 0,
    });
  });

  it('WV-02 moving customers: into a closed wave only without work; into an open wave always', () => {
    const { w, r, a, b, d1, canary, euWave } = wavedWorld();
    w.do(markDone, { releaseId: r, stepId: stepOf(a, d1) });
    expect(
      w.refused(assignToWave, { releaseId: r, waveId: euWave, select: { customerIds: [a] } }),
    ).toMatchObject({ code: 'customer-has-work', field: 'select' });
    const moved = w.do(assignToWave, { releaseId: r, waveId: canary, select: { customerIds: [b] } });
    expect(moved.moved).toEqual([b]);
    expect(membersOf(w, r).Canary).toEqual([a, b]);
    expect(w.refused(assignToWave, { releaseId: r, waveId: canary, select: {} }).code).toBe(
      'no-customers-selected',
    );
  });

  it('WV-01 deleting a wave moves its customers to the last wave; a wave with work cannot go', () => {
    const { w, r, a, b, c, d1, canary, euWave } = wavedWorld();
    const result = w.do(deleteWave, { releaseId: r, waveId: euWave });
    expect(membersOf(w, r)).toEqual({ Canary: [a], Rest: [b, c] });
    expect(result.movedTo).not.toBeNull();
    w.do(markDone, { releaseId: r, stepId: stepOf(a, d1) });
    expect(w.refused(deleteWave, { releaseId: r, waveId: canary }).code).toBe('wave-has-work');
    expect(w.refused(deleteWave, { releaseId: r, waveId: euWave }).code).toBe('wave-not-found');
  });

  it('WV-04 gate conditions are edited field by field, and an edit that changes nothing writes nothing', () => {
    const { w, r, euWave } = wavedWorld();
    w.do(updateWave, { releaseId: r, waveId: euWave, gate: { soakMinutes: 120, signOff: true } });
    expect(w.state.releases[r]?.waves[euWave]).toMatchObject({ gateSoakMinutes: 120, gateSignOff: true });
    expect(w.change(updateWave, { releaseId: r, waveId: euWave, gate: { soakMinutes: 120 } }).ops).toEqual(
      [],
    );
    expect(w.refused(updateWave, { releaseId: r, waveId: euWave, name: 'canary' }).code).toBe(
      'wave-name-taken',
    );
  });

  it('MR-10 two devices moving one customer apart leave it in exactly one wave (the last writer)', () => {
    const { w, r, c, canary, euWave } = wavedWorld();
    const one = w.change(assignToWave, { releaseId: r, waveId: canary, select: { customerIds: [c] } });
    const two = w.change(
      assignToWave,
      { releaseId: r, waveId: euWave, select: { customerIds: [c] } },
      testContext({ device: 'dev2' }),
    );
    for (const [order, merged] of mergedBothWays(w.state, one, two)) {
      const doc = merged.releases[r];
      if (!doc) throw new Error(order);
      const live = liveWaves(doc);
      const inWaves = [...participantsByWave(doc, live).values()].filter((m) => m.includes(c));
      expect(inWaves, order).toHaveLength(1);
    }
  });

  it('MR-10 a customer put into a wave deleted elsewhere is in the last wave after the merge', () => {
    const { w, r, c, euWave } = wavedWorld();
    const one = w.change(assignToWave, { releaseId: r, waveId: euWave, select: { customerIds: [c] } });
    const two = w.change(deleteWave, { releaseId: r, waveId: euWave }, testContext({ device: 'dev2' }));
    for (const [order, merged] of mergedBothWays(w.state, one, two)) {
      const doc = merged.releases[r];
      if (!doc) throw new Error(order);
      expect(waveOfCustomer(doc, liveWaves(doc), c)?.name, order).toBe('Rest');
    }
  });

  it('WV-01 finishing a customer of the first wave counts toward it only', () => {
    const { w, r, a, d1, d2, v1 } = wavedWorld();
    finishCustomer(w, r, a, [d1, d2, v1]);
    const status = rolloutStatus(w.state, r, { now: w.ctx.now() });
    expect(status.waves.map((x) => [x.wave.name, x.completion.complete, x.completion.total])).toEqual([
      ['Canary', 3, 3],
      ['EU', 0, 3],
      ['Rest', 0, 3],
    ]);
  });
});

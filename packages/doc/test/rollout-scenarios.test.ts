/**
 * The rollout's merge rules (MR-08..MR-10) on real documents: two devices run real commands while
 * apart, then meet in both orders (support/two-devices.ts). The domain tests pin the same rules on
 * plain state; here Yjs decides the merged order, as in the app.
 */
import {
  activateRelease,
  addTemplate,
  assignToWave,
  createCluster,
  createCustomer,
  createRelease,
  haltRollout,
  listConflicts,
  markDone,
  planWaves,
  resolveStep,
  resumeRollout,
  reviewConflict,
  rolloutHistory,
  rolloutStatus,
  signOffGate,
  skipStep,
  templateStepId,
  type WaveId,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { device, mergedBothWays, send } from './support/two-devices.ts';

/**
 * An active release in three waves: Canary (acme, tier=canary), EU (globex) and Rest (initech), each
 * behind a sign-off; templates Deploy and Smoke (verify). Canary is finished, so EU is ready for sign-off.
 */
function setup() {
  const a = device(1);
  const b = device(2);
  const eu = a.run(createCluster, { name: 'eu' }).clusterId;
  const us = a.run(createCluster, { name: 'us' }).clusterId;
  const acme = a.run(createCustomer, {
    clusterId: eu,
    name: 'Acme',
    namespace: 'acme',
    metadata: { tier: 'canary' },
  }).customerId;
  const globex = a.run(createCustomer, { clusterId: eu, name: 'Globex', namespace: 'globex' }).customerId;
  const initech = a.run(createCustomer, { clusterId: us, name: 'Initech', namespace: 'initech' }).customerId;
  const releaseId = a.run(createRelease, { name: 'Spring', type: 'release', versionNumber: '1.0' }).releaseId;
  const deploy = a.run(addTemplate, {
    releaseId,
    name: 'Deploy',
    category: 'deploy',
    type: 'bash',
    content: 'helm upgrade {{customer.namespace}}',
  }).templateId;
  const smoke = a.run(addTemplate, {
    releaseId,
    name: 'Smoke',
    category: 'verify',
    type: 'bash',
    content: 'curl {{customer.namespace}}/health',
  }).templateId;
  a.run(activateRelease, { releaseId });
  const plan = a.run(planWaves, {
    releaseId,
    waves: [
      { name: 'Canary', select: { metadata: { key: 'tier', value: 'canary' } } },
      { name: 'EU', select: { clusterIds: [eu] }, gate: { signOff: true } },
      { name: 'Rest', gate: { signOff: true } },
    ],
  });
  const [canary, euWave, rest] = plan.waveIds as [WaveId, WaveId, WaveId];
  a.run(markDone, { releaseId, stepId: templateStepId(acme, deploy) });
  a.run(markDone, { releaseId, stepId: templateStepId(acme, smoke) });
  send(a, b);
  b.ctx.setNow(a.ctx.now());
  const step = templateStepId;
  return { a, b, releaseId, acme, globex, initech, deploy, smoke, canary, euWave, rest, step };
}

const conflicts = (s: ReturnType<typeof setup>, kind: string) =>
  listConflicts(s.a.ws.state).filter((c) => c.kind === kind);

describe('rollout merge scenarios, both directions', () => {
  it('MR-08: one device signs the gate off while the other halts: halt wins, the sign-off is kept, flagged', () => {
    for (const s of mergedBothWays(setup, ({ a, b, releaseId, euWave }) => {
      a.run(signOffGate, { releaseId, waveId: euWave, note: 'canary clean' });
      b.run(haltRollout, { releaseId, reason: 'error budget burnt' });
    })) {
      const status = rolloutStatus(s.a.ws.state, s.releaseId, { now: s.a.ctx.now() });
      expect(status.halted?.reason).toBe('error budget burnt');
      expect(status.waves[1]).toMatchObject({ open: false, lock: 'rollout-halted' });
      expect(status.waves[1]?.gate?.signOffs).toEqual([
        expect.objectContaining({ text: 'canary clean', voided: true }),
      ]);
      expect(
        rolloutHistory(s.a.ws.state, s.releaseId)
          .filter((e) => e.flagged)
          .map((e) => e.event.kind),
      ).toEqual(['gate-signed-off', 'gate-opened']);
      expect(conflicts(s, 'gate-during-halt')).toHaveLength(1);
      // Work in EU stays locked until a resume and a new sign-off.
      expect(s.b.refused(markDone, { releaseId: s.releaseId, stepId: s.step(s.globex, s.deploy) })).toBe(
        'rollout-halted',
      );
      s.b.run(resumeRollout, { releaseId: s.releaseId, reason: 'budget reset' });
      expect(s.b.refused(markDone, { releaseId: s.releaseId, stepId: s.step(s.globex, s.deploy) })).toBe(
        'wave-not-open',
      );
      s.b.run(signOffGate, { releaseId: s.releaseId, waveId: s.euWave });
      s.b.run(markDone, { releaseId: s.releaseId, stepId: s.step(s.globex, s.deploy) });
    }
  });

  it('MR-09: a step done offline in a wave halted elsewhere stays done and is listed until reviewed', () => {
    for (const s of mergedBothWays(setup, ({ a, b, releaseId, euWave, globex, deploy, step }) => {
      // Both saw the gate signed off; then B went offline and worked while A halted.
      a.run(signOffGate, { releaseId, waveId: euWave });
      send(a, b);
      b.run(markDone, { releaseId, stepId: step(globex, deploy) });
      a.run(haltRollout, { releaseId, reason: 'canary errors' });
    })) {
      const stepId = s.step(s.globex, s.deploy);
      expect(resolveStep(s.a.ws.state, s.releaseId, stepId)?.status).toBe('done');
      const listed = conflicts(s, 'done-while-closed');
      expect(listed).toEqual([expect.objectContaining({ stepId, waveId: s.euWave })]);
      s.a.run(reviewConflict, { releaseId: s.releaseId, conflictId: listed[0]?.id as string });
      expect(conflicts(s, 'done-while-closed')).toEqual([]);
    }
  });

  it('MR-09: work that reached the halting device before the halt is not listed', () => {
    for (const s of mergedBothWays(setup, ({ a, b, releaseId, euWave, globex, deploy, step }) => {
      a.run(signOffGate, { releaseId, waveId: euWave });
      send(a, b);
      b.run(skipStep, { releaseId, stepId: step(globex, deploy), reason: 'not licensed' });
      send(b, a);
      a.run(haltRollout, { releaseId, reason: 'canary errors' });
    })) {
      expect(conflicts(s, 'done-while-closed')).toEqual([]);
    }
  });

  it('MR-09: a customer moved into a closed wave while its step was done elsewhere is listed', () => {
    for (const s of mergedBothWays(setup, ({ a, b, releaseId, rest, globex, euWave, deploy, step }) => {
      a.run(signOffGate, { releaseId, waveId: euWave });
      send(a, b);
      a.run(assignToWave, { releaseId, waveId: rest, select: { customerIds: [globex] } });
      b.run(markDone, { releaseId, stepId: step(globex, deploy) });
    })) {
      expect(conflicts(s, 'done-while-closed')).toEqual([
        expect.objectContaining({ stepId: s.step(s.globex, s.deploy), waveId: s.rest, haltEventIds: [] }),
      ]);
    }
  });

  it('MR-10: a halt and a resume made apart leave the rollout halted', () => {
    for (const s of mergedBothWays(setup, ({ a, b, releaseId }) => {
      a.run(haltRollout, { releaseId, reason: 'first' });
      a.run(resumeRollout, { releaseId, reason: 'first is fine' });
      b.run(haltRollout, { releaseId, reason: 'second' });
    })) {
      expect(rolloutStatus(s.a.ws.state, s.releaseId, { now: s.a.ctx.now() }).halted?.reason).toBe('second');
    }
  });

  it('MR-10: two devices moving one customer to different waves leave it in one', () => {
    const ends = mergedBothWays(setup, ({ a, b, releaseId, initech, euWave, canary }) => {
      a.run(assignToWave, { releaseId, waveId: euWave, select: { customerIds: [initech] } });
      b.run(assignToWave, { releaseId, waveId: canary, select: { customerIds: [initech] } });
    }).map((s) => {
      const status = rolloutStatus(s.a.ws.state, s.releaseId, { now: null });
      const holding = status.waves.filter((w) => w.customerIds.includes(s.initech));
      expect(holding).toHaveLength(1);
      return holding[0]?.wave.name;
    });
    expect(ends[0]).toBe(ends[1]);
  });
});

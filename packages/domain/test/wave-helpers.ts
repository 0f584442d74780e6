/**
 * A rollout to test with: the usual active release (acme and beta on prod-eu, cobalt on prod-us;
 * deploy d1, d2 and verify v1) planned in three waves: Canary (acme, picked by tier=gold), EU (the
 * prod-eu cluster: beta, since acme is taken) and Rest (cobalt, by default).
 */
import {
  type CustomerId,
  type GateInput,
  markDone,
  planWaves,
  type ReleaseId,
  rolloutStatus,
  type StepId,
  skipStep,
  type TemplateId,
  templateStepId,
  type WaveId,
} from '../src/index.ts';
import { activeWorld, type World } from './helpers.ts';

export function wavedWorld(gates: { eu?: GateInput; rest?: GateInput } = {}) {
  const f = activeWorld();
  const { w, r, eu } = f;
  const plan = w.do(planWaves, {
    releaseId: r,
    waves: [
      { name: 'Canary', select: { metadata: { key: 'tier', value: 'gold' } } },
      { name: 'EU', select: { clusterIds: [eu] }, gate: gates.eu },
      { name: 'Rest', gate: gates.rest },
    ],
  });
  const [canary, euWave, rest] = plan.waveIds as [WaveId, WaveId, WaveId];
  return { ...f, canary, euWave, rest, plan };
}

export const stepOf = (customerId: CustomerId, templateId: TemplateId): StepId =>
  templateStepId(customerId, templateId);

/** Marks every step of a customer done (deploy then verify), a second apart. */
export function finishCustomer(
  w: World,
  releaseId: ReleaseId,
  customerId: CustomerId,
  templates: TemplateId[],
): void {
  for (const t of templates) {
    w.ctx.tick();
    w.do(markDone, { releaseId, stepId: stepOf(customerId, t) });
  }
}

export function skip(w: World, releaseId: ReleaseId, stepId: StepId): void {
  w.ctx.tick();
  w.do(skipStep, { releaseId, stepId, reason: 'not needed here' });
}

/** The status of one wave, judged at the world's clock. */
export function waveState(w: World, releaseId: ReleaseId, waveId: WaveId) {
  const status = rolloutStatus(w.state, releaseId, { now: w.ctx.now() });
  const wave = status.waves.find((x) => x.wave.id === waveId);
  if (!wave) throw new Error(`no wave ${waveId}`);
  return wave;
}

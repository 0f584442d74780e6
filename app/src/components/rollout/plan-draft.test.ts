import {
  activateRelease,
  addTemplate,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  emptyState,
  liveWaves,
  markDone,
  planWaves,
  type ReleaseId,
  run,
  templateStepId,
  testContext,
  waveCandidates,
  waveOfCustomer,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import {
  currentPlan,
  emptyWaves,
  metadataKeys,
  moveWave,
  type PlanDraft,
  previewPlan,
  removeWave,
  toPlanInput,
  wavesByCluster,
  wavesByMetadata,
} from './plan-draft';

/** Acme (eu, tier canary), Globex (eu, tier standard), Initech (us, no tier), in an active release. */
function world() {
  const ctx = testContext();
  let state: DomainState = emptyState();
  const step = <T>(r: Parameters<typeof run<T>>[1]) => {
    const out = run(state, r);
    state = out.state;
    return out.value;
  };
  const eu = step(createCluster(state, { name: 'prod-eu' }, ctx)).clusterId;
  const us = step(createCluster(state, { name: 'prod-us' }, ctx)).clusterId;
  const customer = (clusterId: typeof eu, name: string, metadata: Record<string, string>) =>
    step(createCustomer(state, { clusterId, name, namespace: name.toLowerCase(), metadata }, ctx)).customerId;
  const acme = customer(eu, 'Acme', { tier: 'canary' });
  const globex = customer(eu, 'Globex', { tier: 'standard', region: 'west' });
  const initech = customer(us, 'Initech', {});
  const releaseId: ReleaseId = step(
    createRelease(state, { name: 'R', type: 'release', versionNumber: '1.0' }, ctx),
  ).releaseId;
  const t = step(
    addTemplate(state, { releaseId, name: 'Go', category: 'deploy', type: 'bash', content: 'x' }, ctx),
  ).templateId;
  step(activateRelease(state, { releaseId }, ctx));
  const doc = state.releases[releaseId];
  const release = state.catalog.releases[releaseId];
  if (!doc || !release) throw new Error('no release');
  const candidates = waveCandidates(state, release, doc);
  const clusterName = (id: string) => state.catalog.clusters[id as typeof eu]?.name ?? id;
  return {
    get state() {
      return state;
    },
    ctx,
    step,
    releaseId,
    t,
    acme,
    globex,
    initech,
    candidates,
    clusterName,
  };
}

const draftOf = (mode: PlanDraft['mode'], waves: PlanDraft['waves']): PlanDraft => ({
  mode,
  metadataKey: '',
  waves,
  picks: new Map(),
});

describe('the whole-plan form’s draft (WV-12)', () => {
  it('WV-12 one wave per cluster, in cluster-name order; the preview is what planWaves does', () => {
    const w = world();
    const waves = wavesByCluster(w.candidates, w.clusterName);
    expect(waves.map((x) => x.name)).toEqual(['prod-eu', 'prod-us']);
    const preview = previewPlan(w.state, draftOf('clusters', waves), w.releaseId);
    expect(preview).toEqual({ ok: true, members: [[w.acme, w.globex].sort(), [w.initech]], unpicked: 0 });
  });

  it('WV-12 one wave per metadata value; customers without the key fall into the last wave, counted', () => {
    const w = world();
    expect(metadataKeys(w.candidates)).toEqual(['region', 'tier']);
    const waves = wavesByMetadata(w.candidates, 'tier');
    expect(waves.map((x) => x.name)).toEqual(['canary', 'standard']);
    const preview = previewPlan(w.state, draftOf('metadata', waves), w.releaseId);
    expect(preview).toEqual({ ok: true, members: [[w.acme], [w.globex, w.initech].sort()], unpicked: 1 });
    // Reordered: the canary last, so it takes Initech too.
    const moved = moveWave(waves, 1, -1);
    expect(moved.map((x) => x.name)).toEqual(['standard', 'canary']);
    expect(moveWave(moved, 0, -1).map((x) => x.name)).toEqual(['standard', 'canary']);
    const again = previewPlan(w.state, draftOf('metadata', moved), w.releaseId);
    expect(again).toEqual({ ok: true, members: [[w.globex], [w.acme, w.initech].sort()], unpicked: 1 });
  });

  it('WV-12 picks: each customer’s wave; removing a wave unpicks its customers; the gate goes on waves after the first', () => {
    const w = world();
    const [one, two] = emptyWaves();
    if (!one || !two) throw new Error('two waves');
    const draft: PlanDraft = { ...draftOf('customers', [one, two]), picks: new Map([[w.globex, one.key]]) };
    const input = toPlanInput(draft, w.releaseId, { signOff: true });
    expect(input.waves).toEqual([
      { name: 'Wave 1', select: { customerIds: [w.globex] } },
      { name: 'Wave 2', gate: { signOff: true } },
    ]);
    const saved = w.step(planWaves(w.state, input, w.ctx));
    const preview = previewPlan(w.state, draft, w.releaseId);
    expect(preview.ok && preview.members).toEqual([
      saved.members[saved.waveIds[0]!],
      saved.members[saved.waveIds[1]!],
    ]);
    const removed = removeWave(draft, one.key);
    expect([...removed.picks]).toEqual([]);
    expect(removed.waves.map((x) => x.name)).toEqual(['Wave 2']);
  });

  it('WV-12 once a step was done the preview carries planWaves’ refusal (rollout-started)', () => {
    const w = world();
    w.step(markDone(w.state, { releaseId: w.releaseId, stepId: templateStepId(w.acme, w.t) }, w.ctx));
    const preview = previewPlan(
      w.state,
      draftOf('clusters', wavesByCluster(w.candidates, w.clusterName)),
      w.releaseId,
    );
    expect(preview.ok ? null : preview.error.code).toBe('rollout-started');
  });

  it('WV-12 started from the waves planned now: saved reordered, everyone stays in their wave and each wave keeps its gate', () => {
    const w = world();
    w.step(
      planWaves(
        w.state,
        {
          releaseId: w.releaseId,
          waves: [
            { name: 'Canary', select: { customerIds: [w.acme] } },
            { name: 'Europe', select: { customerIds: [w.globex] }, gate: { signOff: true, soakMinutes: 60 } },
            { name: 'Rest' },
          ],
        },
        w.ctx,
      ),
    );
    const doc = w.state.releases[w.releaseId]!;
    const live = liveWaves(doc);
    const now = currentPlan(live, w.candidates, (id) => waveOfCustomer(doc, live, id)?.id ?? null);
    expect(now.waves.map((x) => x.name)).toEqual(['Canary', 'Europe', 'Rest']);
    // Europe first, Canary second: Canary had no gate of its own beyond the default.
    const draft: PlanDraft = { mode: 'current', metadataKey: '', ...now, waves: moveWave(now.waves, 1, -1) };
    const input = toPlanInput(draft, w.releaseId, { signOff: false });
    expect(input.waves.map((x) => [x.name, x.gate])).toEqual([
      ['Europe', undefined],
      ['Canary', { previousComplete: true, verifyComplete: false, soakMinutes: 0, signOff: false }],
      ['Rest', { previousComplete: true, verifyComplete: false, soakMinutes: 0, signOff: false }],
    ]);
    const saved = w.step(planWaves(w.state, input, w.ctx));
    expect(saved.waveIds.map((id) => saved.members[id])).toEqual([[w.globex], [w.acme], [w.initech]]);
    // Moved back, Europe keeps its sign-off and soak.
    const back = toPlanInput({ ...draft, waves: now.waves }, w.releaseId, {});
    expect(back.waves[1]?.gate).toEqual({
      previousComplete: true,
      verifyComplete: false,
      soakMinutes: 60,
      signOff: true,
    });
  });
});

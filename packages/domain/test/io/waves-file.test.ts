// IO-20: a release's rollout survives the workspace file: waves (gates included, deleted ones kept),
// each customer's wave, and what people did (sign-offs, an early opening, halts and resumes: history
// events). Export, then import into an empty workspace, gives the same rollout; into the workspace it
// came from, nothing changes; a member naming a wave neither side has refuses the import.
import { describe, expect, it } from 'vitest';
import {
  addWave,
  applyChange,
  type DomainState,
  deleteWave,
  emptyState,
  exportWorkspace,
  haltRollout,
  importWorkspace,
  markDone,
  planImport,
  planWaves,
  readWorkspaceFile,
  resumeRollout,
  rolloutStatus,
  serializeWorkspace,
  signOffGate,
  skipStep,
  templateStepId,
  testContext,
  type WaveId,
} from '../../src/index.ts';
import { activeWorld } from '../helpers.ts';
import type { WireFile } from './fixtures.ts';

const NOW = '2026-03-01T12:00:00.000Z';
/** Long after every soak: gates are judged with the same clock on both sides. */
const LATER = '2026-06-01T00:00:00.000Z';

const fileOf = (state: DomainState) => serializeWorkspace(exportWorkspace(state, { exportedAt: NOW }));

function read(text: string) {
  const r = readWorkspaceFile(text, { now: NOW });
  if (!r.ok) throw new Error(`unreadable: ${JSON.stringify(r.problems)}`);
  return r.file;
}

function importInto(state: DomainState, text: string): DomainState {
  const result = importWorkspace(state, read(text), testContext());
  if (!result.ok) throw new Error(result.error.message);
  return applyChange(state, result.change);
}

/** Three waves, the first complete, the second signed off, the third opened early; halted, resumed, halted. */
function rolledOut() {
  const fx = activeWorld();
  const { w, a, b, c, eu, r, d1, d2, v1 } = fx;
  const { waveIds } = w.do(planWaves, {
    releaseId: r,
    waves: [
      { name: 'Canary', select: { customerIds: [a] } },
      { name: 'Europe', select: { clusterIds: [eu] }, gate: { signOff: true, soakMinutes: 30 } },
      { name: 'Everyone', gate: { verifyComplete: true, signOff: true } },
    ],
  });
  const [canary, europe, everyone] = waveIds as [WaveId, WaveId, WaveId];
  // A wave added and deleted again: its record stays (history names it).
  const extra = w.do(addWave, { releaseId: r, name: 'Scratch' }).waveId;
  w.do(deleteWave, { releaseId: r, waveId: extra });
  for (const t of [d1, d2, v1]) {
    w.ctx.tick();
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, t) });
  }
  w.ctx.tick(3_600_000);
  w.do(signOffGate, { releaseId: r, waveId: europe, note: 'canary is fine' });
  w.ctx.tick();
  w.do(skipStep, { releaseId: r, stepId: templateStepId(b, d2), reason: 'not for Beta' });
  w.do(haltRollout, { releaseId: r, reason: 'error rate up' });
  w.ctx.tick();
  w.do(resumeRollout, { releaseId: r, reason: 'false alarm' });
  w.ctx.tick();
  w.do(haltRollout, { releaseId: r, reason: 'second look' });
  return { ...fx, w, c, canary, europe, everyone, extra };
}

describe('IO-20 waves, gates, sign-offs and halts in the workspace file', () => {
  it('IO-20 export, then import into an empty workspace, gives the same rollout', () => {
    const { w, r, canary, europe, everyone, extra } = rolledOut();
    const text = fileOf(w.state);
    const parsed = JSON.parse(text) as WireFile;
    expect(parsed.waves.map((x) => x.id)).toEqual([canary, europe, everyone, extra].sort());
    expect(parsed.waveMembers).toHaveLength(3);
    const restored = importInto(emptyState(), text);
    expect(restored).toEqual(w.state);
    const before = rolloutStatus(w.state, r, { now: LATER });
    const after = rolloutStatus(restored, r, { now: LATER });
    // `log.knows` is a function (the causal order, MR-08): compared by what it answers, below.
    const data = (status: typeof before) => ({ ...status, log: { ...status.log, knows: null } });
    expect(data(after)).toEqual(data(before));
    const ids = before.log.events.map((e) => e.id);
    for (const x of ids) for (const y of ids) expect(after.log.knows(x, y)).toBe(before.log.knows(x, y));
    // Not an empty rollout on both sides: the gates, the sign-off and the halt came through.
    expect(after.waves.map((x) => x.wave.name)).toEqual(['Canary', 'Europe', 'Everyone']);
    expect(after.waves[1]?.gate?.signOffs.map((s) => s.text)).toEqual(['canary is fine']);
    expect(after.waves[1]?.open).toBe(true);
    expect(after.halted?.reason).toBe('second look');
    expect(fileOf(restored)).toBe(text);
  });

  it('IO-20 importing into the workspace it came from changes nothing; the plan counts waves and members', () => {
    const { w } = rolledOut();
    const text = fileOf(w.state);
    const { plan, change } = planImport(w.state, read(text));
    expect(change.ops).toEqual([]);
    expect(plan.counts.waves).toEqual({ added: 0, changed: 0, unchanged: 4, keptNewer: 0 });
    expect(plan.counts.waveMembers).toEqual({ added: 0, changed: 0, unchanged: 3, keptNewer: 0 });
    const restore = planImport(emptyState(), read(text)).plan;
    expect(restore.counts.waves.added).toBe(4);
    expect(restore.counts.waveMembers.added).toBe(3);
  });

  it('IO-20 a member naming a wave neither the file nor the workspace has refuses the import, with its path', () => {
    const { w } = rolledOut();
    const parsed = JSON.parse(fileOf(w.state)) as WireFile;
    parsed.waveMembers[0]!.waveId = 'wave:nowhere';
    const { plan, change } = planImport(emptyState(), read(JSON.stringify(parsed)));
    expect(change.ops).toEqual([]);
    expect(plan.problems).toContainEqual(
      expect.objectContaining({ path: 'waveMembers[0].waveId', code: 'unknown-reference' }),
    );
  });
});

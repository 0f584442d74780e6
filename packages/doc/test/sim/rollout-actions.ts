/**
 * Rollout commands in the simulation's mix (MR-08..MR-10): planning and changing waves, signing gates
 * off, opening them early, halting and resuming, drawn like any other command. `recordRollout` notes
 * what each replica knew when it acted, the ground truth rollout-invariants.ts judges the merge by.
 */
import {
  addWave,
  assignToWave,
  type CommandResult,
  type CustomerId,
  deleteWave,
  type GateInput,
  haltRollout,
  liveWaves,
  openGateEarly,
  planWaves,
  type Release,
  resumeRollout,
  rolloutStatus,
  signOffGate,
  updateWave,
  type WaveSelection,
} from '@runsheet/domain';
import type { Prng } from '../support/prng.ts';
import { type Action, attempt, type Pick, pickRelease, values } from './action-kit.ts';
import type { SimLog } from './log.ts';
import type { Replica } from './replica.ts';

const WAVE_NAMES = ['Canary', 'EU', 'Rest', 'Late'];

export function randomGate(rng: Prng): GateInput {
  return {
    previousComplete: rng.bool(0.6),
    verifyComplete: rng.bool(0.2),
    soakMinutes: rng.bool(0.2) ? rng.int(1, 3) : 0,
    signOff: rng.bool(0.5),
  };
}

function randomSelect(p: Pick, release: Release): WaveSelection {
  const doc = p.state.releases[release.id];
  const customers = doc ? (Object.keys(doc.participants) as CustomerId[]) : [];
  const clusters = values(p.state.catalog.clusters);
  const roll = p.rng.int(0, 2);
  if (roll === 0 && customers.length > 0) return { customerIds: [p.rng.pick(customers)] };
  if (roll === 1 && clusters.length > 0) return { clusterIds: [p.rng.pick(clusters).id] };
  return {};
}

/** A release that has waves, with its live waves. */
function pickWaved(p: Pick) {
  const release = pickRelease(p);
  const doc = release && p.state.releases[release.id];
  if (!release || !doc) return null;
  const waves = liveWaves(doc);
  return waves.length > 0 ? { release, waves } : null;
}

export const ROLLOUT_ACTIONS: Action[] = [
  {
    name: 'planWaves',
    weight: 1,
    plan: (p, r) => {
      const release = pickRelease(p);
      if (!release) return null;
      const count = p.rng.int(1, 3);
      const waves = WAVE_NAMES.slice(0, count).map((name) => ({
        name,
        select: randomSelect(p, release),
        gate: randomGate(p.rng),
      }));
      return attempt(r, 'planWaves', planWaves, { releaseId: release.id, waves });
    },
  },
  {
    name: 'changeWave',
    weight: 2,
    plan: (p, r) => {
      const found = pickWaved(p);
      if (!found) return null;
      const releaseId = found.release.id;
      const wave = p.rng.pick(found.waves);
      switch (p.rng.int(0, 3)) {
        case 0:
          return attempt(r, 'addWave', addWave, {
            releaseId,
            name: `${p.rng.pick(WAVE_NAMES)} ${p.rng.word(2)}`,
            select: randomSelect(p, found.release),
            gate: randomGate(p.rng),
          });
        case 1:
          return attempt(r, 'updateWave', updateWave, {
            releaseId,
            waveId: wave.id,
            gate: randomGate(p.rng),
          });
        case 2:
          return attempt(r, 'deleteWave', deleteWave, { releaseId, waveId: wave.id });
        default:
          return attempt(r, 'assignToWave', assignToWave, {
            releaseId,
            waveId: wave.id,
            select: randomSelect(p, found.release),
          });
      }
    },
  },
  {
    name: 'gate',
    weight: 3,
    plan: (p, r) => {
      const found = pickWaved(p);
      if (!found || found.waves.length < 2) return null;
      const releaseId = found.release.id;
      // Mostly a gate that waits for its sign-off, as a person would pick it; sometimes any gate.
      const status = rolloutStatus(p.state, releaseId, { now: r.ctx.now() });
      const ready = status.waves.filter((w) => w.gate?.readyForSignOff).map((w) => w.wave.id);
      const waveId =
        ready.length > 0 && p.rng.bool(0.8) ? p.rng.pick(ready) : p.rng.pick(found.waves.slice(1)).id;
      return p.rng.bool(0.8)
        ? attempt(r, 'signOffGate', signOffGate, { releaseId, waveId, note: p.rng.word(4) })
        : attempt(r, 'openGateEarly', openGateEarly, { releaseId, waveId, reason: 'customer asked' });
    },
  },
  {
    name: 'haltOrResume',
    weight: 2,
    plan: (p, r) => {
      const release = pickRelease(p);
      if (!release) return null;
      const releaseId = release.id;
      // Halts are rarer than the resumes that end them; sometimes a halt is tried on a halted one.
      const halted = rolloutStatus(p.state, releaseId, { now: r.ctx.now() }).halted;
      if (halted && p.rng.bool(0.9))
        return attempt(r, 'resumeRollout', resumeRollout, { releaseId, reason: 'all clear' });
      if (!halted && p.rng.bool(0.6)) return null;
      return attempt(r, 'haltRollout', haltRollout, { releaseId, reason: 'alerts' });
    },
  },
];

/**
 * After a successful command: what its replica held when it acted, for every judged event it wrote
 * (the release's events minus those the command itself just appended).
 */
export function recordRollout(log: SimLog, r: Replica, result: CommandResult<unknown>): void {
  if (!result.ok) return;
  const written = new Map<string, Set<string>>();
  for (const op of result.change.ops) {
    if (op.op !== 'append-event') continue;
    const ids = written.get(op.releaseId) ?? new Set<string>();
    ids.add(op.event.id);
    written.set(op.releaseId, ids);
  }
  for (const op of result.change.ops) {
    if (op.op !== 'append-event') continue;
    const mine = written.get(op.releaseId) as Set<string>;
    const held = new Set<string>();
    for (const e of r.ws.state.releases[op.releaseId]?.events ?? []) if (!mine.has(e.id)) held.add(e.id);
    log.knew.set(op.event.id, held);
  }
}

import type { Completion, GateRecord, RolloutStatus, WaveStatus } from '@runsheet/domain';
import type { RolloutView } from '@runsheet/protocol';

type WaveView = RolloutView['waves'][number];

const completionView = (c: Completion) => ({
  total: c.total,
  complete: c.complete,
  verifyTotal: c.verifyTotal,
  verifyComplete: c.verifyComplete,
});

const recordView = (r: GateRecord) => ({
  by: r.by,
  byName: r.byName,
  at: r.at,
  text: r.text,
  voided: r.voided,
});

function waveView(w: WaveStatus): WaveView {
  const { wave, gate } = w;
  return {
    id: wave.id,
    name: wave.name,
    index: w.index,
    customerIds: [...w.customerIds],
    completion: completionView(w.completion),
    open: w.open,
    openedAt: w.openedAt,
    openedBy: w.openedBy,
    complete: w.complete,
    completedAt: w.completedAt,
    lock: w.lock,
    settings: {
      previousComplete: wave.gatePreviousComplete,
      verifyComplete: wave.gateVerifyComplete,
      soakMinutes: wave.gateSoakMinutes,
      signOff: wave.gateSignOff,
    },
    gate: gate && {
      conditions: gate.conditions.map((c) => ({ kind: c.kind, met: c.met, at: c.at })),
      waitingFor: [...gate.waitingFor],
      soakEndsAt: gate.soakEndsAt,
      readyForSignOff: gate.readyForSignOff,
      signOffs: gate.signOffs.map(recordView),
      openedEarly: gate.openedEarly && recordView(gate.openedEarly),
    },
  };
}

/** The domain's `rolloutStatus` as the API shows it (no internal log, no maps). */
export function rolloutView(status: RolloutStatus): RolloutView {
  const { halted } = status;
  return {
    releaseId: status.releaseId,
    waves: status.waves.map(waveView),
    halted: halted && { by: halted.by, byName: halted.byName, at: halted.at, reason: halted.reason },
    completion: completionView(status.completion),
    complete: status.complete,
    runningWaveId: status.running?.wave.id ?? null,
    nextWaveId: status.next?.wave.id ?? null,
  };
}

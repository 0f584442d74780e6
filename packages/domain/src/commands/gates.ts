/**
 * Acting on a gate (WV-06, WV-07): a member or admin signs it off once its other conditions are met;
 * an admin opens it early with a reason. Both record who, when and why as rollout events, and the
 * opening they cause (`gate-opened`), so the wave stays open whatever its conditions say later (WV-09).
 * A halt made apart from either voids it (MR-08, rollout-log.ts).
 */

import { z } from 'zod';
import type { CommandContext } from '../context.ts';
import type { Release } from '../entities/release.ts';
import { idSchema, type WaveId } from '../ids.ts';
import { type CommandResult, type Failure, ok, refuse } from '../result.ts';
import { rolloutStatus, type WaveStatus } from '../rollout-status.ts';
import type { DomainState, ReleaseState } from '../state.ts';
import { checkReason, checkText } from '../validation.ts';
import { defineCommand } from './define-command.ts';
import { activeRelease } from './guards.ts';
import { getLiveWave, RolloutEvents } from './wave-support.ts';

export const signOffGateInput = z.object({
  releaseId: idSchema('release'),
  waveId: idSchema('wave'),
  note: z.string().optional(),
});
export type SignOffGateInput = z.input<typeof signOffGateInput>;

export const openGateEarlyInput = z.object({
  releaseId: idSchema('release'),
  waveId: idSchema('wave'),
  reason: z.string(),
});
export type OpenGateEarlyInput = z.input<typeof openGateEarlyInput>;

/** The gated wave a command names, with the rollout as it stands now; the checks both commands share. */
function gatedWave(
  state: DomainState,
  releaseId: Release['id'],
  waveId: WaveId,
  ctx: CommandContext,
): { ok: true; value: { doc: ReleaseState; status: WaveStatus } } | Failure {
  const got = activeRelease(state, releaseId);
  if (!got.ok) return got;
  const { doc } = got.value;
  const wave = getLiveWave(doc, waveId);
  if (!wave.ok) return wave;
  const rollout = rolloutStatus(state, releaseId, { now: ctx.now() });
  const status = rollout.waves.find((w) => w.wave.id === waveId);
  if (!status || status.index === 0) return refuse('wave-has-no-gate', 'waveId');
  if (rollout.halted) return refuse('rollout-halted', 'waveId', { haltedBy: rollout.halted.byName });
  if (status.open) return refuse('gate-already-open', 'waveId');
  if (!rollout.waves[status.index - 1]?.open) return refuse('previous-wave-not-open', 'waveId');
  return { ok: true, value: { doc, status } };
}

/** WV-06: signs a gate off (who and when from ctx, an optional note); it opens the wave. */
export const signOffGate = defineCommand({
  name: 'signOffGate',
  input: signOffGateInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ waveId: WaveId }> {
    const note = checkText(i.note?.trim() ?? '', 'note', 5_000);
    if (!note.ok) return note;
    const got = gatedWave(state, i.releaseId, i.waveId, ctx);
    if (!got.ok) return got;
    const { doc, status } = got.value;
    const gate = status.gate;
    if (!status.wave.gateSignOff || !gate) return refuse('gate-needs-no-sign-off', 'waveId');
    if (gate.signOffs.some((s) => !s.voided)) return refuse('gate-already-signed-off', 'waveId');
    if (!gate.readyForSignOff)
      return refuse('gate-not-ready', 'waveId', {
        waitingFor: gate.waitingFor.filter((k) => k !== 'sign-off').join(','),
      });
    const events = new RolloutEvents(doc, ctx);
    events.add('gate-signed-off', { wave: i.waveId, note: note.value || undefined });
    events.add('gate-opened', { wave: i.waveId, how: 'sign-off', openedAt: ctx.now() });
    return ok({ ops: events.ops }, { waveId: i.waveId });
  },
});

/** WV-07: an admin opens a gate before its conditions are met, with a reason. */
export const openGateEarly = defineCommand({
  name: 'openGateEarly',
  input: openGateEarlyInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ waveId: WaveId }> {
    if (ctx.actor.role !== undefined && ctx.actor.role !== 'admin') return refuse('admin-only', 'waveId');
    const checked = checkReason(i.reason, 'open-needs-reason');
    if (!checked.ok) return checked;
    const reason = checked.value;
    const got = gatedWave(state, i.releaseId, i.waveId, ctx);
    if (!got.ok) return got;
    const events = new RolloutEvents(got.value.doc, ctx);
    events.add('gate-opened', { wave: i.waveId, how: 'early', reason, openedAt: ctx.now() });
    return ok({ ops: events.ops }, { waveId: i.waveId });
  },
});

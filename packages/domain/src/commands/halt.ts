/**
 * Halting and resuming a rollout (WV-08): anyone who may edit stops it with a reason, and every wave
 * not complete locks (a release without waves is one wave); resuming needs a reason too. The halt
 * records what it locked and, per device, the newest event it knew, so a step done elsewhere without
 * knowing of it can be found after the merge (MR-09, rollout-log.ts).
 */

import { z } from 'zod';
import type { EventId } from '../ids.ts';
import { idSchema } from '../ids.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import { knownByDevice } from '../rollout-log.ts';
import { rolloutStatus } from '../rollout-status.ts';
import { checkReason } from '../validation.ts';
import { defineCommand } from './define-command.ts';
import { activeRelease } from './guards.ts';
import { RolloutEvents } from './wave-support.ts';

export const haltRolloutInput = z.object({ releaseId: idSchema('release'), reason: z.string() });
export type HaltRolloutInput = z.input<typeof haltRolloutInput>;
export const resumeRolloutInput = haltRolloutInput;
export type ResumeRolloutInput = HaltRolloutInput;

/** Every lock on a release without waves: the whole release. */
export const WHOLE_RELEASE = '*';

export const haltRollout = defineCommand({
  name: 'haltRollout',
  input: haltRolloutInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ eventId: EventId }> {
    const checked = checkReason(i.reason, 'halt-needs-reason');
    if (!checked.ok) return checked;
    const reason = checked.value;
    const got = activeRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { doc } = got.value;
    const status = rolloutStatus(state, i.releaseId, { now: ctx.now() });
    if (status.halted) return refuse('rollout-halted', 'releaseId', { haltedBy: status.halted.byName });
    const locked =
      status.waves.length === 0
        ? WHOLE_RELEASE
        : status.waves
            .filter((w) => !w.complete)
            .map((w) => w.wave.id)
            .join(',');
    const events = new RolloutEvents(doc, ctx);
    const event = events.add('rollout-halted', { reason, locked, known: knownByDevice(doc.events) });
    return ok({ ops: events.ops }, { eventId: event.id });
  },
});

export const resumeRollout = defineCommand({
  name: 'resumeRollout',
  input: resumeRolloutInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ eventId: EventId }> {
    const checked = checkReason(i.reason, 'resume-needs-reason');
    if (!checked.ok) return checked;
    const reason = checked.value;
    const got = activeRelease(state, i.releaseId);
    if (!got.ok) return got;
    const status = rolloutStatus(state, i.releaseId, { now: ctx.now() });
    if (!status.halted) return refuse('rollout-not-halted', 'releaseId');
    // Its parents are every head of the rollout chain this device knows: it answers every halt known here.
    const events = new RolloutEvents(got.value.doc, ctx);
    const event = events.add('rollout-resumed', { reason });
    return ok({ ops: events.ops }, { eventId: event.id });
  },
});

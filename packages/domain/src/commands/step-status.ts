/**
 * Execution tracking (FET-001..FET-004): done, skipped, reverted, and back to
 * pending. The status machine:
 *
 *   pending  --markDone--> done      --revertStep--> reverted
 *   pending  --skipStep--> skipped   --reopenStep--> pending
 *   skipped / reverted --markDone--> done
 *   reverted --skipStep--> skipped;  reverted --reopenStep--> pending (step-reopen.ts)
 *
 * Leaving pending keeps the id of the revision the step showed (ST-02, ST-09); done records the
 * revision it ran and the variable values filled in for this customer (BR-R03, ST-10), never a copy of
 * the text. Nothing here erases history (BR-R04): every change appends an event, and reopening moves
 * the previous execution record into its event.
 *
 * Done and skip also ask the rollout (rollout-guard.ts): a step of a wave that is not open, or of a
 * halted rollout, is refused (WV-05, WV-08); revert, reopen and notes are not (they undo or annotate).
 */

import { z } from 'zod';
import type { Op } from '../change.ts';
import type { CommandContext } from '../context.ts';
import type { HistoryEvent } from '../entities/step-event.ts';
import { LEGACY_SNAPSHOT_FIELDS, type StepState, type StepStateField } from '../entities/step-state.ts';
import { stepCategorySchema } from '../enums.ts';
import { eventsBySubject } from '../history.ts';
import { idSchema, type StepId } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import type { ReasonCode } from '../reasons.ts';
import { type CommandResult, type Failure, ok, refuse } from '../result.ts';
import type { DomainState } from '../state.ts';
import { checkReason, checkText } from '../validation.ts';
import { filledValues, renderContent, type VariableProblem, variableContextFor } from '../variables.ts';
import { resolveCustomerSteps } from '../views/customer-steps.ts';
import { defineCommand } from './define-command.ts';
import { editableRelease } from './guards.ts';
import { RevisionWriter } from './revision-writer.ts';
import { RolloutGuard } from './rollout-guard.ts';
import {
  eventOp,
  needsSnapshot,
  presentFields,
  REPLACED_BY_RUN,
  type StepTarget,
  shownRevision,
  stepEvent,
  stepForChange,
  stepInRelease,
  stepStateOp,
} from './step-support.ts';

export const markDoneInput = z.object({
  releaseId: idSchema('release'),
  stepId: idSchema('step'),
  notes: z.string().optional(),
});
export type MarkDoneInput = z.input<typeof markDoneInput>;

export const skipStepInput = z.object({
  releaseId: idSchema('release'),
  stepId: idSchema('step'),
  reason: z.string(),
});
export type SkipStepInput = z.input<typeof skipStepInput>;

export const revertStepInput = skipStepInput;
export type RevertStepInput = SkipStepInput;

export const bulkMarkDoneInput = z.union([
  z.object({
    releaseId: idSchema('release'),
    stepIds: z.array(idSchema('step')),
    notes: z.string().optional(),
  }),
  z.object({
    releaseId: idSchema('release'),
    customerId: idSchema('customer'),
    category: stepCategorySchema,
    notes: z.string().optional(),
  }),
]);
export type BulkMarkDoneInput = z.input<typeof bulkMarkDoneInput>;

export interface DoneValue {
  stepId: StepId;
  executedContent: string;
  /** Variables that could not be filled in; they stay in the executed content as written (VR-03). */
  unknownVariables: VariableProblem[];
}

/**
 * The ops of marking one step done, or why not. Shared by markDone and bulkMarkDone, which passes one
 * RevisionWriter for all its steps. The step keeps the revision it showed and the values it was filled
 * with; `snapshotRev` moves along only when it named something else (a revision that had not arrived
 * here, ST-12), so a later revert shows what ran.
 */
function planDone(
  state: DomainState,
  target: StepTarget,
  ctx: CommandContext,
  notes: string | undefined,
  revs: RevisionWriter,
  rollout: RolloutGuard,
  prior?: readonly HistoryEvent[],
): { ok: true; ops: Op[]; value: DoneValue } | Failure {
  const { ref, doc } = target;
  const from = ref.step.status;
  if (from === 'done') return refuse('step-already-done', 'stepId');
  const locked = rollout.check(ref.step.customerId);
  if (locked) return locked;
  rollout.admit(ref.step.customerId);
  const rendered = renderContent(
    ref.step.content,
    variableContextFor(state.catalog, doc.releaseId, ref.step.customerId),
  );
  const rev = shownRevision(ref, revs);
  const now = ctx.now();
  const fields: StepState = {
    status: 'done',
    statusAt: now,
    statusBy: ctx.actor.id,
    execution: { rev, vars: filledValues(rendered), at: now, by: ctx.actor.name },
    updatedAt: now,
  };
  if (ref.state?.snapshotRev !== undefined && ref.state.snapshotRev !== rev) fields.snapshotRev = rev;
  if (notes !== undefined && notes.trim() !== '') fields.notes = notes.trim();
  const event = stepEvent(ctx, target, {
    kind: 'done',
    from,
    to: 'done',
    prior,
    detail: {
      notes: fields.notes,
      unknownVariables:
        rendered.unknown.length > 0 ? rendered.unknown.map((u) => u.name).join(',') : undefined,
      previousExecutedAt: ref.step.executedAt ?? undefined,
      rollout: rollout.marker,
    },
  });
  const unset = presentFields(ref.state, REPLACED_BY_RUN);
  return {
    ok: true,
    ops: [stepStateOp(doc.releaseId, ref.step.id, fields, unset), eventOp(event)],
    value: { stepId: ref.step.id, executedContent: rendered.text, unknownVariables: rendered.unknown },
  };
}

/** FET-001: from pending, skipped or reverted; optional notes. */
export const markDone = defineCommand({
  name: 'markDone',
  input: markDoneInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<DoneValue> {
    if (i.notes !== undefined) {
      const notes = checkText(i.notes, 'notes', FIELD_LIMITS.notes);
      if (!notes.ok) return notes;
    }
    const target = stepForChange(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const revs = new RevisionWriter(target.value.doc, ctx);
    const rollout = new RolloutGuard(state, target.value.doc, ctx);
    const plan = planDone(state, target.value, ctx, i.notes, revs, rollout);
    if (!plan.ok) return plan;
    return ok({ ops: [...rollout.ops, ...revs.ops, ...plan.ops] }, plan.value);
  },
});

/** FET-003 / BR-S03: a reason is required; a done step is locked (revert it first). */
export const skipStep = defineCommand({
  name: 'skipStep',
  input: skipStepInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId }> {
    const checked = checkReason(i.reason, 'skip-needs-reason');
    if (!checked.ok) return checked;
    const reason = checked.value;
    const target = stepForChange(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const { ref, doc } = target.value;
    const from = ref.step.status;
    if (from === 'done') return refuse('step-locked', 'stepId');
    if (from === 'skipped') return refuse('step-already-skipped', 'stepId');
    const rollout = new RolloutGuard(state, doc, ctx);
    const locked = rollout.check(ref.step.customerId);
    if (locked) return locked;
    rollout.admit(ref.step.customerId);
    const now = ctx.now();
    const fields: StepState = {
      status: 'skipped',
      statusAt: now,
      statusBy: ctx.actor.id,
      skipReason: reason,
      updatedAt: now,
    };
    const revs = new RevisionWriter(doc, ctx);
    let unset: StepStateField[] = [];
    if (needsSnapshot(ref)) {
      fields.snapshotRev = shownRevision(ref, revs);
      unset = presentFields(ref.state, LEGACY_SNAPSHOT_FIELDS);
    }
    const event = stepEvent(ctx, target.value, {
      kind: 'skipped',
      from,
      to: 'skipped',
      detail: { reason, rollout: rollout.marker },
    });
    return ok(
      {
        ops: [
          ...rollout.ops,
          ...revs.ops,
          stepStateOp(doc.releaseId, ref.step.id, fields, unset),
          eventOp(event),
        ],
      },
      { stepId: ref.step.id },
    );
  },
});

/** FET-002 / BR-R04: done -> reverted with a reason; the execution record and history stay. */
export const revertStep = defineCommand({
  name: 'revertStep',
  input: revertStepInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId }> {
    const checked = checkReason(i.reason, 'revert-needs-reason');
    if (!checked.ok) return checked;
    const reason = checked.value;
    const target = stepForChange(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const { ref, doc } = target.value;
    if (ref.step.status !== 'done') return refuse('step-not-done', 'stepId');
    const now = ctx.now();
    const fields: StepState = {
      status: 'reverted',
      statusAt: now,
      statusBy: ctx.actor.id,
      revertReason: reason,
      updatedAt: now,
    };
    const event = stepEvent(ctx, target.value, {
      kind: 'reverted',
      from: 'done',
      to: 'reverted',
      detail: { reason },
    });
    return ok(
      { ops: [stepStateOp(doc.releaseId, ref.step.id, fields), eventOp(event)] },
      { stepId: ref.step.id },
    );
  },
});

export interface BulkDoneValue {
  done: StepId[];
  refused: { stepId: StepId; code: ReasonCode; message: string }[];
}

/**
 * FET-004: mark many steps done at once: the given steps, or every pending step of one customer and
 * category ("Mark all"). Each step is checked on its own: the value lists which were done and which
 * were refused, and why. Events get their `after` from one index of the history, not a scan per step.
 */
export const bulkMarkDone = defineCommand({
  name: 'bulkMarkDone',
  input: bulkMarkDoneInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<BulkDoneValue> {
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    if (i.notes !== undefined) {
      const notes = checkText(i.notes, 'notes', FIELD_LIMITS.notes);
      if (!notes.ok) return notes;
    }

    let stepIds: StepId[];
    if ('stepIds' in i) {
      stepIds = [...new Set(i.stepIds)];
    } else {
      if (!doc.participants[i.customerId]) return refuse('customer-not-in-release', 'customerId');
      stepIds = resolveCustomerSteps(state, release.id, i.customerId)
        .filter((s) => s.category === i.category && s.status === 'pending')
        .map((s) => s.id);
    }

    const index = eventsBySubject(doc.events);
    const revs = new RevisionWriter(doc, ctx);
    const rollout = new RolloutGuard(state, doc, ctx);
    const ops: Op[] = [];
    const value: BulkDoneValue = { done: [], refused: [] };
    for (const stepId of stepIds) {
      const target = stepInRelease(state, release, doc, stepId);
      const plan = target.ok
        ? planDone(state, target.value, ctx, i.notes, revs, rollout, index.get(stepId) ?? [])
        : target;
      if (!plan.ok) {
        value.refused.push({ stepId, code: plan.error.code, message: plan.error.message });
        continue;
      }
      ops.push(...plan.ops);
      value.done.push(stepId);
    }
    return ok({ ops: [...rollout.ops, ...revs.ops, ...ops] }, value);
  },
});

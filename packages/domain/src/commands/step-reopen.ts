/**
 * Reopening (ST-05): skipped or reverted back to pending, so the step follows its template or override
 * again. Nothing is erased (BR-R04): the run it had moves into the `reopened` event, by revision and
 * values (HI-03).
 */

import { z } from 'zod';
import type { Execution, StepState, StepStateField } from '../entities/step-state.ts';
import { idSchema, type StepId } from '../ids.ts';
import type { StepRef } from '../resolve.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import { contentFieldsOf } from '../revisions.ts';
import { defineCommand } from './define-command.ts';
import { RevisionWriter } from './revision-writer.ts';
import {
  eventOp,
  presentFields,
  REPLACED_BY_RUN,
  shownRevision,
  stepEvent,
  stepForChange,
  stepStateOp,
} from './step-support.ts';

export const reopenStepInput = z.object({
  releaseId: idSchema('release'),
  stepId: idSchema('step'),
  reason: z.string().optional(),
});
export type ReopenStepInput = z.input<typeof reopenStepInput>;

const CLEARED_ON_REOPEN: StepStateField[] = [
  'snapshotRev',
  'execution',
  'skipReason',
  'revertReason',
  ...REPLACED_BY_RUN,
];

/**
 * The run a reopen moves into its event (BR-R04), as a revision and values. A legacy copy of the
 * executed text becomes a revision of its own, filled with nothing: `fillValues(text, {})` is the text.
 */
function previousRun(ref: StepRef, revs: RevisionWriter): Pick<Execution, 'rev' | 'vars'> | undefined {
  const s = ref.state;
  if (s?.execution) return s.execution;
  if (s?.executedContent === undefined) return undefined;
  return { rev: revs.write({ ...contentFieldsOf(ref.step), content: s.executedContent }), vars: {} };
}

/**
 * Skipped or reverted -> pending. The snapshot goes, so the step follows its template (or override)
 * again; the previous execution record moves into the event (BR-R04). A step of a deleted template
 * cannot be reopened: as a pending step it would disappear.
 */
export const reopenStep = defineCommand({
  name: 'reopenStep',
  input: reopenStepInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId }> {
    const target = stepForChange(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const { ref, doc } = target.value;
    const from = ref.step.status;
    if (from === 'done') return refuse('step-locked', 'stepId');
    if (from === 'pending') return refuse('step-already-pending', 'stepId');
    if (ref.step.templateDeleted) return refuse('template-deleted', 'stepId');
    const now = ctx.now();
    const fields: StepState = { status: 'pending', statusAt: now, statusBy: ctx.actor.id, updatedAt: now };
    const revs = new RevisionWriter(doc, ctx);
    const run = previousRun(ref, revs);
    const event = stepEvent(ctx, target.value, {
      kind: 'reopened',
      from,
      to: 'pending',
      detail: {
        reason: i.reason?.trim() || undefined,
        previousRev: shownRevision(ref, revs),
        previousExecutedAt: ref.step.executedAt ?? undefined,
        previousExecutedBy: ref.step.executedBy ?? undefined,
        previousExecutedRev: run?.rev,
        previousExecutedVars: run ? JSON.stringify(run.vars) : undefined,
      },
    });
    const unset = presentFields(ref.state, CLEARED_ON_REOPEN);
    return ok(
      { ops: [...revs.ops, stepStateOp(doc.releaseId, ref.step.id, fields, unset), eventOp(event)] },
      { stepId: ref.step.id },
    );
  },
});

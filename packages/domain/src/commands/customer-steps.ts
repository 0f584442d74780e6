/**
 * Customising one customer's template step (FCS-002, FCS-005): override its
 * content, reset it to the template, and notes. Custom steps are in custom-steps.ts; execution in
 * step-status.ts.
 */

import { z } from 'zod';
import { LEGACY_OVERRIDE_FIELDS, type StepState } from '../entities/step-state.ts';
import { idSchema, type RevId, type StepId } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import type { StepRef } from '../resolve.ts';
import { type CommandResult, type Failure, ok, refuse } from '../result.ts';
import { overrideOf } from '../revisions.ts';
import { checkContent, checkName, checkText } from '../validation.ts';
import { defineCommand } from './define-command.ts';
import { RevisionWriter } from './revision-writer.ts';
import { eventOp, presentFields, stepEvent, stepForChange, stepStateOp } from './step-support.ts';

export const overrideStepInput = z.object({
  releaseId: idSchema('release'),
  stepId: idSchema('step'),
  content: z.string(),
  /** Optionally a name of its own for this customer. */
  name: z.string().optional(),
});
export type OverrideStepInput = z.input<typeof overrideStepInput>;

export const stepRefInput = z.object({ releaseId: idSchema('release'), stepId: idSchema('step') });
export type StepRefInput = z.input<typeof stepRefInput>;

export const setNotesInput = z.object({
  releaseId: idSchema('release'),
  stepId: idSchema('step'),
  notes: z.string(),
});
export type SetNotesInput = z.input<typeof setNotesInput>;

/** Content changes need a pending step: done is locked (BR-R03), skipped/reverted must be reopened. */
function contentEditable(ref: StepRef): Failure | null {
  if (ref.step.status === 'done') return refuse('step-locked', 'stepId');
  if (ref.step.status !== 'pending') return refuse('step-not-pending', 'stepId');
  return null;
}

/**
 * FCS-002 / BR-S02: the step gets content of its own and keeps its template link (templateId stays; the
 * template's content remains visible as "original"). Template edits pass it by from now on (BR-S08).
 * The override is a new revision (ST-09), content and own name together: a run that referred to the
 * previous override keeps it. Without a name given, an own name the step had stays; a name equal to
 * the template's is no own name.
 */
export const overrideStep = defineCommand({
  name: 'overrideStep',
  input: overrideStepInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId }> {
    const content = checkContent(i.content);
    if (!content.ok) return content;
    const target = stepForChange(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const { ref, doc } = target.value;
    if (ref.kind === 'custom') return refuse('custom-step-not-overridable', 'stepId');
    const locked = contentEditable(ref);
    if (locked) return locked;
    let ownName = overrideOf(ref.state, doc.revisions).name;
    if (i.name !== undefined) {
      const name = checkName(i.name);
      if (!name.ok) return name;
      ownName = name.value !== ref.template.name ? name.value : undefined;
    }
    const revs = new RevisionWriter(doc, ctx);
    const { template } = ref;
    const rev = revs.write(
      {
        name: ownName ?? template.name,
        category: template.category,
        type: template.type,
        content: content.value,
      },
      ownName !== undefined,
    );
    const now = ctx.now();
    const fields: StepState = { overrideRev: rev, overriddenAt: now, updatedAt: now };
    const unset = presentFields(ref.state, LEGACY_OVERRIDE_FIELDS);
    const event = stepEvent(ctx, target.value, { kind: 'overridden', detail: { rev } });
    return ok(
      { ops: [...revs.ops, stepStateOp(doc.releaseId, ref.step.id, fields, unset), eventOp(event)] },
      { stepId: ref.step.id },
    );
  },
});

/** FCS-005: drop the override; the step shows the template again. */
export const resetToTemplate = defineCommand({
  name: 'resetToTemplate',
  input: stepRefInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId }> {
    const target = stepForChange(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const { ref, doc } = target.value;
    if (ref.kind === 'custom' || !ref.step.isOverridden) return refuse('not-overridden', 'stepId');
    const locked = contentEditable(ref);
    if (locked) return locked;
    const revs = new RevisionWriter(doc, ctx);
    const event = stepEvent(ctx, target.value, {
      kind: 'reset-to-template',
      detail: { previousRev: droppedOverride(ref, revs) },
    });
    const op = stepStateOp(
      doc.releaseId,
      ref.step.id,
      { updatedAt: ctx.now() },
      presentFields(ref.state, ['overrideRev', 'overriddenAt', ...LEGACY_OVERRIDE_FIELDS]),
    );
    return ok({ ops: [...revs.ops, op, eventOp(event)] }, { stepId: ref.step.id });
  },
});

/**
 * The revision of the override a reset drops, for its event (HI-03). A legacy override (copies, ST-11)
 * becomes a revision first, so the event still refers to content instead of carrying it.
 */
function droppedOverride(ref: StepRef & { kind: 'template' }, revs: RevisionWriter): RevId | undefined {
  const s = ref.state;
  if (s?.overrideRev !== undefined) return s.overrideRev;
  const own = overrideOf(s, {});
  if (own.content === undefined && own.name === undefined) return undefined;
  const { template } = ref;
  return revs.write(
    {
      name: own.name ?? template.name,
      category: template.category,
      type: template.type,
      content: own.content ?? template.content,
    },
    own.name !== undefined,
  );
}

/** Execution notes: allowed in any status (notes are not content); empty text removes them. */
export const setNotes = defineCommand({
  name: 'setNotes',
  input: setNotesInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId }> {
    const notes = checkText(i.notes.trim(), 'notes', FIELD_LIMITS.notes);
    if (!notes.ok) return notes;
    const target = stepForChange(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const { ref, doc } = target.value;
    if ((ref.state?.notes ?? '') === notes.value) return ok({ ops: [] }, { stepId: ref.step.id });
    const now = ctx.now();
    const op =
      notes.value === ''
        ? stepStateOp(doc.releaseId, ref.step.id, { updatedAt: now }, ['notes'])
        : stepStateOp(doc.releaseId, ref.step.id, { notes: notes.value, updatedAt: now });
    const event = stepEvent(ctx, target.value, { kind: 'notes', detail: { notes: notes.value } });
    return ok({ ops: [op, eventOp(event)] }, { stepId: ref.step.id });
  },
});

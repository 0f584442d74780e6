/**
 * Custom steps: a step for one customer only (FCS-003, FCS-006, BR-S01), or, with "add to template"
 * checked, a new template that every participant gets now and later (BR-S06).
 */

import { z } from 'zod';
import type { Op } from '../change.ts';
import type { CustomStep } from '../entities/custom-step.ts';
import { LEGACY_SNAPSHOT_FIELDS, type StepState } from '../entities/step-state.ts';
import { stepCategorySchema, stepTypeSchema } from '../enums.ts';
import { newEvent } from '../history.ts';
import { idSchema, type ReleaseId, type StepId, type TemplateId, templateStepId } from '../ids.ts';
import type { StepRef } from '../resolve.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import { contentFieldsOf } from '../revisions.ts';
import type { DomainState } from '../state.ts';
import { defineCommand } from './define-command.ts';
import { editableRelease, type Got, getUsableCustomer } from './guards.ts';
import { placeInCustomerList, planKey, positionInput } from './placement.ts';
import { RevisionWriter } from './revision-writer.ts';
import { checkStepFields, editStepFields } from './step-fields.ts';
import {
  eventOp,
  presentFields,
  type StepTarget,
  stepEvent,
  stepForChange,
  stepStateOp,
} from './step-support.ts';
import { buildAddTemplate } from './templates.ts';

export const addCustomStepInput = z.object({
  releaseId: idSchema('release'),
  customerId: idSchema('customer'),
  name: z.string(),
  category: stepCategorySchema,
  type: stepTypeSchema,
  content: z.string(),
  description: z.string().optional(),
  /** Before/after a step of this customer and category, or an index in that list; default: the end. */
  position: positionInput,
  /** FCS-003 "Add to template" (unchecked by default). */
  addToTemplate: z.boolean().optional(),
});
export type AddCustomStepInput = z.input<typeof addCustomStepInput>;

export const editCustomStepInput = z.object({
  releaseId: idSchema('release'),
  stepId: idSchema('step'),
  name: z.string().optional(),
  category: stepCategorySchema.optional(),
  type: stepTypeSchema.optional(),
  content: z.string().optional(),
  description: z.string().optional(),
});
export type EditCustomStepInput = z.input<typeof editCustomStepInput>;

export const deleteCustomStepInput = z.object({ releaseId: idSchema('release'), stepId: idSchema('step') });
export type DeleteCustomStepInput = z.input<typeof deleteCustomStepInput>;

/**
 * FCS-003. Without addToTemplate: a record for this customer only, placed in this customer's list
 * (BR-S01). With it: a template placed at the same spot, so the step id returned is this customer's
 * template step and every other participant has the step too (BR-S06).
 */
export const addCustomStep = defineCommand({
  name: 'addCustomStep',
  input: addCustomStepInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId; templateId: TemplateId | null }> {
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    if (!doc.participants[i.customerId]) return refuse('customer-not-in-release', 'customerId');
    const customer = getUsableCustomer(state.catalog, i.customerId);
    if (!customer.ok) return customer;
    const fields = checkStepFields(i);
    if (!fields.ok) return fields;
    const placement = placeInCustomerList(doc, i.customerId, i.category, i.position);
    if (!placement.ok) return placement;

    if (i.addToTemplate) {
      const built = buildAddTemplate(doc, release, fields.value, placement.value, ctx, {
        fromCustomer: i.customerId,
      });
      return ok(
        { ops: built.ops },
        { stepId: templateStepId(i.customerId, built.templateId), templateId: built.templateId },
      );
    }

    const now = ctx.now();
    const { plan, ops } = planKey(doc, placement.value);
    const stepId = ctx.newId('step');
    const revs = new RevisionWriter(doc, ctx);
    const custom: CustomStep = {
      id: stepId,
      releaseId: release.id,
      customerId: i.customerId,
      ...fields.value,
      order: plan.order,
      createdAt: now,
      createdBy: ctx.actor.id,
      updatedAt: now,
      deletedAt: null,
      contentRev: revs.write(fields.value),
    };
    const event = newEvent(ctx, {
      releaseId: release.id,
      kind: 'custom-added',
      stepId,
      customerId: i.customerId,
      detail: { name: custom.name, category: custom.category },
    });
    const all: Op[] = [
      ...ops,
      ...revs.ops,
      { doc: 'release', releaseId: release.id, op: 'put-custom-step', id: stepId, fields: custom },
      eventOp(event),
    ];
    return ok({ ops: all }, { stepId, templateId: null });
  },
});

/** The opening of an edit or delete: a custom step that may change, not done (BR-R03). */
function changeableCustomStep(
  state: DomainState,
  releaseId: ReleaseId,
  stepId: StepId,
): Got<StepTarget & { ref: Extract<StepRef, { kind: 'custom' }> }> {
  const target = stepForChange(state, releaseId, stepId);
  if (!target.ok) return target;
  const { ref } = target.value;
  if (ref.kind !== 'custom') return refuse('not-custom', 'stepId');
  if (ref.step.status === 'done') return refuse('step-locked', 'stepId');
  return { ok: true, value: { ...target.value, ref } };
}

/**
 * Edit a custom step. Done is locked (BR-R03). A skipped or reverted custom step shows its snapshot, so
 * the snapshot follows the edit: what the person typed is what they see (ST-04). A change of name,
 * category, type or content is a new revision (ST-09) for the record, and for the snapshot when the step
 * is not pending; the revision a past run refers to is left as it was.
 */
export const editCustomStep = defineCommand({
  name: 'editCustomStep',
  input: editCustomStepInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId; changed: string[] }> {
    const target = changeableCustomStep(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const { ref, doc } = target.value;
    const c = ref.custom;
    const edit = editStepFields(doc, c, i, (category) =>
      placeInCustomerList(doc, c.customerId, category, undefined),
    );
    if (!edit.ok) return edit;
    const { changed, ops } = edit.value;
    const fields: Partial<CustomStep> = edit.value.fields;
    if (changed.length === 0) return ok({ ops: [] }, { stepId: c.id, changed });
    const now = ctx.now();
    fields.updatedAt = now;
    const revs = new RevisionWriter(doc, ctx);
    const contentChanged = changed.some((k) => k !== 'description');
    if (contentChanged) fields.contentRev = revs.write({ ...contentFieldsOf(c), ...pickContent(fields) });
    ops.push({ doc: 'release', releaseId: doc.releaseId, op: 'put-custom-step', id: c.id, fields });
    if (ref.step.status !== 'pending' && contentChanged) {
      const shown = { ...contentFieldsOf(ref.step), ...pickContent(fields) };
      const snapshot: StepState = {
        updatedAt: now,
        snapshotRev: revs.revisionFor(shown, [fields.contentRev]),
      };
      ops.push(stepStateOp(doc.releaseId, c.id, snapshot, presentFields(ref.state, LEGACY_SNAPSHOT_FIELDS)));
    }
    ops.unshift(...revs.ops);
    const event = stepEvent(ctx, target.value, {
      kind: 'custom-edited',
      detail: { fields: changed.join(','), rev: fields.contentRev },
    });
    ops.push(eventOp(event));
    return ok({ ops }, { stepId: c.id, changed });
  },
});

/** The content fields an edit set, without undefined ones (they would overwrite in a spread). */
function pickContent(fields: Partial<CustomStep>): Partial<CustomStep> {
  const out: Partial<CustomStep> = {};
  if (fields.name !== undefined) out.name = fields.name;
  if (fields.category !== undefined) out.category = fields.category;
  if (fields.type !== undefined) out.type = fields.type;
  if (fields.content !== undefined) out.content = fields.content;
  return out;
}

/** FCS-006: a tombstone; refused when done (its execution is history, BR-R03). */
export const deleteCustomStep = defineCommand({
  name: 'deleteCustomStep',
  input: deleteCustomStepInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ stepId: StepId }> {
    const target = changeableCustomStep(state, i.releaseId, i.stepId);
    if (!target.ok) return target;
    const { ref, doc } = target.value;
    const now = ctx.now();
    const event = stepEvent(ctx, target.value, { kind: 'custom-deleted', detail: { name: ref.custom.name } });
    const ops: Op[] = [
      {
        doc: 'release',
        releaseId: doc.releaseId,
        op: 'put-custom-step',
        id: ref.custom.id,
        fields: { deletedAt: now, updatedAt: now },
      },
      eventOp(event),
    ];
    return ok({ ops }, { stepId: ref.custom.id });
  },
});

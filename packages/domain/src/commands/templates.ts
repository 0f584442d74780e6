/**
 * Template step commands (FS-001..FS-004, FCS-007).
 *
 * The template edit first asked for rewrites the content of pending, non-overridden customer steps. Here a
 * template edit writes the template only: such steps inherit it, and every other step has its own
 * content (override or snapshot), so BR-R02 / BR-S07 / BR-S08 hold by construction and still hold when
 * the edit meets a done or an override from another device (MR-02).
 */

import { z } from 'zod';
import type { Op } from '../change.ts';
import type { CommandContext } from '../context.ts';
import type { Release } from '../entities/release.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import { stepCategorySchema, stepTypeSchema } from '../enums.ts';
import { eventsOfSubject, newEvent } from '../history.ts';
import { idSchema, type ReleaseId, type TemplateId } from '../ids.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import { contentFieldsOf } from '../revisions.ts';
import type { DomainState, ReleaseState } from '../state.ts';
import {
  previewTemplateDelete,
  previewTemplateEdit,
  type TemplateDeletePreview,
  type TemplateEditPreview,
} from '../views/template-impact.ts';
import { defineCommand } from './define-command.ts';
import { editableRelease, type Got } from './guards.ts';
import {
  type Placement,
  placeAmongTemplates,
  placeNewTemplate,
  planKey,
  positionInput,
} from './placement.ts';
import { RevisionWriter } from './revision-writer.ts';
import { checkStepFields, editStepFields, type NewTemplateFields } from './step-fields.ts';

export const addTemplateInput = z.object({
  releaseId: idSchema('release'),
  name: z.string(),
  category: stepCategorySchema,
  type: stepTypeSchema,
  content: z.string(),
  description: z.string().optional(),
  /** Before/after a template or a customer's step of the same category, or an index; default: the end. */
  position: positionInput,
});
export type AddTemplateInput = z.input<typeof addTemplateInput>;

export const updateTemplateInput = z.object({
  releaseId: idSchema('release'),
  templateId: idSchema('template'),
  name: z.string().optional(),
  category: stepCategorySchema.optional(),
  type: stepTypeSchema.optional(),
  content: z.string().optional(),
  description: z.string().optional(),
});
export type UpdateTemplateInput = z.input<typeof updateTemplateInput>;

export const templateRefInput = z.object({
  releaseId: idSchema('release'),
  templateId: idSchema('template'),
});
export type TemplateRefInput = z.input<typeof templateRefInput>;

export const moveTemplateInput = z.object({
  releaseId: idSchema('release'),
  templateId: idSchema('template'),
  /** Before/after another template of the category, or the index in the list without the moved one. */
  position: z.union([
    z.object({ before: idSchema('template') }),
    z.object({ after: idSchema('template') }),
    z.object({ index: z.number().int().min(0) }),
  ]),
});
export type MoveTemplateInput = z.input<typeof moveTemplateInput>;

/** The opening of every command on one template: an editable release and a template it has, not deleted. */
function editableTemplate(
  state: DomainState,
  releaseId: ReleaseId,
  templateId: TemplateId,
): Got<{ release: Release; doc: ReleaseState; t: StepTemplate }> {
  const got = editableRelease(state, releaseId);
  if (!got.ok) return got;
  const t = got.value.doc.templates[templateId];
  if (!t) return refuse('template-not-found', 'templateId');
  if (t.deletedAt !== null) return refuse('template-deleted', 'templateId');
  return { ok: true, value: { ...got.value, t } };
}

/**
 * The ops that add a template at a placement, with its first content revision (ST-09) and its
 * `template-added` event. Shared with addCustomStep's "add to template" (BR-S06).
 */
export function buildAddTemplate(
  doc: ReleaseState,
  release: Release,
  fields: NewTemplateFields,
  placement: Placement,
  ctx: CommandContext,
  detail: Record<string, string> = {},
): { ops: Op[]; templateId: TemplateId; order: string } {
  const now = ctx.now();
  const { plan, ops: rekeyOps } = planKey(doc, placement);
  const templateId = ctx.newId('template');
  const revs = new RevisionWriter(doc, ctx);
  const template: StepTemplate = {
    id: templateId,
    releaseId: release.id,
    ...fields,
    order: plan.order,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    contentRev: revs.write(fields),
  };
  const event = newEvent(ctx, {
    releaseId: release.id,
    kind: 'template-added',
    templateId,
    detail: { name: fields.name, category: fields.category, rev: template.contentRev, ...detail },
  });
  const ops: Op[] = [
    ...rekeyOps,
    ...revs.ops,
    { doc: 'release', releaseId: release.id, op: 'put-template', id: templateId, fields: template },
    { doc: 'release', releaseId: release.id, op: 'append-event', event },
  ];
  return { ops, templateId, order: plan.order };
}

/** FS-001: every participant gets the step at once, and later participants too (ST-01). */
export const addTemplate = defineCommand({
  name: 'addTemplate',
  input: addTemplateInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ templateId: TemplateId; order: string }> {
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    const fields = checkStepFields(i);
    if (!fields.ok) return fields;
    const placement = placeNewTemplate(doc, i.category, i.position);
    if (!placement.ok) return placement;
    const built = buildAddTemplate(doc, release, fields.value, placement.value, ctx);
    return ok({ ops: built.ops }, { templateId: built.templateId, order: built.order });
  },
});

/**
 * FS-002 / FCS-007. Writes the changed fields of the template only. A new category puts the template at
 * the end of that category. A change of name, category, type or content also writes a new revision
 * and points the template at it (ST-09); steps that already ran keep theirs. The value says what the
 * edit reached (the same counts as the preview).
 */
export const updateTemplate = defineCommand({
  name: 'updateTemplate',
  input: updateTemplateInput,
  releaseId: (i) => i.releaseId,
  run(
    state,
    i,
    ctx,
  ): CommandResult<{ templateId: TemplateId; changed: string[]; impact: TemplateEditPreview }> {
    const got = editableTemplate(state, i.releaseId, i.templateId);
    if (!got.ok) return got;
    const { release, doc, t } = got.value;
    const edit = editStepFields(doc, t, i, (category) => placeAmongTemplates(doc, category, undefined, t.id));
    if (!edit.ok) return edit;
    const { changed, ops } = edit.value;
    const fields: Partial<StepTemplate> = edit.value.fields;
    const impact = previewTemplateEdit(state, { releaseId: release.id, templateId: t.id });
    if (changed.length === 0) return ok({ ops: [] }, { templateId: t.id, changed, impact });
    fields.updatedAt = ctx.now();
    const revs = new RevisionWriter(doc, ctx);
    if (changed.some((k) => k !== 'description')) {
      fields.contentRev = revs.write(contentFieldsOf({ ...t, ...fields }));
      ops.push(...revs.ops);
    }
    ops.push({ doc: 'release', releaseId: release.id, op: 'put-template', id: t.id, fields });
    const event = newEvent(ctx, {
      releaseId: release.id,
      kind: 'template-edited',
      templateId: t.id,
      prior: eventsOfSubject(doc.events, t.id),
      detail: {
        fields: changed.join(','),
        rev: fields.contentRev,
        pendingUpdated: String(impact.pendingUpdated),
        overriddenKept: String(impact.overriddenKept),
        executedKept: String(impact.executedKept),
      },
    });
    ops.push({ doc: 'release', releaseId: release.id, op: 'append-event', event });
    return ok({ ops }, { templateId: t.id, changed, impact });
  },
});

/** FS-004: a tombstone. Untouched steps disappear; executed ones stay with their snapshot (ST-03). */
export const deleteTemplate = defineCommand({
  name: 'deleteTemplate',
  input: templateRefInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ templateId: TemplateId; impact: TemplateDeletePreview }> {
    const got = editableTemplate(state, i.releaseId, i.templateId);
    if (!got.ok) return got;
    const { release, doc, t } = got.value;
    const impact = previewTemplateDelete(state, { releaseId: release.id, templateId: t.id });
    const now = ctx.now();
    const event = newEvent(ctx, {
      releaseId: release.id,
      kind: 'template-deleted',
      templateId: t.id,
      prior: eventsOfSubject(doc.events, t.id),
      detail: {
        name: t.name,
        pendingRemoved: String(impact.pendingRemoved),
        executedKept: String(impact.executedKept),
      },
    });
    const ops: Op[] = [
      {
        doc: 'release',
        releaseId: release.id,
        op: 'put-template',
        id: t.id,
        fields: { deletedAt: now, updatedAt: now },
      },
      { doc: 'release', releaseId: release.id, op: 'append-event', event },
    ];
    return ok({ ops }, { templateId: t.id, impact });
  },
});

/** FS-003 (drag and drop): one new key for the moved template; the others keep theirs. */
export const moveTemplate = defineCommand({
  name: 'moveTemplate',
  input: moveTemplateInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ templateId: TemplateId; order: string }> {
    const got = editableTemplate(state, i.releaseId, i.templateId);
    if (!got.ok) return got;
    const { release, doc, t } = got.value;
    const placement = placeAmongTemplates(doc, t.category, i.position, t.id);
    if (!placement.ok) return placement;
    const { plan, ops } = planKey(doc, placement.value);
    ops.push({
      doc: 'release',
      releaseId: release.id,
      op: 'put-template',
      id: t.id,
      fields: { order: plan.order, updatedAt: ctx.now() },
    });
    const event = newEvent(ctx, {
      releaseId: release.id,
      kind: 'templates-reordered',
      templateId: t.id,
      prior: eventsOfSubject(doc.events, t.id),
      detail: { index: String(placement.value.index) },
    });
    ops.push({ doc: 'release', releaseId: release.id, op: 'append-event', event });
    return ok({ ops }, { templateId: t.id, order: plan.order });
  },
});

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
import { idSchema, type TemplateId } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import { contentFieldsOf } from '../revisions.ts';
import type { ReleaseState } from '../state.ts';
import { checkContent, checkName, checkText } from '../validation.ts';
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

function liveTemplate(doc: ReleaseState, id: TemplateId): Got<StepTemplate> {
  const t = doc.templates[id];
  if (!t) return refuse('template-not-found', 'templateId');
  if (t.deletedAt !== null) return refuse('template-deleted', 'templateId');
  return { ok: true, value: t };
}

export interface NewTemplateFields {
  name: string;
  category: StepTemplate['category'];
  type: StepTemplate['type'];
  content: string;
  description: string;
}

/** Check the editable fields of a template or custom step; returns them trimmed. */
export function checkStepFields(i: {
  name: string;
  category: StepTemplate['category'];
  type: StepTemplate['type'];
  content: string;
  description?: string | undefined;
}): Got<NewTemplateFields> {
  const name = checkName(i.name);
  if (!name.ok) return name;
  const content = checkContent(i.content);
  if (!content.ok) return content;
  const description = checkText(i.description?.trim() ?? '', 'description', FIELD_LIMITS.description);
  if (!description.ok) return description;
  return {
    ok: true,
    value: {
      name: name.value,
      category: i.category,
      type: i.type,
      content: content.value,
      description: description.value,
    },
  };
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
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    const live = liveTemplate(doc, i.templateId);
    if (!live.ok) return live;
    const t = live.value;
    const fields: Partial<StepTemplate> = {};
    const ops: Op[] = [];

    if (i.name !== undefined) {
      const name = checkName(i.name);
      if (!name.ok) return name;
      if (name.value !== t.name) fields.name = name.value;
    }
    if (i.content !== undefined) {
      const content = checkContent(i.content);
      if (!content.ok) return content;
      if (content.value !== t.content) fields.content = content.value;
    }
    if (i.description !== undefined) {
      const description = checkText(i.description.trim(), 'description', FIELD_LIMITS.description);
      if (!description.ok) return description;
      if (description.value !== t.description) fields.description = description.value;
    }
    if (i.type !== undefined && i.type !== t.type) fields.type = i.type;
    if (i.category !== undefined && i.category !== t.category) {
      fields.category = i.category;
      const placement = placeAmongTemplates(doc, i.category, undefined, t.id);
      if (!placement.ok) return placement;
      const { plan, ops: rekeyOps } = planKey(doc, placement.value);
      fields.order = plan.order;
      ops.push(...rekeyOps);
    }

    const changed = Object.keys(fields).filter((k) => k !== 'order');
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
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    const live = liveTemplate(doc, i.templateId);
    if (!live.ok) return live;
    const t = live.value;
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
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    const live = liveTemplate(doc, i.templateId);
    if (!live.ok) return live;
    const t = live.value;
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

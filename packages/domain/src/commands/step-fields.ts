/**
 * The editable fields of a step's content, shared by templates and custom steps: the same name, category,
 * type, content and description, checked the same way whether a step is added or edited.
 */
import type { ReleaseOp } from '../change.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import type { StepCategory } from '../enums.ts';
import { FIELD_LIMITS } from '../limits.ts';
import type { ReleaseState } from '../state.ts';
import { checkContent, checkName, checkText } from '../validation.ts';
import type { Got } from './guards.ts';
import { type Placement, planKey } from './placement.ts';

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

/** An edit of a step's fields: each one left out stays as it is. */
export interface StepFieldsEdit {
  name?: string | undefined;
  category?: StepTemplate['category'] | undefined;
  type?: StepTemplate['type'] | undefined;
  content?: string | undefined;
  description?: string | undefined;
}

/**
 * Which fields an edit changes, checked and trimmed: only those that differ from `current`, so an edit
 * writes nothing it does not change (ST-06) and two devices editing different fields both keep theirs
 * (MR-01). A new category also puts the step at the end of it (`order`, with the keys it moves):
 * `placeIn` says where that is, among the templates or in the customer's list.
 */
export function editStepFields(
  doc: ReleaseState,
  current: NewTemplateFields,
  i: StepFieldsEdit,
  placeIn: (category: StepCategory) => Got<Placement>,
): Got<{ fields: Partial<NewTemplateFields> & { order?: string }; changed: string[]; ops: ReleaseOp[] }> {
  const fields: Partial<NewTemplateFields> & { order?: string } = {};
  const ops: ReleaseOp[] = [];
  if (i.name !== undefined) {
    const name = checkName(i.name);
    if (!name.ok) return name;
    if (name.value !== current.name) fields.name = name.value;
  }
  if (i.content !== undefined) {
    const content = checkContent(i.content);
    if (!content.ok) return content;
    if (content.value !== current.content) fields.content = content.value;
  }
  if (i.description !== undefined) {
    const description = checkText(i.description.trim(), 'description', FIELD_LIMITS.description);
    if (!description.ok) return description;
    if (description.value !== current.description) fields.description = description.value;
  }
  if (i.type !== undefined && i.type !== current.type) fields.type = i.type;
  if (i.category !== undefined && i.category !== current.category) {
    fields.category = i.category;
    const placement = placeIn(i.category);
    if (!placement.ok) return placement;
    const { plan, ops: rekeyOps } = planKey(doc, placement.value);
    fields.order = plan.order;
    ops.push(...rekeyOps);
  }
  const changed = Object.keys(fields).filter((k) => k !== 'order');
  return { ok: true, value: { fields, changed, ops } };
}

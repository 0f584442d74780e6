/**
 * Turning "before X / after X / at index N / at the end" into an order key (FS-003, FCS-008, BR-S04,
 * BR-S05 as ID-03). Templates are placed among the templates of their category; a step placed relative
 * to a customer's step is placed in that customer's list (templates and their custom steps together).
 */
import { z } from 'zod';
import type { ReleaseOp } from '../change.ts';
import type { StepCategory } from '../enums.ts';
import type { CustomerId, StepId, TemplateId } from '../ids.ts';
import { indexOfPosition, type KeyPlan, keyAt, type Position, sortOrdered } from '../ordering.ts';
import { findStep } from '../resolve.ts';
import { refuse } from '../result.ts';
import type { ReleaseState } from '../state.ts';
import { customerCategoryList, type PlacedStep } from '../views/customer-steps.ts';
import type { Got } from './guards.ts';

export const positionInput = z
  .union([
    z.object({ before: z.string() }),
    z.object({ after: z.string() }),
    z.object({ index: z.number().int().min(0) }),
  ])
  .optional();
export type PositionInput = z.input<typeof positionInput>;

export interface Placement {
  list: PlacedStep[];
  index: number;
}

/** The non-deleted templates of a category, in order. */
export function templateList(doc: ReleaseState, category: StepCategory, except?: TemplateId): PlacedStep[] {
  const templates = Object.values(doc.templates).filter(
    (t) => t.deletedAt === null && t.category === category && t.id !== except,
  );
  return sortOrdered(templates).map((t) => ({
    id: t.id,
    order: t.order,
    target: { kind: 'template', id: t.id },
  }));
}

function at(list: PlacedStep[], position: Position, field: string): Got<Placement> {
  const index = indexOfPosition(list, position);
  return index === null ? refuse('position-invalid', field) : { ok: true, value: { list, index } };
}

/** Among the templates of `category`; references must be templates of that category. */
export function placeAmongTemplates(
  doc: ReleaseState,
  category: StepCategory,
  position: Position,
  except?: TemplateId,
  field = 'position',
): Got<Placement> {
  return at(templateList(doc, category, except), position, field);
}

/** In one customer's list of `category`; references must be steps of that customer and category. */
export function placeInCustomerList(
  doc: ReleaseState,
  customerId: CustomerId,
  category: StepCategory,
  position: Position,
  field = 'position',
): Got<Placement> {
  return at(customerCategoryList(doc, customerId, category), position, field);
}

/**
 * For a new template: a template reference places it among the templates; a step reference (a customer's
 * template or custom step, from the "add custom step" dialog) places it in that customer's list.
 */
export function placeNewTemplate(
  doc: ReleaseState,
  category: StepCategory,
  position: Position,
  field = 'position',
): Got<Placement> {
  if (position && !('index' in position)) {
    const ref = 'before' in position ? position.before : position.after;
    if (ref.startsWith('step:')) {
      const found = findStep(doc, ref as StepId);
      if (!found || found.step.category !== category) return refuse('position-invalid', field);
      return placeInCustomerList(doc, found.step.customerId, category, position, field);
    }
  }
  return placeAmongTemplates(doc, category, position, undefined, field);
}

/**
 * The key for the placement, and the ops that re-key tied neighbours (see ordering.keyAt). Re-keying
 * changes only `order`: it is not an edit of the neighbour.
 */
export function planKey(doc: ReleaseState, placement: Placement): { plan: KeyPlan; ops: ReleaseOp[] } {
  const plan = keyAt(placement.list, placement.index);
  const byId = new Map(placement.list.map((p) => [p.id, p]));
  const ops: ReleaseOp[] = [];
  for (const r of plan.rekeyed) {
    const placed = byId.get(r.id);
    if (!placed) continue;
    const releaseId = doc.releaseId;
    if (placed.target.kind === 'template') {
      ops.push({
        doc: 'release',
        releaseId,
        op: 'put-template',
        id: placed.target.id,
        fields: { order: r.order },
      });
    } else {
      ops.push({
        doc: 'release',
        releaseId,
        op: 'put-custom-step',
        id: placed.target.id,
        fields: { order: r.order },
      });
    }
  }
  return { plan, ops };
}

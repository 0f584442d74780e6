/**
 * The customer steps of a release, computed from templates × participants plus custom steps and the
 * sparse step states (ST-01). Nothing here writes; every function is O(size of its answer).
 */
import type { CustomStep } from '../entities/custom-step.ts';
import type { CustomerStep } from '../entities/customer-step.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import type { StepCategory } from '../enums.ts';
import { type CustomerId, type ReleaseId, type StepId, templateStepId } from '../ids.ts';
import { compareOrdered, sortOrdered } from '../ordering.ts';
import { findStep, resolveCustomStep, resolveTemplateStep } from '../resolve.ts';
import type { DomainState, ReleaseState } from '../state.ts';

const CATEGORY_RANK: Record<StepCategory, number> = { deploy: 0, verify: 1 };

/** Deploy before verify (BR-S04: each category has its own order), then by (order, id). */
export function compareSteps(a: CustomerStep, b: CustomerStep): number {
  return CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] || compareOrdered(a, b);
}

/** All templates of a release (deleted ones too: their executed steps stay), sorted once. */
function sortedTemplates(doc: ReleaseState): StepTemplate[] {
  return sortOrdered(Object.values(doc.templates));
}

function customStepsByCustomer(doc: ReleaseState): Map<CustomerId, CustomStep[]> {
  const out = new Map<CustomerId, CustomStep[]>();
  for (const c of Object.values(doc.customSteps)) {
    const list = out.get(c.customerId);
    if (list) list.push(c);
    else out.set(c.customerId, [c]);
  }
  return out;
}

function stepsOfCustomer(
  doc: ReleaseState,
  customerId: CustomerId,
  templates: readonly StepTemplate[],
  customs: readonly CustomStep[],
): CustomerStep[] {
  const out: CustomerStep[] = [];
  for (const t of templates) {
    const id = templateStepId(customerId, t.id);
    const step = resolveTemplateStep(customerId, t, doc.stepStates[id], doc.revisions, id);
    if (step) out.push(step);
  }
  for (const c of customs) {
    const step = resolveCustomStep(c, doc.stepStates[c.id], doc.revisions);
    if (step) out.push(step);
  }
  return out.sort(compareSteps);
}

/** FV-004: the steps of one customer in a release, in execution order. Empty when not a participant. */
export function resolveCustomerSteps(
  state: DomainState,
  releaseId: ReleaseId,
  customerId: CustomerId,
): CustomerStep[] {
  const doc = state.releases[releaseId];
  if (!doc?.participants[customerId]) return [];
  const customs = Object.values(doc.customSteps).filter((c) => c.customerId === customerId);
  return stepsOfCustomer(doc, customerId, sortedTemplates(doc), customs);
}

/** One step, or null when it does not exist (not a participant, deleted and never executed, unknown). */
export function resolveStep(state: DomainState, releaseId: ReleaseId, stepId: StepId): CustomerStep | null {
  const doc = state.releases[releaseId];
  return doc ? (findStep(doc, stepId)?.step ?? null) : null;
}

/**
 * Every step of every participant, grouped by customer (customers in id order), each customer's steps in
 * execution order. For the projection into Dexie and for exports; the matrix has a leaner view.
 * Cost: one object per step; templates are sorted once, not per customer.
 */
export function resolveReleaseSteps(state: DomainState, releaseId: ReleaseId): CustomerStep[] {
  const doc = state.releases[releaseId];
  if (!doc) return [];
  const templates = sortedTemplates(doc);
  const customs = customStepsByCustomer(doc);
  const out: CustomerStep[] = [];
  const customerIds = (Object.keys(doc.participants) as CustomerId[]).sort();
  for (const customerId of customerIds) {
    for (const step of stepsOfCustomer(doc, customerId, templates, customs.get(customerId) ?? []))
      out.push(step);
  }
  return out;
}

/** Where a step sits in its customer's list, as seen when choosing "insert before/after" (FCS-008). */
export interface PlacedStep {
  id: string;
  order: string;
  target: { kind: 'template'; id: StepTemplate['id'] } | { kind: 'custom'; id: StepId };
}

/** One customer's visible steps of one category, in order, with what each is stored as. */
export function customerCategoryList(
  doc: ReleaseState,
  customerId: CustomerId,
  category: StepCategory,
): PlacedStep[] {
  const customs = Object.values(doc.customSteps).filter((c) => c.customerId === customerId);
  return stepsOfCustomer(doc, customerId, sortedTemplates(doc), customs)
    .filter((s) => s.category === category)
    .map((s) => ({
      id: s.id,
      order: s.order,
      target: s.templateId ? { kind: 'template', id: s.templateId } : { kind: 'custom', id: s.id },
    }));
}

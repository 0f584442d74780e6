/**
 * How a customer step is computed from what is stored (ST-01..ST-05, ST-09..ST-12). This is the one
 * place that knows the inheritance rules; views and commands both go through it.
 *
 * - A template step of a participant exists by construction; with no state it is pending and shows its
 *   template (ST-01).
 * - Pending: name comes from the override or the template, content from the override or the template.
 *   A template edit therefore reaches it unless it is overridden (BR-R02, BR-S07, BR-S08).
 * - Not pending: the revision it keeps wins (BR-R03): a done step shows the revision it ran, a skipped
 *   or reverted one its snapshot (ST-02, revisions.ts). Documents from before revisions keep copies
 *   instead, still read (ST-11). Missing fields (a merge of a reopen with a status change, a revision
 *   not arrived yet) fall back to the pending rule, so a step never shows nothing.
 * - A deleted template hides its pending steps and keeps the executed ones (ST-03).
 * - A custom step shows its own record; a deleted custom step stays only if it was done (ST-04, MR-02).
 */
import type { CustomStep } from './entities/custom-step.ts';
import type { CustomerStep } from './entities/customer-step.ts';
import type { StepState } from './entities/step-state.ts';
import type { StepTemplate } from './entities/step-template.ts';
import type { StepStatus } from './enums.ts';
import { type CustomerId, parseTemplateStepId, type StepId, templateStepId } from './ids.ts';
import { executedText, frozenFields, overrideOf, type Revisions } from './revisions.ts';
import type { ReleaseState } from './state.ts';

export function statusOf(state: StepState | undefined): StepStatus {
  return state?.status ?? 'pending';
}

export function isOverridden(state: StepState | undefined): boolean {
  return (
    state?.overrideRev !== undefined ||
    state?.overrideContent !== undefined ||
    state?.overrideName !== undefined
  );
}

/** ST-03: a deleted template keeps only the steps that were executed (done, skipped or reverted). */
export function templateStepVisible(template: StepTemplate, status: StepStatus): boolean {
  return template.deletedAt === null || status !== 'pending';
}

/** ST-04: a deleted custom step stays only when done (a delete that met a done elsewhere, MR-02). */
export function customStepVisible(custom: CustomStep, status: StepStatus): boolean {
  return custom.deletedAt === null || status === 'done';
}

function common(state: StepState | undefined, status: StepStatus, revisions: Revisions) {
  return {
    status,
    executedAt: state?.execution?.at ?? state?.executedAt ?? null,
    executedBy: state?.execution?.by ?? state?.executedBy ?? null,
    executedContent: executedText(state, revisions),
    skipReason: status === 'skipped' ? (state?.skipReason ?? null) : null,
    revertReason: status === 'reverted' ? (state?.revertReason ?? null) : null,
    notes: state?.notes ?? null,
    statusAt: state?.statusAt ?? null,
    updatedAt: state?.updatedAt ?? null,
  };
}

/** The step template `template` makes for `customerId`, or null when it is not visible. */
export function resolveTemplateStep(
  customerId: CustomerId,
  template: StepTemplate,
  state: StepState | undefined,
  revisions: Revisions,
  stepId: StepId = templateStepId(customerId, template.id),
): CustomerStep | null {
  const status = statusOf(state);
  if (!templateStepVisible(template, status)) return null;
  const own = overrideOf(state, revisions);
  const frozen = status !== 'pending' ? frozenFields(state, status, revisions) : {};
  return {
    id: stepId,
    releaseId: template.releaseId,
    customerId,
    templateId: template.id,
    name: frozen.name ?? own.name ?? template.name,
    category: frozen.category ?? template.category,
    type: frozen.type ?? template.type,
    content: frozen.content ?? own.content ?? template.content,
    order: template.order,
    ...common(state, status, revisions),
    isCustom: false,
    isOverridden: isOverridden(state),
    templateDeleted: template.deletedAt !== null,
  };
}

export function resolveCustomStep(
  custom: CustomStep,
  state: StepState | undefined,
  revisions: Revisions,
): CustomerStep | null {
  const status = statusOf(state);
  if (!customStepVisible(custom, status)) return null;
  const frozen = status !== 'pending' ? frozenFields(state, status, revisions) : {};
  return {
    id: custom.id,
    releaseId: custom.releaseId,
    customerId: custom.customerId,
    templateId: null,
    name: frozen.name ?? custom.name,
    category: frozen.category ?? custom.category,
    type: frozen.type ?? custom.type,
    content: frozen.content ?? custom.content,
    order: custom.order,
    ...common(state, status, revisions),
    isCustom: true,
    isOverridden: false,
    templateDeleted: false,
  };
}

/** A visible step with the records it was computed from, for commands that change it. */
export type StepRef =
  | { kind: 'template'; step: CustomerStep; template: StepTemplate; state: StepState | undefined }
  | { kind: 'custom'; step: CustomerStep; custom: CustomStep; state: StepState | undefined };

/**
 * Find a visible step of a release. Template steps of customers that do not take part, of unknown
 * templates, and untouched steps of deleted templates are not found (BR rules say they do not exist).
 */
export function findStep(release: ReleaseState, stepId: StepId): StepRef | null {
  const state = release.stepStates[stepId];
  const pair = parseTemplateStepId(stepId);
  if (pair) {
    if (!release.participants[pair.customerId]) return null;
    const template = release.templates[pair.templateId];
    if (!template) return null;
    const step = resolveTemplateStep(pair.customerId, template, state, release.revisions, stepId);
    return step ? { kind: 'template', step, template, state } : null;
  }
  const custom = release.customSteps[stepId];
  if (!custom || !release.participants[custom.customerId]) return null;
  const step = resolveCustomStep(custom, state, release.revisions);
  return step ? { kind: 'custom', step, custom, state } : null;
}

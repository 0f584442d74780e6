/**
 * What a template edit or delete will do to the customer steps, shown BEFORE saving:
 * "updates 12 pending steps; 2 overridden and 5 done or skipped keep their content" (BR-R02, BR-S07,
 * BR-S08). The counts follow from the inheritance rules in resolve.ts; nothing is written.
 */
import type { ReleaseId, TemplateId } from '../ids.ts';
import { templateStepId } from '../ids.ts';
import { isOverridden, statusOf } from '../resolve.ts';
import type { DomainState } from '../state.ts';

export interface TemplateEditPreview {
  /** Pending, not overridden: they show the new template at once. */
  pendingUpdated: number;
  /** Pending and overridden: they keep their own content (BR-S08). */
  overriddenKept: number;
  /** Done, skipped or reverted: they keep the content they had when they left pending (BR-R03). */
  executedKept: number;
}

export interface TemplateDeletePreview {
  /** Pending steps (overridden or not) that disappear with the template. */
  pendingRemoved: number;
  /** Executed steps that stay, with their snapshot. */
  executedKept: number;
}

function forEachParticipantStep(
  state: DomainState,
  releaseId: ReleaseId,
  templateId: TemplateId,
  visit: (pending: boolean, overridden: boolean) => void,
): void {
  const doc = state.releases[releaseId];
  if (!doc) return;
  for (const customerId of Object.keys(doc.participants) as (keyof typeof doc.participants)[]) {
    const s = doc.stepStates[templateStepId(customerId, templateId)];
    visit(statusOf(s) === 'pending', isOverridden(s));
  }
}

export function previewTemplateEdit(
  state: DomainState,
  input: { releaseId: ReleaseId; templateId: TemplateId },
): TemplateEditPreview {
  const out: TemplateEditPreview = { pendingUpdated: 0, overriddenKept: 0, executedKept: 0 };
  forEachParticipantStep(state, input.releaseId, input.templateId, (pending, overridden) => {
    if (!pending) out.executedKept++;
    else if (overridden) out.overriddenKept++;
    else out.pendingUpdated++;
  });
  return out;
}

export function previewTemplateDelete(
  state: DomainState,
  input: { releaseId: ReleaseId; templateId: TemplateId },
): TemplateDeletePreview {
  const out: TemplateDeletePreview = { pendingRemoved: 0, executedKept: 0 };
  forEachParticipantStep(state, input.releaseId, input.templateId, (pending) => {
    if (pending) out.pendingRemoved++;
    else out.executedKept++;
  });
  return out;
}

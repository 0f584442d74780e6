import type { StepCategory, StepStatus, StepType } from '../enums.ts';
import type { CustomerId, ReleaseId, StepId, TemplateId } from '../ids.ts';

/**
 * A customer step as the views and the API see it: its name, category, type, content,
 * status and the rest, resolved from template, custom step and step state. It is computed, never stored.
 */
export interface CustomerStep {
  id: StepId;
  releaseId: ReleaseId;
  customerId: CustomerId;
  templateId: TemplateId | null;
  name: string;
  category: StepCategory;
  type: StepType;
  /** The content this step would run (its own snapshot, its override, or the template's). Raw variables. */
  content: string;
  order: string;
  status: StepStatus;
  executedAt: string | null;
  executedBy: string | null;
  /** The content as executed, variables filled in; set when marked done (BR-R03). */
  executedContent: string | null;
  skipReason: string | null;
  revertReason: string | null;
  notes: string | null;
  isCustom: boolean;
  isOverridden: boolean;
  /** The template was deleted; this step stays because it had been executed. */
  templateDeleted: boolean;
  statusAt: string | null;
  updatedAt: string | null;
}

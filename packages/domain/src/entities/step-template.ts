import { z } from 'zod';
import { stepCategorySchema, stepTypeSchema } from '../enums.ts';
import { idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { timestampSchema } from './common.ts';

export const STEP_CONTENT_MAX = FIELD_LIMITS.stepContent;

/**
 * A common step of a release (FS-001). `order` is a fractional index key (sorted as a
 * string, id as tie-break) instead of an integer order index (ID-03), so devices inserting at one place
 * never collide. Deleting sets `deletedAt`: the steps that were already executed keep pointing here.
 *
 * `contentRev` names the revision holding the template's current name, category, type and content
 * (ST-09): a step marked done refers to it instead of copying them. The fields stay on the template
 * too, so concurrent edits of different fields still both survive (MR-01); a merge can therefore leave
 * `contentRev` behind the fields, which is why commands compare before they reuse it. Optional:
 * documents written before revisions have none.
 */
export const stepTemplateSchema = z.object({
  id: idSchema('template'),
  releaseId: idSchema('release'),
  name: z.string().min(1).max(FIELD_LIMITS.name),
  category: stepCategorySchema,
  type: stepTypeSchema,
  content: z.string().max(STEP_CONTENT_MAX),
  description: z.string().max(FIELD_LIMITS.description),
  order: z.string().min(1),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  deletedAt: timestampSchema.nullable(),
  contentRev: idSchema('rev').optional(),
});
export type StepTemplate = z.infer<typeof stepTemplateSchema>;

import { z } from 'zod';
import { stepCategorySchema, stepTypeSchema } from '../enums.ts';
import { idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { timestampSchema } from './common.ts';
import { STEP_CONTENT_MAX } from './step-template.ts';

/**
 * A step added for one customer only (FCS-003, is_custom). It is ordered in the same key space as the
 * templates of its category, so it can sit between two template steps (FCS-008). `contentRev` as on
 * a template (ST-09).
 */
export const customStepSchema = z.object({
  id: idSchema('step'),
  releaseId: idSchema('release'),
  customerId: idSchema('customer'),
  name: z.string().min(1).max(FIELD_LIMITS.name),
  category: stepCategorySchema,
  type: stepTypeSchema,
  content: z.string().max(STEP_CONTENT_MAX),
  description: z.string().max(FIELD_LIMITS.description),
  order: z.string().min(1),
  createdAt: timestampSchema,
  createdBy: z.string(),
  updatedAt: timestampSchema,
  deletedAt: timestampSchema.nullable(),
  contentRev: idSchema('rev').optional(),
});
export type CustomStep = z.infer<typeof customStepSchema>;

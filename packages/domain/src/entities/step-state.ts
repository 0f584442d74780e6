import { z } from 'zod';
import { stepCategorySchema, stepStatusSchema, stepTypeSchema } from '../enums.ts';
import { timestampSchema } from './common.ts';

/**
 * What a customer step holds of its own. A template step has none of this until something happens to
 * it for that customer (override, status change, note); until then it inherits everything from its
 * template. Every field is optional and merges field by field.
 *
 * When a step leaves `pending` it takes a snapshot of its name, category, type and content, so later
 * template edits pass it by (BR-R02, BR-R03). `executedContent` is the content as it was run for this
 * customer, with its variables filled in.
 */
export const stepStateSchema = z
  .object({
    status: stepStatusSchema,
    statusAt: timestampSchema,
    statusBy: z.string(),
    notes: z.string().max(20_000),
    skipReason: z.string().max(5_000),
    revertReason: z.string().max(5_000),
    overrideContent: z.string(),
    overrideName: z.string(),
    overriddenAt: timestampSchema,
    snapshotName: z.string(),
    snapshotCategory: stepCategorySchema,
    snapshotType: stepTypeSchema,
    snapshotContent: z.string(),
    executedContent: z.string(),
    executedAt: timestampSchema,
    executedBy: z.string(),
    updatedAt: timestampSchema,
  })
  .partial();
export type StepState = z.infer<typeof stepStateSchema>;
export type StepStateField = keyof StepState;
